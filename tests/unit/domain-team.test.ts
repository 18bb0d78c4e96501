import { describe, expect, it } from "vitest";
import {
  DomainError,
  busFactor,
  deriveTeamTarget,
  teamTargetProfile,
  headcount,
  splitBusFactor,
  teamBusFactor,
  levelDistribution,
  teamCoverage,
  teamGap,
  type TeamMember,
} from "../../lib/domain";
import { plural } from "../../lib/domain/plural";
import { taxonomy } from "../fixtures/domain-taxonomy";

const team: TeamMember[] = [
  { id: "ana", name: "Ana", levels: { linux: 5, kubernetes: 4, terraform: 2 } },
  { id: "ben", name: "Ben", levels: { linux: 4, kubernetes: 1 } },
  { id: "cy", name: "Cy", levels: { linux: 3, cicd: 4, cobol: 5 } },
];

describe("teamCoverage", () => {
  it("counts members at or above the threshold, per skill in the given order", () => {
    expect(teamCoverage(team, ["linux", "kubernetes", "golang"], 4)).toEqual([
      { skill: "linux", count: 2, holders: ["ana", "ben"], total: 3 },
      { skill: "kubernetes", count: 1, holders: ["ana"], total: 3 },
      { skill: "golang", count: 0, holders: [], total: 3 },
    ]);
  });
  it("handles an empty team", () => {
    expect(teamCoverage([], ["linux"], 3)).toEqual([{ skill: "linux", count: 0, holders: [], total: 0 }]);
  });
  it("rejects off-scale member levels naming the member", () => {
    expect(() => teamCoverage([{ id: "zed", name: "Zed", levels: { linux: 6 } }], ["linux"], 3)).toThrow(
      'level for skill "linux" (member "zed") must be an integer 0–5, got 6',
    );
    expect(() => teamCoverage(team, ["linux"], 7)).toThrow(DomainError);
  });
});

describe("busFactor", () => {
  it("lists needed skills held at 4+ by nobody, then by one person; ties by skill id", () => {
    expect(busFactor(team, ["linux", "terraform", "kubernetes", "cicd", "golang", "terraform"])).toEqual([
      { skill: "golang", level: 4, holders: [], risk: "none" },
      { skill: "terraform", level: 4, holders: [], risk: "none" },
      { skill: "cicd", level: 4, holders: ["cy"], risk: "single" },
      { skill: "kubernetes", level: 4, holders: ["ana"], risk: "single" },
    ]);
  });
  it("honours a custom level", () => {
    expect(busFactor(team, ["linux"], { level: 5 })).toEqual([
      { skill: "linux", level: 5, holders: ["ana"], risk: "single" },
    ]);
  });
  it("measures each skill at its own needed level when given one", () => {
    // terraform at 2: only ana; kubernetes at 1: ana and ben (no risk); linux at 5: only ana; cicd at 5: nobody.
    expect(
      busFactor(team, [
        { skill: "terraform", level: 2 },
        { skill: "kubernetes", level: 1 },
        { skill: "linux", level: 5 },
        { skill: "cicd", level: 5 },
      ]),
    ).toEqual([
      { skill: "cicd", level: 5, holders: [], risk: "none" },
      { skill: "linux", level: 5, holders: ["ana"], risk: "single" },
      { skill: "terraform", level: 2, holders: ["ana"], risk: "single" },
    ]);
    expect(() => busFactor(team, [{ skill: "linux", level: 6 }])).toThrow(DomainError);
  });
});

describe("teamBusFactor and splitBusFactor: single holders (bus factor) apart from nobody at the needed level (gap)", () => {
  const cases: {
    name: string;
    target: { skill: string; level: number }[];
    single: [string, number, string][];
    nobody: [string, number][];
  }[] = [
    {
      name: "a target: each skill at its target level",
      target: [
        { skill: "linux", level: 4 }, // ana, ben: no risk
        { skill: "kubernetes", level: 3 }, // ana only
        { skill: "terraform", level: 3 }, // nobody (ana is at 2)
        { skill: "cicd", level: 2 }, // cy only
        { skill: "golang", level: 1 }, // nobody
      ],
      single: [
        ["cicd", 2, "cy"],
        ["kubernetes", 3, "ana"],
      ],
      nobody: [
        ["golang", 1],
        ["terraform", 3],
      ],
    },
    {
      name: "the target level, not level 4, decides: linux at 3 has three holders",
      target: [
        { skill: "linux", level: 3 },
        { skill: "terraform", level: 2 },
      ],
      single: [["terraform", 2, "ana"]],
      nobody: [],
    },
    {
      name: "a skill needed at level 0 is met by anyone: never a risk",
      target: [{ skill: "golang", level: 0 }],
      single: [],
      nobody: [],
    },
    {
      name: "no target: every skill at level 4, single holders only (nobody needs the rest)",
      target: [],
      single: [
        ["cicd", 4, "cy"],
        ["cobol", 4, "cy"],
        ["kubernetes", 4, "ana"],
      ],
      nobody: [],
    },
  ];
  const allSkills = ["linux", "kubernetes", "terraform", "cicd", "cobol", "golang"];
  it.each(cases)("$name", ({ target, single, nobody }) => {
    const split = splitBusFactor(teamBusFactor(team, target, allSkills));
    expect(split.singleHolder.map((r) => [r.skill, r.level, r.holders[0]])).toEqual(single);
    expect(split.nobody.map((r) => [r.skill, r.level])).toEqual(nobody);
    for (const r of split.singleHolder) expect(r.holders).toHaveLength(1);
    for (const r of split.nobody) expect(r.holders).toEqual([]);
  });
  it("agrees with the team gap: nobody at the needed level means the gap row has no one at that level", () => {
    const target = [
      { skill: "kubernetes", level: 3, needed: 2 },
      { skill: "terraform", level: 3, needed: 1 },
    ];
    const gap = teamGap(team, target);
    const { nobody } = splitBusFactor(teamBusFactor(team, target, allSkills));
    expect(nobody.map((r) => r.skill)).toEqual(gap.filter((g) => g.have === 0).map((g) => g.skill));
  });
  it("splits rows keeping their order, and an empty team has every needed skill in the gap list", () => {
    const { singleHolder, nobody } = splitBusFactor(teamBusFactor([], [{ skill: "linux", level: 3 }], allSkills));
    expect(singleHolder).toEqual([]);
    expect(nobody).toEqual([{ skill: "linux", level: 3, holders: [], risk: "none" }]);
  });
});

