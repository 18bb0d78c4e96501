import type { TeamRole } from "@/lib/domain/types";

/** What joining a team means for the person invited, in their words (shown before they accept). */
export function InvitationTerms({ role }: { role: TeamRole }) {
  return (
    <p className="text-sm text-slate-700">
      {role === "manager"
        ? "As a manager you will see every member's skill ratings, goals and history, and run their reviews. The team's other managers will see your ratings too."
        : "If you join, the team's managers will see your skill ratings, goals and history, and can start reviews with you. Other members never see your individual ratings."}{" "}
      Nothing changes until you accept.
    </p>
  );
}

/** A calendar day (UTC), as the invitation mail states it. */
export function invitationDay(d: Date | null): string {
  return d ? d.toISOString().slice(0, 10) : "";
}
