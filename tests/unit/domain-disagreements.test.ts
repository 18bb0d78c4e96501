import { describe, expect, it } from "vitest";
import { DomainError, assessmentDisagreements } from "../../lib/domain";

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
