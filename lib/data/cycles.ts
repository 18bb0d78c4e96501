import "server-only";
import { notify } from "./notifications";
import Papa from "papaparse";
import { db } from "./db";
import { assertLookupId, DataError, NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { managedTeamsWhere, teamsManagedByWhere, type Actor } from "@/lib/data/policy";
import { FORMULA_START } from "@/lib/domain/csv";
import {
  agreementRate,
  cycleStatus,
  CYCLE_STATUS_LABELS,
  launchErrors,
  orderCycleRows,
  teamProgress,
  type LaunchInput,
} from "@/lib/domain/cycles";
import type { NotificationDraft } from "@/lib/domain/notifications";
import { dateAt, earliestToday, isoDay } from "@/lib/validation";
import { FORMER_MANAGER } from "./reviews";

export type { LaunchInput };

/** Cycles the actor may see: all for admins; for anyone else those including a team they currently manage. */
const visibleCyclesWhere = (actor: Actor) =>
  actor.isAdmin ? {} : { teams: { some: { team: teamsManagedByWhere(actor) } } };
/** A cycle's reviews the actor may see: all for admins; a manager's only those in teams they currently manage. */
const visibleCycleReviewsWhere = (actor: Actor) => (actor.isAdmin ? {} : { team: teamsManagedByWhere(actor) });

const personName = (u: { name: string | null; email: string }) => u.name ?? u.email;

export type SkipReason = "already-open" | "no-skills" | "no-manager" | "deactivated";
export const SKIP_REASONS: Record<SkipReason, string> = {
  "already-open": "Already has a review in progress in this team.",
  "no-skills": "No current or target role, and the team has no target profile: no skills to review.",
  "no-manager": "The team has no manager to review them.",
  deactivated: "Their account is deactivated.",
};

export type LaunchedReview = {
  reviewId: string;
  subjectId: string;
  teamId: string;
  cycleName: string;
  selfDeadline: Date;
};
export type SkippedPerson = { subjectId: string; name: string; teamId: string; teamName: string; reason: SkipReason };

/**
 * Launches a review cycle: admins for every team or chosen teams, a manager for teams they manage (any other team:
 * not found, nothing created). One review per member of each team, with the skills startReview would choose and the
 * launching actor as reviewer where they manage the team (else the team's first manager by name). People who already
 * have an open review in the team are skipped: the database's "Review_one_open" index decides (INSERT … ON CONFLICT
 * DO NOTHING), so relaunching or launching at the same moment never creates a second open review.
 */
export async function launchCycle(actor: Actor, input: LaunchInput, now = new Date()) {
  const errors = launchErrors(input, earliestToday(now));
  if (errors)
    throw new DataError(
      Object.values(errors)
        .map((m) => m[0])
        .join(" "),
      errors,
    );
  if (input.allTeams && !actor.isAdmin)
    throw new DataError("Only an administrator can launch a cycle for every team.", {
      allTeams: ["Only an administrator can launch a cycle for every team."],
    });
  const teamIds = [...new Set(input.teamIds)];
  teamIds.forEach(assertLookupId);
  const prisma = await db();
  const [teams, taxonomy] = await Promise.all([
    prisma.team.findMany({
      where: input.allTeams ? {} : { AND: [{ id: { in: teamIds } }, managedTeamsWhere(actor)] },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        targetRoles: { select: { roleId: true } },
        memberships: {
          select: {
            role: true,
            user: {
              select: {
                id: true,
                name: true,
                email: true,
                currentRoleId: true,
                targetRoleId: true,
                deactivatedAt: true,
              },
            },
          },
        },
      },
    }),
    getTaxonomy(),
  ]);
  if (!input.allTeams && teams.length !== teamIds.length) throw new NotFoundError();
  const skillsOf = new Map(taxonomy.roles.map((r) => [r.id, r.requirements.map((q) => q.skill)]));

  const skipped: SkippedPerson[] = [];
  const candidates: { teamId: string; subjectId: string; managerId: string; skills: string[] }[] = [];
  for (const team of teams) {
    const managers = team.memberships
      .filter((m) => m.role === "manager")
      .map((m) => m.user)
      .sort((a, b) => personName(a).localeCompare(personName(b)) || (a.id < b.id ? -1 : 1));
    const reviewer = managers.find((m) => m.id === actor.id) ?? managers[0];
    for (const { user } of team.memberships.filter((m) => m.role === "member")) {
      const skip = (reason: SkipReason) =>
        skipped.push({ subjectId: user.id, name: personName(user), teamId: team.id, teamName: team.name, reason });
      const roleIds = [user.currentRoleId, user.targetRoleId].filter((r): r is string => Boolean(r));
      const fromRoles = roleIds.length ? roleIds : team.targetRoles.map((t) => t.roleId);
      const skills = [...new Set(fromRoles.flatMap((r) => skillsOf.get(r) ?? []))];
      if (user.deactivatedAt) skip("deactivated");
      else if (!reviewer) skip("no-manager");
      else if (skills.length === 0) skip("no-skills");
      else candidates.push({ teamId: team.id, subjectId: user.id, managerId: reviewer.id, skills });
    }
  }
  // One order for every launch, so parallel launches wait on the unique index in the same order (no deadlock).
  candidates.sort((a, b) => (a.teamId + ":" + a.subjectId < b.teamId + ":" + b.subjectId ? -1 : 1));

  const name = input.name.trim();
  const selfDeadline = dateAt(input.selfDeadline);
  const dueDate = dateAt(input.managerDeadline, "end");
  const { cycleId, created } = await prisma.$transaction(async (tx) => {
    const cycle = await tx.reviewCycle.create({
      data: {
        name,
        periodStart: dateAt(input.periodStart),
        periodEnd: dateAt(input.periodEnd),
        selfDeadline,
        managerDeadline: dateAt(input.managerDeadline),
        allTeams: input.allTeams,
        createdById: actor.id,
        teams: { createMany: { data: teams.map((t) => ({ teamId: t.id })) } },
      },
      select: { id: true },
    });
    const created = candidates.length
      ? await tx.review.createManyAndReturn({
          data: candidates.map((c) => ({
            teamId: c.teamId,
            subjectId: c.subjectId,
            managerId: c.managerId,
            period: name,
            dueDate,
            cycleId: cycle.id,
          })),
          skipDuplicates: true,
          select: { id: true, teamId: true, subjectId: true },
        })
      : [];
    const made = new Map(created.map((r) => [`${r.teamId}:${r.subjectId}`, r.id]));
    const lines = candidates.flatMap((c) => {
      const reviewId = made.get(`${c.teamId}:${c.subjectId}`);
      return reviewId ? c.skills.map((skillId) => ({ reviewId, skillId })) : [];
    });
    if (lines.length) await tx.reviewSkill.createMany({ data: lines });
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "cycle.launched",
        data: {
          cycleId: cycle.id,
          name,
          allTeams: input.allTeams,
          teams: teams.length,
          created: created.length,
          skipped: skipped.length + candidates.length - created.length,
        },
      },
    });
    return { cycleId: cycle.id, created };
  });
  const made = new Set(created.map((r) => `${r.teamId}:${r.subjectId}`));
  const byKey = new Map(teams.flatMap((t) => t.memberships.map((m) => [`${t.id}:${m.user.id}`, { t, u: m.user }])));
  for (const c of candidates) {
    if (made.has(`${c.teamId}:${c.subjectId}`)) continue;
    const { t, u } = byKey.get(`${c.teamId}:${c.subjectId}`)!;
    skipped.push({ subjectId: u.id, name: personName(u), teamId: t.id, teamName: t.name, reason: "already-open" });
  }
  skipped.sort((a, b) => a.teamName.localeCompare(b.teamName) || a.name.localeCompare(b.name));
  const reviews: LaunchedReview[] = created.map((r) => ({
    reviewId: r.id,
    subjectId: r.subjectId,
    teamId: r.teamId,
    cycleName: name,
    selfDeadline,
  }));
  // After the commit: each person whose review was created hears their self-assessment is waiting (once-only keys;
  // a process that dies here loses these notices, and the cycle's deadline reminders still reach them).
  await notify(launchedReviewDrafts(reviews));
  return { cycleId, reviews, skipped };
}

