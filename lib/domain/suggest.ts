/**
 * Next-role suggestions.
 *
 * Candidates: with a current role, every role reachable within two hops of the path graph
 * (progression/entry edges forward, lateral edges both ways) plus any role with fit ≥ 70
 * (HIGH_FIT_THRESHOLD) that is not a step down (seniority ≥ the current role's); the current
 * role is excluded. Without a current role: every role.
 *
 * Ranking score (higher first): fit − 10 × coreGaps − 1 × effort + 5 × stepUp, where fit is
 * 0–100, coreGaps counts unmet core requirements, effort is the level steps still to climb and
 * stepUp is 1 when the role's seniority is higher than the current role's. Without a current
 * role the score is fit alone. Ties are broken by role id (ascending), so the order never
 * depends on the order of roles or paths in the taxonomy.
 */
import type { Levels, Taxonomy } from "./types";
import { DomainError } from "./scale";
import { fitFromUnits, readinessOf, type Readiness } from "./fit";
import { getCompiled, levelsToVector, type CompiledTaxonomy, type Via } from "./compile";
import { suggestionReason, type CoreGap } from "./reasons";
import { unlockingGaps, type UnlockingGap } from "./unlocking";

export const HIGH_FIT_THRESHOLD = 70;
export const RANK_CORE_GAP_PENALTY = 10;
export const RANK_EFFORT_PENALTY = 1;
export const RANK_STEP_UP_BONUS = 5;

export type SuggestOptions = {
  /** Compiled form of the same taxonomy (compileTaxonomy), to avoid recompiling per person. */
  compiled?: CompiledTaxonomy;
  /** Suggestions returned (default 5; Infinity for all candidates). */
  limit?: number;
  /** Unlocking gaps returned (default 5). */
  unlockingLimit?: number;
  /** Fit (0–100) at which any role becomes a candidate (default 70). */
  highFitThreshold?: number;
};

export type Suggestion = {
  roleId: string;
  title: string;
  /** 0–100, one decimal. */
  fit: number;
  readiness: Readiness;
  coreGaps: CoreGap[];
  coreTotal: number;
  /** Level steps still to climb (≥ 0). */
  effort: number;
  stepUp: boolean;
  via: Via;
  /** Ranking score (see module doc); higher is better. */
  score: number;
  reason: string;
};

export type SuggestResult = {
  suggestions: Suggestion[];
  /** Sorted by roles unlocked desc, then smallest step, then skill id, then level. */
  unlockingGaps: UnlockingGap[];
  candidateCount: number;
  /** Fit 0–100 of every role, aligned with compiled.roles. */
  fits: Float64Array;
  warnings: string[];
};

/**
 * Ranks candidate next roles for `levels` (0–5 per skill id, or a vector from levelsToVector)
 * from `currentRoleId` (null = none); returns the top `limit` with reasons, the gaps unlocking
 * most candidates and every role's fit (0–100). Throws a DomainError for levels off 0–5.
 */
