import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  busFactor,
  colleaguesCount,
  DomainError,
  levelDistribution,
  suppressSmallGroups,
  teamCoverage,
  teamGap,
  type TeamMember,
} from "../../lib/domain";

const categoryOf = { linux: "infra", k8s: "infra", go: "code", rust: "code", cobol: "legacy" };
const skills = Object.keys(categoryOf);
const target = [
  { skill: "linux", level: 3, needed: 2 },
  { skill: "go", level: 3, needed: 1 },
  { skill: "cobol", level: 2, needed: 1 },
];
const aggregatesOf = (members: TeamMember[]) => ({
  coverage: teamCoverage(members, skills, 3),
  busFactor: busFactor(
    members,
    target.map((t) => t.skill),
  ),
  gap: teamGap(members, target),
  distribution: levelDistribution(members, skills, categoryOf),
});

// me + 3 colleagues; linux rated by all three colleagues, go by two, cobol by one, k8s and rust by nobody else.
const team: TeamMember[] = [
  { id: "me", name: "Me", levels: { linux: 2, go: 5, cobol: 5, rust: 4 } },
  { id: "a", name: "A", levels: { linux: 3, go: 1, cobol: 0 } },
  { id: "b", name: "B", levels: { linux: 4, go: 2 } },
  { id: "c", name: "C", levels: { linux: 0 } },
];

describe("colleaguesCount", () => {
  it("counts members other than the viewer", () => {
    expect(colleaguesCount(["me", "a", "b"], "me")).toBe(2); // a team of 3 is 2 colleagues: below a threshold of 3
    expect(colleaguesCount(["a", "b", "c"], "me")).toBe(3);
    expect(colleaguesCount([], "me")).toBe(0);
  });
});

describe("suppressSmallGroups", () => {
  it("drops every row fewer than `min` colleagues rated, and counts them", () => {
    const out = suppressSmallGroups(aggregatesOf(team), { members: team, viewerId: "me", min: 3, categoryOf });
    expect(out.coverage.map((r) => r.skill)).toEqual(["linux"]);
    expect(out.gap.map((r) => r.skill)).toEqual(["linux"]);
    expect(out.busFactor.map((r) => r.skill)).toEqual(["linux"]); // go and cobol (one holder each: me) are hidden
    expect(out.distribution.map((r) => r.category)).toEqual(["infra"]); // code: a, b; legacy: a
    expect(out.hidden).toEqual({ coverage: 4, busFactor: 2, gap: 2, distribution: 2, total: 10 });
  });

  it("does not count the viewer's own ratings towards the threshold", () => {
    const out = suppressSmallGroups(aggregatesOf(team), { members: team, viewerId: "me", min: 2, categoryOf });
    expect(out.coverage.map((r) => r.skill)).toEqual(["linux", "go"]); // rust: only the viewer rated it
    expect(out.distribution.map((r) => r.category)).toEqual(["infra", "code"]);
    const asA = suppressSmallGroups(aggregatesOf(team), { members: team, viewerId: "a", min: 2, categoryOf });
    expect(asA.coverage.map((r) => r.skill)).toEqual(["linux", "go"]); // go: me and b
    expect(asA.distribution.map((r) => r.category)).toEqual(["infra", "code"]); // code: me (go, rust) and b (go)
  });

  it("counts a level 0 as rated and a missing level as not rated", () => {
    const members: TeamMember[] = [
      { id: "x", name: "X", levels: { linux: 0 } },
      { id: "y", name: "Y", levels: {} },
    ];
    const out = suppressSmallGroups(aggregatesOf(members), { members, viewerId: "me", min: 1, categoryOf });
    expect(out.coverage.map((r) => r.skill)).toEqual(["linux"]);
  });

  it("keeps every row some colleague rated at a threshold of 1, unchanged and in order", () => {
    const all = aggregatesOf(team);
    const out = suppressSmallGroups(all, {
      members: team,
      viewerId: "me",
      min: 1,
      categoryOf: (id) => categoryOf[id as keyof typeof categoryOf],
    });
    expect(out.coverage).toEqual(all.coverage.filter((r) => r.skill !== "k8s" && r.skill !== "rust")); // nobody but me rated these
    expect(out.busFactor).toEqual(all.busFactor);
    expect(out.gap).toEqual(all.gap);
    expect(out.distribution).toEqual(all.distribution);
    expect(out.hidden).toEqual({ coverage: 2, busFactor: 0, gap: 0, distribution: 0, total: 2 });
  });

  it("refuses a threshold below 1", () => {
    expect(() =>
      suppressSmallGroups(aggregatesOf(team), { members: team, viewerId: "me", min: 0, categoryOf }),
    ).toThrow(DomainError);
  });

  it("never shows a row that fewer than `min` colleagues rated (property)", () => {
    const ids = ["me", "a", "b", "c", "d"];
    const memberArb = fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...ids),
        levels: fc.dictionary(fc.constantFrom(...skills), fc.integer({ min: 0, max: 5 })),
      }),
      { selector: (m) => m.id },
    );
    fc.assert(
      fc.property(memberArb, fc.integer({ min: 1, max: 4 }), (raw, min) => {
        const members = raw.map((m) => ({ ...m, name: m.id }));
        const all = aggregatesOf(members);
        const out = suppressSmallGroups(all, { members, viewerId: "me", min, categoryOf });
        const raters = (skill: string) => members.filter((m) => m.id !== "me" && m.levels[skill] !== undefined).length;
        const catRaters = (cat: string) =>
          members.filter(
            (m) => m.id !== "me" && Object.keys(m.levels).some((s) => categoryOf[s as keyof typeof categoryOf] === cat),
          ).length;
        for (const r of [...out.coverage, ...out.busFactor, ...out.gap])
          expect(raters(r.skill)).toBeGreaterThanOrEqual(min);
        for (const r of out.distribution) expect(catRaters(r.category)).toBeGreaterThanOrEqual(min);
        const shown = out.coverage.length + out.busFactor.length + out.gap.length + out.distribution.length;
        const before = all.coverage.length + all.busFactor.length + all.gap.length + all.distribution.length;
        expect(shown + out.hidden.total).toBe(before);
      }),
    );
  });
});
