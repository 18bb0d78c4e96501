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
import { fitForRequirements, normalizeRequirements, readinessOf, type Readiness } from "./fit";
import { deriveTeamTarget, teamBusFactor, type TeamTargetSkill } from "./team";

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

/** Per demanded skill: people at or above its level (`have`) and coverage 0–100, against `min` raters. */
export function skillCoverage(
  people: readonly OrgPerson[],
  demand: readonly TeamTargetSkill[],
  taxonomy: Taxonomy,
  min: number,
): SkillCoverageRow[] {
  const categoryOf = new Map(taxonomy.skills.map((s) => [s.id, s.category]));
  return demand
    .filter((d) => categoryOf.has(d.skill))
    .map((d) => {
      let have = 0;
      let raters = 0;
      for (const p of people) {
        const v = p.levels[d.skill];
        if (v === undefined) continue;
        raters++;
        if (v >= d.level) have++;
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
  return taxonomy.categories.map((c) => {
    const skills = byCategory.get(c.id) ?? [];
    let raters = 0;
    let sum = 0;
    let cells = 0;
    for (const p of people) {
      let rated = false;
      for (const s of skills) {
        const v = p.levels[s];
        if (v === undefined) continue;
        rated = true;
        sum += v;
        cells++;
      }
      if (rated) raters++;
    }
    let met = 0;
    let needed = 0;
    for (const s of skills) {
      const d = needBySkill.get(s);
      if (!d) continue;
      let have = 0;
      for (const p of people) if ((p.levels[s] ?? 0) >= d.level) have++;
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
  const rated = people.filter((p) => Object.keys(p.levels).length > 0);
  const suppressed = rated.length < min;
  return taxonomy.roles.map((role) => {
    if (suppressed) return { roleId: role.id, title: role.title, counts: null, names: { ready: [], stretch: [] } };
    const reqs = normalizeRequirements(role);
    const core = reqs.filter((r) => r.importance === "core" && r.level > 0);
    const counts: Record<Readiness, number> = { ready: 0, stretch: 0, far: 0 };
    const names = { ready: [] as string[], stretch: [] as string[] };
    for (const p of rated) {
      let coreGaps = 0;
      for (const r of core) if ((p.levels[r.skill] ?? 0) < r.level) coreGaps++;
      const readiness = readinessOf(fitForRequirements(p.levels, reqs), coreGaps);
      counts[readiness]++;
      if (readiness !== "far") names[readiness].push(p.name);
    }
    names.ready.sort((a, b) => a.localeCompare(b));
    names.stretch.sort((a, b) => a.localeCompare(b));
    return { roleId: role.id, title: role.title, counts, names };
  });
}

/** Per team: needed skills (its people's roles) that exactly one member holds at the needed level (0–5). */
export function singlePoints(
  people: readonly OrgPerson[],
  teams: readonly OrgTeam[],
  taxonomy: Taxonomy,
  min: number,
): TeamSinglePoints[] {
  const skillIds = taxonomy.skills.map((s) => s.id);
  const byTeam = membersByTeam(people);
  return teams.map((team) => {
    const members = byTeam.get(team.id) ?? [];
    const raters = members.filter((p) => Object.keys(p.levels).length > 0).length;
    if (raters < min) return { team, suppressed: true, skills: [] };
    const nameOf = new Map(members.map((m) => [m.id, m.name]));
    const rows = teamBusFactor(
      members.map((m) => ({ id: m.id, name: m.name, levels: m.levels })),
      demandFromRoles(members, taxonomy),
      skillIds,
    ).filter((r) => r.risk === "single");
    return {
      team,
      suppressed: false,
      skills: rows.map((r) => ({ skill: r.skill, level: r.level, holder: nameOf.get(r.holders[0]!) ?? r.holders[0]! })),
    };
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
