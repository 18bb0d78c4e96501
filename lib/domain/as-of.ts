/**
 * Time travel: levels as they stood at a moment, rebuilt from the append-only rating history, and the dates the
 * "as of" selector offers. Days are UTC calendar days, as in history.ts.
 */
import { toTime, type HistoryEntry } from "./history";
import { assertLevel, DomainError } from "./scale";

/** Levels (0–5) per skill id at a moment, and when each of them was recorded. */
export type LevelsAsOf = { levels: Record<string, number>; ratedAt: Record<string, Date> };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The level of each skill at `asOf` (inclusive): the latest entry recorded at or before it. Entries at the same
 * instant: the later one in the array wins, so pass the history in (createdAt, id) order. Skills first rated after
 * `asOf` are absent. The input need not be sorted otherwise; one pass, O(entries).
 */
export function levelsAsOf(history: readonly HistoryEntry[], asOf: Date): LevelsAsOf {
  const cutoff = toTime(asOf);
  const best = new Map<string, { level: number; t: number }>();
  for (const h of history) {
    assertLevel(h.level, h.skill, "rating history");
    const t = toTime(h.at);
    if (t > cutoff) continue;
    const seen = best.get(h.skill);
    if (!seen || t >= seen.t) best.set(h.skill, { level: h.level, t });
  }
  const levels: Record<string, number> = {};
  const ratedAt: Record<string, Date> = {};
  for (const [skill, { level, t }] of best) {
    levels[skill] = level;
    ratedAt[skill] = new Date(t);
  }
  return { levels, ratedAt };
}

/** The entries recorded at or before `asOf`, in their original order (for the fit-over-time line up to that day). */
export function historyUpTo<T extends HistoryEntry>(history: readonly T[], asOf: Date): T[] {
  const cutoff = toTime(asOf);
  return history.filter((h) => toTime(h.at) <= cutoff);
}

/** Day, month and year of a YYYY-MM-DD string, or null unless it is a real calendar date. */
function parts(day: string): [number, number, number] | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? [y, mo, d] : null;
}

/** The last millisecond of a UTC day given as YYYY-MM-DD: ratings recorded that day count, the next day's do not. */
export function endOfUtcDay(day: string): Date {
  const p = parts(day);
  if (!p) throw new DomainError(`not a calendar day: ${JSON.stringify(day)}`);
  const date = new Date(0);
  date.setUTCFullYear(p[0], p[1] - 1, p[2] + 1);
  return new Date(date.getTime() - 1);
}

/** The UTC calendar day of a moment, YYYY-MM-DD. */
export function utcDay(at: Date | string): string {
  return new Date(toTime(at)).toISOString().slice(0, 10);
}

/**
 * The latest day that is already "today" somewhere on Earth (UTC+14): the latest date the selector accepts, so a
 * person east of Greenwich choosing their own today is not told it lies in the future.
 */
export function latestToday(now: Date): string {
  return utcDay(new Date(toTime(now) + 14 * 3_600_000));
}

/** The last `count` (≥ 0) quarter ends (31 Mar, 30 Jun, 30 Sep, 31 Dec) strictly before `now`'s UTC day, newest first. */
export function quarterEndsBefore(now: Date, count = 8): string[] {
  if (!Number.isInteger(count) || count < 0) throw new DomainError(`count must be a whole number ≥ 0, got ${count}`);
  const today = utcDay(now);
  const out: string[] = [];
  const d = new Date(toTime(now));
  // The last day of the quarter that contains `now`, then one quarter back at a time.
  let y = d.getUTCFullYear();
  let q = Math.floor(d.getUTCMonth() / 3); // 0–3
  while (out.length < count) {
    const end = new Date(0);
    end.setUTCFullYear(y, q * 3 + 3, 0);
    const day = end.toISOString().slice(0, 10);
    if (day < today) out.push(day);
    q -= 1;
    if (q < 0) {
      q = 3;
      y -= 1;
    }
    if (y < 1900) break;
  }
  return out;
}

/** "2026-03-31" → "31 Mar 2026"; anything that is not a calendar day is returned unchanged. */
export function dayLabel(day: string): string {
  const p = parts(day);
  return p ? `${p[2]} ${MONTHS[p[1] - 1]} ${p[0]}` : day;
}
