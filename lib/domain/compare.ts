/**
 * Two roles side by side: both fits and the skills that separate them.
 */
import type { Importance, Levels, Role } from "./types";
import { computeRoleFit, type FitOptions, type RoleFit, type SkillFit } from "./fit";
import { IMPORTANCE_RANK, compareIds } from "./scale";

export * from "./compare-aspects";

export type SeparatingSkill = {
  skill: string;
  name: string;
  /** Level required by role A / role B, 0–5 (0 = not required). */
  levelA: number;
  levelB: number;
  importanceA: Importance | null;
  importanceB: Importance | null;
  /** The role that needs the skill at the higher level. */
  moreFor: "a" | "b";
  /** The person's level, 0–5. */
  current: number;
  /** current ≥ max(levelA, levelB). */
  covered: boolean;
};

export type RoleComparison = {
  a: RoleFit;
  b: RoleFit;
  /** Sorted by |levelA − levelB| desc, then skill id. */
  separating: SeparatingSkill[];
  /** Role with the higher fit (0–100); "tie" when equal. */
  closer: "a" | "b" | "tie";
  sentence: string;
};

/**
 * Fits (0–100) of `levels` to two roles and the skills (levels 0–5) required by only one of them
 * or at different levels, with a readable verdict. Throws a DomainError for levels off 0–5.
 */
export function compareRoles(levels: Levels, roleA: Role, roleB: Role, opts?: FitOptions): RoleComparison {
  const a = computeRoleFit(levels, roleA, opts);
  const b = computeRoleFit(levels, roleB, opts);
  const inA = new Map(a.skills.map((s) => [s.skill, s]));
  const inB = new Map(b.skills.map((s) => [s.skill, s]));
  const ids = [...new Set([...inA.keys(), ...inB.keys()])];
  const separating: SeparatingSkill[] = [];
  for (const id of ids) {
    const sa = inA.get(id);
    const sb = inB.get(id);
    const levelA = sa?.required ?? 0;
    const levelB = sb?.required ?? 0;
    if (levelA === levelB) continue; // same level (or one role requires it at level 0)
    const current = levels[id] ?? 0;
    separating.push({
      skill: id,
      name: (sa ?? sb)!.name,
      levelA,
      levelB,
      importanceA: sa?.importance ?? null,
      importanceB: sb?.importance ?? null,
      moreFor: levelA > levelB ? "a" : "b",
      current,
      covered: current >= Math.max(levelA, levelB),
    });
  }
  separating.sort(
    (x, y) => Math.abs(y.levelA - y.levelB) - Math.abs(x.levelA - x.levelB) || compareIds(x.skill, y.skill),
  );
  const closer = a.fit > b.fit ? "a" : b.fit > a.fit ? "b" : "tie";
  return { a, b, separating, closer, sentence: verdict(a, b, closer, separating) };
}

function verdict(a: RoleFit, b: RoleFit, closer: "a" | "b" | "tie", sep: SeparatingSkill[]): string {
  const head =
    closer === "tie"
      ? `You are equally close to ${a.title} and ${b.title} (fit ${a.fit} each).`
      : closer === "a"
        ? `You are closer to ${a.title} (fit ${a.fit}) than to ${b.title} (fit ${b.fit}).`
        : `You are closer to ${b.title} (fit ${b.fit}) than to ${a.title} (fit ${a.fit}).`;
  if (sep.length === 0) return `${head} Both roles ask for the same skills at the same levels.`;
  const covered = sep.filter((s) => s.covered).length;
  const n = sep.length;
  return `${head} ${n} skill${n === 1 ? "" : "s"} separate${n === 1 ? "s" : ""} the roles; you already cover ${covered} of them.`;
}

/** What one role asks of one skill, and how far the person is from it (levels 0–5). */
export type RoleNeed = { required: number; importance: Importance; gap: number };

export type PersonSkillRow = {
  skill: string;
  name: string;
  /** The person's level 0–5, or null when they have not rated the skill (counted as 0 in fit and gaps). */
  current: number | null;
  /** null when the role does not need the skill. */
  a: RoleNeed | null;
  b: RoleNeed | null;
  /** The two roles ask for different levels. */
  differs: boolean;
};

/**
 * Every skill either role needs, with the person's level beside both requirements: first the skills that separate
 * the roles (in the comparison's order), then the shared ones (core → important → bonus, then name).
 * `levels` holds the person's ratings; a skill missing from it is "not rated".
 */
export function personSkillRows(comparison: RoleComparison, levels: Levels): PersonSkillRow[] {
  const need = (f: SkillFit | undefined): RoleNeed | null =>
    f ? { required: f.required, importance: f.importance, gap: f.gap } : null;
  const inA = new Map(comparison.a.skills.map((s) => [s.skill, s]));
  const inB = new Map(comparison.b.skills.map((s) => [s.skill, s]));
  const row = (id: string, differs: boolean): PersonSkillRow => {
    const fa = inA.get(id);
    const fb = inB.get(id);
    return {
      skill: id,
      name: (fa ?? fb)!.name,
      current: Object.hasOwn(levels, id) ? levels[id] : null,
      a: need(fa),
      b: need(fb),
      differs,
    };
  };
  const separating = comparison.separating.map((s) => row(s.skill, true));
  const seen = new Set(separating.map((r) => r.skill));
  const rank = (r: PersonSkillRow) =>
    Math.min(IMPORTANCE_RANK[r.a?.importance ?? "bonus"], IMPORTANCE_RANK[r.b?.importance ?? "bonus"]);
  const shared = [...new Set([...inA.keys(), ...inB.keys()])]
    .filter((id) => !seen.has(id))
    .map((id) => row(id, false))
    .sort((x, y) => rank(x) - rank(y) || x.name.localeCompare(y.name));
  return [...separating, ...shared];
}

/** "needs 3 → 1 short", "needs 3 → met", or "not needed" (levels 0–5). */
export function describeNeed(need: RoleNeed | null): string {
  if (!need) return "not needed";
  return `needs ${need.required} → ${need.gap === 0 ? "met" : `${need.gap} short`}`;
}

const READINESS_TEXT = { ready: "ready", stretch: "a stretch", far: "still far" } as const;

/** One line on how well the person fits a role: fit 0–100, readiness, core skills met, level steps to go. */
export function fitSummary(fit: RoleFit): string {
  const steps = fit.effort === 0 ? "nothing" : fit.effort === 1 ? "1 level step" : `${fit.effort} level steps`;
  const core = fit.coreTotal === 0 ? "no core skills" : `${fit.coreMet} of ${fit.coreTotal} core skills met`;
  return `${fit.title}: fit ${fit.fit}%, ${READINESS_TEXT[fit.readiness]}. ${core}; ${steps} to go.`;
}
