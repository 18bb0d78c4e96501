/**
 * "What if" scenarios: the team without some of its members, and a person with some skills raised. Nothing is
 * saved; both recompute the engine's own figures (team coverage, bus factor, team gap; fit and suggestions) on
 * changed inputs and return the before and after side by side.
 */
import type { Importance, Levels, Taxonomy } from "./types";
import { BUS_FACTOR_LEVEL, type TeamMember } from "./team";
import { computeRoleFit, type Readiness } from "./fit";
import { suggestNextRoles, type Suggestion } from "./engine/suggest";
import { assertLevel, compareIds, DomainError } from "./scale";

type TargetSkill = { skill: string; level: number; needed: number; importance?: Importance };

export type TeamScenarioOptions = {
  /** Member ids taken out of the team (each must be a member). */
  without: readonly string[];
  /** The team's target (deriveTeamTarget merged with explicit targets); may be empty. */
  target: readonly TargetSkill[];
  /** Every skill the coverage counts, in display order. */
  skillIds: readonly string[];
  /** Level (0–5) at which a member counts towards coverage. */
  coverageLevel: number;
  /** Successor candidates per lost skill (default 3). */
  successors?: number;
};

/** A team's headline numbers: skills covered (≥ 1 holder at the coverage level), bus-factor rows, total shortfall. */
export type TeamNumbers = { covered: number; singleHolder: number; nobody: number; shortfall: number };

export type Successor = { id: string; name: string; current: number; required: number; gap: number };

/** A needed skill that only the removed members hold at its needed level, and who could take it over. */
export type LostSkill = { skill: string; level: number; holders: string[]; successors: Successor[] };

export type TeamScenario = {
  removed: { id: string; name: string }[];
  before: TeamNumbers;
  after: TeamNumbers;
  /** Skills whose coverage count drops, biggest drop first: count before → after (people at the coverage level). */
  coverageChanges: { skill: string; before: number; after: number }[];
  /** Target skills whose shortfall grows: shortfall before → after. */
  gapChanges: { skill: string; required: number; before: number; after: number }[];
  lost: LostSkill[];
};

/** The skills the team needs and the level each is held at: the target's (level > 0), or every skill at BUS_FACTOR_LEVEL. */
function neededSkills(opts: TeamScenarioOptions): { skill: string; level: number }[] {
  if (opts.target.length === 0) return opts.skillIds.map((skill) => ({ skill, level: BUS_FACTOR_LEVEL }));
  const seen = new Set<string>();
  const out: { skill: string; level: number }[] = [];
  for (const t of opts.target) {
    assertLevel(t.level, t.skill, "team target");
    if (t.level <= 0 || seen.has(t.skill)) continue;
    seen.add(t.skill);
    out.push({ skill: t.skill, level: t.level });
  }
  return out;
}

type Tally = { all: Int32Array; removed: Int32Array; removedHolders: string[][] };

/**
 * Counts per column (a skill at a level) for the whole team and for the removed members alone, in one pass over the
 * members that reads each member's level of each skill once, however many column lists need it.
 */
function tally(
  members: readonly TeamMember[],
  out: ReadonlySet<string>,
  lists: readonly (readonly { skill: string; level: number }[])[],
): Tally[] {
  const skillIndex = new Map<string, number>();
  const skills: string[] = [];
  const at = lists.map((cols) =>
    Int32Array.from(cols, (c) => {
      let i = skillIndex.get(c.skill);
      if (i === undefined) {
        i = skills.push(c.skill) - 1;
        skillIndex.set(c.skill, i);
      }
      return i;
    }),
  );
  const need = lists.map((cols) => Int32Array.from(cols, (c) => c.level));
  const tallies = lists.map((cols): Tally => ({
    all: new Int32Array(cols.length),
    removed: new Int32Array(cols.length),
    removedHolders: cols.map(() => []),
  }));
  const vec = new Int32Array(skills.length);
  for (const m of members) {
    for (let k = 0; k < skills.length; k++) {
      const v = m.levels[skills[k]!] ?? 0;
      // Checked here rather than with validateLevels up front: only the levels a figure reads matter, and one
      // check per read costs a fraction of walking every member's keys again.
      if (!(v >= 0 && v <= 5 && (v | 0) === v)) assertLevel(v, skills[k]!, `member "${m.id}"`);
      vec[k] = v;
    }
    const gone = out.has(m.id);
    for (let l = 0; l < lists.length; l++) {
      const idx = at[l]!,
        lvl = need[l]!,
        t = tallies[l]!;
      for (let i = 0; i < idx.length; i++) {
        if (vec[idx[i]!]! < lvl[i]!) continue;
        t.all[i]!++;
        if (gone) {
          t.removed[i]!++;
          t.removedHolders[i]!.push(m.id);
        }
      }
    }
  }
  return tallies;
}

