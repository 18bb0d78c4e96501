import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { computeRoleFit } from "../../lib/domain";
import {
  categoryFigures,
  currentHistogram,
  demandFromRoles,
  histogramOf,
  levelsAt,
  quarterEnds,
  roleReadiness,
  singlePoints,
  skillCoverage,
  teamComparison,
  trendFigures,
  type HistoryHistogram,
  type OrgPerson,
} from "../../lib/domain/org-report";
import { teamBusFactor } from "../../lib/domain/team";
import { taxonomy } from "../fixtures/domain-taxonomy";

const person = (id: string, roleId: string | null, levels: Record<string, number>, teamIds = ["t1"]): OrgPerson => ({
  id,
  name: id.toUpperCase(),
  roleId,
  teamIds,
  levels,
});

const people: OrgPerson[] = [
  person("ana", "sysadmin", { linux: 4, networking: 2, terraform: 1, mentoring: 2 }),
  person("ben", "sysadmin", { linux: 3, networking: 1 }),
  person("cy", "infra", { linux: 2, networking: 3, terraform: 3, observability: 2 }, ["t1", "t2"]),
  person("dee", null, {}, ["t2"]),
];

describe("demandFromRoles", () => {
  it("takes each skill's highest level over the people's current roles and counts the people who need it", () => {
    expect(demandFromRoles(people, taxonomy)).toEqual([
      { skill: "linux", level: 3, importance: "core", needed: 3 },
      { skill: "networking", level: 3, importance: "core", needed: 3 },
      { skill: "observability", level: 2, importance: "bonus", needed: 1 },
      { skill: "terraform", level: 3, importance: "important", needed: 3 },
    ]);
  });

  it("is empty when nobody has a current role", () => {
    expect(demandFromRoles([person("x", null, { linux: 5 })], taxonomy)).toEqual([]);
  });
});

describe("skillCoverage", () => {
  const demand = demandFromRoles(people, taxonomy);
  it("counts people at or above the needed level; coverage is capped at the people needed", () => {
    const rows = skillCoverage(people, demand, taxonomy, 1);
    expect(rows.find((r) => r.skill === "linux")).toEqual({
      skill: "linux",
      category: "systems",
      level: 3,
      needed: 3,
      have: 2,
      percent: 67,
      suppressed: false,
    });
    expect(rows.find((r) => r.skill === "observability")).toMatchObject({ have: 1, percent: 100 });
  });

  it("hides a skill's figures when fewer than `min` people rated it", () => {
    const rows = skillCoverage(people, demand, taxonomy, 3);
    expect(rows.find((r) => r.skill === "linux")).toMatchObject({ have: 2, suppressed: false });
    expect(rows.find((r) => r.skill === "terraform")).toMatchObject({ have: null, percent: null, suppressed: true });
  });
});

describe("categoryFigures", () => {
  const demand = demandFromRoles(people, taxonomy);
  it("gives coverage against demand and the mean of the rated levels, per category in taxonomy order", () => {
    const [systems, platform, leadership] = categoryFigures(people, demand, taxonomy, 1);
    // linux: min(2,3) of 3; networking: min(1,3) of 3; observability: 1 of 1 → 4 of 7.
    expect(systems).toEqual({ category: "systems", coverage: 57, averageLevel: 2.4, suppressed: false });
    // terraform: cy only at 3 → 1 of 3; rated levels 1 and 3.
    expect(platform).toEqual({ category: "platform", coverage: 33, averageLevel: 2, suppressed: false });
    // Nobody's role needs leadership: no coverage, but the average is shown.
    expect(leadership).toEqual({ category: "leadership", coverage: null, averageLevel: 2, suppressed: false });
  });

  it("suppresses a category rated by fewer than `min` people, whatever its values", () => {
    const figures = categoryFigures(people, demand, taxonomy, 2);
    expect(figures.map((f) => f.suppressed)).toEqual([false, false, true]);
    expect(figures[2]).toMatchObject({ coverage: null, averageLevel: null });
  });

  it("raising a level never lowers coverage (fixed demand)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ linux: fc.integer({ min: 0, max: 5 }), terraform: fc.integer({ min: 0, max: 5 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.nat(),
        (levels, pick) => {
          const before = levels.map((l, i) => person(`p${i}`, "infra", l));
          const i = pick % before.length;
          const after = before.map((p, j) =>
            j === i ? { ...p, levels: { ...p.levels, linux: Math.min(5, (p.levels.linux ?? 0) + 1) } } : p,
          );
          const d = demandFromRoles(before, taxonomy);
          const a = categoryFigures(before, d, taxonomy, 1)[0]!.coverage!;
          const b = categoryFigures(after, d, taxonomy, 1)[0]!.coverage!;
          expect(b).toBeGreaterThanOrEqual(a);
        },
      ),
    );
  });
});

