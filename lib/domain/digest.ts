/**
 * The weekly digest (opt-in), as a pure function of one person's facts and the clock: what changed in their teams in
 * the last 7 days, what is due for them, and how many notifications they have not read. Nothing to say → null, so an
 * empty digest is never sent.
 *
 * Privacy: the team part names only members of the reader's own teams, and says only who joined and how many skills a
 * teammate changed the level of ("Sam updated 3 skills") — never which skills or levels, whoever reads it (a manager
 * reads levels in the app, not in an email). The input carries no levels at all; people outside the reader's teams may
 * appear in `levelChanges` (the data layer shares one list between readers) and are ignored here.
 */
import { daysUntil } from "./notifications";
import { plural } from "./plural";
import type { ReviewState } from "./review";

const DAY = 86_400_000;
/** The team part covers this many days before `now`. */
export const DIGEST_WINDOW_DAYS = 7;
/** Open goals due within this many days (or already overdue). */
export const DIGEST_GOAL_DAYS = 14;
/** Certifications expiring within this many days. */
export const DIGEST_CERTIFICATION_DAYS = 30;
/** At most this many lines per list; the rest are counted ("and 4 more"). */
export const DIGEST_LIST_MAX = 10;

export type DigestInput = {
  userId: string;
  /** The reader's teams, each with its active members (the reader included) and when they joined. */
  teams: { id: string; name: string; members: { userId: string; name: string; joinedAt: Date }[] }[];
  /** Rating rows that changed a level (a first rating included): who, which skill, when. Never the level. */
  levelChanges: readonly { userId: string; skillId: string; at: Date }[];
  /** The reader's own goals. */
  goals: { skillName: string; targetLevel: number; dueDate: Date | null; open: boolean }[];
  /** The reader's own certifications. */
  certifications: { name: string; expiresOn: Date | null }[];
  /** Open reviews the reader takes part in, as subject or manager. */
  reviews: {
    id: string;
    state: ReviewState;
    subjectId: string;
    subjectName: string;
    managerId: string | null;
    period: string;
    dueDate: Date;
    cycle: { name: string; selfDeadline: Date; managerDeadline: Date; closed: boolean } | null;
  }[];
  /** The reader's unread (shown) notifications. */
  unread: number;
};

export type DigestContent = { subject: string; lines: string[] };

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const byName = (a: string, b: string) => a.localeCompare(b, "en");

/** At most DIGEST_LIST_MAX lines, then one saying how many more. */
function capped(lines: string[], more: (n: number) => string): string[] {
  return lines.length <= DIGEST_LIST_MAX
    ? lines
    : [...lines.slice(0, DIGEST_LIST_MAX), more(lines.length - DIGEST_LIST_MAX)];
}

/** The digest for one person at `now`, or null when there is nothing to say. */
export function digestContent(input: DigestInput, now: Date): DigestContent | null {
  const due = dueLines(input, now);
  const team = teamLines(input, now);
  const unread =
    input.unread > 0 ? [`You have ${plural(input.unread, "unread notification", "unread notifications")}.`] : [];
  if (due.count === 0 && team.count === 0 && unread.length === 0) return null;

  const lines: string[] = [];
  if (due.count) lines.push("Due for you:", ...due.lines);
  if (team.count) {
    if (lines.length) lines.push("");
    lines.push(`In your teams, the last ${DIGEST_WINDOW_DAYS} days:`, ...team.lines);
  }
  if (unread.length) {
    if (lines.length) lines.push("");
    lines.push(...unread);
  }

  const parts = [
    due.count ? `${plural(due.count, "thing", "things")} due` : null,
    team.count ? plural(team.count, "team update", "team updates") : null,
    input.unread > 0 ? `${input.unread} unread` : null,
  ].filter((p): p is string => p !== null);
  return { subject: `Your week: ${parts.join(", ")}`, lines };
}

type DueLine = { at: number; order: number; line: string };

