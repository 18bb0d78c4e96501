import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getTeamsPage } from "@/lib/data/pages";
import { CreateTeamForm } from "./create-team-form";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const actor = await requireActor("/teams");
  const teams = await getTeamsPage(actor);
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">Teams</h1>
      {teams.length === 0 ? (
        <p className="text-slate-700">
          You are not in a team yet. A manager can invite you by email; you join once you accept the invitation on the{" "}
          <Link className="underline" href="/invitations">
            Invitations
          </Link>{" "}
          page.
        </p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {teams.map((t) => (
            <li key={t.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <Link className="font-semibold text-brand-700 underline" href={`/teams/${t.id}`}>
                {t.name}
              </Link>
              <p className="text-sm text-slate-700">
                {t.members} people · you are {t.myRole === "admin" ? "an administrator" : `a ${t.myRole}`}
              </p>
              {t.description && <p className="mt-1 text-sm text-slate-700">{t.description}</p>}
            </li>
          ))}
        </ul>
      )}
      {actor.isAdmin && <CreateTeamForm />}
    </div>
  );
}
