import Link from "next/link";
import { STALE_AFTER_MONTHS } from "@/lib/domain/confidence";
import { plural } from "@/lib/domain/plural";
import type { Dashboard } from "./dashboard-sections";

/** "8 months ago", "1 month ago". */
function monthsAgo(months: number): string {
  return `${plural(months, "month", "months")} ago`;
}

/**
 * The switch between the numbers as rated and the "confidence" view, where old ratings count for less. It is a plain
 * link (?view=confidence), so it works by keyboard and without JavaScript. When the view is on, the rule is stated
 * in one sentence and every skill it discounted is listed.
 */
export function ConfidenceView({ d, on }: { d: Dashboard; on: boolean }) {
  const c = d.confidence;
  // A past date chosen with the "as of" selector stays chosen when the view is switched.
  const day = d.asOfDay ? `asOf=${d.asOfDay}` : "";
  const withView = `/dashboard?${["view=confidence", day].filter(Boolean).join("&")}`;
  const withoutView = day ? `/dashboard?${day}` : "/dashboard";
  if (!on || !c) {
    if (d.staleCount === 0) return null;
    return (
      <p className="text-sm text-slate-700" data-testid="confidence-off">
        The numbers below take every rating as it stands.{" "}
        <Link className="inline-flex min-h-11 items-center text-brand-700 underline" href={withView}>
          Count old ratings for less
        </Link>
      </p>
    );
  }
  return (
    <section
      aria-labelledby="confidence-h"
      className="rounded border border-slate-200 bg-white p-4"
      data-testid="confidence-view"
    >
      <h2 id="confidence-h" className="text-xl font-semibold">
        Old ratings counted for less
      </h2>
      <p className="mt-1 text-slate-700">
        In your fit, gaps, suggested roles and learning path below, a rating older than {STALE_AFTER_MONTHS} months
        counts one level lower, and one older than {2 * STALE_AFTER_MONTHS} months two levels lower, never below 0.
      </p>
      {c.discounted.length === 0 ? (
        <p className="mt-2">
          None of your ratings is old enough to be discounted, so the numbers are the same as rated.
        </p>
      ) : (
        <>
          {d.fit && d.targetRole && c.fitAsRated !== null && (
            <p className="mt-2" data-testid="confidence-fit">
              Fit to {d.targetRole.title}: <strong>{d.fit.fit}%</strong> counted this way, {c.fitAsRated}% as rated.
            </p>
          )}
          <h3 className="mt-3 font-semibold">{plural(c.discounted.length, "skill", "skills")} counted lower</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="discounted-skills">
            {c.discounted.map((s) => (
              <li key={s.skillId}>
                {s.name} {s.level} → counted as {s.counted} (rated {monthsAgo(s.months)})
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-2">
        <Link className="inline-flex min-h-11 items-center text-brand-700 underline" href={withoutView}>
          Count every rating as rated
        </Link>{" "}
        <span className="text-slate-700">
          or{" "}
          <Link className="text-brand-700 underline" href="/me/skills">
            review your ratings
          </Link>{" "}
          to bring them up to date.
        </span>
      </p>
    </section>
  );
}
