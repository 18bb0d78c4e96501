/**
 * The organisation report: coverage against demand, team comparison, readiness for roles, single points of failure
 * and trends from the rating history. Plain data in, chart-ready plain data out.
 *
 * Demand is implied by people's current roles: per skill, the highest level any of those roles requires, needed by
 * as many people as hold a role requiring it (deriveTeamTarget). Coverage = Σ min(have, needed) ÷ Σ needed, 0–100.
 * Privacy: a figure is shown only when at least `min` people rated a skill it covers; otherwise it is null and the
 * row says `suppressed`.
 */
import type { Levels, Taxonomy } from "./types";
import { compareIds } from "./scale";
import { readinessOf, type Readiness } from "./fit";
import { computeFitScore, getCompiled, type CompiledTaxonomy } from "./engine/compile";
import { BUS_FACTOR_LEVEL, deriveTeamTarget, type TeamTargetSkill } from "./team";

export type OrgPerson = { id: string; name: string; roleId: string | null; teamIds: string[]; levels: Levels };
export type OrgTeam = { id: string; name: string };

export type SkillCoverageRow = {
  skill: string;
  category: string;
  level: number;
  needed: number;
  have: number | null;
  percent: number | null;
  suppressed: boolean;
};
export type CategoryFigures = {
  category: string;
  /** 0–100, whole numbers; null when suppressed or nobody's role needs the category. */
  coverage: number | null;
  /** Mean of the rated levels (0–5, one decimal); null when suppressed or nothing rated. */
  averageLevel: number | null;
  suppressed: boolean;
};
export type TeamComparisonRow = { team: OrgTeam; people: number; categories: CategoryFigures[] };
export type ReadinessRow = {
  roleId: string;
  title: string;
  counts: Record<Readiness, number> | null;
  /** Names of the people ready and at a stretch, alphabetical (empty when suppressed). */
  names: { ready: string[]; stretch: string[] };
};
export type SinglePoint = { skill: string; level: number; holder: string };
export type TeamSinglePoints = { team: OrgTeam; suppressed: boolean; skills: SinglePoint[] };

/** Org-wide demand (levels 1–5, people needed ≥ 1) implied by each person's current role. */
export function demandFromRoles(people: readonly OrgPerson[], taxonomy: Taxonomy): TeamTargetSkill[] {
  const mix = new Map<string, number>();
  for (const p of people) if (p.roleId) mix.set(p.roleId, (mix.get(p.roleId) ?? 0) + 1);
  return deriveTeamTarget(
    [...mix].map(([roleId, count]) => ({ roleId, count })),
    taxonomy,
  ).filter((t) => t.level > 0);
}

const percent = (have: number, needed: number) => Math.round((100 * have) / needed);
const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/**
 * Each person's levels as a dense vector in compiled-taxonomy skill order, -1 where not rated, built once per levels
 * object and taxonomy: the report reads 5,000 people × 70 skills several times, and typed arrays are far quicker to
 * scan than records keyed by skill id (docs/benchmarks.md). Keyed by the levels object, so a caller that hands the
 * same (unchanged) levels object to the next report reuses the vector. Unknown (retired) skill ids are ignored.
 */
const vectorCache = new WeakMap<CompiledTaxonomy, WeakMap<object, Int8Array>>();
function vectorOf(p: OrgPerson, c: CompiledTaxonomy): Int8Array {
  let byLevels = vectorCache.get(c);
  if (!byLevels) vectorCache.set(c, (byLevels = new WeakMap()));
  let v = byLevels.get(p.levels);
  if (!v) {
    v = new Int8Array(c.skillIds.length).fill(-1);
    for (const skill of Object.keys(p.levels)) {
      const i = c.skillIndex.get(skill);
      if (i !== undefined) v[i] = p.levels[skill]!;
    }
    byLevels.set(p.levels, v);
  }
  return v;
}
/** vectorOf with 0 for "not rated", as computeFitScore takes it (cached the same way). */
const fitVectorCache = new WeakMap<Int8Array, Uint8Array>();
function fitVectorOf(p: OrgPerson, c: CompiledTaxonomy): Uint8Array {
  const v = vectorOf(p, c);
  let out = fitVectorCache.get(v);
  if (!out) {
    out = new Uint8Array(v.length);
    for (let i = 0; i < v.length; i++) if (v[i]! > 0) out[i] = v[i]!;
    fitVectorCache.set(v, out);
  }
  return out;
}
/** Whether the person rated anything (without allocating their keys). */
function hasLevels(p: OrgPerson): boolean {
  for (const _ in p.levels) return true;
  return false;
}
const vectorsOf = (people: readonly OrgPerson[], c: CompiledTaxonomy) => people.map((p) => vectorOf(p, c));

