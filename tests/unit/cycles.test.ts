import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  agreementRate,
  compareCycleRows,
  CYCLE_STATUSES,
  cycleStatus,
  launchErrors,
  orderCycleRows,
  teamProgress,
  type CycleReviewFacts,
  type CycleStatus,
  type LaunchInput,
} from "@/lib/domain/cycles";
import type { ReviewState } from "@/lib/domain/review";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const base: CycleReviewFacts = {
  state: "self_assessment",
  selfStarted: false,
  agreedStarted: false,
  managerSubmittedAt: null,
  completedAt: null,
  selfDeadline: day("2027-01-10"),
  managerDeadline: day("2027-01-20"),
  closedAt: null,
};
const at = (iso: string) => new Date(iso);

describe("cycleStatus", () => {
  it.each<[string, Partial<CycleReviewFacts>, CycleStatus]>([
    ["self-assessment, nothing saved", {}, "not-started"],
    ["self-assessment with self levels saved", { selfStarted: true }, "self-started"],
    ["manager-assessment", { state: "manager_assessment" }, "self-done"],
    [
      "discussion after the manager submitted",
      { state: "discussion", managerSubmittedAt: at("2027-01-05T10:00:00Z") },
      "manager-done",
    ],
    [
      "discussion with agreed levels recorded",
      { state: "discussion", managerSubmittedAt: at("2027-01-05T10:00:00Z"), agreedStarted: true },
      "in-discussion",
    ],
    ["discussion without a manager submission", { state: "discussion" }, "in-discussion"],
    ["completed", { state: "completed" }, "completed"],
    ["acknowledged", { state: "acknowledged" }, "acknowledged"],
  ])("%s → %s", (_, facts, status) => {
    expect(cycleStatus({ ...base, ...facts }, at("2027-01-01T12:00:00Z")).status).toBe(status);
  });

  it.each<[ReviewState, string, boolean]>([
    ["self_assessment", "2027-01-10T23:59:59Z", false], // the deadline day itself is in time
    ["self_assessment", "2027-01-11T00:00:00Z", true],
    ["manager_assessment", "2027-01-11T00:00:00Z", false], // past the self deadline, not the manager's
    ["manager_assessment", "2027-01-20T18:00:00Z", false],
    ["manager_assessment", "2027-01-21T00:00:01Z", true],
    ["discussion", "2027-03-01T00:00:00Z", false], // later steps have no deadline
    ["completed", "2027-03-01T00:00:00Z", false],
    ["acknowledged", "2027-03-01T00:00:00Z", false],
  ])("%s at %s: overdue %s", (state, now, overdue) => {
    expect(cycleStatus({ ...base, state }, at(now)).overdue).toBe(overdue);
  });

  it("marks reviews unfinished at close only when the cycle is closed and they were not done by then", () => {
    const closedAt = at("2027-02-01T09:00:00Z");
    const now = at("2027-02-10T00:00:00Z");
    expect(cycleStatus({ ...base, state: "discussion" }, now).unfinishedAtClose).toBe(false);
    expect(cycleStatus({ ...base, state: "discussion", closedAt }, now).unfinishedAtClose).toBe(true);
    expect(cycleStatus({ ...base, closedAt }, now).unfinishedAtClose).toBe(true);
    const doneBefore = { state: "completed" as const, completedAt: at("2027-01-30T00:00:00Z"), closedAt };
    expect(cycleStatus({ ...base, ...doneBefore }, now).unfinishedAtClose).toBe(false);
    const doneAfter = { state: "acknowledged" as const, completedAt: at("2027-02-03T00:00:00Z"), closedAt };
    expect(cycleStatus({ ...base, ...doneAfter }, now).unfinishedAtClose).toBe(true);
  });
});

describe("dashboard order", () => {
  it("puts overdue first, then the earliest step, then names", () => {
    const rows = [
      { name: "bea", overdue: false, status: "completed" as const },
      { name: "Cid", overdue: false, status: "not-started" as const },
      { name: "ann", overdue: false, status: "not-started" as const },
      { name: "Dan", overdue: true, status: "self-done" as const },
      { name: "eve", overdue: true, status: "not-started" as const },
    ];
    expect(orderCycleRows(rows).map((r) => r.name)).toEqual(["eve", "Dan", "ann", "Cid", "bea"]);
    expect(rows[0]!.name).toBe("bea"); // a new array; the input keeps its order
  });

  const row = fc.record({
    name: fc.string({ maxLength: 6 }),
    overdue: fc.boolean(),
    status: fc.constantFrom(...CYCLE_STATUSES),
  });

  it("always puts every overdue row before any row that is not", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const ordered = orderCycleRows(rows);
        const firstOnTime = ordered.findIndex((r) => !r.overdue);
        const lastOverdue = ordered.findLastIndex((r) => r.overdue);
        expect(ordered).toHaveLength(rows.length);
        expect(firstOnTime === -1 || lastOverdue < firstOnTime).toBe(true);
      }),
    );
  });

  it("is a consistent order (antisymmetric), so the result does not depend on the input order", () => {
    fc.assert(
      fc.property(row, row, (a, b) => {
        expect(Math.sign(compareCycleRows(a, b))).toBe(-Math.sign(compareCycleRows(b, a)) || 0);
      }),
    );
  });
});

