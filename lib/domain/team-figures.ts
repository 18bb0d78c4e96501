/**
 * The team audit's figures in one pass over dense level columns: the same rows, in the same order, as teamCoverage,
 * teamBusFactor, teamGap, levelDistribution and (for a plain member) suppressSmallGroups called one after another on
 * the same members — tests/unit/team-figures.test.ts checks that on random teams. At 2,000 members × 150 skills the
 * record-based functions validate every level four times and look up 1.2 million record keys; here each member's
 * levels are validated and turned into an Int8Array once per levels object (a caller that hands over the same,
 * unchanged objects on the next call — the data layer's level cache — reuses them) and every figure scans one column.
 */
import type { Importance, Levels } from "./types";
import { DomainError, assertLevel, compareIds, validateLevels } from "./scale";
import {
  BUS_FACTOR_LEVEL,
  assertCount,
  type BusFactorRisk,
  type CategoryDistribution,
  type HiddenRows,
  type SkillCoverage,
  type TeamAggregates,
  type TeamGapRow,
  type TeamMember,
} from "./team";

export type TeamFiguresOptions = {
  /** Members in display order; ids unique (as team memberships are). Levels objects are treated as immutable. */
  members: readonly TeamMember[];
  /** Every skill, in display order (coverage and distribution rows follow it); treated as immutable. */
  skillIds: readonly string[];
  categoryOf: Readonly<Record<string, string>> | ((skillId: string) => string | undefined);
  /** Coverage counts members at or above this level (0–5). */
  coverageLevel: number;
  /** The team's target profile (teamTargetProfile); empty = no target. */
  target: readonly { skill: string; level: number; needed: number; importance?: Importance }[];
  /** A plain member looking: holders left out, rows backed by fewer than `min` colleagues dropped. Null otherwise. */
  viewer: { id: string; min: number } | null;
};

/** Not rated (a missing level counts as 0 in the figures, and as "not rated" for the privacy threshold). */
const NONE = -1;

type SkillIndex = { ids: readonly string[]; index: Map<string, number> };
type Vector = { levels: Int8Array; extra: [string, number][] | null };
const indexes = new WeakMap<readonly string[], SkillIndex>();
const vectors = new WeakMap<SkillIndex, WeakMap<Levels, Vector>>();

function indexOf(skillIds: readonly string[]): SkillIndex {
  let ix = indexes.get(skillIds);
  if (!ix) {
    const index = new Map<string, number>();
    skillIds.forEach((id, i) => index.has(id) || index.set(id, i));
    indexes.set(skillIds, (ix = { ids: skillIds, index }));
  }
  return ix;
}

/** A member's levels in `ix` order (NONE where not rated); levels of skills outside it kept aside. Validates. */
function vectorOf(m: TeamMember, ix: SkillIndex): Vector {
  let byLevels = vectors.get(ix);
  if (!byLevels) vectors.set(ix, (byLevels = new WeakMap()));
  let v = byLevels.get(m.levels);
  if (!v) {
    validateLevels(m.levels, `member "${m.id}"`);
    v = { levels: new Int8Array(ix.ids.length).fill(NONE), extra: null };
    for (const skill of Object.keys(m.levels)) {
      const i = ix.index.get(skill);
      if (i !== undefined) v.levels[i] = m.levels[skill]!;
      else (v.extra ??= []).push([skill, m.levels[skill]!]);
    }
    byLevels.set(m.levels, v);
  }
  return v;
}

/** The members' levels by skill: one Int8Array column (one entry per member, NONE = not rated) per skill id. */
function levelColumns(members: readonly TeamMember[], skillIds: readonly string[]) {
  const ix = indexOf(skillIds);
  const n = members.length;
  const width = ix.ids.length;
  const grid = new Int8Array(width * n);
  const extra = new Map<string, Int8Array>();
  members.forEach((m, j) => {
    const v = vectorOf(m, ix);
    const levels = v.levels;
    for (let s = 0, at = j; s < width; s++, at += n) grid[at] = levels[s]!;
    for (const [skill, level] of v.extra ?? []) {
      let col = extra.get(skill);
      if (!col) extra.set(skill, (col = new Int8Array(n).fill(NONE)));
      col[j] = level;
    }
  });
  const empty = new Int8Array(n).fill(NONE);
  const column = (skill: string): Int8Array => {
    const s = ix.index.get(skill);
    return s !== undefined ? grid.subarray(s * n, s * n + n) : (extra.get(skill) ?? empty);
  };
  // Every skill someone rated, once (first index of a repeated id; extras after).
  const rated = [...[...ix.index.keys()], ...extra.keys()];
  return { column, rated };
}

/** Members holding `skill` at `level` or above (0–5); a missing level counts as 0. */
function holdersAt(col: Int8Array, ids: readonly string[], level: number, limit = Infinity): string[] {
  const holders: string[] = [];
  for (let j = 0; j < col.length && holders.length < limit; j++)
    if (col[j]! >= level || level <= 0) holders.push(ids[j]!);
  return holders;
}

/**
 * Coverage (at `coverageLevel`), bus factor, gap against the target and level distribution per category, as the team
 * audit shows them; for a plain member (`viewer`) without holder ids and without the rows too few colleagues back,
 * with how many were hidden (`hidden`, null for managers). Levels 0–5; throws a DomainError where the record-based
 * functions would.
 */
