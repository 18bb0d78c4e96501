/**
 * Team views: coverage, bus factor, target profile and gap, level distribution.
 * Missing ratings count as level 0; member levels off 0–5 throw a DomainError naming the member.
 */
import type { Importance, Levels, Requirement, Role, Taxonomy } from "./types";
import { DomainError, IMPORTANCE_RANK, assertLevel, compareIds, validateLevels } from "./scale";
import { normalizeRequirements } from "./fit";
import { plural } from "./plural";

export type TeamMember = { id: string; name: string; levels: Levels };

export type SkillCoverage = { skill: string; count: number; holders: string[]; total: number };
export type BusFactorRisk = { skill: string; level: number; holders: string[]; risk: "none" | "single" };
export type TeamTargetSkill = { skill: string; level: number; importance: Importance; needed: number };
export type TeamGapRow = {
  skill: string;
  required: number;
  importance: Importance;
  needed: number;
  have: number;
  shortfall: number;
  best: number;
};
export type CategoryDistribution = { category: string; counts: number[]; total: number };

function checkMembers(members: readonly TeamMember[]): void {
  for (const m of members) validateLevels(m.levels, `member "${m.id}"`);
}

/** Throws a DomainError unless `value` is a non-negative integer; `what` names it. */
export function assertCount(value: unknown, what: string): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new DomainError(`${what} must be a non-negative integer, got ${String(value)}`);
  }
}

/** Per skill (in `skillIds` order): members at level ≥ `threshold` (0–5), their ids and team size. */
export function teamCoverage(
  members: readonly TeamMember[],
  skillIds: readonly string[],
  threshold: number,
): SkillCoverage[] {
  assertLevel(threshold, "(coverage threshold)");
  checkMembers(members);
  return skillIds.map((skill) => {
    const holders: string[] = [];
    for (const m of members) if ((m.levels[skill] ?? 0) >= threshold) holders.push(m.id);
    return { skill, count: holders.length, holders, total: members.length };
  });
}

/** The level a skill counts as "held" at when the team states no level for it (0–5). */
export const BUS_FACTOR_LEVEL = 4;

/**
 * Needed skills held at their needed level (0–5) by at most one member: "none" (0 holders: a gap) first, then
 * "single" (1 holder: the bus factor); ties by skill id. A skill given as a plain id is needed at `opts.level`
 * (default BUS_FACTOR_LEVEL); a repeated skill counts once, at its first needed level.
 */
export function busFactor(
  members: readonly TeamMember[],
  needed: readonly (string | { skill: string; level: number })[],
  opts?: { level?: number },
): BusFactorRisk[] {
  const fallback = opts?.level ?? BUS_FACTOR_LEVEL;
  assertLevel(fallback, "(bus-factor level)");
  checkMembers(members);
  const out: BusFactorRisk[] = [];
  const seen = new Set<string>();
  for (const n of needed) {
    const { skill, level } = typeof n === "string" ? { skill: n, level: fallback } : n;
    if (seen.has(skill)) continue;
    seen.add(skill);
    assertLevel(level, skill, "needed level");
    const holders: string[] = [];
    for (const m of members) {
      if ((m.levels[skill] ?? 0) >= level) {
        holders.push(m.id);
        if (holders.length > 1) break;
      }
    }
    if (holders.length <= 1) out.push({ skill, level, holders, risk: holders.length === 0 ? "none" : "single" });
  }
  return out.sort((a, b) => a.holders.length - b.holders.length || compareIds(a.skill, b.skill));
}

/**
 * The team's bus-factor rows against its needs: with a target, every target skill at its target level (skills
 * needed at level 0 are met by anyone and left out); with no target, every skill in `allSkillIds` at
 * BUS_FACTOR_LEVEL, single holders only (nobody "needs" the rest, so holding none of it is no gap).
 */
export function teamBusFactor(
  members: readonly TeamMember[],
  target: readonly { skill: string; level: number }[],
  allSkillIds: readonly string[],
): BusFactorRisk[] {
  if (target.length === 0) return busFactor(members, allSkillIds).filter((r) => r.risk === "single");
  return busFactor(
    members,
    target.filter((t) => t.level > 0).map((t) => ({ skill: t.skill, level: t.level })),
  );
}

/**
 * Splits bus-factor rows into the two things a team lead acts on differently: skills exactly one member holds at
 * the needed level (bus factor: share the knowledge) and skills nobody holds at it (a gap: hire or train).
 * Keeps the rows' order.
 */