/** The "your self-assessment is waiting" notice for each review a launch created (once-only keys). */
export function launchedReviewDrafts(reviews: readonly LaunchedReview[]): NotificationDraft[] {
  return reviews.map((r) => ({
    userId: r.subjectId,
    kind: "review_waiting",
    key: `review-waiting:${r.reviewId}:self-assessment`,
    title: `Your self-assessment for ${r.cycleName}`,
    body: `A review cycle started: ${r.cycleName}. Please rate yourself by ${isoDay(r.selfDeadline)}.`,
    link: `/reviews/${r.reviewId}`,
  }));
}

/**
 * The visible reviews of some cycles, with what their status needs. With `lines`, also every self-rated or agreed
 * line (the dashboard's statuses and agreement rate); without, the statuses do not tell "started" from "not started"
 * or "in discussion" from "manager done", which is enough for counting what is done.
 */
async function cycleReviews(actor: Actor, cycleIds: string[], lines: boolean) {
  if (cycleIds.length === 0) return [];
  const prisma = await db();
  return prisma.review.findMany({
    where: { AND: [{ cycleId: { in: cycleIds } }, visibleCycleReviewsWhere(actor)] },
    select: {
      id: true,
      cycleId: true,
      teamId: true,
      state: true,
      managerSubmittedAt: true,
      completedAt: true,
      team: { select: { name: true } },
      subject: { select: { name: true, email: true } },
      manager: { select: { name: true, email: true } },
      skills: {
        where: { OR: [{ selfLevel: { not: null } }, { agreedLevel: { not: null } }] },
        take: lines ? undefined : 0,
        select: { selfLevel: true, managerLevel: true, agreedLevel: true },
      },
    },
  });
}
type CycleReviewRow = Awaited<ReturnType<typeof cycleReviews>>[number];
type CycleDates = { selfDeadline: Date; managerDeadline: Date; closedAt: Date | null };

