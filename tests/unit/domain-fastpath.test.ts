/**
 * The gap engine's hot path (suggestNextRoles over compiled typed arrays, levelsToVector, unlocking
 * gaps, precomputed fit texts) against its specification, lib/domain/engine/reference.ts (straightforward
 * implementations written from the documented rules on top of computeRoleFit): same results on random
 * taxonomies and levels.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileTaxonomy,
  levelsToVector,
  referenceLevelsToVector,
  referenceSuggestNextRoles,
  suggestNextRoles,
  suggestionReason,
  unlockingGaps,
  type SuggestResult,
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
const requirementsArb = fc.array(fc.record({ skill: fc.constantFrom(...requirementSkillIds), level, importance }), {
  maxLength: 9,
});

const taxonomyArb: fc.Arbitrary<Taxonomy> = fc.integer({ min: 1, max: 8 }).chain((n) => {
  const roleIds = Array.from({ length: n }, (_, i) => `r${n - 1 - i}`); // taxonomy order ≠ id order
  const pathArb = fc.record({
    from: fc.constantFrom(...roleIds, "ghost"),
    to: fc.constantFrom(...roleIds),
    kind: fc.constantFrom<CareerPath["kind"]>("progression", "lateral", "entry"),
    sources: fc.constant<string[]>([]),
  });
  const roleArb = (id: string): fc.Arbitrary<Role> =>
    fc
      .tuple(requirementsArb, fc.integer({ min: 1, max: 8 }))
      .map(([reqs, seniority]) => makeRole(id, `Role ${id}`, seniority, reqs));
  const skills: Skill[] = taxonomySkillIds.map((id, i) => ({
    id,
    name: `Skill ${i}`,
    category: "c",
    description: "",
    tools: [],
    aliases: [],
    prerequisites: [],
    sources: [],
    levels: [],
    resources: [],
  }));
  return fc
    .tuple(fc.tuple(...roleIds.map(roleArb)), fc.array(pathArb, { maxLength: 14 }))
    .map(([roles, paths]) => ({ ...fixture, skills, roles, paths }));
});

/** Levels keyed by known and unknown skill ids, inserted in a random order. */
const levelsArb: fc.Arbitrary<Levels> = fc
  .array(fc.tuple(fc.constantFrom(...requirementSkillIds, "x0", "x1"), level), { maxLength: 18 })
  .map((pairs) => Object.fromEntries(pairs));

const plain = (r: SuggestResult) => ({ ...r, fits: [...r.fits] });

describe("suggestNextRoles hot path", () => {
  it("equals the straightforward computation on random taxonomies and levels", () => {
    fc.assert(
      fc.property(
        taxonomyArb.chain((t) =>
          fc.tuple(fc.constant(t), fc.option(fc.constantFrom(...t.roles.map((r) => r.id), "ghost"))),
        ),
        levelsArb,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        ([t, current], levels, limit, unlockingLimit) => {
          const expected = plain(referenceSuggestNextRoles(levels, current, t, { limit, unlockingLimit }));
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
        expect(plain(suggestNextRoles(levels, null, t, opts))).toEqual(
          plain(referenceSuggestNextRoles(levels, null, t, opts)),
        );
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
        const ref = referenceSuggestNextRoles(
          levels,
          null,
          { ...t, roles: t.roles.filter((r) => candidates.has(r.id)) },
          { unlockingLimit: 50 },
        );
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
      ref = referenceLevelsToVector(levels, c, refWarnings);
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
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...ids), value), { maxLength: 14 }),
        fc.boolean(),
        (pairs, nullProto) => {
          const levels: Record<string, unknown> = nullProto ? Object.create(null) : {};
          for (const [k, v] of pairs)
            Object.defineProperty(levels, k, { value: v, enumerable: true, writable: true, configurable: true });
          check(levels as Levels);
        },
      ),
    );
  });

  it("follows for…in for records with a prototype or inherited keys", () => {
    check(Object.create({ linux: 3, cobol: 2 }, { kubernetes: { value: 4, enumerable: true } }) as Levels);
    check(Object.assign([], { linux: 2 }) as unknown as Levels);
    check(
      Object.create(null, {
        linux: { value: 9, enumerable: false },
        kubernetes: { value: 2, enumerable: true },
      }) as Levels,
    );
    check({ linux: 3, kubernetes: 2, cicd: 1 });
    check({});
  });
});

describe("reason texts", () => {
  it("print every fit exactly as String(fit)", () => {
    const texts = [...Array.from({ length: 1001 }, (_, k) => k / 10), 33.33, 100.5, -1, -0, 1e21, NaN];
    for (const fit of texts) {
      expect(
        suggestionReason({
          fit,
          readiness: "ready",
          coreTotal: 0,
          coreGaps: [],
          effort: 0,
          fitWithoutCoreGaps: fit,
          readinessWithoutCoreGaps: "ready",
        }),
      ).toBe(`No core skills required and your fit is ${String(fit)}; you are ready now.`);
    }
  });
});
