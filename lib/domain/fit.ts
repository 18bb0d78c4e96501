/**
 * Role fit: how well a person's levels cover a role's requirements.
 *
 * fit = 100 × Σ w·min(current, required)/required ÷ Σ w, rounded to one decimal (0–100),
 * with w = IMPORTANCE_WEIGHT (core 3, important 2, bonus 1). Partial credit: level 2 of a
 * required 4 earns half the weight. Levels above a requirement are capped at it, so they never
 * lower (or raise) fit. A requirement at level 0 is always met. A role with no requirements has
 * fit 100 and is "ready". The arithmetic is exact integer arithmetic (see UNIT_SCALE), so the
 * rich path (computeRoleFit) and the typed-array path (computeFitScore) agree to the bit.
 *
 * Readiness: "ready" = no core gap and fit ≥ 80; "stretch" = fit ≥ 60 and at most 2 core gaps;
 * otherwise "far". Meeting every requirement gives fit 100, no gaps and "ready".
 */
import type { Importance, Levels, Requirement, Role, Skill, Taxonomy } from "./types";
import { IMPORTANCE_RANK, IMPORTANCE_WEIGHT, assertLevel, compareIds, validateLevels } from "./scale";
import type { CompiledTaxonomy } from "./engine/compile";

export type Readiness = "ready" | "stretch" | "far";
export type SkillStatus = "met" | "partial" | "missing";

/** "ready" needs no core gap and at least this fit (0–100). */
export const READY_MIN_FIT = 80;
/** "stretch" needs at least this fit (0–100)… */
export const STRETCH_MIN_FIT = 60;
/** …and at most this many core gaps. */
export const STRETCH_MAX_CORE_GAPS = 2;
/** lcm(1..5): w·UNIT_SCALE/required is an integer, so fit sums are exact integers. */
export const UNIT_SCALE = 60;

export type SkillFit = {
  skill: string;
  /** Display name (the id when no taxonomy was given). */
  name: string;
  required: number;
  current: number;
  /** max(0, required − current), 0–5. */
  gap: number;
  status: SkillStatus;
  importance: Importance;
};

export type RoleFit = {
  roleId: string;
  title: string;
  /** 0–100, one decimal. */
  fit: number;
  readiness: Readiness;
  /** Requirements sorted core → important → bonus, then biggest gap, then skill id. */
  skills: SkillFit[];
  /** Core requirements not yet met, biggest gap first, then skill id. */
  coreGaps: SkillFit[];
  /** Level steps still to climb over all requirements (Σ gap, ≥ 0). */
  effort: number;
  metCount: number;
  total: number;
  coreMet: number;
  coreTotal: number;
  warnings: string[];
};

export type FitOptions = {
  /** Used for skill names and to tell unknown skill ids from skills this role does not need. */
  taxonomy?: Taxonomy;
  compiled?: CompiledTaxonomy;
  /** Known skills (objects give names); an alternative to `taxonomy`. */
  skills?: readonly (Skill | string)[];
};

/** Readiness from fit (0–100) and the number of core gaps (≥ 0), per the thresholds above. */
export function readinessOf(fit: number, coreGaps: number): Readiness {
  if (coreGaps === 0 && fit >= READY_MIN_FIT) return "ready";
  if (fit >= STRETCH_MIN_FIT && coreGaps <= STRETCH_MAX_CORE_GAPS) return "stretch";
  return "far";
}

/** Fit 0–100 (one decimal) from earned and total integer units; no units → 100. */
export function fitFromUnits(earned: number, total: number): number {
  return total === 0 ? 100 : Math.round((1000 * earned) / total) / 10;
}

/** Integer units a requirement is worth per level reached: w·60/required (0 when required = 0). */
export function requirementUnit(importance: Importance, required: number): number {
  return required === 0 ? 0 : (IMPORTANCE_WEIGHT[importance] * UNIT_SCALE) / required;
}

/**
 * A role's requirements with duplicates merged (highest level, strongest importance), in first
 * appearance order. Throws a DomainError for a required level off the 0–5 scale.
 */