function dueLines(input: DigestInput, now: Date): { lines: string[]; count: number } {
  const out: DueLine[] = [];
  for (const g of input.goals) {
    if (!g.open || !g.dueDate) continue;
    const days = daysUntil(g.dueDate, now);
    if (days > DIGEST_GOAL_DAYS) continue;
    out.push({
      at: g.dueDate.getTime(),
      order: 0,
      line:
        days < 0
          ? `Goal: ${g.skillName} to level ${g.targetLevel}, overdue since ${isoDay(g.dueDate)}`
          : `Goal: ${g.skillName} to level ${g.targetLevel}, due ${isoDay(g.dueDate)}`,
    });
  }
  for (const c of input.certifications) {
    if (!c.expiresOn) continue;
    const days = daysUntil(c.expiresOn, now);
    if (days < 0 || days > DIGEST_CERTIFICATION_DAYS) continue;
    out.push({ at: c.expiresOn.getTime(), order: 1, line: `Certification: ${c.name} expires ${isoDay(c.expiresOn)}` });
  }
  for (const r of input.reviews) {
    const step =
      r.state === "self_assessment" && r.subjectId === input.userId
        ? { what: "your self-assessment", deadline: r.cycle && !r.cycle.closed ? r.cycle.selfDeadline : r.dueDate }
        : r.state === "manager_assessment" && r.managerId === input.userId
          ? {
              what: `your assessment of ${r.subjectName}`,
              deadline: r.cycle && !r.cycle.closed ? r.cycle.managerDeadline : r.dueDate,
            }
          : null;
    if (!step) continue;
    const where = r.cycle ? `review cycle "${r.cycle.name}"` : `review "${r.period}"`;
    const when =
      daysUntil(step.deadline, now) < 0 ? `overdue since ${isoDay(step.deadline)}` : `due ${isoDay(step.deadline)}`;
    out.push({ at: step.deadline.getTime(), order: 2, line: `Review: ${step.what} in ${where}, ${when}` });
  }
  out.sort((a, b) => a.at - b.at || a.order - b.order || byName(a.line, b.line));
  return {
    lines: capped(
      out.map((d) => d.line),
      (n) => `And ${n} more.`,
    ),
    count: out.length,
  };
}

/** Who joined the reader's teams, and how many skills each teammate changed, in the window. */
function teamLines(input: DigestInput, now: Date): { lines: string[]; count: number } {
  const since = now.getTime() - DIGEST_WINDOW_DAYS * DAY;
  const inWindow = (d: Date) => d.getTime() > since && d.getTime() <= now.getTime();
  const teams = [...input.teams].sort((a, b) => byName(a.name, b.name) || byName(a.id, b.id));

  // Each teammate (not the reader) under the first of the reader's teams they share, by team name.
  const teammate = new Map<string, { name: string; teamId: string }>();
  for (const t of teams)
    for (const m of t.members)
      if (m.userId !== input.userId && !teammate.has(m.userId)) teammate.set(m.userId, { name: m.name, teamId: t.id });
  const skillsChanged = new Map<string, Set<string>>();
  for (const c of input.levelChanges) {
    if (!teammate.has(c.userId) || !inWindow(c.at)) continue;
    (skillsChanged.get(c.userId) ?? skillsChanged.set(c.userId, new Set()).get(c.userId)!).add(c.skillId);
  }

  const lines: string[] = [];
  let count = 0;
  for (const t of teams) {
    const joined = t.members
      .filter((m) => m.userId !== input.userId && inWindow(m.joinedAt))
      .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || byName(a.name, b.name))
      .map((m) => `${t.name}: ${m.name} joined on ${isoDay(m.joinedAt)}`);
    const updated = [...skillsChanged]
      .filter(([userId]) => teammate.get(userId)!.teamId === t.id)
      .map(([userId, skills]) => ({ name: teammate.get(userId)!.name, n: skills.size }))
      .sort((a, b) => b.n - a.n || byName(a.name, b.name))
      .map((u) => `${t.name}: ${u.name} updated ${plural(u.n, "skill", "skills")}`);
    count += joined.length + updated.length;
    lines.push(
      ...capped(joined, (n) => `${t.name}: and ${plural(n, "other person", "other people")} joined`),
      ...capped(updated, (n) => `${t.name}: and ${plural(n, "other person", "other people")} updated skills`),
    );
  }
  return { lines, count };
}
