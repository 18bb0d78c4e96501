import { describe, expect, it } from "vitest";
import { DISAGREEMENT_FLAG, DomainError, assessmentDisagreements, discussionOrder } from "../../lib/domain";

describe("assessmentDisagreements", () => {
  it("sorts by absolute difference then skill id and flags differences of 2+", () => {
    const d = assessmentDisagreements({ linux: 4, go: 1, k8s: 3, aws: 2 }, { linux: 2, go: 3, k8s: 3, aws: 3 });
    expect(d.items.map((x) => [x.skill, x.self, x.manager, x.diff, x.absDiff, x.flagged])).toEqual([
      ["go", 1, 3, 2, 2, true],
      ["linux", 4, 2, -2, 2, true],
      ["aws", 2, 3, 1, 1, false],
      ["k8s", 3, 3, 0, 0, false],
    ]);
    expect(d.flaggedCount).toBe(2);
  });
  it("treats a skill rated on one side only as 0 on the other", () => {
    expect(assessmentDisagreements({ linux: 3 }, {}).items).toEqual([
      { skill: "linux", self: 3, manager: 0, diff: -3, absDiff: 3, flagged: true },
    ]);
  });
  it("limits to the given skills", () => {
    const d = assessmentDisagreements({ a: 5, b: 1 }, { a: 0, b: 1 }, ["b", "c"]);
    expect(d.items.map((x) => x.skill)).toEqual(["b", "c"]);
    expect(d.flaggedCount).toBe(0);
  });
  it("handles no ratings", () => expect(assessmentDisagreements({}, {})).toEqual({ items: [], flaggedCount: 0 }));
  it("rejects off-scale levels", () => {
    expect(() => assessmentDisagreements({ a: 6 }, {})).toThrow(
      'level for skill "a" (self-assessment) must be an integer 0–5, got 6',
    );
    expect(() => assessmentDisagreements({}, { a: -1 })).toThrow(DomainError);
  });
});

describe("discussionOrder", () => {
  const line = (skillId: string, selfLevel: number | null, managerLevel: number | null) => ({
    skillId,
    selfLevel,
    managerLevel,
  });
  it("puts flagged disagreements first, largest difference first, then the rest in the given order", () => {
    const { flagged, others } = discussionOrder([
      line("aws", 2, 3),
      line("go", 1, 3),
      line("k8s", 3, 3),
      line("linux", 5, 1),
      line("terraform", 4, 2),
      line("python", 0, 1),
    ]);
    expect(flagged.map((l) => [l.skillId, l.diff])).toEqual([
      ["linux", -4],
      ["go", 2],
      ["terraform", -2],
    ]);
    expect(others.map((l) => [l.skillId, l.diff, l.flagged])).toEqual([
      ["aws", 1, false],
      ["k8s", 0, false],
      ["python", 1, false],
    ]);
  });
  it("flags exactly at the threshold, in either direction", () => {
    const { flagged } = discussionOrder([
      line("a", 0, DISAGREEMENT_FLAG),
      line("b", DISAGREEMENT_FLAG, 0),
      line("c", 0, 1),
    ]);
    expect(flagged.map((l) => l.skillId)).toEqual(["a", "b"]);
  });
  it("never flags a line missing a level, and keeps every line exactly once", () => {
    const lines = [line("a", null, 5), line("b", 5, null), line("c", 0, 4)];
    const { flagged, others } = discussionOrder(lines);
    expect(flagged.map((l) => l.skillId)).toEqual(["c"]);
    expect(others.map((l) => [l.skillId, l.diff])).toEqual([
      ["a", null],
      ["b", null],
    ]);
  });
});