describe("teamComparison", () => {
  it("computes each team against its own members' roles, and suppresses small teams", () => {
    const rows = teamComparison(
      people,
      [
        { id: "t1", name: "One" },
        { id: "t2", name: "Two" },
      ],
      taxonomy,
      2,
    );
    expect(rows.map((r) => r.people)).toEqual([3, 2]);
    expect(rows[0]!.categories[0]).toMatchObject({ suppressed: false, coverage: 57 });
    // Team two: only cy rated anything.
    expect(rows[1]!.categories.every((c) => c.suppressed && c.coverage === null)).toBe(true);
  });
});

describe("roleReadiness", () => {
  it("counts ready, stretch and far per role and names those ready or at a stretch", () => {
    const rows = roleReadiness(people, taxonomy, 1);
    const sysadmin = rows.find((r) => r.roleId === "sysadmin")!;
    // Ana meets all three requirements (100); Ben (64.3) and Cy (85.7) each miss one core skill.
    expect(sysadmin.counts).toEqual({ ready: 1, stretch: 2, far: 0 });
    expect(sysadmin.names).toEqual({ ready: ["ANA"], stretch: ["BEN", "CY"] });
    // Dee rated nothing and is left out of every count.
    expect(Object.values(sysadmin.counts!).reduce((a, b) => a + b)).toBe(3);
  });

  it("hides every count and name when fewer than `min` people rated anything", () => {
    expect(roleReadiness(people, taxonomy, 4).every((r) => r.counts === null && r.names.ready.length === 0)).toBe(true);
  });

  it("agrees with computeRoleFit's readiness for any levels", () => {
    const level = fc.integer({ min: 0, max: 5 });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...taxonomy.skills.map((s) => s.id)), level), (levels) => {
        const p = person("p", null, { ...levels, linux: levels.linux ?? 0 });
        for (const row of roleReadiness([p], taxonomy, 1)) {
          const role = taxonomy.roles.find((r) => r.id === row.roleId)!;
          const expected = computeRoleFit(p.levels, role, { taxonomy }).readiness;
          expect(row.counts![expected]).toBe(1);
        }
      }),
    );
  });
});

describe("singlePoints", () => {
  it("lists needed skills exactly one member holds at the needed level, with the holder's name", () => {
    const [one] = singlePoints(people, [{ id: "t1", name: "One" }], taxonomy, 1);
    expect(one!.suppressed).toBe(false);
    expect(one!.skills).toEqual([
      { skill: "networking", level: 3, holder: "CY" },
      { skill: "observability", level: 2, holder: "CY" },
      { skill: "terraform", level: 3, holder: "CY" },
    ]);
  });

  it("gives the same rows as the team audit's bus factor (single holders), for any team", () => {
    const skillIds = taxonomy.skills.map((x) => x.id);
    const member = fc.record({
      roleId: fc.constantFrom(null, ...taxonomy.roles.map((r) => r.id)),
      levels: fc.dictionary(fc.constantFrom(...skillIds), fc.integer({ min: 0, max: 5 })),
    });
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 8 }), (ms) => {
        const team = ms.map((m, i) => person(`p${i}`, m.roleId, m.levels));
        const [row] = singlePoints(team, [{ id: "t1", name: "T" }], taxonomy, 1);
        const expected = teamBusFactor(team, demandFromRoles(team, taxonomy), skillIds)
          .filter((r) => r.risk === "single")
          .map((r) => ({ skill: r.skill, level: r.level, holder: r.holders[0]!.toUpperCase() }));
        const rated = team.some((p) => Object.keys(p.levels).length > 0);
        expect(row).toEqual(
          rated ? { team: { id: "t1", name: "T" }, suppressed: false, skills: expected } : expect.anything(),
        );
      }),
    );
  });

  it("hides a team with fewer than `min` members who rated anything", () => {
    expect(singlePoints(people, [{ id: "t2", name: "Two" }], taxonomy, 2)[0]).toMatchObject({
      suppressed: true,
      skills: [],
    });
  });
});