/**
 * The team without `opts.without`: coverage, bus factor and team gap before and after (levels 0–5, counts of
 * people or skills), the same figures as teamCoverage, teamBusFactor and teamGap on the remaining members; and for
 * each needed skill only the removed members hold at its level, the closest remaining members (smallest level gap,
 * then name) as successors. Throws a DomainError for an id that is not a member, or a level read that is not 0–5.
 */
export function teamScenario(members: readonly TeamMember[], opts: TeamScenarioOptions): TeamScenario {
  assertLevel(opts.coverageLevel, "(coverage level)");
  const byId = new Map<string, TeamMember>();
  for (const m of members) byId.set(m.id, m);
  for (const id of opts.without) if (!byId.has(id)) throw new DomainError(`"${id}" is not a member of this team`);
  const out = new Set(opts.without);
  for (const t of opts.target) assertLevel(t.level, t.skill, "team target");
  // One pass over the members (validated once above) instead of each team function twice: a team of 500 in a few ms.
  const needed = neededSkills(opts);
  const [coverage, gap, bus] = tally(members, out, [
    opts.skillIds.map((skill) => ({ skill, level: opts.coverageLevel })),
    opts.target,
    needed,
  ]) as [Tally, Tally, Tally];

  const totals = (after: boolean): TeamNumbers => {
    const n = (t: Tally, i: number) => t.all[i]! - (after ? t.removed[i]! : 0);
    let covered = 0,
      singleHolder = 0,
      nobody = 0,
      shortfall = 0;
    for (let i = 0; i < opts.skillIds.length; i++) if (n(coverage, i) > 0) covered++;
    for (let i = 0; i < needed.length; i++) {
      const h = n(bus, i);
      if (h === 1) singleHolder++;
      // Without a target nobody "needs" a skill, so holding none of it is no gap (as teamBusFactor says).
      else if (h === 0 && opts.target.length > 0) nobody++;
    }
    for (let i = 0; i < opts.target.length; i++) shortfall += Math.max(0, opts.target[i]!.needed - n(gap, i));
    return { covered, singleHolder, nobody, shortfall };
  };

  const coverageChanges = opts.skillIds
    .map((skill, i) => ({ skill, before: coverage.all[i]!, after: coverage.all[i]! - coverage.removed[i]! }))
    .filter((c) => c.after !== c.before)
    .sort((a, b) => b.before - b.after - (a.before - a.after) || compareIds(a.skill, b.skill));
  const gapChanges = opts.target
    .map((t, i) => ({
      skill: t.skill,
      required: t.level,
      before: Math.max(0, t.needed - gap.all[i]!),
      after: Math.max(0, t.needed - gap.all[i]! + gap.removed[i]!),
    }))
    .filter((g) => g.after !== g.before)
    .sort((a, b) => b.after - b.before - (a.after - a.before) || compareIds(a.skill, b.skill));

  const limit = opts.successors ?? 3;
  // Remaining members by name once; per lost skill one pass buckets them by gap (0–5), so ties stay by name.
  const byName = members
    .filter((m) => !out.has(m.id))
    .sort((a, b) => a.name.localeCompare(b.name) || compareIds(a.id, b.id));
  const lost: LostSkill[] = [];
  needed.forEach(({ skill, level }, i) => {
    if (bus.removed[i] === 0 || bus.removed[i] !== bus.all[i]) return;
    const buckets: Successor[][] = [[], [], [], [], [], []];
    for (const m of byName) {
      const current = m.levels[skill] ?? 0;
      const bucket = buckets[level - current]!;
      if (bucket.length < limit)
        bucket.push({ id: m.id, name: m.name, current, required: level, gap: level - current });
    }
    lost.push({ skill, level, holders: bus.removedHolders[i]!, successors: buckets.flat().slice(0, limit) });
  });
  return {
    removed: [...out].map((id) => ({ id, name: byId.get(id)!.name })),
    before: totals(false),
    after: totals(true),
    coverageChanges,
    gapChanges,
    lost,
  };
}

export type Raise = { skill: string; level: number };

export type RoleChange = {
  roleId: string;
  title: string;
  fitBefore: number;
  fitAfter: number;
  readinessBefore: Readiness;
  readinessAfter: Readiness;
  /** The engine's explanation of the role with the raised levels. */
  reason: string;
};

export type PersonalScenario = {
  /** Raises that change something: from the current level to a higher one (0–5). */
  raised: { skill: string; name: string; from: number; to: number }[];
  /** Raises at or below the current level, left out. */
  ignored: { skill: string; name: string; current: number; level: number }[];
  /** Fit (0–100) to the target role before and after, with the engine's core gaps after; null without a target. */
  fit: {
    roleId: string;
    title: string;
    before: number;
    after: number;
    readinessBefore: Readiness;
    readinessAfter: Readiness;
    coreGapsBefore: number;
    coreGapsAfter: number;
  } | null;
  /** The top suggestions after the raise (as the dashboard shows them). */
  suggestions: Suggestion[];
  /** Roles in the top suggestions after the raise that were not there before. */
  newlySuggested: RoleChange[];
  /** Candidate roles whose readiness improves (far → stretch, stretch → ready, far → ready). */
  newlyReachable: RoleChange[];
};

