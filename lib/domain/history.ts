/**
 * Rating history: current levels, fit over time, staleness. Days are UTC calendar days.
 */
import type { Role } from "./types";
import { fitForRequirements, normalizeRequirements } from "./fit";
import { DomainError, assertLevel } from "./scale";

export type HistoryEntry = { skill: string; level: number; at: Date | string };
export type FitPoint = { date: string; fit: number };

/** Milliseconds since the epoch of a Date or date string; throws a DomainError if invalid. */
export function toTime(at: Date | string): number {
  const t = at instanceof Date ? at.getTime() : typeof at === "string" ? Date.parse(at) : NaN;
  if (Number.isNaN(t))
    throw new DomainError(`invalid date: ${at instanceof Date ? "Invalid Date" : JSON.stringify(at)}`);
  return t;
}

/** History entries sorted by time; entries at the same instant keep their array order. */
function chronological(history: readonly HistoryEntry[]): { skill: string; level: number; t: number }[] {
  return history
    .map((h, i) => {
      assertLevel(h.level, h.skill, "rating history");
      return { skill: h.skill, level: h.level, t: toTime(h.at), i };
    })
    .sort((a, b) => a.t - b.t || a.i - b.i);
}

/**
 * Fit (0–100) to `role` at the end of each UTC day on which any rating was recorded, ascending;
 * "date" is YYYY-MM-DD. Empty history → []. Skills the role does not need do not change the fit.
 */
export function fitOverTime(history: readonly HistoryEntry[], role: Role): FitPoint[] {
  const reqs = normalizeRequirements(role);
  const levels: Record<string, number> = {};
  const out: FitPoint[] = [];
  const entries = chronological(history);
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    levels[e.skill] = e.level;
    const day = new Date(e.t).toISOString().slice(0, 10);
    const next = entries[k + 1];
    if (next && new Date(next.t).toISOString().slice(0, 10) === day) continue;
    out.push({ date: day, fit: fitForRequirements(levels, reqs) });
  }
  return out;
}

/** `at` minus `months` calendar months (UTC), the day clamped to the month's length. */
export function monthsBefore(at: Date | string, months: number): Date {
  if (!Number.isFinite(months) || months < 0)
    throw new DomainError(`months must be a non-negative number, got ${months}`);
  return new Date(subtractMonths(toTime(at), Math.floor(months)));
}

function subtractMonths(t: number, months: number): number {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(
    y,
    m,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** True when `at` is more than `months` (default 6, ≥ 0) calendar months before `now`. */
export function isStale(at: Date | string, now: Date | string, months = 6): boolean {
  if (!Number.isFinite(months) || months < 0)
    throw new DomainError(`months must be a non-negative number, got ${months}`);
  return toTime(at) < subtractMonths(toTime(now), Math.floor(months));
}