export function suggestNextRoles(
  levels: Levels | Uint8Array,
  currentRoleId: string | null,
  taxonomy: Taxonomy,
  opts?: SuggestOptions,
): SuggestResult {
  const c = opts?.compiled ?? getCompiled(taxonomy);
  const limit = opts?.limit ?? 5;
  const threshold = opts?.highFitThreshold ?? HIGH_FIT_THRESHOLD;
  const warnings: string[] = [];
  const nSkills = c.skillIds.length;
  let vec: Uint8Array;
  if (levels instanceof Uint8Array) {
    if (levels.length !== nSkills) throw new DomainError(`level vector has ${levels.length} entries, expected ${nSkills}`);
    vec = levels;
  } else vec = levelsToVector(levels, c, warnings);

  let cur = -1;
  if (currentRoleId !== null) {
    const i = c.roleIndex.get(currentRoleId);
    if (i === undefined) warnings.push(`unknown current role "${currentRoleId}"; ranking all roles by fit`);
    else cur = i;
  }

  const roles = c.roles;
  const n = roles.length;
  const fits = new Float64Array(n);
  const coreGaps = new Uint8Array(n);
  const effort = new Uint16Array(n);
  for (let j = 0; j < n; j++) {
    const r = roles[j]!;
    const skill = r.reqSkill, level = r.reqLevel, unit = r.reqUnit, rank = r.reqRank;
    let earned = r.baseUnits, cg = 0, ef = 0;
    for (let k = 0; k < skill.length; k++) {
      const v = vec[skill[k]!]!;
      const q = level[k]!;
      if (v < q) {
        earned += v * unit[k]!;
        ef += q - v;
        if (rank[k] === 0) cg++;
      } else earned += q * unit[k]!;
    }
    fits[j] = fitFromUnits(earned, r.totalUnits);
    coreGaps[j] = cg;
    effort[j] = ef;
  }

  // Candidates and how they are reached.
  const via: (Via | undefined)[] = new Array(n);
  if (cur < 0) via.fill("all roles");
  else {
    for (const e of c.reach[cur]!) via[e.role] = e.via;
    const floor = roles[cur]!.seniority;
    for (let j = 0; j < n; j++) {
      if (via[j] === undefined && j !== cur && fits[j]! >= threshold && roles[j]!.seniority >= floor) via[j] = "high fit";
    }
  }

  // Scores and top-`limit` selection (insertion into a short sorted list).
  const curSeniority = cur < 0 ? 0 : roles[cur]!.seniority;
  const scores = new Float64Array(n);
  const top: number[] = [];
  const better = (a: number, b: number) =>
    scores[a]! > scores[b]! || (scores[a] === scores[b] && roles[a]!.idRank < roles[b]!.idRank);
  let candidateCount = 0;
  for (let j = 0; j < n; j++) {
    if (via[j] === undefined) continue;
    candidateCount++;
    const stepUp = cur >= 0 && roles[j]!.seniority > curSeniority;
    scores[j] =
      cur < 0
        ? fits[j]!
        : fits[j]! - RANK_CORE_GAP_PENALTY * coreGaps[j]! - RANK_EFFORT_PENALTY * effort[j]! + (stepUp ? RANK_STEP_UP_BONUS : 0);
    if (top.length < limit || better(j, top[top.length - 1]!)) {
      let p = top.length < limit ? top.length : top.length - 1;
      while (p > 0 && better(j, top[p - 1]!)) {
        top[p] = top[p - 1]!;
        p--;
      }
      top[p] = j;
    }
  }

  const suggestions = top.map((j): Suggestion => {
    const r = roles[j]!;
    const gapSkills: number[] = [];
    let earned = r.baseUnits;
    let closeUnits = 0;
    for (let k = 0; k < r.reqSkill.length; k++) {
      const s = r.reqSkill[k]!, q = r.reqLevel[k]!, v = vec[s]!;
      earned += (v < q ? v : q) * r.reqUnit[k]!;
      if (r.reqRank[k] === 0 && v < q) {
        gapSkills.push(s);
        closeUnits += (q - v) * r.reqUnit[k]!;
      }
    }
    const gaps: CoreGap[] = gapSkills
      .sort((a, b) => c.coreLevel[j * nSkills + b]! - vec[b]! - (c.coreLevel[j * nSkills + a]! - vec[a]!) || c.skillRank[a]! - c.skillRank[b]!)
      .map((s) => {
        const q = c.coreLevel[j * nSkills + s]!, v = vec[s]!;
        return { skill: c.skillIds[s]!, name: c.skillNames[s]!, current: v, required: q, gap: q - v };
      });
    const fit = fits[j]!;
    const readiness = readinessOf(fit, gaps.length);
    const fitWithout = fitFromUnits(earned + closeUnits, r.totalUnits);
    return {
      roleId: r.id,
      title: r.title,
      fit,
      readiness,
      coreGaps: gaps,
      coreTotal: r.coreTotal,
      effort: effort[j]!,
      stepUp: cur >= 0 && r.seniority > curSeniority,
      via: via[j]!,
      score: Math.round(scores[j]! * 10) / 10,
      reason: suggestionReason({
        fit,
        readiness,
        coreTotal: r.coreTotal,
        coreGaps: gaps,
        effort: effort[j]!,
        fitWithoutCoreGaps: fitWithout,
        readinessWithoutCoreGaps: readinessOf(fitWithout, 0),
      }),
    };
  });

  return {
    suggestions,
    unlockingGaps: unlockingGaps(vec, c, via, opts?.unlockingLimit ?? 5),
    candidateCount,
    fits,
    warnings,
  };
}