/** Per demanded skill: people at or above its level (`have`) and coverage 0–100, against `min` raters. */
export function skillCoverage(
  people: readonly OrgPerson[],
  demand: readonly TeamTargetSkill[],
  taxonomy: Taxonomy,
  min: number,
): SkillCoverageRow[] {
  const categoryOf = new Map(taxonomy.skills.map((s) => [s.id, s.category]));
  const c = getCompiled(taxonomy);
  const vectors = vectorsOf(people, c);
  return demand
    .filter((d) => categoryOf.has(d.skill))
    .map((d) => {
      const i = c.skillIndex.get(d.skill)!;
      let have = 0;
      let raters = 0;
      for (const v of vectors) {
        const level = v[i]!;
        if (level < 0) continue;
        raters++;
        if (level >= d.level) have++;
      }
      const suppressed = raters < min;
      return {
        skill: d.skill,
        category: categoryOf.get(d.skill)!,
        level: d.level,
        needed: d.needed,
        have: suppressed ? null : have,
        percent: suppressed ? null : percent(Math.min(have, d.needed), d.needed),
        suppressed,
      };
    });
}

const categorySkills = new WeakMap<Taxonomy, Map<string, string[]>>();
/** Skill ids per category id, computed once per taxonomy object (the report calls this once per team). */
function skillsByCategory(taxonomy: Taxonomy): Map<string, string[]> {
  let map = categorySkills.get(taxonomy);
  if (!map) {
    map = new Map();
    for (const s of taxonomy.skills) (map.get(s.category) ?? map.set(s.category, []).get(s.category)!).push(s.id);
    categorySkills.set(taxonomy, map);
  }
  return map;
}

/** Per category (taxonomy order): coverage 0–100 against `demand` and the mean rated level, against `min` raters. */
export function categoryFigures(
  people: readonly OrgPerson[],
  demand: readonly TeamTargetSkill[],
  taxonomy: Taxonomy,
  min: number,
): CategoryFigures[] {
  const needBySkill = new Map(demand.map((d) => [d.skill, d]));
  const byCategory = skillsByCategory(taxonomy);
  const compiled = getCompiled(taxonomy);
  const vectors = vectorsOf(people, compiled);
  return taxonomy.categories.map((c) => {
    const skills = (byCategory.get(c.id) ?? []).map((s) => compiled.skillIndex.get(s)!);
    let raters = 0;
    let sum = 0;
    let cells = 0;
    for (const v of vectors) {
      let rated = false;
      for (const i of skills) {
        const level = v[i]!;
        if (level < 0) continue;
        rated = true;
        sum += level;
        cells++;
      }
      if (rated) raters++;
    }
    let met = 0;
    let needed = 0;
    for (const i of skills) {
      const d = needBySkill.get(compiled.skillIds[i]!);
      if (!d) continue;
      let have = 0;
      for (const v of vectors) if (v[i]! >= d.level) have++;
      met += Math.min(have, d.needed);
      needed += d.needed;
    }
    const suppressed = raters < min;
    return {
      category: c.id,
      coverage: suppressed || needed === 0 ? null : percent(met, needed),
      averageLevel: suppressed || cells === 0 ? null : oneDecimal(sum / cells),
      suppressed,
    };
  });
}

/** People per team id, in one pass (teams × people filtering is quadratic in a large organisation). */
function membersByTeam(people: readonly OrgPerson[]): Map<string, OrgPerson[]> {
  const out = new Map<string, OrgPerson[]>();
  for (const p of people) for (const t of p.teamIds) (out.get(t) ?? out.set(t, []).get(t)!).push(p);
  return out;
}

/** Teams × categories: each team's figures against the demand of its own people's roles. */
export function teamComparison(
  people: readonly OrgPerson[],
  teams: readonly OrgTeam[],
  taxonomy: Taxonomy,
  min: number,
): TeamComparisonRow[] {
  const byTeam = membersByTeam(people);
  return teams.map((team) => {
    const members = byTeam.get(team.id) ?? [];
    return {
      team,
      people: members.length,
      categories: categoryFigures(members, demandFromRoles(members, taxonomy), taxonomy, min),
    };
  });
}

/**
 * Per role (taxonomy order): how many people are ready, a stretch or far — the same fit (0–100) and thresholds as
 * computeRoleFit (readinessOf). Null counts when fewer than `min` people rated anything.
 */
