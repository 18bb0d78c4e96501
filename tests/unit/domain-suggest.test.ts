import { describe, expect, it } from "vitest";
import { DomainError, compileTaxonomy, computeRoleFit, levelsToVector, suggestNextRoles } from "../../lib/domain";
import { alex, maxed, taxonomy } from "../fixtures/domain-taxonomy";

describe("compileTaxonomy", () => {
  it("finds roles within two hops, lateral edges both ways, progression forward only", () => {
    const c = compileTaxonomy(taxonomy);
    const reach = (id: string) => c.reach[c.roleIndex.get(id)!]!.map((r) => `${c.roles[r.role]!.id}:${r.via}`);
    expect(reach("infra")).toEqual([
      "platform:progression",
      "sre:lateral",
      "staff-platform:two steps via Platform Engineer",
    ]);
    expect(reach("sre")).toEqual(["infra:lateral", "platform:two steps via Infrastructure Engineer"]);
    expect(reach("sysadmin")).toEqual([
      "infra:progression",
      "platform:two steps via Infrastructure Engineer",
      "sre:two steps via Infrastructure Engineer",
    ]);
    expect(reach("staff-platform")).toEqual([]);
  });
});

describe("suggestNextRoles", () => {
  it("ranks Alex's next roles from Infrastructure Engineer with readable reasons", () => {
    const r = suggestNextRoles(alex, "infra", taxonomy, { limit: 10 });
    // score = fit − 10·coreGaps − effort + 5·stepUp; sysadmin (fit 100) is a step down, so not a "high fit" candidate
    expect(r.suggestions.map((s) => [s.roleId, s.fit, s.coreGaps.length, s.effort, s.stepUp, s.via, s.score])).toEqual([
      ["sre", 50.8, 2, 6, true, "lateral", 29.8],
      ["platform", 52.8, 3, 7, true, "progression", 20.8],
      ["staff-platform", 34.1, 3, 10, true, "two steps via Platform Engineer", -0.9],
    ]);
    expect(r.candidateCount).toBe(3);
    expect(r.suggestions[0]!.reason).toBe(
      "You meet 0 of 2 core skills; raising Observability 2→4 and Linux 3→4 would close every core gap (fit 50.8 → 73.3).",
    );
    expect(r.suggestions[1]!.reason).toBe(
      "You meet 0 of 3 core skills; raising CI/CD 1→3, Kubernetes 2→3 and Terraform 2→3 would make you ready.",
    );
    expect(r.suggestions[1]!.readiness).toBe("far");
    expect(r.warnings).toEqual([]);
  });

  it("returns the gaps that unlock the most candidate roles", () => {
    const r = suggestNextRoles(alex, "infra", taxonomy);
    expect(r.unlockingGaps.map((u) => [u.skill, u.current, u.level, u.roles, u.roleIds.join("+")])).toEqual([
      ["kubernetes", 2, 4, 2, "platform+staff-platform"],
      ["terraform", 2, 4, 2, "platform+staff-platform"],
      ["cicd", 1, 4, 2, "platform+staff-platform"],
      ["kubernetes", 2, 3, 1, "platform"],
      ["linux", 3, 4, 1, "sre"],
    ]);
    expect(r.unlockingGaps[0]!.name).toBe("Kubernetes");
  });

  it("adds high-fit roles the person may not know a path to", () => {
    const levels = { ...alex, kubernetes: 4, cicd: 4, terraform: 4, mentoring: 3 };
    const r = suggestNextRoles(levels, "sysadmin", taxonomy, { limit: 10 });
    const s = r.suggestions.find((x) => x.roleId === "staff-platform")!;
    expect(s).toMatchObject({ via: "high fit", fit: 100, readiness: "ready", stepUp: true });
    expect(s.reason).toBe("You meet all 3 core skills (fit 100); you are ready now.");
  });

  it("ranks every role by fit alone when there is no current role", () => {
    const r = suggestNextRoles(alex, null, taxonomy, { limit: 10 });
    expect(r.suggestions.map((s) => [s.roleId, s.fit, s.via, s.stepUp])).toEqual([
      ["sysadmin", 100, "all roles", false],
      ["infra", 92.6, "all roles", false],
      ["platform", 52.8, "all roles", false],
      ["sre", 50.8, "all roles", false],
      ["staff-platform", 34.1, "all roles", false],
    ]);
    expect(r.suggestions[0]!.reason).toBe("You meet all 2 core skills (fit 100); you are ready now.");
  });

  it("works for a person with no ratings", () => {
    const r = suggestNextRoles({}, null, taxonomy, { limit: 2 });
    expect(r.suggestions.map((s) => [s.roleId, s.fit])).toEqual([
      ["infra", 0],
      ["platform", 0],
    ]);
    expect(r.suggestions[1]!.reason).toBe(
      "You meet 0 of 3 core skills; raising CI/CD 0→3, Kubernetes 0→3 and Terraform 0→3 would close every core gap (fit 0 → 75).",
    );
    expect(
      suggestNextRoles({}, null, taxonomy, { limit: 10 }).suggestions.find((s) => s.roleId === "sysadmin")!.reason,
    ).toBe("You meet 0 of 2 core skills; raising Linux 0→3 and Networking 0→2 would make you ready.");
  });

  it("spells out only the three biggest core gaps when there are more", () => {
    const big = {
      ...taxonomy,
      roles: [
        ...taxonomy.roles,
        {
          ...taxonomy.roles[2]!,
          id: "wide",
          title: "Wide",
          requirements: taxonomy.skills
            .slice(0, 5)
            .map((s) => ({ skill: s.id, level: 3, importance: "core" as const })),
        },
      ],
    };
    const s = suggestNextRoles({ linux: 2 }, null, big, { limit: 10 }).suggestions.find((x) => x.roleId === "wide")!;
    expect(s.reason).toBe(
      "You meet 0 of 5 core skills; the biggest core gaps are Containers 0→3, Kubernetes 0→3 and Networking 0→3.",
    );
  });

  it("ignores unknown skills and an unknown current role with warnings", () => {
    const r = suggestNextRoles({ ...alex, cobol: 3 }, "astronaut", taxonomy);
    expect(r.warnings).toEqual([
      'unknown skill "cobol" ignored',
      'unknown current role "astronaut"; ranking all roles by fit',
    ]);
    expect(r.suggestions[0]!.via).toBe("all roles");
  });

  it("rejects off-scale levels and wrong-length vectors", () => {
    expect(() => suggestNextRoles({ linux: 6 }, "infra", taxonomy)).toThrow(
      'level for skill "linux" must be an integer 0–5, got 6',
    );
    expect(() => suggestNextRoles(new Uint8Array(2), "infra", taxonomy)).toThrow(DomainError);
  });

  it("accepts a precompiled taxonomy and a level vector with the same result", () => {
    const c = compileTaxonomy(taxonomy);
    const a = suggestNextRoles(alex, "infra", taxonomy, { compiled: c });
    const b = suggestNextRoles(levelsToVector(alex, c), "infra", taxonomy, { compiled: c });
    expect(b).toEqual(a);
    expect([...a.fits]).toEqual(c.roles.map((r) => computeRoleFit(alex, r.role).fit));
  });

  it("breaks ties by role id", () => {
    const r = suggestNextRoles(maxed, null, taxonomy, { limit: 10 });
    expect(r.suggestions.map((s) => s.roleId)).toEqual(["infra", "platform", "sre", "staff-platform", "sysadmin"]);
    expect(r.unlockingGaps).toEqual([]);
  });
});
