import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countFitMoves,
  diffRequirements,
  diffSkill,
  diffTaxonomy,
  isEmptyDiff,
  listChange,
  PATH_KIND_LABELS,
  PATH_KINDS,
  rolesWithNewRequirements,
  suggestNextVersion,
} from "@/lib/domain/taxonomy-diff";
import { computeRoleFit } from "@/lib/domain/fit";
import type { Skill, Taxonomy } from "@/lib/domain/types";
import { loadTaxonomy } from "@/lib/taxonomy/load";

/** A mutable copy of the shipped taxonomy (the loaded one is frozen). */
const copy = (): Taxonomy => structuredClone(loadTaxonomy()) as Taxonomy;
const shipped = loadTaxonomy();
const skillOf = (t: Taxonomy, id: string) => t.skills.find((s) => s.id === id)!;
const roleOf = (t: Taxonomy, id: string) => t.roles.find((r) => r.id === id)!;

describe("diffSkill", () => {
  const base: Skill = structuredClone(skillOf(shipped, "infrastructure-as-code"));
  const cases: { what: string; edit: (s: Skill) => void; expected: unknown[] }[] = [
    { what: "nothing", edit: () => {}, expected: [] },
    {
      what: "a new name",
      edit: (s) => (s.name = "IaC"),
      expected: [{ field: "name", before: base.name, after: "IaC" }],
    },
    {
      what: "the level-3 descriptor",
      edit: (s) => (s.levels[2] = "Writes modules."),
      expected: [{ field: "levels", levels: [3], before: base.levels, after: base.levels.with(2, "Writes modules.") }],
    },
    {
      what: "descriptors removed (the generic scale applies)",
      edit: (s) => (s.levels = []),
      expected: [{ field: "levels", levels: [1, 2, 3, 4, 5], before: base.levels, after: [] }],
    },
    {
      what: "an alias added and a tool removed",
      edit: (s) => {
        s.aliases = [...s.aliases, "Infra code"];
        s.tools = s.tools.slice(1);
      },
      expected: [
        { field: "aliases", added: ["Infra code"], removed: [] },
        { field: "tools", added: [], removed: [base.tools[0]] },
      ],
    },
    {
      what: "a resource retitled, one added, one removed",
      edit: (s) => {
        s.resources = [
          { ...s.resources[0]!, title: "Renamed" },
          { title: "New", url: "https://example.org/new", level: 2 },
        ];
      },
      expected: [
        {
          field: "resources",
          added: [{ title: "New", url: "https://example.org/new", level: 2 }],
          removed: base.resources.slice(1),
          changed: [{ before: base.resources[0], after: { ...base.resources[0], title: "Renamed" } }],
        },
      ],
    },
    {
      what: "category and prerequisites",
      edit: (s) => {
        s.category = "architecture";
        s.prerequisites = [];
      },
      expected: [
        { field: "category", before: base.category, after: "architecture" },
        { field: "prerequisites", added: [], removed: base.prerequisites },
      ],
    },
  ];
  it.each(cases)("reports $what", ({ edit, expected }) => {
    const after = structuredClone(base);
    edit(after);
    expect(diffSkill(base, after)).toEqual(expected);
  });
});

describe("diffRequirements", () => {
  it.each([
    { what: "none", before: [], after: [], expected: [] },
    {
      what: "added, level changed, importance changed, removed",
      before: [
        { skill: "a", level: 2, importance: "core" as const },
        { skill: "b", level: 3, importance: "core" as const },
        { skill: "c", level: 1, importance: "bonus" as const },
      ],
      after: [
        { skill: "b", level: 3, importance: "important" as const },
        { skill: "a", level: 3, importance: "core" as const },
        { skill: "d", level: 4, importance: "bonus" as const },
      ],
      expected: [
        {
          skill: "b",
          before: { skill: "b", level: 3, importance: "core" },
          after: { skill: "b", level: 3, importance: "important" },
        },
        {
          skill: "a",
          before: { skill: "a", level: 2, importance: "core" },
          after: { skill: "a", level: 3, importance: "core" },
        },
        { skill: "d", before: null, after: { skill: "d", level: 4, importance: "bonus" } },
        { skill: "c", before: { skill: "c", level: 1, importance: "bonus" }, after: null },
      ],
    },
  ])("$what", ({ before, after, expected }) => {
    expect(diffRequirements(before, after)).toEqual(expected);
  });
});

