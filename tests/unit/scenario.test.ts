import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeRoleFit, DomainError, teamBusFactor, teamCoverage, teamGap, type TeamMember } from "../../lib/domain";
import { parseRaise, personalScenario, raiseLevels, raiseParam, teamScenario } from "../../lib/domain/scenario";
import { alex, taxonomy } from "../fixtures/domain-taxonomy";

const skillIds = taxonomy.skills.map((s) => s.id);
const m = (id: string, levels: Record<string, number>): TeamMember => ({ id, name: id.toUpperCase(), levels });

// Sam alone holds Kubernetes at 4; Jo and Alex both hold Linux at 4; nobody holds Go at 3.
const team = [
  m("sam", { kubernetes: 4, linux: 2, terraform: 3 }),
  m("jo", { kubernetes: 2, linux: 4, terraform: 3 }),
  m("alex", { kubernetes: 3, linux: 4 }),
];
const target = [
  { skill: "kubernetes", level: 4, needed: 1 },
  { skill: "linux", level: 4, needed: 2 },
  { skill: "golang", level: 3, needed: 1 },
  { skill: "terraform", level: 3, needed: 2 },
];
const base = { target, skillIds, coverageLevel: 3 };

describe("teamScenario", () => {
  it("changes nothing when nobody is removed", () => {
    const s = teamScenario(team, { ...base, without: [] });
    expect(s.after).toEqual(s.before);
    expect(s.coverageChanges).toEqual([]);
    expect(s.lost).toEqual([]);
  });

  it("shows a single-holder skill becoming uncovered, with the closest successors first", () => {
    const s = teamScenario(team, { ...base, without: ["sam"] });
    expect(s.removed).toEqual([{ id: "sam", name: "SAM" }]);
    expect(s.before).toEqual({ covered: 3, singleHolder: 1, nobody: 1, shortfall: 1 });
    // Kubernetes drops from one holder to none, Terraform loses one of two: the shortfall grows by 1 + 1.
    expect(s.after).toEqual({ covered: 3, singleHolder: 1, nobody: 2, shortfall: 3 });
    expect(s.lost).toEqual([
      {
        skill: "kubernetes",
        level: 4,
        holders: ["sam"],
        successors: [
          { id: "alex", name: "ALEX", current: 3, required: 4, gap: 1 },
          { id: "jo", name: "JO", current: 2, required: 4, gap: 2 },
        ],
      },
    ]);
    expect(s.gapChanges).toEqual([
      { skill: "kubernetes", required: 4, before: 0, after: 1 },
      { skill: "terraform", required: 3, before: 0, after: 1 },
    ]);
    expect(s.coverageChanges).toEqual([
      { skill: "kubernetes", before: 2, after: 1 },
      { skill: "terraform", before: 2, after: 1 },
    ]);
  });

  it("counts a skill as lost only when every holder leaves", () => {
    expect(teamScenario(team, { ...base, without: ["jo"] }).lost).toEqual([]);
    const both = teamScenario(team, { ...base, without: ["jo", "alex"] });
    expect(both.lost.map((l) => [l.skill, l.holders])).toEqual([["linux", ["jo", "alex"]]]);
    expect(both.lost[0]!.successors).toEqual([{ id: "sam", name: "SAM", current: 2, required: 4, gap: 2 }]);
  });

  it("without a target, weighs every skill at level 4", () => {
    const s = teamScenario(team, { ...base, target: [], without: ["sam"] });
    expect(s.lost.map((l) => l.skill)).toEqual(["kubernetes"]);
    expect(s.before.shortfall).toBe(0);
  });

  it("refuses an id that is not a member, and a level off the scale", () => {
    expect(() => teamScenario(team, { ...base, without: ["nobody"] })).toThrow(DomainError);
    expect(() => teamScenario([...team, m("bad", { linux: 7 })], { ...base, without: [] })).toThrow(/member "bad"/);
  });

  it("keeps at most the asked number of successors, closest first", () => {
    const s = teamScenario(team, { ...base, without: ["sam"], successors: 1 });
    expect(s.lost[0]!.successors.map((x) => x.id)).toEqual(["alex"]);
  });

  const memberArb = fc.record({
    levels: fc.dictionary(fc.constantFrom(...skillIds), fc.integer({ min: 0, max: 5 }), { maxKeys: skillIds.length }),
  });
  const teamArb = fc
    .array(memberArb, { minLength: 1, maxLength: 12 })
    .map((ms) => ms.map((x, i) => m(`p${i}`, x.levels)));

  const figures = (ms: readonly TeamMember[], lvl: number, t: typeof target) => {
    const bus = teamBusFactor(ms, t, skillIds);
    return {
      covered: teamCoverage(ms, skillIds, lvl).filter((c) => c.count > 0).length,
      singleHolder: bus.filter((b) => b.risk === "single").length,
      nobody: bus.filter((b) => b.risk === "none").length,
      shortfall: teamGap(ms, t).reduce((n, g) => n + g.shortfall, 0),
    };
  };

  it("property: the numbers equal the team functions on the remaining members; removing never raises coverage", () => {
    fc.assert(
      fc.property(
        teamArb,
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.boolean(),
        (ms, lvl, picks, withTarget) => {
          const t = withTarget ? target : [];
          const without = picks.map((p) => ms[p % ms.length]!.id);
          const remaining = ms.filter((x) => !without.includes(x.id));
          const s = teamScenario(ms, { target: t, skillIds, coverageLevel: lvl, without });
          expect(s.before).toEqual(figures(ms, lvl, t));
          expect(s.after).toEqual(figures(remaining, lvl, t));
          const before = teamCoverage(ms, skillIds, lvl);
          const after = teamCoverage(remaining, skillIds, lvl);
          after.forEach((c, i) => expect(c.count).toBeLessThanOrEqual(before[i]!.count));
          expect(s.after.covered).toBeLessThanOrEqual(s.before.covered);
          expect(s.after.shortfall).toBeGreaterThanOrEqual(s.before.shortfall);
          for (const lost of s.lost) {
            expect(lost.holders.length).toBeGreaterThan(0);
            expect(lost.holders.every((h) => without.includes(h))).toBe(true);
            expect(lost.successors.every((x) => !without.includes(x.id))).toBe(true);
          }
        },
      ),
    );
  });
});

