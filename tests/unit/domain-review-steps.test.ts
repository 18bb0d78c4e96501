import { describe, expect, it } from "vitest";
import { assessmentStart, REVIEW_STATES, reviewNextStep, type ReviewSide } from "../../lib/domain/review";

describe("assessmentStart", () => {
  it.each([
    // saved, current, side → level, source
    [3, 1, "subject", 3, "draft"],
    [0, 4, "subject", 0, "draft"],
    [null, 4, "subject", 4, "ratings"],
    [null, 0, "subject", 0, "ratings"],
    [null, null, "subject", null, "none"],
    [2, 4, "manager", 2, "draft"],
    [null, 4, "manager", null, "none"],
    [null, null, "manager", null, "none"],
  ] as const)("saved %s, current %s, %s → %s from %s", (saved, current, side, level, source) => {
    expect(assessmentStart(saved, current, side)).toEqual({ level, source });
  });
});

describe("reviewNextStep", () => {
  const names = { subject: "Riley", manager: "Morgan" };
  it("says what each side waits for", () => {
    expect(reviewNextStep("self_assessment", "subject", names)).toBe("Waiting for your self-assessment");
    expect(reviewNextStep("self_assessment", "manager", names)).toBe("Waiting for Riley's self-assessment");
    expect(reviewNextStep("manager_assessment", "subject", names)).toBe("Waiting for your manager");
    expect(reviewNextStep("manager_assessment", "manager", names)).toBe("Waiting for your assessment");
    expect(reviewNextStep("manager_assessment", "observer", names)).toBe("Waiting for Morgan's assessment");
    expect(reviewNextStep("completed", "subject", names)).toBe("Waiting for your acknowledgement");
    expect(reviewNextStep("completed", "manager", names)).toBe("Waiting for Riley to acknowledge");
    expect(reviewNextStep("acknowledged", "observer", names)).toBe("Done");
  });
  it("has a sentence for every state and side", () => {
    for (const state of REVIEW_STATES)
      for (const side of ["subject", "manager", "observer"] as ReviewSide[])
        expect(reviewNextStep(state, side, names)).toMatch(/^[A-Z]/);
  });
});