export function splitBusFactor(rows: readonly BusFactorRisk[]): {
  singleHolder: BusFactorRisk[];
  nobody: BusFactorRisk[];
} {
  return { singleHolder: rows.filter((r) => r.risk === "single"), nobody: rows.filter((r) => r.risk === "none") };
}

/**
 * How many people a team has, as one phrase every count on the team pages agrees with:
 * "4 people: 3 members and 1 manager", "1 person: no members and 1 manager", "No people yet".
 */
export function headcount(members: number, managers: number): string {
  assertCount(members, "member count");
  assertCount(managers, "manager count");
  if (members + managers === 0) return "No people yet";
  const m = members === 0 ? "no members" : plural(members, "member", "members");
  const g = managers === 0 ? "no manager" : plural(managers, "manager", "managers");
  return `${plural(members + managers, "person", "people")}: ${m} and ${g}`;
}

// The organisation report derives a target for every one of hundreds of teams: roles and their merged requirements
// are looked up once per taxonomy object (taxonomies are treated as immutable, as getCompiled does).
const roleMaps = new WeakMap<Taxonomy, Map<string, Role>>();
function rolesById(taxonomy: Taxonomy): Map<string, Role> {
  let m = roleMaps.get(taxonomy);
  if (!m) roleMaps.set(taxonomy, (m = new Map(taxonomy.roles.map((r) => [r.id, r]))));
  return m;
}
const mergedRequirements = new WeakMap<Role, readonly Requirement[]>();
function requirementsOf(role: Role): readonly Requirement[] {
  let r = mergedRequirements.get(role);
  if (!r) mergedRequirements.set(role, (r = normalizeRequirements(role)));
  return r;
}

/**
 * Team target from a role mix: per skill the highest required level (0–5), the strongest
 * importance and `needed` = Σ counts of the roles requiring it; sorted by skill id. Unknown role
 * ids are ignored; a count that is not a non-negative integer throws a DomainError.
 */
export function deriveTeamTarget(
  roleMix: readonly { roleId: string; count: number }[],
  taxonomy: Taxonomy,
): TeamTargetSkill[] {
  const roles = rolesById(taxonomy);
  const bySkill = new Map<string, TeamTargetSkill>();
  for (const { roleId, count } of roleMix) {
    assertCount(count, `count for role "${roleId}"`);
    const role = roles.get(roleId);
    if (!role || count === 0) continue;
    for (const q of requirementsOf(role)) {
      const t = bySkill.get(q.skill);
      if (!t) bySkill.set(q.skill, { skill: q.skill, level: q.level, importance: q.importance, needed: count });
      else {
        t.level = Math.max(t.level, q.level);
        if (IMPORTANCE_RANK[q.importance] < IMPORTANCE_RANK[t.importance]) t.importance = q.importance;
        t.needed += count;
      }
    }
  }
  return [...bySkill.values()].sort((a, b) => compareIds(a.skill, b.skill));
}

/**
 * A team's target profile: derived from its role mix (deriveTeamTarget), with explicit skill targets overriding the
 * derived entry for the same skill (importance "core"). The team audit and the team scenario both use it.
 */
export function teamTargetProfile(
  roleMix: readonly { roleId: string; count: number }[],
  skillTargets: readonly { skillId: string; level: number; count: number }[],
  taxonomy: Taxonomy,
): TeamTargetSkill[] {
  const bySkill = new Map(deriveTeamTarget(roleMix, taxonomy).map((t) => [t.skill, t]));
  for (const t of skillTargets)
    bySkill.set(t.skillId, { skill: t.skillId, level: t.level, needed: t.count, importance: "core" });
  return [...bySkill.values()];
}

/**
 * Per target skill: required level (0–5), people needed, people at or above it (`have`),
 * shortfall = max(0, needed − have), best level in the team (0–5). Biggest shortfall first, then skill id.
 */
export function teamGap(
  members: readonly TeamMember[],
  target: readonly { skill: string; level: number; needed: number; importance?: Importance }[],
): TeamGapRow[] {
  checkMembers(members);
  const rows = target.map((t): TeamGapRow => {
    assertLevel(t.level, t.skill, "team target");
    assertCount(t.needed, `people needed for skill "${t.skill}"`);
    let have = 0;
    let best = 0;
    for (const m of members) {
      const v = m.levels[t.skill] ?? 0;
      if (v >= t.level) have++;
      if (v > best) best = v;
    }
    return {
      skill: t.skill,
      required: t.level,
      importance: t.importance ?? "core",
      needed: t.needed,
      have,
      shortfall: Math.max(0, t.needed - have),
      best,
    };
  });
  return rows.sort((a, b) => b.shortfall - a.shortfall || compareIds(a.skill, b.skill));
}