describe("quarterEnds", () => {
  it("lists the quarters that ended, oldest first, then today; ends are the next quarter's first instant", () => {
    const now = new Date("2026-11-30T12:00:00Z");
    expect(quarterEnds(now, 3)).toEqual([
      { label: "2026 Q1", end: new Date("2026-04-01T00:00:00Z") },
      { label: "2026 Q2", end: new Date("2026-07-01T00:00:00Z") },
      { label: "2026 Q3", end: new Date("2026-10-01T00:00:00Z") },
      { label: "Today", end: now },
    ]);
  });

  it("crosses the year", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(quarterEnds(now, 1)).toEqual([
      { label: "2025 Q4", end: new Date("2026-01-01T00:00:00Z") },
      { label: "Today", end: now },
    ]);
  });
});

describe("trends from history", () => {
  const t = (iso: string) => new Date(iso);
  const history = [
    { id: 1, userId: "ana", skillId: "linux", level: 2, createdAt: t("2026-02-01T00:00:00Z") },
    { id: 2, userId: "ana", skillId: "linux", level: 4, createdAt: t("2026-05-01T00:00:00Z") },
    { id: 3, userId: "ben", skillId: "linux", level: 3, createdAt: t("2026-04-01T00:00:00Z") },
  ];

  it("uses the level each person held just before each point, not today's", () => {
    expect(levelsAt(history, t("2026-04-01T00:00:00Z"))).toEqual(new Map([["ana", { linux: 2 }]]));
    expect(levelsAt(history, t("2026-07-01T00:00:00Z"))).toEqual(
      new Map([
        ["ana", { linux: 4 }],
        ["ben", { linux: 3 }],
      ]),
    );
  });

  it("computes coverage and average level per point, suppressing points with too few raters", () => {
    const points = quarterEnds(t("2026-08-15T00:00:00Z"), 2); // 2026 Q1, 2026 Q2, Today
    const demand = [{ skill: "linux", level: 3, importance: "core" as const, needed: 2 }];
    const trend = trendFigures(points, histogramOf(history, points, taxonomy), demand, taxonomy, 2);
    expect(trend.map((p) => p.label)).toEqual(["2026 Q1", "2026 Q2", "Today"]);
    expect(trend[0]!.categories[0]).toMatchObject({ suppressed: true, coverage: null });
    expect(trend[1]!.categories[0]).toEqual({
      category: "systems",
      coverage: 100,
      averageLevel: 3.5,
      suppressed: false,
    });
  });

  it("equals the figures of a brute-force replay at every point, on random histories", () => {
    const row = fc.record({
      userId: fc.constantFrom("a", "b", "c", "d"),
      skillId: fc.constantFrom("linux", "networking", "terraform", "mentoring"),
      level: fc.integer({ min: 0, max: 5 }),
      day: fc.integer({ min: 0, max: 700 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.integer({ min: 1, max: 3 }), (rows, min) => {
        const history = rows.map((r, i) => ({
          id: i + 1,
          userId: r.userId,
          skillId: r.skillId,
          level: r.level,
          createdAt: new Date(Date.UTC(2025, 0, 1) + r.day * 86_400_000),
        }));
        const points = quarterEnds(new Date("2026-12-15T00:00:00Z"), 8);
        const demand = [
          { skill: "linux", level: 3, importance: "core" as const, needed: 2 },
          { skill: "terraform", level: 2, importance: "core" as const, needed: 1 },
        ];
        const trend = trendFigures(points, histogramOf(history, points, taxonomy), demand, taxonomy, min);
        points.forEach((p, i) => {
          const asOf = [...levelsAt(history, p.end)].map(([id, levels]) => person(id, null, levels));
          expect(trend[i]!.categories).toEqual(categoryFigures(asOf, demand, taxonomy, min));
        });
        // "Today" from the current levels (what the report does) equals the replay up to today.
        const today = points.length - 1;
        const current = [...levelsAt(history, points[today]!.end)].map(([id, levels]) => person(id, null, levels));
        const sorted = (h: HistoryHistogram) => ({
          cells: h.cells
            .filter((c) => c.at === today)
            .sort((a, b) => a.skill.localeCompare(b.skill) || a.level - b.level),
          raters: h.raters.filter((r) => r.at === today).sort((a, b) => a.category.localeCompare(b.category)),
        });
        expect(sorted(currentHistogram(current, today, taxonomy))).toEqual(
          sorted(histogramOf(history, points, taxonomy)),
        );
      }),
    );
  });
});
