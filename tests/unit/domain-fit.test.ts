import { describe, expect, it } from "vitest";
import {
  DomainError,
  compareRoles,
  compileTaxonomy,
  computeFitScore,
  computeRoleFit,
  levelsToVector,
  readinessOf,
} from "../../lib/domain";
import { alex, emptyRole, infra, platform, role, sre, sysadmin, taxonomy } from "../fixtures/domain-taxonomy";

describe("computeRoleFit", () => {
  it("scores Alex against Platform Engineer with partial credit", () => {
    const f = computeRoleFit(alex, platform, { taxonomy });
    // units: kubernetes 2×60 + cicd 1×60 + terraform 2×60 + containers 2×40 + go 0 = 380 of 720
    expect(f.fit).toBe(52.8);
    expect(f.readiness).toBe("far");
    expect(f.effort).toBe(7);
    expect(f.metCount).toBe(0);
    expect([f.coreMet, f.coreTotal]).toEqual([0, 3]);
    expect(f.coreGaps.map((g) => [g.skill, g.current, g.required, g.gap])).toEqual([
      ["cicd", 1, 3, 2],
      ["kubernetes", 2, 3, 1],
      ["terraform", 2, 3, 1],
    ]);
    expect(f.skills.map((s) => `${s.name}:${s.status}:${s.importance}`)).toEqual([
      "CI/CD:partial:core",
      "Kubernetes:partial:core",
      "Terraform:partial:core",
      "Containers:partial:important",
      "Go:missing:bonus",
    ]);
    expect(f.warnings).toEqual([]);
  });

  it.each([
    ["all met", { linux: 3, networking: 2, terraform: 1 }, 100, "ready"],
    ["above requirements (capped)", { linux: 5, networking: 5, terraform: 5 }, 100, "ready"],
    ["bonus missing", { linux: 3, networking: 2 }, 85.7, "ready"],
    ["one core gap", { linux: 3, networking: 1, terraform: 1 }, 78.6, "stretch"],
    ["no ratings", {}, 0, "far"],
  ])("sysadmin, %s", (_, levels, fit, readiness) => {
    const f = computeRoleFit(levels, sysadmin, { taxonomy });
    expect(f.fit).toBe(fit);
    expect(f.readiness).toBe(readiness);
  });

  it("meeting every requirement gives 100, no gaps and ready", () => {
    const f = computeRoleFit({ kubernetes: 3, cicd: 3, terraform: 3, containers: 3, golang: 2 }, platform);
    expect(f).toMatchObject({ fit: 100, readiness: "ready", effort: 0, coreGaps: [], metCount: 5, coreMet: 3 });
    expect(f.skills.every((s) => s.gap === 0 && s.status === "met")).toBe(true);
  });

  it("a role with no requirements is fit 100 and ready", () => {
    expect(computeRoleFit({}, emptyRole)).toMatchObject({
      fit: 100,
      readiness: "ready",
      skills: [],
      effort: 0,
      coreTotal: 0,
    });
  });

  it("a requirement at level 0 is always met", () => {
    const r = role("r0", "R0", 1, [
      { skill: "linux", level: 0, importance: "core" },
      { skill: "go", level: 2, importance: "bonus" },
    ]);
    expect(computeRoleFit({}, r).fit).toBe(75); // 3 of 4 weight
  });

  it("ignores unknown skill ids with a warning when a taxonomy is given", () => {
    const f = computeRoleFit({ ...alex, cobol: 4, "made-up": 1 }, platform, { taxonomy });
    expect(f.fit).toBe(52.8);
    expect(f.warnings).toEqual(['unknown skill "cobol" ignored', 'unknown skill "made-up" ignored']);
  });

  it("without a taxonomy, warns about skills the role does not require", () => {
    const f = computeRoleFit({ linux: 3, cobol: 2 }, sysadmin);
    expect(f.warnings).toEqual(['skill "cobol" is not required by role "sysadmin"; ignored']);
    expect(f.skills.map((s) => s.name)).toEqual(["networking", "linux", "terraform"]); // ids stand in for names
  });

  it("accepts a plain skill list as the known skills", () => {
    expect(computeRoleFit({ linux: 1, cobol: 2 }, sysadmin, { skills: ["linux", "networking"] }).warnings).toEqual([
      'unknown skill "cobol" ignored',
    ]);
  });

  it.each([[7], [-1], [1.5], [NaN]])("rejects level %s with a DomainError naming the skill", (v) => {
    expect(() => computeRoleFit({ kubernetes: v }, platform)).toThrow(DomainError);
    expect(() => computeRoleFit({ kubernetes: v }, platform)).toThrow(
      /level for skill "kubernetes" must be an integer 0–5/,
    );
  });

  it("rejects an off-scale requirement level", () => {
    const bad = role("bad", "Bad", 1, [{ skill: "linux", level: 6, importance: "core" }]);
    expect(() => computeRoleFit({}, bad)).toThrow(
      'level for skill "linux" (requirement of role "bad") must be an integer 0–5, got 6',
    );
  });

  it("merges duplicate requirements (highest level, strongest importance)", () => {
    const dup = role("dup", "Dup", 1, [
      { skill: "linux", level: 2, importance: "bonus" },
      { skill: "linux", level: 4, importance: "core" },
    ]);
    const f = computeRoleFit({ linux: 2 }, dup);
    expect(f.skills).toHaveLength(1);
    expect(f.skills[0]).toMatchObject({ required: 4, importance: "core", gap: 2 });
  });

  it("agrees with the typed-array path", () => {
    const c = compileTaxonomy(taxonomy);
    const vec = levelsToVector(alex, c);
    for (const r of c.roles) expect(computeFitScore(vec, r)).toBe(computeRoleFit(alex, r.role).fit);
  });
});