export function roleReadiness(people: readonly OrgPerson[], taxonomy: Taxonomy, min: number): ReadinessRow[] {
  const compiled = getCompiled(taxonomy);
  // Alphabetical once, so each role's name lists come out sorted without sorting them again.
  const collator = new Intl.Collator();
  const rated = people.filter((p) => hasLevels(p)).sort((a, b) => collator.compare(a.name, b.name));
  const suppressed = rated.length < min;
  const vectors = suppressed ? [] : rated.map((p) => fitVectorOf(p, compiled));
  return compiled.roles.map((role) => {
    if (suppressed) return { roleId: role.id, title: role.title, counts: null, names: { ready: [], stretch: [] } };
    const counts: Record<Readiness, number> = { ready: 0, stretch: 0, far: 0 };
    const names = { ready: [] as string[], stretch: [] as string[] };
    vectors.forEach((v, n) => {
      let coreGaps = 0;
      for (let k = 0; k < role.coreCount; k++) if (v[role.reqSkill[k]!]! < role.reqLevel[k]!) coreGaps++;
      const readiness = readinessOf(computeFitScore(v, role), coreGaps);
      counts[readiness]++;
      if (readiness !== "far") names[readiness].push(rated[n]!.name);
    });
    return { roleId: role.id, title: role.title, counts, names };
  });
}

/**
 * Per team: needed skills (its people's roles) that exactly one member holds at the needed level (0–5); with no
 * role demand, any skill held at BUS_FACTOR_LEVEL by exactly one member. Sorted by skill id. The same rows as
 * teamBusFactor(...).filter(single), computed on level vectors (a property test checks they agree).
 */
export function singlePoints(
  people: readonly OrgPerson[],
  teams: readonly OrgTeam[],
  taxonomy: Taxonomy,
  min: number,
): TeamSinglePoints[] {
  const compiled = getCompiled(taxonomy);
  const everySkill = taxonomy.skills.map((s) => ({ skill: s.id, level: BUS_FACTOR_LEVEL }));
  const byTeam = membersByTeam(people);
  return teams.map((team) => {
    const members = byTeam.get(team.id) ?? [];
    const raters = members.filter((p) => hasLevels(p)).length;
    if (raters < min) return { team, suppressed: true, skills: [] };
    const vectors = vectorsOf(members, compiled);
    const demand = demandFromRoles(members, taxonomy);
    const needs = demand.length ? demand : everySkill;
    const skills: SinglePoint[] = [];
    for (const need of needs) {
      const i = compiled.skillIndex.get(need.skill);
      if (i === undefined) continue;
      let holder = -1;
      let holders = 0;
      for (let m = 0; m < vectors.length && holders < 2; m++)
        if (vectors[m]![i]! >= need.level) {
          holders++;
          holder = m;
        }
      if (holders === 1) skills.push({ skill: need.skill, level: need.level, holder: members[holder]!.name });
    }
    return { team, suppressed: false, skills: skills.sort((a, b) => compareIds(a.skill, b.skill)) };
  });
}

export type Quarter = { label: string; end: Date };

/**
 * The last `count` (≥ 1) calendar quarters that ended by `now`, oldest first, then "Today". `end` is exclusive:
 * the first instant of the next quarter (UTC), or `now` for today.
 */
export function quarterEnds(now: Date, count: number): Quarter[] {
  const out: Quarter[] = [];
  let y = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3); // the current quarter, 0–3; the previous one is the last that ended
  for (let i = 0; i < count; i++) {
    q--;
    if (q < 0) {
      q = 3;
      y--;
    }
    out.push({ label: `${y} Q${q + 1}`, end: new Date(Date.UTC(q === 3 ? y + 1 : y, q === 3 ? 0 : (q + 1) * 3, 1)) });
  }
  return [...out.reverse(), { label: "Today", end: now }];
}

/** Levels held at a point in time: people per (point, skill, level), and raters per (point, category). */
export type HistoryHistogram = {
  cells: { at: number; skill: string; level: number; people: number }[];
  raters: { at: number; category: string; people: number }[];
};
/**
 * The histogram of the levels people hold now (their current ratings), at point index `at`: the same figures a replay
 * of the history up to now gives, because a current rating is the latest history row of its skill.
 */
export function currentHistogram(people: readonly OrgPerson[], at: number, taxonomy: Taxonomy): HistoryHistogram {
  const compiled = getCompiled(taxonomy);
  const categoryOf = new Map(taxonomy.skills.map((s) => [s.id, s.category]));
  // Skill index → category index (-1: a skill only roles mention, not in taxonomy.skills).
  const categoryIds = [...new Set(taxonomy.skills.map((s) => s.category))];
  const categoryAt = compiled.skillIds.map((id) =>
    categoryOf.has(id) ? categoryIds.indexOf(categoryOf.get(id)!) : -1,
  );
  const counts = new Int32Array(compiled.skillIds.length * 6);
  const raters = new Int32Array(categoryIds.length);
  const seen = new Int32Array(categoryIds.length).fill(-1);
  vectorsOf(people, compiled).forEach((v, n) => {
    for (let i = 0; i < v.length; i++) {
      const level = v[i]!;
      const category = categoryAt[i]!;
      if (level < 0 || category < 0) continue;
      counts[i * 6 + level]!++;
      if (seen[category] !== n) {
        seen[category] = n;
        raters[category]!++;
      }
    }
  });
  const cells: HistoryHistogram["cells"] = [];
  counts.forEach((n, k) => {
    if (n > 0) cells.push({ at, skill: compiled.skillIds[Math.floor(k / 6)]!, level: k % 6, people: n });
  });
  return {
    cells,
    raters: categoryIds.flatMap((category, k) => (raters[k]! > 0 ? [{ at, category, people: raters[k]! }] : [])),
  };
}