/**
 * Per category (in order of first appearance in `skills`): how many member × skill cells sit at
 * each level 0–5 (`counts[level]`) and the cell total. Skills without a category go to "uncategorised".
 */
export function levelDistribution(
  members: readonly TeamMember[],
  skills: readonly string[],
  categoryOf: Readonly<Record<string, string>> | ((skillId: string) => string | undefined),
): CategoryDistribution[] {
  checkMembers(members);
  const lookup = typeof categoryOf === "function" ? categoryOf : (id: string) => categoryOf[id];
  const byCategory = new Map<string, CategoryDistribution>();
  for (const skill of skills) {
    const category = lookup(skill) ?? "uncategorised";
    let d = byCategory.get(category);
    if (!d) {
      d = { category, counts: [0, 0, 0, 0, 0, 0], total: 0 };
      byCategory.set(category, d);
    }
    for (const m of members) d.counts[m.levels[skill] ?? 0]!++;
    d.total += members.length;
  }
  return [...byCategory.values()];
}

export type TeamAggregates = {
  coverage: SkillCoverage[];
  busFactor: BusFactorRisk[];
  gap: TeamGapRow[];
  distribution: CategoryDistribution[];
};
/** Rows dropped per breakdown because too few colleagues back them. */
export type HiddenRows = { coverage: number; busFactor: number; gap: number; distribution: number; total: number };

/**
 * Group size as a plain member sees it: team members other than the viewer (0 or more). Figures about a group of
 * n people that include yourself are figures about n − 1 others.
 */
export function colleaguesCount(memberIds: readonly string[], viewerId: string): number {
  return new Set(memberIds.filter((id) => id !== viewerId)).size;
}

/**
 * Privacy threshold for plain members: drops every breakdown row backed by fewer than `min` (≥ 1) colleagues — team
 * members other than the viewer — who rated that skill (coverage, bus factor, gap) or any skill of that category
 * (distribution); a missing level means "not rated". Returns the remaining rows, in their order, and how many were hidden.
 */
export function suppressSmallGroups(
  aggregates: TeamAggregates,
  opts: {
    members: readonly TeamMember[];
    viewerId: string;
    min: number;
    categoryOf: Readonly<Record<string, string>> | ((skillId: string) => string | undefined);
  },
): TeamAggregates & { hidden: HiddenRows } {
  if (!Number.isInteger(opts.min) || opts.min < 1)
    throw new DomainError(`minimum group size must be a positive integer, got ${String(opts.min)}`);
  const lookup =
    typeof opts.categoryOf === "function"
      ? opts.categoryOf
      : (id: string) => (opts.categoryOf as Record<string, string>)[id];
  const bySkill = new Map<string, Set<string>>();
  const byCategory = new Map<string, Set<string>>();
  for (const m of opts.members) {
    if (m.id === opts.viewerId) continue;
    for (const skill of Object.keys(m.levels)) {
      if (m.levels[skill] === undefined) continue;
      const category = lookup(skill) ?? "uncategorised";
      (bySkill.get(skill) ?? bySkill.set(skill, new Set()).get(skill)!).add(m.id);
      (byCategory.get(category) ?? byCategory.set(category, new Set()).get(category)!).add(m.id);
    }
  }
  const enough = (raters: Set<string> | undefined) => (raters?.size ?? 0) >= opts.min;
  const coverage = aggregates.coverage.filter((r) => enough(bySkill.get(r.skill)));
  const busFactor = aggregates.busFactor.filter((r) => enough(bySkill.get(r.skill)));
  const gap = aggregates.gap.filter((r) => enough(bySkill.get(r.skill)));
  const distribution = aggregates.distribution.filter((r) => enough(byCategory.get(r.category)));
  const hidden = {
    coverage: aggregates.coverage.length - coverage.length,
    busFactor: aggregates.busFactor.length - busFactor.length,
    gap: aggregates.gap.length - gap.length,
    distribution: aggregates.distribution.length - distribution.length,
  };
  return {
    coverage,
    busFactor,
    gap,
    distribution,
    hidden: { ...hidden, total: hidden.coverage + hidden.busFactor + hidden.gap + hidden.distribution },
  };
}