export function teamFigures(o: TeamFiguresOptions): { aggregates: TeamAggregates; hidden: HiddenRows | null } {
  assertLevel(o.coverageLevel, "(coverage threshold)");
  const ids = o.members.map((m) => m.id);
  const n = ids.length;
  const { column, rated } = levelColumns(o.members, o.skillIds);
  const hideHolders = o.viewer !== null;

  const coverage: SkillCoverage[] = o.skillIds.map((skill) => {
    const holders = holdersAt(column(skill), ids, o.coverageLevel);
    return { skill, count: holders.length, holders: hideHolders ? [] : holders, total: n };
  });

  // teamBusFactor: target skills needed above 0 at their level, or every skill at BUS_FACTOR_LEVEL (single only).
  const needed =
    o.target.length === 0
      ? o.skillIds.map((skill) => ({ skill, level: BUS_FACTOR_LEVEL }))
      : o.target.filter((t) => t.level > 0);
  const busFactor: BusFactorRisk[] = [];
  const seen = new Set<string>();
  for (const { skill, level } of needed) {
    if (seen.has(skill)) continue;
    seen.add(skill);
    assertLevel(level, skill, "needed level");
    const holders = holdersAt(column(skill), ids, level, 2);
    if (holders.length > 1 || (o.target.length === 0 && holders.length === 0)) continue;
    busFactor.push({
      skill,
      level,
      holders: hideHolders ? [] : holders,
      risk: holders.length === 0 ? "none" : "single",
    });
  }
  // Sorted on the real holder counts (0 or 1), which hidden holders no longer show.
  busFactor.sort((a, b) => Number(a.risk === "single") - Number(b.risk === "single") || compareIds(a.skill, b.skill));

  const gap: TeamGapRow[] = o.target.map((t) => {
    assertLevel(t.level, t.skill, "team target");
    assertCount(t.needed, `people needed for skill "${t.skill}"`);
    const col = column(t.skill);
    let have = 0;
    let best = 0;
    for (let j = 0; j < n; j++) {
      const v = col[j]! < 0 ? 0 : col[j]!;
      if (v >= t.level) have++;
      if (v > best) best = v;
    }
    const row = { skill: t.skill, required: t.level, importance: t.importance ?? "core", needed: t.needed, have };
    return { ...row, shortfall: Math.max(0, t.needed - have), best };
  });
  gap.sort((a, b) => b.shortfall - a.shortfall || compareIds(a.skill, b.skill));

  const lookup =
    typeof o.categoryOf === "function" ? o.categoryOf : (id: string) => (o.categoryOf as Record<string, string>)[id];
  const byCategory = new Map<string, CategoryDistribution>();
  for (const skill of o.skillIds) {
    const category = lookup(skill) ?? "uncategorised";
    let d = byCategory.get(category);
    if (!d) byCategory.set(category, (d = { category, counts: [0, 0, 0, 0, 0, 0], total: 0 }));
    const col = column(skill);
    const counts = d.counts;
    for (let j = 0; j < n; j++) counts[col[j]! < 0 ? 0 : col[j]!]!++;
    d.total += n;
  }
  const distribution = [...byCategory.values()];

  const all = { coverage, busFactor, gap, distribution };
  if (!o.viewer) return { aggregates: all, hidden: null };
  return suppressed(all, o.viewer, { ids, column, rated, lookup });
}

/** suppressSmallGroups on columns: raters of a skill, or of any skill of a category, other than the viewer. */
function suppressed(
  all: TeamAggregates,
  viewer: { id: string; min: number },
  g: {
    ids: readonly string[];
    column: (skill: string) => Int8Array;
    rated: readonly string[];
    lookup: (skill: string) => string | undefined;
  },
): { aggregates: TeamAggregates; hidden: HiddenRows } {
  if (!Number.isInteger(viewer.min) || viewer.min < 1)
    throw new DomainError(`minimum group size must be a positive integer, got ${String(viewer.min)}`);
  const me = g.ids.indexOf(viewer.id);
  const n = g.ids.length;
  const raters = new Map<string, number>();
  const skillRaters = (skill: string) => {
    let count = raters.get(skill);
    if (count === undefined) {
      const col = g.column(skill);
      count = 0;
      for (let j = 0; j < n; j++) if (col[j]! >= 0 && j !== me) count++;
      raters.set(skill, count);
    }
    return count;
  };
  // Per category, which members (not the viewer) rated at least one of its skills.
  const marks = new Map<string, Uint8Array>();
  for (const skill of g.rated) {
    const category = g.lookup(skill) ?? "uncategorised";
    let mark = marks.get(category);
    if (!mark) marks.set(category, (mark = new Uint8Array(n)));
    const col = g.column(skill);
    for (let j = 0; j < n; j++) if (col[j]! >= 0) mark[j] = 1;
  }
  const categoryRaters = (category: string) => {
    const mark = marks.get(category);
    if (!mark) return 0;
    let count = 0;
    for (let j = 0; j < n; j++) if (mark[j] && j !== me) count++;
    return count;
  };
  const enough = (count: number) => count >= viewer.min;
  const coverage = all.coverage.filter((r) => enough(skillRaters(r.skill)));
  const busFactor = all.busFactor.filter((r) => enough(skillRaters(r.skill)));
  const gap = all.gap.filter((r) => enough(skillRaters(r.skill)));
  const distribution = all.distribution.filter((r) => enough(categoryRaters(r.category)));
  const hidden = {
    coverage: all.coverage.length - coverage.length,
    busFactor: all.busFactor.length - busFactor.length,
    gap: all.gap.length - gap.length,
    distribution: all.distribution.length - distribution.length,
  };
  return {
    aggregates: { coverage, busFactor, gap, distribution },
    hidden: { ...hidden, total: hidden.coverage + hidden.busFactor + hidden.gap + hidden.distribution },
  };
}
