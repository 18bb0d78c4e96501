/**
 * The gap engine's specification: straightforward implementations of levelsToVector and suggestNextRoles, written
 * from the documented rules on top of computeRoleFit, with no typed arrays, masks or scratch buffers. They are slow on
 * purpose and are not used by the app: the fast path (compile.ts, suggest.ts, unlocking.ts) must return exactly what
 * these return, which tests/unit/domain-fastpath.test.ts checks on random taxonomies and levels. Change a rule here
 * first, then make the fast path agree.
 */
import type { Levels, Taxonomy } from "../types";
import { assertLevel, compareIds } from "../scale";
import { computeRoleFit, readinessOf } from "../fit";
import { suggestionReason } from "../reasons";
import { compileTaxonomy, type CompiledTaxonomy, type Via } from "./compile";
import {
  HIGH_FIT_THRESHOLD,
  RANK_CORE_GAP_PENALTY,
  RANK_EFFORT_PENALTY,
  RANK_STEP_UP_BONUS,
  type SuggestResult,
  type Suggestion,
} from "./suggest";
import type { UnlockingGap } from "./unlocking";

/** levelsToVector, specified: for…in over the record, a Map lookup per key; unknown ids become warnings; levels 0–5. */
export function referenceLevelsToVector(levels: Levels, c: CompiledTaxonomy, warnings: string[]): Uint8Array {
  const vec = new Uint8Array(c.skillIds.length);
  for (const id in levels) {
    const v = levels[id];
    assertLevel(v, id);
    const i = c.skillIndex.get(id);
    if (i !== undefined) vec[i] = v;
    else warnings.push(`unknown skill "${id}" ignored`);
  }
  return vec;
}

export type ReferenceSuggestOptions = { limit?: number; unlockingLimit?: number };

/**
 * suggestNextRoles, specified: the documented rules (engine/suggest.ts) written plainly on top of computeRoleFit, every
 * role's fit 0–100 computed in full and unlocking gaps found by brute force over every (skill, level) target.
 */
export function referenceSuggestNextRoles(
  levels: Levels,
  current: string | null,
  t: Taxonomy,
  opts: ReferenceSuggestOptions = {},
): SuggestResult {
  const c = compileTaxonomy(t);
  const warnings: string[] = [];
  const vec = referenceLevelsToVector(levels, c, warnings);
  const known: Record<string, number> = {};
  c.skillIds.forEach((id, i) => (known[id] = vec[i]!));
  const cur = current === null ? undefined : t.roles.find((r) => r.id === current);
  if (current !== null && !cur) warnings.push(`unknown current role "${current}"; ranking all roles by fit`);

  const rich = t.roles.map((r) => computeRoleFit(known, r, { compiled: c }));
  const via = new Map<string, Via>();
  if (!cur) for (const r of t.roles) via.set(r.id, "all roles");
  else {
    for (const e of c.reach[c.roleIndex.get(cur.id)!]!) via.set(c.roles[e.role]!.id, e.via);
    t.roles.forEach((r, j) => {
      if (!via.has(r.id) && r.id !== cur.id && rich[j]!.fit >= HIGH_FIT_THRESHOLD && r.seniority >= cur.seniority)
        via.set(r.id, "high fit");
    });
  }
  const all: Suggestion[] = [];
  t.roles.forEach((r, j) => {
    const v = via.get(r.id);
    if (!v) return;
    const f = rich[j]!;
    const stepUp = cur !== undefined && r.seniority > cur.seniority;
    const score = cur
      ? f.fit -
        RANK_CORE_GAP_PENALTY * f.coreGaps.length -
        RANK_EFFORT_PENALTY * f.effort +
        (stepUp ? RANK_STEP_UP_BONUS : 0)
      : f.fit;
    const coreGaps = f.coreGaps.map((g) => ({
      skill: g.skill,
      name: g.name,
      current: g.current,
      required: g.required,
      gap: g.gap,
    }));
    const closed = { ...known };
    for (const g of f.coreGaps) closed[g.skill] = g.required;
    const fitWithout = computeRoleFit(closed, r).fit;
    all.push({
      roleId: r.id,
      title: r.title,
      fit: f.fit,
      readiness: f.readiness,
      coreGaps,
      coreTotal: f.coreTotal,
      effort: f.effort,
      stepUp,
      via: v,
      score,
      reason: suggestionReason({
        fit: f.fit,
        readiness: f.readiness,
        coreTotal: f.coreTotal,
        coreGaps,
        effort: f.effort,
        fitWithoutCoreGaps: fitWithout,
        readinessWithoutCoreGaps: readinessOf(fitWithout, 0),
      }),
    });
  });
  all.sort((a, b) => b.score - a.score || compareIds(a.roleId, b.roleId));
  const suggestions = all.slice(0, opts.limit ?? 5).map((s) => ({ ...s, score: Math.round(s.score * 10) / 10 }));

  // Unlocking gaps by brute force over every (skill, level) target a candidate's core gap asks for.
  const gaps: UnlockingGap[] = [];
  c.skillIds.forEach((skill, s) => {
    for (let L = vec[s]! + 1; L <= 5; L++) {
      const roleIds = t.roles
        .filter((r, j) => via.has(r.id) && rich[j]!.coreGaps.some((g) => g.skill === skill && g.required <= L))
        .map((r) => r.id)
        .sort(compareIds);
      // Only levels some candidate actually requires are targets (raising further unlocks nothing more).
      const exact = t.roles.some(
        (r, j) => via.has(r.id) && rich[j]!.coreGaps.some((g) => g.skill === skill && g.required === L),
      );
      if (exact)
        gaps.push({ skill, name: c.skillNames[s]!, current: vec[s]!, level: L, roles: roleIds.length, roleIds });
    }
  });
  gaps.sort(
    (a, b) =>
      b.roles - a.roles ||
      a.level - a.current - (b.level - b.current) ||
      compareIds(a.skill, b.skill) ||
      a.level - b.level,
  );

  return {
    suggestions,
    unlockingGaps: gaps.slice(0, opts.unlockingLimit ?? 5),
    candidateCount: all.length,
    fits: Float64Array.from(rich, (f) => f.fit),
    warnings,
  };
}
