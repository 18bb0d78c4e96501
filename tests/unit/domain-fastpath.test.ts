/**
 * The gap engine's hot path (suggestNextRoles over compiled typed arrays, levelsToVector, unlocking
 * gaps, precomputed fit texts) against straightforward reference implementations written from the
 * documented rules on top of computeRoleFit: same results on random taxonomies and levels.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  HIGH_FIT_THRESHOLD,
  RANK_CORE_GAP_PENALTY,
  RANK_EFFORT_PENALTY,
  RANK_STEP_UP_BONUS,
  assertLevel,
  compareIds,
  compileTaxonomy,
  computeRoleFit,
  levelsToVector,
  readinessOf,
  suggestNextRoles,
  suggestionReason,
  unlockingGaps,
  type CompiledTaxonomy,
  type SuggestResult,
  type Suggestion,
  type UnlockingGap,
  type Via,
} from "../../lib/domain";
import type { CareerPath, Importance, Levels, Role, Skill, Taxonomy } from "../../lib/domain/types";
import { role as makeRole, taxonomy as fixture } from "../fixtures/domain-taxonomy";

const N_SKILLS = 14;
// s00…s11 are taxonomy skills; s12, s13 appear only in requirements (named by their id); x0, x1 are unknown.
const taxonomySkillIds = Array.from({ length: 12 }, (_, i) => `s${String(i).padStart(2, "0")}`);
const requirementSkillIds = Array.from({ length: N_SKILLS }, (_, i) => `s${String(i).padStart(2, "0")}`);
const level = fc.integer({ min: 0, max: 5 });
const importance = fc.constantFrom<Importance>("core", "important", "bonus");

// Duplicated skills are allowed on purpose (normalizeRequirements merges them), as are level-0 requirements.
const requirementsArb = fc.array(fc.record({ skill: fc.constantFrom(...requirementSkillIds), level, importance }), { maxLength: 9 });

const taxonomyArb: fc.Arbitrary<Taxonomy> = fc.integer({ min: 1, max: 8 }).chain((n) => {
  const roleIds = Array.from({ length: n }, (_, i) => `r${n - 1 - i}`); // taxonomy order ≠ id order
  const pathArb = fc.record({
    from: fc.constantFrom(...roleIds, "ghost"),
    to: fc.constantFrom(...roleIds),
    kind: fc.constantFrom<CareerPath["kind"]>("progression", "lateral", "entry"),
    sources: fc.constant<string[]>([]),
  });
  const roleArb = (id: string): fc.Arbitrary<Role> =>
    fc.tuple(requirementsArb, fc.integer({ min: 1, max: 8 })).map(([reqs, seniority]) => makeRole(id, `Role ${id}`, seniority, reqs));
  const skills: Skill[] = taxonomySkillIds.map((id, i) => ({
    id,
    name: `Skill ${i}`,
    category: "c",
    description: "",
    tools: [],
    aliases: [],
    prerequisites: [],
    sources: [],
  }));
  return fc
    .tuple(fc.tuple(...roleIds.map(roleArb)), fc.array(pathArb, { maxLength: 14 }))
    .map(([roles, paths]) => ({ ...fixture, skills, roles, paths }));
});

/** Levels keyed by known and unknown skill ids, inserted in a random order. */
const levelsArb: fc.Arbitrary<Levels> = fc
  .array(fc.tuple(fc.constantFrom(...requirementSkillIds, "x0", "x1"), level), { maxLength: 18 })
  .map((pairs) => Object.fromEntries(pairs));

/** levelsToVector as originally written: for…in over the record, a Map lookup per key. */
function referenceVector(levels: Levels, c: CompiledTaxonomy, warnings: string[]): Uint8Array {
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

type Options = { limit?: number; unlockingLimit?: number };

/** suggestNextRoles from its documented rules, with every role's rich fit from computeRoleFit. */
function referenceSuggest(levels: Levels, current: string | null, t: Taxonomy, opts: Options = {}): SuggestResult {
  const c = compileTaxonomy(t);
  const warnings: string[] = [];
  const vec = referenceVector(levels, c, warnings);
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
      if (!via.has(r.id) && r.id !== cur.id && rich[j]!.fit >= HIGH_FIT_THRESHOLD && r.seniority >= cur.seniority) via.set(r.id, "high fit");
    });
  }
  const all: Suggestion[] = [];
  t.roles.forEach((r, j) => {
    const v = via.get(r.id);
    if (!v) return;
    const f = rich[j]!;
    const stepUp = cur !== undefined && r.seniority > cur.seniority;
    const score = cur
      ? f.fit - RANK_CORE_GAP_PENALTY * f.coreGaps.length - RANK_EFFORT_PENALTY * f.effort + (stepUp ? RANK_STEP_UP_BONUS : 0)
      : f.fit;
    const coreGaps = f.coreGaps.map((g) => ({ skill: g.skill, name: g.name, current: g.current, required: g.required, gap: g.gap }));
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
      const exact = t.roles.some((r, j) => via.has(r.id) && rich[j]!.coreGaps.some((g) => g.skill === skill && g.required === L));
      if (exact) gaps.push({ skill, name: c.skillNames[s]!, current: vec[s]!, level: L, roles: roleIds.length, roleIds });
    }
  });
  gaps.sort((a, b) => b.roles - a.roles || a.level - a.current - (b.level - b.current) || compareIds(a.skill, b.skill) || a.level - b.level);

  return {
    suggestions,
    unlockingGaps: gaps.slice(0, opts.unlockingLimit ?? 5),
    candidateCount: all.length,
    fits: Float64Array.from(rich, (f) => f.fit),
    warnings,
  };
}

