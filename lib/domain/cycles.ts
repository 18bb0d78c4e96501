/**
 * Review cycles (pure): where each person's review stands in a cycle, whether the step holding it up is past its
 * deadline, the dashboard's order, progress per team, how often self and manager disagree seriously, and the checks
 * on a launch. Dates are calendar days in UTC (the cycle's deadlines are stored as dates).
 */
import { revealed, type ReviewState } from "./review";

/** Where a person stands in a cycle, earliest step first. */
export const CYCLE_STATUSES = [
  "not-started",
  "self-started",
  "self-done",
  "manager-done",
  "in-discussion",
  "completed",
  "acknowledged",
] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export const CYCLE_STATUS_LABELS: Record<CycleStatus, string> = {
  "not-started": "Not started",
  "self-started": "Self-assessment started",
  "self-done": "Self-assessment done",
  "manager-done": "Manager assessment done",
  "in-discussion": "In discussion",
  completed: "Completed",
  acknowledged: "Acknowledged",
};

export type CycleReviewFacts = {
  state: ReviewState;
  /** At least one self level saved. */
  selfStarted: boolean;
  /** At least one agreed level saved (the discussion has begun to record its outcome). */
  agreedStarted: boolean;
  managerSubmittedAt: Date | null;
  completedAt: Date | null;
  selfDeadline: Date;
  managerDeadline: Date;
  /** The cycle's closing moment, null while open. */
  closedAt: Date | null;
};

export type CycleReviewStatus = { status: CycleStatus; overdue: boolean; unfinishedAtClose: boolean };

const DAY = 86_400_000;
const utcDay = (d: Date) => Math.floor(d.getTime() / DAY);
/** True once `now` is on a calendar day (UTC) after `deadline`'s: the deadline day itself still counts as in time. */
export const pastDeadline = (deadline: Date, now: Date) => utcDay(now) > utcDay(deadline);

function statusOf(r: CycleReviewFacts): CycleStatus {
  switch (r.state) {
    case "self_assessment":
      return r.selfStarted ? "self-started" : "not-started";
    case "manager_assessment":
      return "self-done";
    case "discussion":
      return r.managerSubmittedAt && !r.agreedStarted ? "manager-done" : "in-discussion";
    case "completed":
      return "completed";
    case "acknowledged":
      return "acknowledged";
  }
}

/**
 * One review's place in its cycle at `now`: its status; overdue when the step holding it up is past its deadline
 * (self-assessment after the self deadline, manager assessment after the manager deadline; later steps have none);
 * unfinishedAtClose when the cycle is closed and the review was not completed by then.
 */
export function cycleStatus(r: CycleReviewFacts, now: Date): CycleReviewStatus {
  const status = statusOf(r);
  const overdue =
    (r.state === "self_assessment" && pastDeadline(r.selfDeadline, now)) ||
    (r.state === "manager_assessment" && pastDeadline(r.managerDeadline, now));
  const done = r.state === "completed" || r.state === "acknowledged";
  const unfinishedAtClose =
    r.closedAt !== null && (!done || (r.completedAt !== null && r.completedAt.getTime() > r.closedAt.getTime()));
  return { status, overdue, unfinishedAtClose };
}

export type OrderedRow = { overdue: boolean; status: CycleStatus; name: string };

