import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileTaxonomy,
  computeFitScore,
  computeRoleFit,
  levelsToVector,
  planLearningPath,
  suggestNextRoles,
} from "../../lib/domain";
import type { CareerPath, Importance, Levels, Role, Skill, Taxonomy } from "../../lib/domain/types";
import { role as makeRole, taxonomy as fixture } from "../fixtures/domain-taxonomy";

const N_SKILLS = 12;
const ids = Array.from({ length: N_SKILLS }, (_, i) => `s${String(i).padStart(2, "0")}`);
const level = fc.integer({ min: 0, max: 5 });
const importance = fc.constantFrom<Importance>("core", "important", "bonus");

const levelsArb: fc.Arbitrary<Levels> = fc
  .array(fc.tuple(fc.constantFrom(...ids), level), { maxLength: N_SKILLS })
  .map((pairs) => Object.fromEntries(pairs));

const requirementsArb = fc.uniqueArray(fc.record({ skill: fc.constantFrom(...ids), level, importance }), {
  selector: (r) => r.skill,
  maxLength: 8,
});

const roleArb = (id: string): fc.Arbitrary<Role> =>
  fc
    .tuple(requirementsArb, fc.integer({ min: 1, max: 8 }))
    .map(([reqs, seniority]) => makeRole(id, `Role ${id}`, seniority, reqs));

/** Skills whose prerequisites only point at lower-numbered skills, so the graph is acyclic. */
const skillsArb: fc.Arbitrary<Skill[]> = fc
  .tuple(...ids.map((_, i) => fc.subarray(ids.slice(0, i), { maxLength: Math.min(3, i) })))
  .map((prereqs) =>
    ids.map((id, i) => ({
      id,
      name: `Skill ${i}`,
      category: "c",
      description: "",
      tools: [],
      aliases: [],
      prerequisites: prereqs[i]!,
      sources: [],
      levels: [],
      resources: [],
    })),
  );

const taxonomyArb: fc.Arbitrary<Taxonomy> = fc.integer({ min: 1, max: 7 }).chain((n) => {
  const roleIds = Array.from({ length: n }, (_, i) => `r${i}`);
  const pathArb = fc.record({
    from: fc.constantFrom(...roleIds),
    to: fc.constantFrom(...roleIds),
    kind: fc.constantFrom<CareerPath["kind"]>("progression", "lateral", "entry"),
    sources: fc.constant<string[]>([]),
  });
  return fc
    .tuple(skillsArb, fc.tuple(...roleIds.map(roleArb)), fc.array(pathArb, { maxLength: 12 }))
    .map(([skills, roles, paths]) => ({ ...fixture, skills, roles, paths }));
});

describe("fit properties", () => {
  it("fit stays within 0–100 and the typed-array path agrees", () => {
    fc.assert(
      fc.property(levelsArb, roleArb("r"), (levels, role) => {
        const f = computeRoleFit(levels, role);
        expect(f.fit).toBeGreaterThanOrEqual(0);
        expect(f.fit).toBeLessThanOrEqual(100);
        const c = compileTaxonomy({ ...fixture, skills: [], roles: [role], paths: [] });
        expect(computeFitScore(levelsToVector(levels, c), c.roles[0]!)).toBe(f.fit);
      }),
    );
  });

  it("raising any level never lowers fit, never adds a gap and never worsens readiness", () => {
    const rank = { far: 0, stretch: 1, ready: 2 };
    fc.assert(
      fc.property(
        levelsArb,
        roleArb("r"),
        fc.constantFrom(...ids),
        fc.integer({ min: 1, max: 5 }),
        (levels, role, skill, by) => {
          const before = computeRoleFit(levels, role);
          const raised = { ...levels, [skill]: Math.min(5, (levels[skill] ?? 0) + by) };
          const after = computeRoleFit(raised, role);
          expect(after.fit).toBeGreaterThanOrEqual(before.fit);
          expect(after.effort).toBeLessThanOrEqual(before.effort);
          expect(after.coreGaps.length).toBeLessThanOrEqual(before.coreGaps.length);
          const gapsBefore = new Map(before.skills.map((s) => [s.skill, s.gap]));
          for (const s of after.skills) expect(s.gap).toBeLessThanOrEqual(gapsBefore.get(s.skill)!);
          expect(rank[after.readiness]).toBeGreaterThanOrEqual(rank[before.readiness]);
        },
      ),
    );
  });

  it("meeting every requirement gives 100, no gaps and ready", () => {
    fc.assert(
      fc.property(roleArb("r"), fc.array(level, { minLength: 8, maxLength: 8 }), (role, extra) => {
        const levels = Object.fromEntries(role.requirements.map((r, i) => [r.skill, Math.min(5, r.level + extra[i]!)]));
        const f = computeRoleFit(levels, role);
        expect(f).toMatchObject({ fit: 100, readiness: "ready", effort: 0, coreGaps: [] });
        expect(f.skills.every((s) => s.gap === 0 && s.status === "met")).toBe(true);
      }),
    );
  });
});

