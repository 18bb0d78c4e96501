import type { ReactNode } from "react";
import Link from "next/link";
import { FieldError } from "@/components/field-error";
import { isoDate } from "@/lib/validation";
import { dayLabel, endOfUtcDay, latestToday, quarterEndsBefore, utcDay } from "@/lib/domain/as-of";

/** How many past quarter ends the select offers (two years). */
const QUARTERS = 8;

/** What the page shows: today (day null), or the end of a past UTC day; `error` is the date field's message. */
export type AsOfChoice = { day: string | null; asOf: Date | undefined; error: string | null };

/**
 * Reads `?asOf=YYYY-MM-DD`. Empty or missing: today. Today (or later, but still today somewhere on Earth): today.
 * A malformed, unreal, pre-1900 or future date: today, with a message for the date field. Never throws.
 */
export function readAsOf(value: string | undefined, now: Date): AsOfChoice {
  const raw = (value ?? "").trim();
  if (!raw) return { day: null, asOf: undefined, error: null };
  const parsed = isoDate("Date")
    .refine((v) => v <= latestToday(now), "Date must be today or earlier.")
    .safeParse(raw);
  if (!parsed.success) return { day: null, asOf: undefined, error: parsed.error.issues[0]?.message ?? "Invalid date." };
  if (parsed.data >= utcDay(now)) return { day: null, asOf: undefined, error: null };
  return { day: parsed.data, asOf: endOfUtcDay(parsed.data), error: null };
}

const control = "mt-1 min-h-11 w-full max-w-full rounded border border-slate-400 bg-white px-2 py-1";
const button =
  "min-h-11 rounded border border-slate-400 bg-white px-3 py-2 font-medium text-slate-900 hover:bg-slate-100";

type FormProps = {
  /** Where the forms send the choice, e.g. "/dashboard" or "/teams/abc". */
  action: string;
  choice: AsOfChoice;
  /** The date field's value when the page was asked for (kept on an error, so the person can correct it). */
  raw: string | undefined;
  now: Date;
  /** Other view parameters to keep, e.g. { view: "confidence" }. */
  keep?: Record<string, string | undefined>;
};

/**
 * The "as of" selector: two plain GET forms side by side, so each sends exactly one date and both work by keyboard
 * and without JavaScript: a select of the last quarter ends (or today), and any date.
 */
export function AsOfForm({ action, choice, raw, now, keep = {} }: FormProps) {
  const quarters = quarterEndsBefore(now, QUARTERS);
  const today = utcDay(now);
  const hidden = Object.entries(keep)
    .filter((e): e is [string, string] => Boolean(e[1]))
    .map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />);
  const quarterValue = choice.day && quarters.includes(choice.day) ? choice.day : "";
  return (
    <section
      aria-labelledby="as-of-h"
      className="rounded border border-slate-200 bg-white p-3"
      data-testid="as-of-selector"
    >
      <h2 id="as-of-h" className="text-base font-semibold">
        Look back in time
      </h2>
      <div className="mt-1 flex flex-wrap items-start gap-x-6 gap-y-3">
        <form method="get" action={action} className="flex min-w-0 flex-wrap items-end gap-2">
          {hidden}
          <div className="min-w-0">
            <label htmlFor="as-of-quarter" className="block text-sm font-medium">
              End of a quarter
            </label>
            <select id="as-of-quarter" name="asOf" defaultValue={quarterValue} className={control}>
              <option value="">Today</option>
              {quarters.map((q) => (
                <option key={q} value={q}>
                  {dayLabel(q)}
                </option>
              ))}
            </select>
          </div>
          <button className={button}>
            Show<span className="sr-only"> the end of this quarter</span>
          </button>
        </form>
        <form method="get" action={action} className="flex min-w-0 flex-wrap items-start gap-2">
          {hidden}
          <div className="min-w-0">
            <label htmlFor="as-of-date" className="block text-sm font-medium">
              Or any date
            </label>
            <input
              id="as-of-date"
              name="asOf"
              type="date"
              min="1900-01-01"
              max={latestToday(now)}
              defaultValue={choice.error ? (raw ?? "") : (choice.day ?? today)}
              aria-invalid={Boolean(choice.error)}
              aria-describedby="as-of-date-error"
              className={control}
            />
            <FieldError id="as-of-date-error" messages={choice.error ? [choice.error] : undefined} />
          </div>
          <button className={`${button} mt-6`}>
            Show<span className="sr-only"> this date</span>
          </button>
        </form>
      </div>
    </section>
  );
}

/**
 * The banner over a page that looks back in time: what is shown, as of which day, the way back, and what stays as it
 * is today. `testId` names it for tests.
 */
export function AsOfBanner({
  what,
  day,
  backHref,
  todayOnly,
  children,
}: {
  /** "your skills", "the team's figures". */
  what: string;
  day: string;
  backHref: string;
  /** The parts of the page that have no history and stay as they are today, in one phrase. */
  todayOnly: string;
  children?: ReactNode;
}) {
  return (
    <div role="status" className="rounded border border-amber-300 bg-amber-50 p-4 text-amber-900" data-testid="as-of">
      <p>
        <strong>
          Showing {what} as of {dayLabel(day)}
        </strong>{" "}
        (the end of that day, UTC) —{" "}
        <Link className="inline-flex min-h-11 items-center font-medium underline" href={backHref}>
          back to today
        </Link>
      </p>
      <p className="text-sm">
        Levels and every figure read from them are rebuilt from the rating history. {todayOnly} are as they are today.
      </p>
      {children}
    </div>
  );
}
