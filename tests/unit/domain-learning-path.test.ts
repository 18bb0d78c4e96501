import { describe, expect, it } from "vitest";
import { DomainError, planLearningPath } from "../../lib/domain";
import type { Taxonomy } from "../../lib/domain/types";
import { alex, emptyRole, platform, role, sre, taxonomy } from "../fixtures/domain-taxonomy";

const summary = (steps: ReturnType<typeof planLearningPath>) =>
  steps.map((s) => `${s.order}. ${s.skill} ${s.from}→${s.to} (${s.importance}): ${s.reason}`);

describe("planLearningPath", () => {
  it("orders Alex's path to Platform Engineer: prerequisites, core, smallest step, id", () => {
    expect(summary(planLearningPath(alex, platform, taxonomy))).toEqual([
      "1. containers 2→3 (important): 1 level (2 → 3). Important for Platform Engineer at level 3; prerequisite of Kubernetes, so it comes first.",
      "2. kubernetes 2→3 (core): 1 level (2 → 3). Core for Platform Engineer at level 3; tied with Terraform for the smallest remaining core gap.",
      "3. terraform 2→3 (core): 1 level (2 → 3). Core for Platform Engineer at level 3; the smallest remaining core gap.",
      "4. cicd 1→3 (core): 2 levels (1 → 3). Core for Platform Engineer at level 3.",
      "5. golang 0→2 (bonus): 2 levels (0 → 2). Bonus for Platform Engineer at level 2.",
    ]);
    expect(planLearningPath(alex, platform, taxonomy)[0]!.skillName).toBe("Containers");
  });

  it("adds a prerequisite the role does not require when the person is below level 2 in it", () => {
    const steps = planLearningPath({}, platform, taxonomy);
    expect(summary(steps).slice(0, 3)).toEqual([
      "1. linux 0→2 (prerequisite): 2 levels (0 → 2). Prerequisite of Containers, so it comes first.",
      "2. cicd 0→3 (core): 3 levels (0 → 3). Core for Platform Engineer at level 3; tied with Kubernetes and Terraform for the smallest remaining core gap.",
      "3. containers 0→3 (important): 3 levels (0 → 3). Important for Platform Engineer at level 3; prerequisite of Kubernetes, so it comes first.",
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
    expect(steps[0]!.reason).toBe(
      "3 levels (1 → 4). Core for Site Reliability Engineer at level 4; prerequisite of Observability and Containers.",
    );
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
      reason: "2 levels (0 → 2). Bonus for X at level 2.",
    });
  });

  it("says 'tied' only for a true tie with the smallest remaining gap of the same importance", () => {
    // CI/CD 0→3 and Terraform 0→3 are both core; Kubernetes is smaller (2→3) but waits on its prerequisite Containers.
    const steps = planLearningPath({ kubernetes: 2, linux: 2 }, platform, taxonomy);
    expect(summary(steps)).toEqual([
      "1. cicd 0→3 (core): 3 levels (0 → 3). Core for Platform Engineer at level 3; Kubernetes is a smaller core gap but waits on its prerequisites.",
      "2. containers 0→3 (important): 3 levels (0 → 3). Important for Platform Engineer at level 3; prerequisite of Kubernetes, so it comes first.",
      "3. kubernetes 2→3 (core): 1 level (2 → 3). Core for Platform Engineer at level 3; the smallest remaining core gap.",
      "4. terraform 0→3 (core): 3 levels (0 → 3). Core for Platform Engineer at level 3.",
      "5. golang 0→2 (bonus): 2 levels (0 → 2). Bonus for Platform Engineer at level 2.",
    ]);
    for (const s of steps) expect(s.reason).not.toMatch(/tied/);
  });

  it("never calls a step tied or smallest when a remaining gap of its importance is smaller and ready", () => {
    // Terraform 2→3 is smaller than CI/CD 0→3: Terraform goes first, and CI/CD is not "smallest".
    const steps = planLearningPath({ terraform: 2, kubernetes: 3, containers: 3, golang: 2 }, platform, taxonomy);
    expect(summary(steps)).toEqual([
      "1. terraform 2→3 (core): 1 level (2 → 3). Core for Platform Engineer at level 3; the smallest remaining core gap.",
      "2. cicd 0→3 (core): 3 levels (0 → 3). Core for Platform Engineer at level 3.",
    ]);
  });

  it("rejects off-scale levels", () => {
    expect(() => planLearningPath({ linux: 9 }, platform, taxonomy)).toThrow(DomainError);
  });
});
