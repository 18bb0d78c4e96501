import { describe, expect, it } from "vitest";
import {
  DomainError,
  busFactor,
  deriveTeamTarget,
  levelDistribution,
  teamCoverage,
  teamGap,
  type TeamMember,
} from "../../lib/domain";
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
      { skill: "golang", holders: [], risk: "none" },
      { skill: "terraform", holders: [], risk: "none" },
      { skill: "cicd", holders: ["cy"], risk: "single" },
      { skill: "kubernetes", holders: ["ana"], risk: "single" },
    ]);
  });
  it("honours a custom level", () => {
    expect(busFactor(team, ["linux"], { level: 5 })).toEqual([{ skill: "linux", holders: ["ana"], risk: "single" }]);
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