const plain = (r: SuggestResult) => ({ ...r, fits: [...r.fits] });

describe("suggestNextRoles hot path", () => {
  it("equals the straightforward computation on random taxonomies and levels", () => {
    fc.assert(
      fc.property(
        taxonomyArb.chain((t) => fc.tuple(fc.constant(t), fc.option(fc.constantFrom(...t.roles.map((r) => r.id), "ghost")))),
        levelsArb,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        ([t, current], levels, limit, unlockingLimit) => {
          const expected = plain(referenceSuggest(levels, current, t, { limit, unlockingLimit }));
          expect(plain(suggestNextRoles(levels, current, t, { limit, unlockingLimit }))).toEqual(expected);
          // A shared compiled taxonomy, a level vector, and a second call reusing the scratch buffers agree too.
          const c = compileTaxonomy(t);
          const again = suggestNextRoles(levels, current, t, { compiled: c, limit, unlockingLimit });
          expect(plain(again)).toEqual(expected);
          const vec = suggestNextRoles(levelsToVector(levels, c), current, t, { compiled: c, limit, unlockingLimit });
          expect(plain({ ...vec, warnings: [] })).toEqual({ ...expected, warnings: [] });
          expect(vec.warnings).toEqual(expected.warnings.filter((w) => w.startsWith("unknown current role")));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("returns every candidate, ranked, with limit Infinity", () => {
    fc.assert(
      fc.property(taxonomyArb, levelsArb, (t, levels) => {
        const opts = { limit: Infinity, unlockingLimit: Infinity };
        expect(plain(suggestNextRoles(levels, null, t, opts))).toEqual(plain(referenceSuggest(levels, null, t, opts)));
      }),
    );
  });

  it("unlockingGaps (via array) matches the mask-based hot path", () => {
    fc.assert(
      fc.property(taxonomyArb, levelsArb, (t, levels) => {
        const c = compileTaxonomy(t);
        const via: (Via | undefined)[] = c.roles.map((_, j) => (j % 2 === 0 ? "all roles" : undefined));
        const candidates = new Set(c.roles.filter((_, j) => j % 2 === 0).map((r) => r.id));
        const got = unlockingGaps(levelsToVector(levels, c), c, via, 50);
        const ref = referenceSuggest(levels, null, { ...t, roles: t.roles.filter((r) => candidates.has(r.id)) }, { unlockingLimit: 50 });
        expect(got).toEqual(ref.unlockingGaps);
      }),
    );
  });
});

describe("levelsToVector", () => {
  const c = compileTaxonomy(fixture);
  const check = (levels: Levels) => {
    const refWarnings: string[] = [];
    let ref: Uint8Array | Error;
    try {
      ref = referenceVector(levels, c, refWarnings);
    } catch (e) {
      ref = e as Error;
    }
    const warnings: string[] = [];
    if (ref instanceof Error) {
      expect(() => levelsToVector(levels, c, warnings)).toThrow(ref.message);
    } else {
      expect([...levelsToVector(levels, c, warnings)]).toEqual([...ref]);
      expect(warnings).toEqual(refWarnings);
    }
  };
  const ids = [...c.skillIds, "cobol", "x", "constructor", "toString", "__proto__", "0", "7"];
  const value = fc.oneof(level, fc.constantFrom<unknown>(6, -1, 2.5, "3", null, undefined, NaN));

  it("equals for…in over the record, whatever the key order, unknown keys or invalid values", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...ids), value), { maxLength: 14 }), fc.boolean(), (pairs, nullProto) => {
        const levels: Record<string, unknown> = nullProto ? Object.create(null) : {};
        for (const [k, v] of pairs) Object.defineProperty(levels, k, { value: v, enumerable: true, writable: true, configurable: true });
        check(levels as Levels);
      }),
    );
  });

  it("follows for…in for records with a prototype or inherited keys", () => {
    check(Object.create({ linux: 3, cobol: 2 }, { kubernetes: { value: 4, enumerable: true } }) as Levels);
    check(Object.assign([], { linux: 2 }) as unknown as Levels);
    check(Object.create(null, { linux: { value: 9, enumerable: false }, kubernetes: { value: 2, enumerable: true } }) as Levels);
    check({ linux: 3, kubernetes: 2, cicd: 1 });
    check({});
  });
});

describe("reason texts", () => {
  it("print every fit exactly as String(fit)", () => {
    const texts = [...Array.from({ length: 1001 }, (_, k) => k / 10), 33.33, 100.5, -1, -0, 1e21, NaN];
    for (const fit of texts) {
      expect(suggestionReason({ fit, readiness: "ready", coreTotal: 0, coreGaps: [], effort: 0, fitWithoutCoreGaps: fit, readinessWithoutCoreGaps: "ready" })).toBe(
        `No core skills required and your fit is ${String(fit)}; you are ready now.`,
      );
    }
  });
});