/** Dashboard order: overdue first, then the earliest step first, then by name (case-insensitive). */
export function compareCycleRows(a: OrderedRow, b: OrderedRow): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const s = CYCLE_STATUSES.indexOf(a.status) - CYCLE_STATUSES.indexOf(b.status);
  if (s !== 0) return s;
  return (
    a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/** The rows in dashboard order (a new array). */
export function orderCycleRows<T extends OrderedRow>(rows: readonly T[]): T[] {
  return [...rows].sort(compareCycleRows);
}

export type TeamProgress = {
  teamId: string;
  teamName: string;
  total: number;
  counts: Record<CycleStatus, number>;
  /** Completed + acknowledged. */
  done: number;
  /** done / total, 0–100, rounded down so 100 means every review is done. */
  percentDone: number;
};

const emptyCounts = () => Object.fromEntries(CYCLE_STATUSES.map((s) => [s, 0])) as Record<CycleStatus, number>;

/** Progress per team (sorted by team name): totals, counts per status, percent done (0–100). */
export function teamProgress(
  rows: readonly { teamId: string; teamName: string; status: CycleStatus }[],
): TeamProgress[] {
  const byTeam = new Map<string, TeamProgress>();
  for (const r of rows) {
    let t = byTeam.get(r.teamId);
    if (!t) {
      t = { teamId: r.teamId, teamName: r.teamName, total: 0, counts: emptyCounts(), done: 0, percentDone: 0 };
      byTeam.set(r.teamId, t);
    }
    t.total += 1;
    t.counts[r.status] += 1;
    if (r.status === "completed" || r.status === "acknowledged") t.done += 1;
  }
  const out = [...byTeam.values()];
  for (const t of out) t.percentDone = Math.floor((t.done * 100) / t.total);
  return out.sort((a, b) => a.teamName.localeCompare(b.teamName) || (a.teamId < b.teamId ? -1 : 1));
}

/** A difference of this many levels or more between self and manager is a serious disconnect. */
export const SERIOUS_DISCONNECT = 2;

export type AgreementRate = {
  /** Review lines with both a self and a manager level, in reviews past the reveal. */
  lines: number;
  /** Lines whose levels differ by SERIOUS_DISCONNECT or more. */
  disconnects: number;
  /** disconnects / lines, 0–1. */
  share: number;
};

/**
 * How often self and manager disagree seriously across a cycle: over lines where both levels exist, the share that
 * differ by 2 or more levels. Only reviews past the reveal (discussion or later) count, so the figure never hints at
 * a level one side may not see yet. Null when no line counts.
 */
export function agreementRate(
  lines: readonly { state: ReviewState; selfLevel: number | null; managerLevel: number | null }[],
): AgreementRate | null {
  let n = 0;
  let disconnects = 0;
  for (const l of lines) {
    if (l.selfLevel === null || l.managerLevel === null || !revealed(l.state)) continue;
    n += 1;
    if (Math.abs(l.selfLevel - l.managerLevel) >= SERIOUS_DISCONNECT) disconnects += 1;
  }
  return n === 0 ? null : { lines: n, disconnects, share: disconnects / n };
}

export type LaunchInput = {
  name: string;
  periodStart: string;
  periodEnd: string;
  selfDeadline: string;
  managerDeadline: string;
  allTeams: boolean;
  teamIds: readonly string[];
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const realDate = (v: string) => {
  const m = ISO.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3])));
  d.setUTCFullYear(Number(m[1]));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

/**
 * The problems with a launch, by field (null when there are none): name 1–100 characters; real YYYY-MM-DD dates;
 * period start on or before its end; self deadline on or before the manager deadline; no deadline before `today`
 * (YYYY-MM-DD); at least one team unless every team.
 */
export function launchErrors(input: LaunchInput, today: string): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const name = input.name.trim();
  if (name.length === 0) add("name", "Enter a name for the cycle.");
  else if (name.length > 100) add("name", "Name must be at most 100 characters.");
  const labels = {
    periodStart: "Period start",
    periodEnd: "Period end",
    selfDeadline: "Self-assessment deadline",
    managerDeadline: "Manager deadline",
  } as const;
  const ok = (k: keyof typeof labels) => {
    if (realDate(input[k])) return true;
    add(k, `${labels[k]} must be a real date like 2027-03-31.`);
    return false;
  };
  const [ps, pe, sd, md] = [ok("periodStart"), ok("periodEnd"), ok("selfDeadline"), ok("managerDeadline")];
  if (ps && pe && input.periodStart > input.periodEnd) add("periodEnd", "Period end must be on or after period start.");
  if (sd && input.selfDeadline < today) add("selfDeadline", "Self-assessment deadline must be today or later.");
  if (md && input.managerDeadline < today) add("managerDeadline", "Manager deadline must be today or later.");
  if (sd && md && input.selfDeadline > input.managerDeadline)
    add("managerDeadline", "Manager deadline must be on or after the self-assessment deadline.");
  if (!input.allTeams && input.teamIds.length === 0) add("teamIds", "Choose at least one team.");
  return Object.keys(errors).length ? errors : null;
}
