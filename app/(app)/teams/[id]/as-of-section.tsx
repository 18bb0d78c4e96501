import type { TeamAudit } from "@/lib/data/team-audit";
import { dayLabel } from "@/lib/domain/as-of";
import { AsOfBanner, AsOfForm, type AsOfChoice } from "../../dashboard/as-of-form";

/** The heat map's view parameters, kept when another date is chosen. */
const KEEP = ["category", "gaps", "q", "sort", "cols"] as const;

/**
 * The team page's "as of" selector, and when a past day is shown, the banner saying so. The figures follow the same
 * privacy rules as today's (plain members: aggregates only, above the threshold).
 */
export function TeamAsOf({
  audit,
  choice,
  raw,
  now,
  params,
}: {
  audit: TeamAudit;
  choice: AsOfChoice;
  raw: string | undefined;
  now: Date;
  params: Record<string, string | undefined>;
}) {
  // Nothing to look back at when the viewer sees no team figures at all (a plain member below the threshold).
  if (!audit.aggregates && !choice.error) return null;
  const action = `/teams/${audit.team.id}`;
  const day = audit.asOf ? choice.day : null;
  return (
    <div className="space-y-3">
      <AsOfForm
        action={action}
        choice={choice}
        raw={raw}
        now={now}
        keep={Object.fromEntries(KEEP.map((k) => [k, params[k]]))}
      />
      {day && (
        <AsOfBanner
          what={audit.canSeeCells ? "the team's levels and figures" : "the team's figures"}
          day={day}
          backHref={action}
          todayOnly={`Membership (today's ${audit.memberCount === 1 ? "member" : "members"}), the target profile, invitations, the change log and the CSV export`}
        >
          {audit.canSeeCells && (
            <p className="mt-1 text-sm">
              Evidence marks: confirmed and certified as of then; endorsements count only those still standing today.
            </p>
          )}
          {audit.aggregates && audit.ratedCount === 0 && (
            <p className="mt-2 font-medium" data-testid="as-of-empty">
              Not rated yet: no member had rated a skill by the end of {dayLabel(day)}.
            </p>
          )}
        </AsOfBanner>
      )}
    </div>
  );
}