export function normalizeRequirements(role: Role): Requirement[] {
  const bySkill = new Map<string, Requirement>();
  for (const r of role.requirements) {
    assertLevel(r.level, r.skill, `requirement of role "${role.id}"`);
    const prev = bySkill.get(r.skill);
    if (!prev) bySkill.set(r.skill, { skill: r.skill, level: r.level, importance: r.importance });
    else {
      prev.level = Math.max(prev.level, r.level);
      if (IMPORTANCE_RANK[r.importance] < IMPORTANCE_RANK[prev.importance]) prev.importance = r.importance;
    }
  }
  return [...bySkill.values()];
}

/** Fit 0–100 (one decimal) of `levels` (0–5, missing = 0; not validated) against normalized requirements. */
export function fitForRequirements(levels: Levels, reqs: readonly Requirement[]): number {
  let earned = 0;
  let total = 0;
  for (const r of reqs) {
    const weightUnits = IMPORTANCE_WEIGHT[r.importance] * UNIT_SCALE;
    total += weightUnits;
    earned +=
      r.level === 0 ? weightUnits : Math.min(levels[r.skill] ?? 0, r.level) * requirementUnit(r.importance, r.level);
  }
  return fitFromUnits(earned, total);
}

function statusOf(current: number, required: number): SkillStatus {
  if (current >= required) return "met";
  return current === 0 ? "missing" : "partial";
}

function knownSkills(opts: FitOptions | undefined): { names: Map<string, string>; known: Set<string> | null } {
  const names = new Map<string, string>();
  let known: Set<string> | null = null;
  const c = opts?.compiled;
  if (c) {
    known = new Set(c.skillIds);
    c.skillIds.forEach((id, i) => names.set(id, c.skillNames[i]!));
  }
  const list = opts?.skills ?? opts?.taxonomy?.skills;
  if (list) {
    known ??= new Set();
    for (const s of list) {
      const id = typeof s === "string" ? s : s.id;
      known.add(id);
      if (typeof s !== "string") names.set(id, s.name);
    }
  }
  return { names, known };
}

/** Compares skill fits: core → important → bonus, biggest gap first, then skill id. */
export function compareSkillFits(a: SkillFit, b: SkillFit): number {
  return IMPORTANCE_RANK[a.importance] - IMPORTANCE_RANK[b.importance] || b.gap - a.gap || compareIds(a.skill, b.skill);
}

/**
 * Rich fit of `levels` (0–5 per skill id; missing = 0) to `role`: fit 0–100, readiness,
 * per-skill gaps (0–5), effort (level steps), warnings for ignored skill ids. Throws a
 * DomainError for a level off the 0–5 scale.
 */
export function computeRoleFit(levels: Levels, role: Role, opts?: FitOptions): RoleFit {
  validateLevels(levels);
  const reqs = normalizeRequirements(role);
  const { names, known } = knownSkills(opts);
  const required = new Set(reqs.map((r) => r.skill));
  const warnings: string[] = [];
  for (const id of Object.keys(levels).sort(compareIds)) {
    if (known && !known.has(id)) warnings.push(`unknown skill "${id}" ignored`);
    else if (!known && !required.has(id)) warnings.push(`skill "${id}" is not required by role "${role.id}"; ignored`);
  }

  let earned = 0;
  let total = 0;
  let effort = 0;
  let metCount = 0;
  let coreMet = 0;
  let coreTotal = 0;
  const skills: SkillFit[] = [];
  for (const r of reqs) {
    const cur = levels[r.skill] ?? 0;
    const gap = Math.max(0, r.level - cur);
    const weightUnits = IMPORTANCE_WEIGHT[r.importance] * UNIT_SCALE;
    total += weightUnits;
    earned += r.level === 0 ? weightUnits : Math.min(cur, r.level) * requirementUnit(r.importance, r.level);
    effort += gap;
    if (gap === 0) metCount++;
    if (r.importance === "core") {
      coreTotal++;
      if (gap === 0) coreMet++;
    }
    skills.push({
      skill: r.skill,
      name: names.get(r.skill) ?? r.skill,
      required: r.level,
      current: cur,
      gap,
      status: statusOf(cur, r.level),
      importance: r.importance,
    });
  }
  skills.sort(compareSkillFits);
  const coreGaps = skills.filter((s) => s.importance === "core" && s.gap > 0);
  const fit = fitFromUnits(earned, total);
  return {
    roleId: role.id,
    title: role.title,
    fit,
    readiness: readinessOf(fit, coreGaps.length),
    skills,
    coreGaps,
    effort,
    metCount,
    total: reqs.length,
    coreMet,
    coreTotal,
    warnings,
  };
}