export type TrendPoint = { label: string; categories: CategoryFigures[] };

/**
 * Per point in time and category: coverage (0–100) against `demand` and mean rated level (0–5), from the levels as
 * they stood then. Suppressed where fewer than `min` people had rated a skill of the category by that point.
 */
export function trendFigures(
  points: readonly Quarter[],
  histogram: HistoryHistogram,
  demand: readonly TeamTargetSkill[],
  taxonomy: Taxonomy,
  min: number,
): TrendPoint[] {
  const categoryOf = new Map(taxonomy.skills.map((s) => [s.id, s.category]));
  const needBySkill = new Map(demand.map((d) => [d.skill, d]));
  const key = (at: number, id: string) => `${at}\u0000${id}`;
  const raters = new Map(histogram.raters.map((r) => [key(r.at, r.category), r.people]));
  const sums = new Map<string, { sum: number; cells: number }>();
  const have = new Map<string, number>();
  for (const c of histogram.cells) {
    const category = categoryOf.get(c.skill);
    if (!category) continue; // retired or unknown skill
    const k = key(c.at, category);
    const s = sums.get(k) ?? { sum: 0, cells: 0 };
    s.sum += c.level * c.people;
    s.cells += c.people;
    sums.set(k, s);
    const d = needBySkill.get(c.skill);
    if (d && c.level >= d.level) have.set(key(c.at, c.skill), (have.get(key(c.at, c.skill)) ?? 0) + c.people);
  }
  return points.map((point, at) => ({
    label: point.label,
    categories: taxonomy.categories.map((c) => {
      const suppressed = (raters.get(key(at, c.id)) ?? 0) < min;
      let met = 0;
      let needed = 0;
      for (const d of demand) {
        if (categoryOf.get(d.skill) !== c.id) continue;
        met += Math.min(have.get(key(at, d.skill)) ?? 0, d.needed);
        needed += d.needed;
      }
      const s = sums.get(key(at, c.id));
      return {
        category: c.id,
        coverage: suppressed || needed === 0 ? null : percent(met, needed),
        averageLevel: suppressed || !s || s.cells === 0 ? null : oneDecimal(s.sum / s.cells),
        suppressed,
      };
    }),
  }));
}

/** The levels (0–5) each person held at `at` (exclusive), replaying an append-only history in order. */
export function levelsAt(
  history: readonly { userId: string; skillId: string; level: number; createdAt: Date; id: number }[],
  at: Date,
): Map<string, Record<string, number>> {
  const sorted = [...history].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
  const out = new Map<string, Record<string, number>>();
  for (const r of sorted) {
    if (r.createdAt >= at) break;
    const levels = out.get(r.userId) ?? {};
    levels[r.skillId] = r.level;
    out.set(r.userId, levels);
  }
  return out;
}

/** A history replayed at each point, as the histogram trendFigures takes (the reference for the SQL version). */
export function histogramOf(
  history: readonly { userId: string; skillId: string; level: number; createdAt: Date; id: number }[],
  points: readonly Quarter[],
  taxonomy: Taxonomy,
): HistoryHistogram {
  const categoryOf = new Map(taxonomy.skills.map((s) => [s.id, s.category]));
  const cells: HistoryHistogram["cells"] = [];
  const raters: HistoryHistogram["raters"] = [];
  points.forEach((p, at) => {
    const counts = new Map<string, number>();
    const byCategory = new Map<string, Set<string>>();
    for (const [userId, levels] of levelsAt(history, p.end)) {
      for (const [skill, level] of Object.entries(levels)) {
        const k = `${skill}\u0000${level}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
        const category = categoryOf.get(skill);
        if (category) byCategory.set(category, (byCategory.get(category) ?? new Set()).add(userId));
      }
    }
    for (const [k, people] of counts) {
      const [skill, level] = k.split("\u0000");
      cells.push({ at, skill: skill!, level: Number(level), people });
    }
    for (const [category, ids] of byCategory) raters.push({ at, category, people: ids.size });
  });
  cells.sort((a, b) => a.at - b.at || compareIds(a.skill, b.skill) || a.level - b.level);
  return { cells, raters };
}