const READINESS_RANK: Readonly<Record<Readiness, number>> = { far: 0, stretch: 1, ready: 2 };

export type PersonalScenarioOptions = {
  currentRoleId: string | null;
  targetRoleId: string | null;
  taxonomy: Taxonomy;
  /** Suggestions compared (default 3, as on the dashboard). */
  top?: number;
};

/** Levels with each raise applied (never lowered): the hypothetical profile a personal scenario scores. */
export function raiseLevels(levels: Levels, raises: readonly Raise[]): Record<string, number> {
  const out: Record<string, number> = { ...levels };
  for (const r of raises) {
    assertLevel(r.level, r.skill, "raised level");
    out[r.skill] = Math.max(out[r.skill] ?? 0, r.level);
  }
  return out;
}

/**
 * Fit to the target (0–100), suggestions and reachable roles for `levels` with `raises` applied, compared with
 * today's, each changed role explained by the engine's own reason. Unknown skill ids throw a DomainError.
 */
export function personalScenario(
  levels: Levels,
  raises: readonly Raise[],
  opts: PersonalScenarioOptions,
): PersonalScenario {
  const { taxonomy } = opts;
  const names = new Map(taxonomy.skills.map((s) => [s.id, s.name]));
  for (const r of raises) if (!names.has(r.skill)) throw new DomainError(`unknown skill "${r.skill}"`);
  const raisedLevels = raiseLevels(levels, raises);
  const raised: PersonalScenario["raised"] = [];
  const ignored: PersonalScenario["ignored"] = [];
  const seen = new Set<string>();
  for (const r of raises) {
    if (seen.has(r.skill)) continue;
    seen.add(r.skill);
    const from = levels[r.skill] ?? 0;
    const to = raisedLevels[r.skill]!;
    if (to > from) raised.push({ skill: r.skill, name: names.get(r.skill)!, from, to });
    else ignored.push({ skill: r.skill, name: names.get(r.skill)!, current: from, level: r.level });
  }

  const target = taxonomy.roles.find((r) => r.id === opts.targetRoleId) ?? null;
  const fitBefore = target ? computeRoleFit(levels, target, { taxonomy }) : null;
  const fitAfter = target ? computeRoleFit(raisedLevels, target, { taxonomy }) : null;

  const all = { limit: Infinity } as const;
  const top = opts.top ?? 3;
  const before = suggestNextRoles(levels, opts.currentRoleId, taxonomy, all).suggestions;
  const after = suggestNextRoles(raisedLevels, opts.currentRoleId, taxonomy, all).suggestions;
  const beforeById = new Map(before.map((s) => [s.roleId, s]));
  const change = (s: Suggestion): RoleChange => {
    const b = beforeById.get(s.roleId);
    return {
      roleId: s.roleId,
      title: s.title,
      fitBefore: b?.fit ?? s.fit,
      fitAfter: s.fit,
      readinessBefore: b?.readiness ?? s.readiness,
      readinessAfter: s.readiness,
      reason: s.reason,
    };
  };
  const topBefore = new Set(before.slice(0, top).map((s) => s.roleId));
  const newlySuggested = after
    .slice(0, top)
    .filter((s) => !topBefore.has(s.roleId))
    .map(change);
  const newlyReachable = after
    .filter((s) => {
      const b = beforeById.get(s.roleId);
      const was = b ? READINESS_RANK[b.readiness] : READINESS_RANK.far;
      return READINESS_RANK[s.readiness] > was;
    })
    .map(change)
    .sort(
      (a, b) =>
        READINESS_RANK[b.readinessAfter] - READINESS_RANK[a.readinessAfter] ||
        b.fitAfter - a.fitAfter ||
        compareIds(a.roleId, b.roleId),
    );

  return {
    raised,
    ignored,
    fit:
      target && fitBefore && fitAfter
        ? {
            roleId: target.id,
            title: target.title,
            before: fitBefore.fit,
            after: fitAfter.fit,
            readinessBefore: fitBefore.readiness,
            readinessAfter: fitAfter.readiness,
            coreGapsBefore: fitBefore.coreGaps.length,
            coreGapsAfter: fitAfter.coreGaps.length,
          }
        : null,
    suggestions: after.slice(0, top),
    newlySuggested,
    newlyReachable,
  };
}

/** "skillId:level" (level 1–5, as in the what-if URL's `raise` parameter) → a raise, or null when malformed. */
export function parseRaise(text: string): Raise | null {
  const m = /^([^:\s]{1,100}):([1-5])$/.exec(text.trim());
  return m ? { skill: m[1]!, level: Number(m[2]) } : null;
}

/** A raise as the URL's `raise` parameter spells it: "skillId:level". */
export const raiseParam = (r: Raise) => `${r.skill}:${r.level}`;
