import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getTeamsPage } from "@/lib/data/pages";
import { canCreateTeam } from "@/lib/data/settings";
import { headcount } from "@/lib/domain/team";
import { CreateTeamForm } from "./create-team-form";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const actor = await requireActor("/teams");
  const [teams, canCreate] = await Promise.all([getTeamsPage(actor), canCreateTeam(actor)]);
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">Teams</h1>
      {(actor.isAdmin || teams.some((t) => t.myRole === "manager")) && (
        <p className="text-slate-700" data-testid="reports-link">
          Across {actor.isAdmin ? "the organisation" : "the teams you manage"}:{" "}
          <Link className="inline-flex min-h-11 items-center text-brand-700 underline" href="/reports">
            organisation report
          </Link>{" "}
          (coverage, trends, readiness, single points of failure).
        </p>
      )}
      {teams.length === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700" data-testid="no-teams">
          <p>
            You are not in a team yet.{" "}
            {actor.isAdmin
              ? "Create one below and invite its manager; the manager then invites the members."
              : "A manager invites you by email; you join once you accept the invitation."}
          </p>
          {!actor.isAdmin && (
            <p className="mt-2">
              <Link className="inline-flex min-h-11 items-center text-brand-700 underline" href="/invitations">
                See your invitations
              </Link>
            </p>
          )}
        </div>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2" data-testid="team-list">
          {teams.map((t) => (
            <li key={t.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <Link
                className="inline-flex min-h-11 items-center font-semibold break-words text-brand-700 underline"
                href={`/teams/${t.id}`}
              >
                {t.name}
              </Link>
              <p className="text-sm text-slate-700" data-testid="team-headcount">
                {headcount(t.members, t.managers)}
              </p>
              <p className="text-sm text-slate-700">
                You are {t.myRole === "admin" ? "an administrator (not in this team)" : `a ${t.myRole}`}.
              </p>
              {t.description && <p className="mt-1 text-sm break-words text-slate-700">{t.description}</p>}
            </li>
          ))}
        </ul>
      )}
      {canCreate && <CreateTeamForm appointsManager={actor.isAdmin} />}
    </div>
  );
}