describe("teamProgress", () => {
  it("counts each status per team and the share done (completed + acknowledged), sorted by team", () => {
    const rows = [
      { teamId: "b", teamName: "Beta", status: "completed" as const },
      { teamId: "a", teamName: "Alpha", status: "not-started" as const },
      { teamId: "b", teamName: "Beta", status: "acknowledged" as const },
      { teamId: "b", teamName: "Beta", status: "self-done" as const },
      { teamId: "a", teamName: "Alpha", status: "not-started" as const },
    ];
    const [alpha, beta] = teamProgress(rows);
    expect(alpha).toMatchObject({ teamId: "a", total: 2, done: 0, percentDone: 0 });
    expect(alpha!.counts["not-started"]).toBe(2);
    expect(beta).toMatchObject({ teamId: "b", total: 3, done: 2, percentDone: 66 });
    expect(beta!.counts).toMatchObject({ completed: 1, acknowledged: 1, "self-done": 1, "not-started": 0 });
  });

  it("says 100% only when every review is done", () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      teamId: "t",
      teamName: "T",
      status: (i === 0 ? "self-done" : "completed") as CycleStatus,
    }));
    expect(teamProgress(rows)[0]!.percentDone).toBe(99);
    expect(teamProgress([])).toEqual([]);
  });
});

describe("agreementRate", () => {
  const line = (selfLevel: number | null, managerLevel: number | null, state: ReviewState = "discussion") => ({
    state,
    selfLevel,
    managerLevel,
  });
  it("is the share of compared lines 2 or more levels apart, over lines with both levels", () => {
    const r = agreementRate([line(3, 3), line(2, 4), line(5, 1), line(3, 4), line(null, 3), line(2, null)]);
    expect(r).toEqual({ lines: 4, disconnects: 2, share: 0.5 });
  });
  it("ignores reviews before the reveal, and is null with nothing to compare", () => {
    expect(agreementRate([line(1, 5, "manager_assessment"), line(1, 5, "self_assessment")])).toBeNull();
    expect(agreementRate([line(1, 5, "completed"), line(4, 4, "acknowledged")])).toEqual({
      lines: 2,
      disconnects: 1,
      share: 0.5,
    });
    expect(agreementRate([])).toBeNull();
  });
});

describe("launchErrors", () => {
  const ok: LaunchInput = {
    name: "2027 H1",
    periodStart: "2026-07-01",
    periodEnd: "2026-12-31",
    selfDeadline: "2027-01-15",
    managerDeadline: "2027-01-31",
    allTeams: false,
    teamIds: ["t1"],
  };
  const today = "2027-01-01";
  it("accepts a good launch, deadlines today included", () => {
    expect(launchErrors(ok, today)).toBeNull();
    expect(launchErrors({ ...ok, selfDeadline: today, managerDeadline: today }, today)).toBeNull();
    expect(launchErrors({ ...ok, teamIds: [], allTeams: true }, today)).toBeNull();
  });
  it.each<[string, Partial<LaunchInput>, string]>([
    ["empty name", { name: "   " }, "name"],
    ["long name", { name: "x".repeat(101) }, "name"],
    ["period ends before it starts", { periodEnd: "2026-06-30" }, "periodEnd"],
    ["self deadline in the past", { selfDeadline: "2026-12-31" }, "selfDeadline"],
    ["manager deadline in the past", { selfDeadline: "2026-12-30", managerDeadline: "2026-12-31" }, "managerDeadline"],
    ["manager deadline before the self deadline", { managerDeadline: "2027-01-14" }, "managerDeadline"],
    ["not a real date", { periodStart: "2027-02-30" }, "periodStart"],
    ["no team", { teamIds: [] }, "teamIds"],
  ])("%s → names %s", (_, change, field) => {
    const errors = launchErrors({ ...ok, ...change }, today);
    expect(Object.keys(errors ?? {})).toContain(field);
    expect(errors![field]![0]).toMatch(/\w/);
  });
  it("accepts exactly 100 characters", () => {
    expect(launchErrors({ ...ok, name: "x".repeat(100) }, today)).toBeNull();
  });
});
