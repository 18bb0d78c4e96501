import { describe, expect, it } from "vitest";
import { DomainError, planLearningPath } from "../../lib/domain";
import type { Taxonomy } from "../../lib/domain/types";
import { alex, emptyRole, platform, role, sre, taxonomy } from "../fixtures/domain-taxonomy";

const summary = (steps: ReturnType<typeof planLearningPath>) =>
  steps.map((s) => `${s.order}. ${s.skill} ${s.from}→${s.to} (${s.importance}): ${s.reason}`);

describe("planLearningPath", () => {
  it("orders Alex's path to Platform Engineer: prerequisites, core, smallest step, id", () => {
    expect(summary(planLearningPath(alex, platform, taxonomy))).toEqual([
      "1. containers 2→3 (important): Important for Platform Engineer; prerequisite of Kubernetes",
      "2. kubernetes 2→3 (core): Core for Platform Engineer; tied for the smallest step among the remaining core gaps",
      "3. terraform 2→3 (core): Core for Platform Engineer; smallest step among the remaining core gaps",
      "4. cicd 1→3 (core): Core for Platform Engineer",
      "5. golang 0→2 (bonus): Bonus for Platform Engineer",
    ]);
    expect(planLearningPath(alex, platform, taxonomy)[0]!.skillName).toBe("Containers");
  });

  it("adds a prerequisite the role does not require when the person is below level 2 in it", () => {
    const steps = planLearningPath({}, platform, taxonomy);
    expect(summary(steps).slice(0, 3)).toEqual([
      "1. linux 0→2 (prerequisite): Prerequisite of Containers",
      "2. cicd 0→3 (core): Core for Platform Engineer; tied for the smallest step among the remaining core gaps",
      "3. containers 0→3 (important): Important for Platform Engineer; prerequisite of Kubernetes",
    ]);
    expect(steps.map((s) => s.skill)).toEqual(["linux", "cicd", "containers", "kubernetes", "terraform", "golang"]);
  });

  it("does not add a prerequisite the person holds at level 2 or more", () => {
    const steps = planLearningPath({ linux: 2 }, platform, taxonomy);
    expect(steps.some((s) => s.skill === "linux")).toBe(false);
  });

  it("lists every dependent of a shared prerequisite", () => {
    const steps = planLearningPath({ linux: 1 }, sre, taxonomy);
    expect(steps[0]).toMatchObject({ skill: "linux", from: 1, to: 4, importance: "core" });
    expect(steps[0]!.reason).toBe("Core for Site Reliability Engineer; prerequisite of Observability and Containers");
    const order = steps.map((s) => s.skill);
    expect(order.indexOf("containers")).toBeLessThan(order.indexOf("kubernetes"));
  });

  it("returns [] when nothing is missing and for a role with no requirements", () => {
    expect(
      planLearningPath({ kubernetes: 5, cicd: 5, terraform: 5, containers: 5, golang: 5 }, platform, taxonomy),
    ).toEqual([]);
    expect(planLearningPath({}, emptyRole, taxonomy)).toEqual([]);
  });

  it("ignores unknown skill ids and survives unknown prerequisites or a (forbidden) cycle", () => {
    const cyclic: Taxonomy = {
      ...taxonomy,
      skills: taxonomy.skills.map((s) => (s.id === "linux" ? { ...s, prerequisites: ["kubernetes", "nowhere"] } : s)),
    };
    const steps = planLearningPath({ cobol: 5 }, platform, cyclic);
    expect(new Set(steps.map((s) => s.skill)).size).toBe(steps.length);
    expect(steps.map((s) => s.order)).toEqual(steps.map((_, i) => i + 1));
  });

  it("uses ids as names for skills missing from the taxonomy", () => {
    const r = role("x", "X", 1, [{ skill: "zig", level: 2, importance: "bonus" }]);
    expect(planLearningPath({}, r, taxonomy)[0]).toMatchObject({
      skill: "zig",
      skillName: "zig",
      reason: "Bonus for X",
    });
  });

  it("rejects off-scale levels", () => {
    expect(() => planLearningPath({ linux: 9 }, platform, taxonomy)).toThrow(DomainError);
  });
});