function rowOf(r: CycleReviewRow, c: CycleDates, now: Date) {
  const s = cycleStatus(
    {
      state: r.state,
      selfStarted: r.skills.some((l) => l.selfLevel !== null),
      agreedStarted: r.skills.some((l) => l.agreedLevel !== null),
      managerSubmittedAt: r.managerSubmittedAt,
      completedAt: r.completedAt,
      ...c,
    },
    now,
  );
  return {
    reviewId: r.id,
    teamId: r.teamId,
    teamName: r.team.name,
    name: personName(r.subject),
    managerName: r.manager ? personName(r.manager) : FORMER_MANAGER,
    ...s,
    statusLabel: CYCLE_STATUS_LABELS[s.status],
    selfDeadline: c.selfDeadline,
    managerDeadline: c.managerDeadline,
  };
}

/** Cycles the actor can see (members: none), newest first, with reviews done of total, overall and per visible team. */
export async function getCycles(actor: Actor, now = new Date()) {
  const prisma = await db();
  const cycles = await prisma.reviewCycle.findMany({
    where: visibleCyclesWhere(actor),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      periodStart: true,
      periodEnd: true,
      selfDeadline: true,
      managerDeadline: true,
      allTeams: true,
      closedAt: true,
      createdAt: true,
    },
  });
  const reviews = await cycleReviews(
    actor,
    cycles.map((c) => c.id),
    false,
  );
  return cycles.map((c) => {
    const rows = reviews.filter((r) => r.cycleId === c.id).map((r) => rowOf(r, c, now));
    const total = rows.length;
    const done = rows.filter((r) => r.status === "completed" || r.status === "acknowledged").length;
    return {
      ...c,
      total,
      done,
      percentDone: total ? Math.floor((done * 100) / total) : 0,
      teams: teamProgress(rows).map(({ teamId, teamName, total, done, percentDone }) => ({
        teamId,
        teamName,
        total,
        done,
        percentDone,
      })),
    };
  });
}