describe("readinessOf", () => {
  it.each([
    [100, 0, "ready"],
    [80, 0, "ready"],
    [79.9, 0, "stretch"],
    [95, 1, "stretch"],
    [60, 2, "stretch"],
    [59.9, 0, "far"],
    [90, 3, "far"],
  ] as const)("fit %s with %s core gaps → %s", (fit, gaps, r) => expect(readinessOf(fit, gaps)).toBe(r));
});

describe("compareRoles", () => {
  it("lists the separating skills and says which role is closer", () => {
    const c = compareRoles(alex, infra, platform, { taxonomy });
    expect(c.a.fit).toBe(computeRoleFit(alex, infra).fit);
    expect(c.closer).toBe("a");
    expect(c.separating.map((s) => [s.skill, s.levelA, s.levelB, s.moreFor, s.current, s.covered])).toEqual([
      ["cicd", 0, 3, "b", 1, false],
      ["containers", 0, 3, "b", 2, false],
      ["kubernetes", 0, 3, "b", 2, false],
      ["linux", 3, 0, "a", 3, true],
      ["networking", 3, 0, "a", 3, true],
      ["golang", 0, 2, "b", 0, false],
      ["observability", 2, 0, "a", 2, true],
    ]);
    expect(c.separating.find((s) => s.skill === "terraform")).toBeUndefined(); // same level in both
    expect(c.sentence).toBe(
      "You are closer to Infrastructure Engineer (fit 92.6) than to Platform Engineer (fit 52.8). 7 skills separate the roles; you already cover 3 of them.",
    );
  });

  it("reports b as closer and a tie", () => {
    expect(compareRoles(alex, platform, infra).closer).toBe("b");
    const t = compareRoles({}, sre, platform, { taxonomy });
    expect(t.closer).toBe("tie");
    expect(
      t.sentence.startsWith("You are equally close to Site Reliability Engineer and Platform Engineer (fit 0 each)."),
    ).toBe(true);
  });

  it("handles identical roles", () => {
    const c = compareRoles(alex, infra, infra);
    expect(c.separating).toEqual([]);
    expect(c.sentence).toMatch(/Both roles ask for the same skills at the same levels\.$/);
  });

  it("rejects off-scale levels", () => expect(() => compareRoles({ linux: 8 }, infra, sre)).toThrow(DomainError));
});
