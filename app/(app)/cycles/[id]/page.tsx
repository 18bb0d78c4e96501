import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getCycleDashboard } from "@/lib/data/cycles";
import { orNotFound } from "@/lib/page";
import { CYCLE_STATUS_LABELS, CYCLE_STATUSES } from "@/lib/domain/cycles";
import { plural } from "@/lib/domain/plural";
import { isoDay } from "@/lib/validation";
import { ProgressBar } from "../progress-bar";
import { CloseCycleButton } from "./close-cycle-button";

export const metadata: Metadata = { title: "Review cycle" };

type Props = { params: Promise<{ id: string }> };

const th = "p-2 text-left align-bottom font-medium";
const td = "p-2 align-top";
const frame = "max-w-full overflow-x-auto rounded border border-slate-200 bg-white";

export default async function CyclePage({ params }: Props) {
  const { id } = await params;
  const actor = await requireActor(`/cycles/${id}`);
  const { cycle, rows, teams, agreement } = await orNotFound(getCycleDashboard(actor, id));
  const unfinished = rows.filter((r) => r.status !== "completed" && r.status !== "acknowledged").length;
  const overdue = rows.filter((r) => r.overdue).length;
  return (
    <div className="min-w-0 space-y-8">
      <header className="space-y-2">
        <p className="text-sm text-slate-600">
          <Link href="/cycles" className="inline-flex min-h-11 items-center underline">
            Review cycles
          </Link>
        </p>
        <h1 className="text-3xl font-bold break-words">{cycle.name}</h1>
        <p className="text-sm break-words text-slate-700">
          Period {isoDay(cycle.periodStart)} to {isoDay(cycle.periodEnd)} · self-assessments due{" "}
          {isoDay(cycle.selfDeadline)} · manager assessments due {isoDay(cycle.managerDeadline)}
          {cycle.closedAt ? ` · closed ${isoDay(cycle.closedAt)}` : ""}
        </p>
        <p>
          <a
            href={`/api/cycles/${cycle.id}`}
            download
            className="inline-flex min-h-11 items-center font-medium text-brand-700 underline"
          >
            Download CSV
          </a>
        </p>
      </header>

      <section aria-labelledby="progress-h" className="space-y-3">
        <h2 id="progress-h" className="text-xl font-semibold">
          Progress
        </h2>
        <p className="text-sm text-slate-700">
          {plural(rows.length, "review", "reviews")}, {overdue} overdue.{" "}
          {agreement
            ? `Serious disconnects (self and manager 2 or more levels apart): ${agreement.disconnects} of ${plural(agreement.lines, "skill", "skills")} compared (${Math.round(agreement.share * 100)}%).`
            : "No skills to compare between self and manager yet."}
        </p>
        {teams.length > 0 && (
          <>
            <ul className="grid gap-3 sm:grid-cols-2">
              {teams.map((t) => (
                <li key={t.teamId}>
                  <ProgressBar done={t.done} total={t.total} label={t.teamName} />
                </li>
              ))}
            </ul>
            <div role="region" aria-label="Progress per team (table, scrolls sideways)" tabIndex={0} className={frame}>
              <table className="w-full text-sm" data-testid="cycle-progress-table">
                <caption className="sr-only">Reviews per team and status</caption>
                <thead>
                  <tr className="border-b border-slate-200">
                    <th scope="col" className={th}>
                      Team
                    </th>
                    {CYCLE_STATUSES.map((s) => (
                      <th key={s} scope="col" className={th}>
                        {CYCLE_STATUS_LABELS[s]}
                      </th>
                    ))}
                    <th scope="col" className={th}>
                      Done
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {teams.map((t) => (
                    <tr key={t.teamId} className="border-b border-slate-100">
                      <th scope="row" className={`${td} text-left font-normal`}>
                        {t.teamName}
                      </th>
                      {CYCLE_STATUSES.map((s) => (
                        <td key={s} className={td}>
                          {t.counts[s]}
                        </td>
                      ))}
                      <td className={`${td} whitespace-nowrap`}>
                        {t.done} of {t.total} ({t.percentDone}%)
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="people-h" className="space-y-3">
        <h2 id="people-h" className="text-xl font-semibold">
          People
        </h2>
        {rows.length === 0 ? (
          <p className="text-slate-700">No reviews in this cycle that you can see.</p>
        ) : (
          <div
            role="region"
            aria-label="Reviews in this cycle (table, scrolls sideways)"
            tabIndex={0}
            className={frame}
          >
            <table className="w-full text-sm" data-testid="cycle-rows">
              <caption className="sr-only">Reviews in this cycle, overdue first</caption>
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className={th}>
                    Person
                  </th>
                  <th scope="col" className={th}>
                    Team
                  </th>
                  <th scope="col" className={th}>
                    Manager
                  </th>
                  <th scope="col" className={th}>
                    State
                  </th>
                  <th scope="col" className={th}>
                    Self deadline
                  </th>
                  <th scope="col" className={th}>
                    Manager deadline
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.reviewId} className="border-b border-slate-100" data-testid="cycle-review-row">
                    <th scope="row" className={`${td} text-left font-normal`}>
                      <Link
                        href={`/reviews/${r.reviewId}`}
                        className="inline-flex min-h-11 items-center text-brand-700 underline"
                      >
                        {r.name}
                      </Link>
                    </th>
                    <td className={td}>{r.teamName}</td>
                    <td className={td}>{r.managerName}</td>
                    <td className={td}>
                      {r.statusLabel}
                      {r.overdue && (
                        <strong className="ml-2 rounded bg-red-100 px-1.5 py-0.5 whitespace-nowrap text-red-900">
                          overdue
                        </strong>
                      )}
                      {r.unfinishedAtClose && (
                        <strong className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 whitespace-nowrap text-amber-900">
                          unfinished at close
                        </strong>
                      )}
                    </td>
                    <td className={`${td} whitespace-nowrap`}>{isoDay(r.selfDeadline)}</td>
                    <td className={`${td} whitespace-nowrap`}>{isoDay(r.managerDeadline)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {cycle.canClose && !cycle.closedAt && (
        <section aria-labelledby="close-h" className="space-y-3">
          <h2 id="close-h" className="text-xl font-semibold">
            Close the cycle
          </h2>
          <CloseCycleButton cycleId={cycle.id} unfinished={unfinished} />
        </section>
      )}
    </div>
  );
}