describe("personalScenario", () => {
  const opts = { currentRoleId: "infra", targetRoleId: "platform", taxonomy };

  it("raises fit to the target and explains roles that become reachable", () => {
    const s = personalScenario(
      alex,
      [
        { skill: "cicd", level: 3 },
        { skill: "kubernetes", level: 3 },
      ],
      opts,
    );
    expect(s.raised).toEqual([
      { skill: "cicd", name: "CI/CD", from: 1, to: 3 },
      { skill: "kubernetes", name: "Kubernetes", from: 2, to: 3 },
    ]);
    expect(s.fit?.after).toBeGreaterThan(s.fit!.before);
    expect(s.fit?.coreGapsAfter).toBe(s.fit!.coreGapsBefore - 2);
    const platform = s.newlyReachable.find((r) => r.roleId === "platform");
    expect(platform).toBeDefined();
    expect(platform!.readinessBefore).toBe("far");
    expect(platform!.reason).toMatch(/Terraform 2→3/);
  });

  it("ignores a raise at or below the current level, and reports nothing new", () => {
    const s = personalScenario(alex, [{ skill: "linux", level: 2 }], opts);
    expect(s.raised).toEqual([]);
    expect(s.ignored).toEqual([{ skill: "linux", name: "Linux", current: 3, level: 2 }]);
    expect(s.fit?.after).toBe(s.fit?.before);
    expect(s.newlySuggested).toEqual([]);
    expect(s.newlyReachable).toEqual([]);
  });

  it("has no fit without a target, and refuses an unknown skill", () => {
    expect(personalScenario(alex, [], { ...opts, targetRoleId: null }).fit).toBeNull();
    expect(() => personalScenario(alex, [{ skill: "cobol", level: 3 }], opts)).toThrow(DomainError);
  });

  it("property: adding a hypothetical level never lowers fit to any role", () => {
    const levelsArb = fc.dictionary(fc.constantFrom(...skillIds), fc.integer({ min: 0, max: 5 }));
    const raisesArb = fc.array(
      fc.record({ skill: fc.constantFrom(...skillIds), level: fc.integer({ min: 0, max: 5 }) }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(
        levelsArb,
        raisesArb,
        fc.constantFrom(...taxonomy.roles.map((r) => r.id)),
        (levels, raises, roleId) => {
          const s = personalScenario(levels, raises, { currentRoleId: null, targetRoleId: roleId, taxonomy });
          expect(s.fit!.after).toBeGreaterThanOrEqual(s.fit!.before);
          const raised = raiseLevels(levels, raises);
          for (const role of taxonomy.roles)
            expect(computeRoleFit(raised, role).fit).toBeGreaterThanOrEqual(computeRoleFit(levels, role).fit);
          for (const r of s.newlyReachable) expect(r.fitAfter).toBeGreaterThanOrEqual(r.fitBefore);
        },
      ),
    );
  });
});

describe("parseRaise", () => {
  it.each([
    ["kubernetes:3", { skill: "kubernetes", level: 3 }],
    [" linux:5 ", { skill: "linux", level: 5 }],
    ["linux:0", null],
    ["linux:6", null],
    ["linux:3.5", null],
    [":3", null],
    ["linux", null],
    ["a b:3", null],
  ])("%j → %j", (text, expected) => {
    expect(parseRaise(text)).toEqual(expected);
  });

  it("reads back what raiseParam writes", () => {
    expect(parseRaise(raiseParam({ skill: "ci-cd-pipelines", level: 4 }))).toEqual({
      skill: "ci-cd-pipelines",
      level: 4,
    });
  });
});
