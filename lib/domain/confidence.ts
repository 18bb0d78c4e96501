/**
 * The "confidence" view of gap and fit numbers: ratings nobody has revisited for a long time count for less.
 * Rule (shown to people on the dashboard): a rating counts one level lower once it is older than 6 months, and two
 * levels lower once older than 12 months, never below 0. Fresh ratings count as they are. Pure.
 */
import type { Levels } from "./types";

export const STALE_AFTER_MONTHS = 6;

/** Levels to subtract for a rating last updated at `updatedAt`: 0, 1 (over 6 months) or 2 (over 12 months). */
export function stalenessPenalty(updatedAt: Date, now: Date): number {
  const months = monthsBetween(updatedAt, now);
  if (months >= 2 * STALE_AFTER_MONTHS) return 2;
  if (months >= STALE_AFTER_MONTHS) return 1;
  return 0;
}

/** Whole calendar months from `from` to `to` (a day-of-month not yet reached does not count). */
export function monthsBetween(from: Date, to: Date): number {
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  if (to.getUTCDate() < from.getUTCDate()) months -= 1;
  return Math.max(0, months);
}

/** Levels with the staleness penalty applied; skills without a date keep their level. */
export function discountStale(levels: Levels, updatedAt: Readonly<Record<string, Date>>, now: Date): Levels {
  const out: Record<string, number> = {};
  for (const [skill, level] of Object.entries(levels)) {
    const at = updatedAt[skill];
    out[skill] = at ? Math.max(0, level - stalenessPenalty(at, now)) : level;
  }
  return out;
}

/** Which skills the discount changed, with both levels, for the explanation beside the numbers. */
export function discountedSkills(
  levels: Levels,
  updatedAt: Readonly<Record<string, Date>>,
  now: Date,
): { skillId: string; level: number; counted: number }[] {
  const counted = discountStale(levels, updatedAt, now);
  return Object.keys(levels)
    .filter((s) => counted[s] !== levels[s])
    .map((s) => ({ skillId: s, level: levels[s]!, counted: counted[s]! }));
}
