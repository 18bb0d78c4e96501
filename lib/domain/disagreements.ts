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
