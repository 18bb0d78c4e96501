import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REVIEW_STATES, reviewAccess, visibleLine, type ReviewAccessFacts } from "../../lib/domain/review";
import { visibleReviewsOfSubjectWhere, visibleReviewsWhere } from "../../lib/data/policy";

const review = { subjectId: "sub", managerId: "mgr" };
const facts = (
  actor: string,
  isAdmin: boolean,
  actorManagesTeam: boolean,
  subjectInTeam: boolean,
  managerId: string | null = "mgr",
): ReviewAccessFacts => ({
  actor: { id: actor, isAdmin },
  review: { ...review, managerId },
  actorManagesTeam,
  subjectInTeam,
});

describe("reviewAccess", () => {
  it.each([
    // who, admin, manages the team now, subject in the team now → access
    ["reviewing manager, both still in the team", "mgr", false, true, true, { side: "manager", canWrite: true }],
    ["reviewing manager after the subject left", "mgr", false, true, false, null],
    ["reviewing manager after leaving the team", "mgr", false, false, true, null],
    ["reviewing manager demoted to member (no longer manages)", "mgr", false, false, true, null],
    ["co-manager of the team", "co", false, true, true, { side: "observer", canWrite: false }],
    ["co-manager after the subject left", "co", false, true, false, null],
    ["subject in the team", "sub", false, false, true, { side: "subject", canWrite: true }],
    [
      "subject who left the team: reads, cannot write",
      "sub",
      false,
      false,
      false,
      { side: "subject", canWrite: false },
    ],
    ["outsider", "out", false, false, false, null],
    ["outsider who manages the team, subject gone", "out", false, true, false, null],
    ["admin outside the team: observes", "adm", true, false, false, { side: "observer", canWrite: false }],
    [
      "admin who manages the team but is not the reviewer: observes",
      "adm",
      true,
      true,
      true,
      { side: "observer", canWrite: false },
    ],
    [
      "reviewing manager who is admin, no longer managing the team: observes only",
      "mgr",
      true,
      false,
      true,
      { side: "observer", canWrite: false },
    ],
    [
      "reviewing manager who is admin, still managing: runs it",
      "mgr",
      true,
      true,
      true,
      { side: "manager", canWrite: true },
    ],
  ] as const)("%s", (_name, actor, isAdmin, manages, inTeam, expected) => {
    expect(reviewAccess(facts(actor, isAdmin, manages, inTeam))).toEqual(expected);
  });

  it("gives nobody the manager side once the manager's account is gone", () => {
    expect(reviewAccess(facts("co", false, true, true, null))).toEqual({ side: "observer", canWrite: false });
    expect(reviewAccess(facts("sub", false, false, true, null))).toEqual({ side: "subject", canWrite: true });
  });

  it("never lets anyone but the subject and a current manager of the subject's team see it, except admins read-only", () => {
    const arb = fc.record({
      actor: fc.constantFrom("sub", "mgr", "co", "out"),
      isAdmin: fc.boolean(),
      manages: fc.boolean(),
      inTeam: fc.boolean(),
      managerId: fc.constantFrom("mgr", "co", null),
    });
    fc.assert(
      fc.property(arb, ({ actor, isAdmin, manages, inTeam, managerId }) => {
        const a = reviewAccess(facts(actor, isAdmin, manages, inTeam, managerId));
        if (actor === "sub") {
          expect(a).toEqual({ side: "subject", canWrite: inTeam });
          return;
        }
        if (a?.canWrite) expect(a.side === "manager" && manages && inTeam && managerId === actor).toBe(true);
        if (!(manages && inTeam)) expect(a === null || (isAdmin && a.side === "observer" && !a.canWrite)).toBe(true);
        if (a?.side === "observer") expect(a.canWrite).toBe(false);
      }),
    );
  });
});

describe("visibleLine", () => {
  const line = { skillId: "k8s", selfLevel: 4, managerLevel: 2, agreedLevel: 3 };
  it("hides the other side's level and the agreed level until the reveal", () => {
    expect(visibleLine(line, "manager_assessment", "subject")).toEqual({
      skillId: "k8s",
      selfLevel: 4,
      managerLevel: null,
      agreedLevel: null,
    });
    expect(visibleLine(line, "self_assessment", "manager")).toEqual({
      skillId: "k8s",
      selfLevel: null,
      managerLevel: 2,
      agreedLevel: null,
    });
    expect(visibleLine(line, "manager_assessment", "observer")).toEqual({
      skillId: "k8s",
      selfLevel: null,
      managerLevel: null,
      agreedLevel: null,
    });
  });
  it("shows everything from discussion on", () => {
    for (const state of REVIEW_STATES.slice(2))
      for (const side of ["subject", "manager", "observer"] as const)
        expect(visibleLine(line, state, side)).toEqual(line);
  });
  it("leaves lines without an agreed level without one", () => {
    expect(visibleLine({ selfLevel: 1, managerLevel: 2 }, "self_assessment", "subject")).toEqual({
      selfLevel: 1,
      managerLevel: null,
    });
  });
});

describe("review filters", () => {
  it("does not let a review's former manager through the coarse filter", () => {
    expect(JSON.stringify(visibleReviewsWhere({ id: "mgr", isAdmin: false }))).not.toContain("managerId");
  });
  it("limits a manager's view of someone's earlier reviews to teams they manage and the person is still in", () => {
    expect(visibleReviewsOfSubjectWhere({ id: "mgr", isAdmin: false }, "sub")).toEqual({
      team: {
        AND: [
          { memberships: { some: { userId: "mgr", role: "manager" } } },
          { memberships: { some: { userId: "sub" } } },
        ],
      },
    });
    expect(visibleReviewsOfSubjectWhere({ id: "sub", isAdmin: false }, "sub")).toEqual({});
    expect(visibleReviewsOfSubjectWhere({ id: "adm", isAdmin: true }, "sub")).toEqual({});
  });
});