describe("suggestion properties", () => {
  const order = (levels: Levels, current: string | null, t: Taxonomy) =>
    suggestNextRoles(levels, current, t, { limit: Infinity });

  it("is deterministic, whatever the order of roles and paths in the taxonomy", () => {
    fc.assert(
      fc.property(
        taxonomyArb.chain((t) =>
          fc.tuple(
            fc.constant(t),
            fc.shuffledSubarray(t.roles, { minLength: t.roles.length, maxLength: t.roles.length }),
            fc.shuffledSubarray(t.paths, { minLength: t.paths.length, maxLength: t.paths.length }),
            fc.option(fc.constantFrom(...t.roles.map((r) => r.id))),
          ),
        ),
        levelsArb,
        ([t, roles, paths, current], levels) => {
          const a = order(levels, current, t);
          const again = order(levels, current, t);
          const shuffled = order(levels, current, { ...t, roles, paths });
          expect(again.suggestions).toEqual(a.suggestions);
          expect(shuffled.suggestions).toEqual(a.suggestions);
          expect(shuffled.unlockingGaps).toEqual(a.unlockingGaps);
          for (let i = 1; i < a.suggestions.length; i++) {
            const [p, q] = [a.suggestions[i - 1]!, a.suggestions[i]!];
            expect(p.score > q.score || (p.score === q.score && p.roleId < q.roleId)).toBe(true);
          }
          expect(a.suggestions.some((s) => s.roleId === current)).toBe(false);
        },
      ),
    );
  });

  it("top-k is a prefix of the full ranking", () => {
    fc.assert(
      fc.property(taxonomyArb, levelsArb, fc.integer({ min: 0, max: 4 }), (t, levels, k) => {
        const all = order(levels, null, t).suggestions;
        expect(suggestNextRoles(levels, null, t, { limit: k }).suggestions).toEqual(all.slice(0, k));
      }),
    );
  });
});

describe("learning path properties", () => {
  it("never puts a skill before its prerequisite, and covers every gap", () => {
    fc.assert(
      fc.property(taxonomyArb, levelsArb, (t, levels) => {
        const role = t.roles[0]!;
        const steps = planLearningPath(levels, role, t);
        const position = new Map(steps.map((s, i) => [s.skill, i]));
        const skills = new Map(t.skills.map((s) => [s.id, s]));
        steps.forEach((step, i) => {
          expect(step.order).toBe(i + 1);
          expect(step.to).toBeGreaterThan(step.from);
          for (const p of skills.get(step.skill)!.prerequisites) {
            if (position.has(p)) expect(position.get(p)!).toBeLessThan(i);
            else expect(levels[p] ?? 0).toBeGreaterThanOrEqual(2);
          }
        });
        for (const r of role.requirements) {
          if ((levels[r.skill] ?? 0) < r.level)
            expect(steps[position.get(r.skill)!]!.to).toBeGreaterThanOrEqual(r.level);
        }
      }),
    );
  });
});
