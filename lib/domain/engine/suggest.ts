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
import type { Levels, Taxonomy } from "../types";
import { DomainError } from "../scale";
import { fitFromUnits, readinessOf, type Readiness } from "../fit";
import { getCompiled, levelsIntoVector, type CompiledTaxonomy, type Via } from "./compile";
import { suggestionReason, type CoreGap } from "../reasons";
import { unlockingGapsOf, type UnlockingGap } from "./unlocking";

export const HIGH_FIT_THRESHOLD = 70;
export const RANK_CORE_GAP_PENALTY = 10;
export const RANK_EFFORT_PENALTY = 1;
export const RANK_STEP_UP_BONUS = 5;

// Per-role scratch arrays reused across calls (suggestNextRoles runs once per person); only `fits`
// is returned, so it is the one array allocated per call.
let scratchCoreGaps = new Int32Array(0);
let scratchEffort = new Int32Array(0);
let scratchEarned = new Float64Array(0);
let scratchScores = new Float64Array(0);
let scratchCandidate = new Uint8Array(0);
let scratchVector = new Uint8Array(0);

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
    if (levels.length !== nSkills)
      throw new DomainError(`level vector has ${levels.length} entries, expected ${nSkills}`);
    vec = levels;
  } else {
    // Internal only (never returned), so one buffer serves every call.
    if (scratchVector.length !== nSkills) scratchVector = new Uint8Array(nSkills);
    vec = levelsIntoVector(levels, c, scratchVector, warnings);
  }

  let cur = -1;
  if (currentRoleId !== null) {
    const i = c.roleIndex.get(currentRoleId);
    if (i === undefined) warnings.push(`unknown current role "${currentRoleId}"; ranking all roles by fit`);
    else cur = i;
  }

  const roles = c.roles;
  const n = roles.length;
  if (scratchCoreGaps.length < n) {
    scratchCoreGaps = new Int32Array(n);
    scratchEffort = new Int32Array(n);
    scratchEarned = new Float64Array(n);
    scratchScores = new Float64Array(n);
    scratchCandidate = new Uint8Array(n);
  }
  const fits = new Float64Array(n);
  const coreGaps = scratchCoreGaps;
  const effort = scratchEffort;
  const earnedUnits = scratchEarned;
  // Every role's fit, core-gap count and effort in one branch-free pass over its requirements
  // (core requirements come first): g = max(0, required − current) and min(current, required) = required − g.
  for (let j = 0; j < n; j++) {
    const r = roles[j]!;
    const skill = r.reqSkill,
      level = r.reqLevel,
      unit = r.reqUnit;
    const len = skill.length,
      nCore = r.coreCount;
    let earned = r.baseUnits,
      cg = 0,
      ef = 0,
      k = 0;
    for (; k < nCore; k++) {
      const q = level[k]!;
      const d = q - vec[skill[k]!]!;
      const g = d & ~(d >> 31);
      earned += (q - g) * unit[k]!;
      ef += g;
      cg += -g >>> 31;
    }
    for (; k < len; k++) {
      const q = level[k]!;
      const d = q - vec[skill[k]!]!;
      const g = d & ~(d >> 31);
      earned += (q - g) * unit[k]!;
      ef += g;
    }
    fits[j] = fitFromUnits(earned, r.totalUnits);
    earnedUnits[j] = earned;
    coreGaps[j] = cg;
    effort[j] = ef;
  }

  // Candidates: 1 = every role (no current role) or reachable by path, 2 = "high fit".
  const candidate = scratchCandidate;
  if (cur < 0) candidate.fill(1, 0, n);
  else {
    candidate.fill(0, 0, n);
    for (const e of c.reach[cur]!) candidate[e.role] = 1;
    const floor = roles[cur]!.seniority;
    for (let j = 0; j < n; j++) {
      if (candidate[j] === 0 && j !== cur && fits[j]! >= threshold && roles[j]!.seniority >= floor) candidate[j] = 2;
    }
  }
  const viaOf = (j: number): Via =>
    cur < 0 ? "all roles" : candidate[j] === 2 ? "high fit" : c.reachVia[cur * n + j]!;

  // Scores and top-`limit` selection (insertion into a short sorted list); only these get reasons.
  const curSeniority = cur < 0 ? 0 : roles[cur]!.seniority;
  const scores = scratchScores;
  const top: number[] = [];
  const better = (a: number, b: number) =>
    scores[a]! > scores[b]! || (scores[a] === scores[b] && roles[a]!.idRank < roles[b]!.idRank);
  let candidateCount = 0;
  for (let j = 0; j < n; j++) {
    if (candidate[j] === 0) continue;
    candidateCount++;
    const stepUp = cur >= 0 && roles[j]!.seniority > curSeniority;
    scores[j] =
      cur < 0
        ? fits[j]!
        : fits[j]! -
          RANK_CORE_GAP_PENALTY * coreGaps[j]! -
          RANK_EFFORT_PENALTY * effort[j]! +
          (stepUp ? RANK_STEP_UP_BONUS : 0);
    if (top.length < limit || better(j, top[top.length - 1]!)) {
      let p = top.length < limit ? top.length : top.length - 1;
      while (p > 0 && better(j, top[p - 1]!)) {
        top[p] = top[p - 1]!;
        p--;
      }
      top[p] = j;
    }
  }

  // Full suggestions (core gaps, reason) for the top roles only.
  const suggestions: Suggestion[] = [];
  for (const j of top) {
    const r = roles[j]!;
    // Core gaps, biggest gap first, then skill id (insertion sort: there are only a few).
    const gaps: CoreGap[] = [];
    const gapRank: number[] = [];
    let closeUnits = 0;
    for (let k = 0; k < r.coreCount; k++) {
      const s = r.reqSkill[k]!,
        q = r.reqLevel[k]!,
        v = vec[s]!;
      if (v >= q) continue;
      closeUnits += (q - v) * r.reqUnit[k]!;
      const gap = q - v,
        rank = c.skillRank[s]!;
      let p = gaps.length;
      while (p > 0 && (gaps[p - 1]!.gap < gap || (gaps[p - 1]!.gap === gap && gapRank[p - 1]! > rank))) {
        gaps[p] = gaps[p - 1]!;
        gapRank[p] = gapRank[p - 1]!;
        p--;
      }
      gaps[p] = { skill: c.skillIds[s]!, name: c.skillNames[s]!, current: v, required: q, gap };
      gapRank[p] = rank;
    }
    const fit = fits[j]!;
    const readiness = readinessOf(fit, gaps.length);
    const fitWithout = fitFromUnits(earnedUnits[j]! + closeUnits, r.totalUnits);
    suggestions.push({
      roleId: r.id,
      title: r.title,
      fit,
      readiness,
      coreGaps: gaps,
      coreTotal: r.coreTotal,
      effort: effort[j]!,
      stepUp: cur >= 0 && r.seniority > curSeniority,
      via: viaOf(j),
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
    });
  }

  return {
    suggestions,
    unlockingGaps: unlockingGapsOf(vec, c, candidate, opts?.unlockingLimit ?? 5),
    candidateCount,
    fits,
    warnings,
  };
}