/** One visible cycle with whether the actor may close it, or not found. */
async function visibleCycle(actor: Actor, cycleId: string) {
  assertLookupId(cycleId);
  const prisma = await db();
  const cycle = await prisma.reviewCycle.findFirst({
    where: { AND: [{ id: cycleId }, visibleCyclesWhere(actor)] },
    select: {
      id: true,
      name: true,
      periodStart: true,
      periodEnd: true,
      selfDeadline: true,
      managerDeadline: true,
      allTeams: true,
      closedAt: true,
      createdById: true,
    },
  });
  if (!cycle) throw new NotFoundError();
  // Admins, or the manager who launched it (visibility already says they still manage one of its teams).
  return { ...cycle, canClose: actor.isAdmin || cycle.createdById === actor.id };
}

/**
 * A cycle's dashboard at `now`: every visible review (a manager sees only their teams' rows) in dashboard order,
 * progress per team, and the serious-disconnect rate over revealed lines. Not found for anyone who may not see it.
 */
export async function getCycleDashboard(actor: Actor, cycleId: string, now = new Date()) {
  const cycle = await visibleCycle(actor, cycleId);
  const reviews = await cycleReviews(actor, [cycle.id], true);
  const rows = orderCycleRows(reviews.map((r) => rowOf(r, cycle, now)));
  return {
    cycle,
    rows,
    teams: teamProgress(rows),
    agreement: agreementRate(reviews.flatMap((r) => r.skills.map((l) => ({ state: r.state, ...l })))),
  };
}

/**
 * Closes a cycle (admins, or the manager who launched it): unfinished reviews stay open and count as unfinished at
 * close. Closing a closed cycle changes nothing. Anyone else who can see it is told why; the rest get not found.
 */
export async function closeCycle(actor: Actor, cycleId: string, now = new Date()) {
  const cycle = await visibleCycle(actor, cycleId);
  if (!cycle.canClose)
    throw new DataError("Only an administrator or the manager who launched this cycle can close it.", {
      cycleId: ["Only an administrator or the manager who launched this cycle can close it."],
    });
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.reviewCycle.updateMany({
      where: { id: cycle.id, closedAt: null },
      data: { closedAt: now },
    });
    const unfinished = await tx.review.count({
      where: { cycleId: cycle.id, state: { notIn: ["completed", "acknowledged"] } },
    });
    if (count === 0) return { closed: false, unfinished };
    await tx.auditLog.create({
      data: { actorId: actor.id, action: "cycle.closed", data: { cycleId: cycle.id, unfinished } },
    });
    return { closed: true, unfinished };
  });
}

/** The dashboard's rows as CSV (formula-looking cells escaped): person, team, manager, state, overdue, deadlines. */
export async function exportCycleCsv(actor: Actor, cycleId: string, now = new Date()) {
  const { rows } = await getCycleDashboard(actor, cycleId, now);
  return Papa.unparse(
    {
      fields: ["person", "team", "manager", "state", "overdue", "self deadline", "manager deadline"],
      data: rows.map((r) => [
        r.name,
        r.teamName,
        r.managerName,
        r.statusLabel + (r.unfinishedAtClose ? " (unfinished at close)" : ""),
        r.overdue ? "yes" : "no",
        isoDay(r.selfDeadline),
        isoDay(r.managerDeadline),
      ]),
    },
    { escapeFormulae: FORMULA_START, newline: "\n" },
  );
}

/** Teams the actor may launch a cycle for (admins: every team; managers: the teams they manage), by name. */
export async function getLaunchableTeams(actor: Actor) {
  const prisma = await db();
  return prisma.team.findMany({
    where: managedTeamsWhere(actor),
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
}