describe("plural and headcount", () => {
  it.each([
    [0, "0 people"],
    [1, "1 person"],
    [2, "2 people"],
  ])("plural(%i) → %s", (n, text) => expect(plural(n, "person", "people")).toBe(text));
  it.each([
    [3, 1, "4 people: 3 members and 1 manager"],
    [1, 2, "3 people: 1 member and 2 managers"],
    [0, 1, "1 person: no members and 1 manager"],
    [1, 0, "1 person: 1 member and no manager"],
    [0, 0, "No people yet"],
  ])("headcount(%i members, %i managers) → %s", (members, managers, text) =>
    expect(headcount(members, managers)).toBe(text),
  );
  it("rejects counts that are not whole numbers", () => {
    expect(() => headcount(-1, 0)).toThrow(DomainError);
    expect(() => headcount(1.5, 0)).toThrow(DomainError);
  });
});

describe("deriveTeamTarget and teamGap", () => {
  it("takes the max level, the strongest importance and sums headcount per skill", () => {
    const t = deriveTeamTarget(
      [
        { roleId: "infra", count: 2 },
        { roleId: "platform", count: 1 },
        { roleId: "ghost", count: 4 },
      ],
      taxonomy,
    );
    expect(t).toEqual([
      { skill: "cicd", level: 3, importance: "core", needed: 1 },
      { skill: "containers", level: 3, importance: "important", needed: 1 },
      { skill: "golang", level: 2, importance: "bonus", needed: 1 },
      { skill: "kubernetes", level: 3, importance: "core", needed: 1 },
      { skill: "linux", level: 3, importance: "core", needed: 2 },
      { skill: "networking", level: 3, importance: "core", needed: 2 },
      { skill: "observability", level: 2, importance: "bonus", needed: 2 },
      { skill: "terraform", level: 3, importance: "core", needed: 3 },
    ]);
    expect(deriveTeamTarget([], taxonomy)).toEqual([]);
    expect(() => deriveTeamTarget([{ roleId: "infra", count: -1 }], taxonomy)).toThrow(DomainError);
  });

  it("a team's target profile: explicit skill targets override the role-derived entry, and add new skills", () => {
    const profile = teamTargetProfile(
      [{ roleId: "infra", count: 2 }],
      [
        { skillId: "linux", level: 5, count: 1 },
        { skillId: "golang", level: 2, count: 3 },
      ],
      taxonomy,
    );
    const bySkill = Object.fromEntries(profile.map((t) => [t.skill, t]));
    expect(bySkill.linux).toEqual({ skill: "linux", level: 5, importance: "core", needed: 1 });
    expect(bySkill.golang).toEqual({ skill: "golang", level: 2, importance: "core", needed: 3 });
    expect(bySkill.networking).toEqual({ skill: "networking", level: 3, importance: "core", needed: 2 });
    expect(teamTargetProfile([], [], taxonomy)).toEqual([]);
  });

  it("computes the shortfall per skill, biggest first, ties by skill id", () => {
    const target = deriveTeamTarget(
      [
        { roleId: "infra", count: 2 },
        { roleId: "platform", count: 1 },
      ],
      taxonomy,
    );
    expect(teamGap(team, target).map((g) => [g.skill, g.required, g.needed, g.have, g.shortfall, g.best])).toEqual([
      ["terraform", 3, 3, 0, 3, 2],
      ["networking", 3, 2, 0, 2, 0],
      ["observability", 2, 2, 0, 2, 0],
      ["containers", 3, 1, 0, 1, 0],
      ["golang", 2, 1, 0, 1, 0],
      ["cicd", 3, 1, 1, 0, 4],
      ["kubernetes", 3, 1, 1, 0, 4],
      ["linux", 3, 2, 3, 0, 5],
    ]);
  });

  it("accepts explicit targets without importance", () => {
    expect(teamGap([], [{ skill: "linux", level: 2, needed: 1 }])).toEqual([
      { skill: "linux", required: 2, importance: "core", needed: 1, have: 0, shortfall: 1, best: 0 },
    ]);
  });
});

describe("levelDistribution", () => {
  it("counts member × skill cells per level and category", () => {
    const categoryOf = Object.fromEntries(taxonomy.skills.map((s) => [s.id, s.category]));
    expect(levelDistribution(team, ["linux", "kubernetes", "cicd", "unknown"], categoryOf)).toEqual([
      { category: "systems", counts: [0, 0, 0, 1, 1, 1], total: 3 },
      { category: "platform", counts: [3, 1, 0, 0, 2, 0], total: 6 },
      { category: "uncategorised", counts: [3, 0, 0, 0, 0, 0], total: 3 },
    ]);
  });
  it("accepts a function for the category", () => {
    expect(levelDistribution(team, ["linux"], () => "all")).toEqual([
      { category: "all", counts: [0, 0, 0, 1, 1, 1], total: 3 },
    ]);
  });
});
