/**
 * Self vs manager assessment: where the two ratings disagree.
 */
import type { Levels } from "./types";
import { compareIds, validateLevels } from "./scale";

/** A difference of at least this many levels (0–5 scale) is flagged for discussion. */
export const DISAGREEMENT_FLAG = 2;

export type Disagreement = {
  skill: string;
  /** 0–5 (missing = 0). */
  self: number;
  manager: number;
  /** manager − self, −5…5. */
  diff: number;
  absDiff: number;
  flagged: boolean;
};

export type Disagreements = { items: Disagreement[]; flaggedCount: number };

/**
 * Per skill (`skillIds`, or every skill either side rated): self and manager levels (0–5), diff =
 * manager − self, flagged when |diff| ≥ 2; sorted by |diff| desc then skill id. Throws a
 * DomainError for a level off 0–5.
 */
export function assessmentDisagreements(self: Levels, manager: Levels, skillIds?: readonly string[]): Disagreements {
  validateLevels(self, "self-assessment");
  validateLevels(manager, "manager assessment");
  const ids = [...new Set(skillIds ?? [...Object.keys(self), ...Object.keys(manager)])];
  const items = ids.map((skill): Disagreement => {
    const s = self[skill] ?? 0;
    const m = manager[skill] ?? 0;
    const diff = m - s;
    const absDiff = Math.abs(diff);
    return { skill, self: s, manager: m, diff, absDiff, flagged: absDiff >= DISAGREEMENT_FLAG };
  });
  items.sort((a, b) => b.absDiff - a.absDiff || compareIds(a.skill, b.skill));
  return { items, flaggedCount: items.filter((d) => d.flagged).length };
}

export type DiscussionLine = { skillId: string; selfLevel: number | null; managerLevel: number | null };
export type DiscussionItem<T> = T & {
  /** manager − self (−5…5), or null while either side is missing. */
  diff: number | null;
  flagged: boolean;
};

/**
 * The discussion's order: flagged disagreements first (|manager − self| ≥ DISAGREEMENT_FLAG), largest difference first,
 * ties in the given order; then every other line in the given order (the taxonomy's). A line missing either level is
 * never flagged. Levels 0–5.
 */
export function discussionOrder<T extends DiscussionLine>(
  lines: readonly T[],
): { flagged: DiscussionItem<T>[]; others: DiscussionItem<T>[] } {
  const items = lines.map((l): DiscussionItem<T> => {
    const diff = l.selfLevel !== null && l.managerLevel !== null ? l.managerLevel - l.selfLevel : null;
    return { ...l, diff, flagged: diff !== null && Math.abs(diff) >= DISAGREEMENT_FLAG };
  });
  const flagged = items.filter((i) => i.flagged);
  // Array.prototype.sort is stable: equal differences keep the given order.
  flagged.sort((a, b) => Math.abs(b.diff!) - Math.abs(a.diff!));
  return { flagged, others: items.filter((i) => !i.flagged) };
}
