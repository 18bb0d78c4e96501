import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getCycles, getLaunchableTeams } from "@/lib/data/cycles";
import { plural } from "@/lib/domain/plural";
import { isoDay } from "@/lib/validation";
import { LaunchForm } from "./launch-form";
import { ProgressBar } from "./progress-bar";

export const metadata: Metadata = { title: "Review cycles" };

const inDays = (now: Date, days: number) => isoDay(new Date(now.getTime() + days * 86_400_000));

export default async function CyclesPage() {
  const actor = await requireActor("/cycles");
  const now = new Date();
  const [cycles, teams] = await Promise.all([getCycles(actor, now), getLaunchableTeams(actor)]);
  const canLaunch = teams.length > 0;
  return (
    <div className="min-w-0 space-y-8">
      <h1 className="text-3xl font-bold">Review cycles</h1>
      {cycles.length === 0 ? (
        <p className="text-slate-700" data-testid="cycles-empty">
          {canLaunch
            ? "No review cycles yet. Launch one below: everyone in the chosen teams gets a review at once."
            : "Review cycles are launched by managers and administrators; your own reviews are on the Reviews page."}
        </p>
      ) : (
        <section aria-labelledby="cycles-h" className="space-y-3">
          <h2 id="cycles-h" className="text-xl font-semibold">
            Cycles ({cycles.length})
          </h2>
          <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white">
            {cycles.map((c) => (
              <li key={c.id} className="min-w-0 space-y-2 p-3" data-testid="cycle-row">
                <Link
                  href={`/cycles/${c.id}`}
                  className="inline-flex min-h-11 items-center font-medium break-words text-brand-700 underline"
                >
                  {c.name}
                </Link>
                {c.closedAt && (
                  <strong className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-slate-800">closed</strong>
                )}
                <p className="text-sm break-words text-slate-700">
                  Period {isoDay(c.periodStart)} to {isoDay(c.periodEnd)} · self-assessments due{" "}
                  {isoDay(c.selfDeadline)} · manager assessments due {isoDay(c.managerDeadline)}
                  {c.allTeams ? " · every team" : ` · ${plural(c.teams.length, "team", "teams")}`}
                </p>
                <ProgressBar done={c.done} total={c.total} label={plural(c.total, "review", "reviews")} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {canLaunch && (
        <section aria-labelledby="launch-h" className="space-y-3">
          <h2 id="launch-h" className="text-xl font-semibold">
            Launch a cycle
          </h2>
          <p className="text-sm text-slate-700">
            Everyone with the member role in the chosen teams gets a review; people who already have one in progress are
            skipped and listed.
          </p>
          <LaunchForm
            teams={teams}
            canChooseAll={actor.isAdmin}
            defaults={{
              periodStart: inDays(now, -182),
              periodEnd: isoDay(now),
              selfDeadline: inDays(now, 14),
              managerDeadline: inDays(now, 28),
            }}
          />
        </section>
      )}
    </div>
  );
}