describe("diffTaxonomy", () => {
  it("finds nothing between a taxonomy and itself", () => {
    const d = diffTaxonomy(shipped, copy());
    expect(isEmptyDiff(d)).toBe(true);
    expect(rolesWithNewRequirements(d)).toEqual([]);
  });

  it("finds nothing when only the order of object keys differs (as jsonb stores them)", () => {
    const reversed = JSON.parse(
      JSON.stringify(shipped, (_k, v: unknown) =>
        v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ),
    ) as Taxonomy;
    expect(Object.keys(reversed.categories[0]!)).not.toEqual(Object.keys(shipped.categories[0]!));
    expect(isEmptyDiff(diffTaxonomy(shipped, reversed))).toBe(true);
  });

  it("reports a retired skill, the requirement it leaves, a changed path and an added role, each once", () => {
    const draft = copy();
    draft.skills = draft.skills.filter((s) => s.id !== "itsm-itil");
    for (const r of draft.roles) r.requirements = r.requirements.filter((q) => q.skill !== "itsm-itil");
    for (const s of draft.skills) s.prerequisites = s.prerequisites.filter((p) => p !== "itsm-itil");
    for (const c of draft.certifications) c.skills = c.skills.filter((x) => x !== "itsm-itil");
    draft.certifications = draft.certifications.filter((c) => c.skills.length > 0);
    const path = draft.paths[0]!;
    path.kind = path.kind === "lateral" ? "progression" : "lateral";
    draft.roles.push({ ...structuredClone(roleOf(shipped, "cto")), id: "chief-platform-officer", title: "CPO" });

    const d = diffTaxonomy(shipped, draft);
    expect(d.skills.retired.map((s) => s.id)).toEqual(["itsm-itil"]);
    expect(d.skills.added).toEqual([]);
    const needing = shipped.roles.filter((r) => r.requirements.some((q) => q.skill === "itsm-itil")).map((r) => r.id);
    expect(needing.length).toBeGreaterThan(0);
    expect(d.roles.changed.map((r) => r.id)).toEqual(needing);
    for (const r of d.roles.changed)
      expect(r.requirements).toEqual([
        { skill: "itsm-itil", before: expect.objectContaining({ skill: "itsm-itil" }), after: null },
      ]);
    expect(d.roles.added.map((r) => r.id)).toEqual(["chief-platform-officer"]);
    expect(d.paths.changed).toEqual([
      { from: path.from, to: path.to, before: shipped.paths[0]!.kind, after: path.kind },
    ]);
    expect(rolesWithNewRequirements(d)).toEqual([...needing].sort());
  });
});

describe("countFitMoves", () => {
  const pe = roleOf(shipped, "platform-engineer");
  const req = pe.requirements.find((q) => q.level >= 2 && q.level < 5)!;
  const draft = copy();
  roleOf(draft, "platform-engineer").requirements.find((q) => q.skill === req.skill)!.level = req.level + 1;

  it("counts each person's move with the engine's fit, and the biggest move per role", () => {
    const people = [
      { roleId: pe.id, levels: { [req.skill]: req.level } }, // met before, partial now: down
      { roleId: pe.id, levels: { [req.skill]: 5 } }, // met both times
      { roleId: pe.id, levels: {} }, // nothing both times
      { roleId: "cto", levels: {} }, // role unchanged
      { roleId: "no-such-role", levels: {} }, // left out
    ];
    const moves = countFitMoves(shipped, draft, people);
    const before = computeRoleFit(people[0]!.levels, pe).fit;
    const after = computeRoleFit(people[0]!.levels, roleOf(draft, pe.id)).fit;
    expect(after).toBeLessThan(before);
    expect(moves).toMatchObject({ people: 4, up: 0, down: 1, unchanged: 3 });
    expect(moves.byRole[0]).toEqual({
      roleId: pe.id,
      title: pe.title,
      people: 3,
      up: 0,
      down: 1,
      biggestUp: 0,
      biggestDown: Math.round((after - before) * 10) / 10,
    });
    // The reverse edit moves the same person up by the same amount.
    const back = countFitMoves(draft, shipped, people);
    expect(back.byRole[0]).toMatchObject({ up: 1, down: 0, biggestUp: Math.round((before - after) * 10) / 10 });
  });
});

describe("path kinds", () => {
  it("the form's list holds every kind the labels name, once", () => {
    expect([...PATH_KINDS].sort()).toEqual(Object.keys(PATH_KIND_LABELS).sort());
  });
});

describe("suggestNextVersion", () => {
  it.each([
    ["2026.11", [], "2026.11.1"],
    ["2026.11.2", [], "2026.11.3"],
    ["1.2.3", [], "1.2.4"],
    ["1.2.9", [], "1.2.10"],
    ["v7", [], "v8"],
    ["release-09", [], "release-10"],
    ["2026.12.0-test", [], "2026.12.0-test.1"],
    ["none", [], "none.1"],
    ["2026.11", ["2026.11.1", "2026.11.2"], "2026.11.3"],
    ["", [], "1.1"],
  ])("%s (taken %j) → %s", (current, taken, expected) => {
    expect(suggestNextVersion(current, taken)).toBe(expected);
  });
});

describe("properties", () => {
  const skillIds = shipped.skills.map((s) => s.id);

  it("a taxonomy compared with itself has no change", () => {
    fc.assert(
      fc.property(fc.subarray(skillIds), (keep) => {
        const t = copy();
        t.skills = t.skills.filter((s) => keep.includes(s.id));
        return isEmptyDiff(diffTaxonomy(t, structuredClone(t)));
      }),
    );
  });

  it("every dropped skill is reported retired exactly once, every added one added exactly once", () => {
    fc.assert(
      fc.property(fc.subarray(skillIds), fc.subarray(skillIds), (inBefore, inAfter) => {
        const before = copy();
        before.skills = before.skills.filter((s) => inBefore.includes(s.id));
        const after = copy();
        after.skills = after.skills.filter((s) => inAfter.includes(s.id));
        const d = diffTaxonomy(before, after);
        const retired = d.skills.retired.map((s) => s.id);
        const added = d.skills.added.map((s) => s.id);
        expect(retired.sort()).toEqual(inBefore.filter((id) => !inAfter.includes(id)).sort());
        expect(added.sort()).toEqual(inAfter.filter((id) => !inBefore.includes(id)).sort());
        expect(d.skills.changed).toEqual([]);
        // Swapping the sides swaps added and retired.
        const back = diffTaxonomy(after, before);
        expect(back.skills.added.map((s) => s.id).sort()).toEqual(retired);
      }),
    );
  });

  it("list changes are exact: applying them to before gives after's set", () => {
    const word = fc.constantFrom("a", "b", "c", "d", "e");
    fc.assert(
      fc.property(fc.array(word), fc.array(word), (before, after) => {
        const c = listChange(before, after);
        const result = new Set([...before.filter((x) => !c.removed.includes(x)), ...c.added]);
        expect([...result].sort()).toEqual([...new Set(after)].sort());
        expect(new Set(c.added).size).toBe(c.added.length);
        expect(new Set(c.removed).size).toBe(c.removed.length);
      }),
    );
  });

  it("raising a requirement never moves anyone's fit up", () => {
    const pe = roleOf(shipped, "platform-engineer");
    const levelsArb = fc.dictionary(
      fc.constantFrom(...pe.requirements.map((q) => q.skill)),
      fc.integer({ min: 0, max: 5 }),
    );
    fc.assert(
      fc.property(fc.nat({ max: pe.requirements.length - 1 }), fc.array(levelsArb), (i, people) => {
        const draft = copy();
        const q = roleOf(draft, pe.id).requirements[i]!;
        q.level = Math.min(5, q.level + 1);
        const moves = countFitMoves(
          shipped,
          draft,
          people.map((levels) => ({ roleId: pe.id, levels })),
        );
        expect(moves.up).toBe(0);
        expect(moves.people).toBe(people.length);
      }),
    );
  });
});
