import "server-only";
import { db } from "./db";
import { assertLookupId, NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import type { Prisma } from "@/lib/generated/prisma/client";
import { teamsManagedByWhere, visibleReviewsOfSubjectWhere, visibleReviewsWhere, type Actor } from "@/lib/data/policy";
import { isLocked, isOverdue, revealed, reviewAccess, visibleLine, type ReviewAccess } from "@/lib/domain/review";
import { monthsBefore } from "@/lib/domain/history";

export const REVIEW_DUE_MONTHS = 6;
export const FORMER_MANAGER = "former manager";
export const DELETED_USER = "deleted user";

/**
 * Selected with every review that is read or written, in the same statement: the actor's manager membership of the
 * review's team (0–1 row) and the subject's memberships in teams the actor manages, or all of them when the actor is
 * the subject (a handful of rows). That is exactly what reviewAccess needs to decide on current membership.
 */
export function accessSelect(actor: Actor) {
  return {
    team: { select: { memberships: { where: { userId: actor.id, role: "manager" }, select: { userId: true } } } },
    subject: {
      select: {
        memberships: {
          where: { OR: [{ userId: actor.id }, { team: teamsManagedByWhere(actor) }] },
          select: { teamId: true },
        },
      },
    },
  } satisfies Prisma.ReviewSelect;
}

type AccessRow = {
  subjectId: string;
  managerId: string | null;
  teamId: string;
  team: { memberships: unknown[] };
  subject: { memberships: { teamId: string }[] };
};

/**
 * The actor's side in a review loaded with accessSelect, or null ("not found"). For someone other than the subject,
 * the subject's memberships are only those in teams the actor manages; that suffices, since the subject's membership
 * matters to them only when they manage the review's team.
 */
export function accessOf(actor: Actor, r: AccessRow): ReviewAccess | null {
  return reviewAccess({
    actor,
    review: r,
    actorManagesTeam: r.team.memberships.length > 0,
    subjectInTeam: r.subject.memberships.some((m) => m.teamId === r.teamId),
  });
}

/**
 * One review as the actor may see it: the other side's levels stay hidden until both assessments are in, and
 * comments appear only after the reveal. Includes amendments, the audit log and the change since the previous review
 * (only a previous review the actor may see). Access follows current team membership (reviewAccess): a manager who
 * left the team, or whose report left it, gets "not found"; a subject who left reads their review without writing.
 */
export async function getReview(
  actor: Actor,
  reviewId: string,
  taxonomyLoad: ReturnType<typeof getTaxonomy> = getTaxonomy(),
) {
  assertLookupId(reviewId); // straight from the URL
  const prisma = await db();
  const access = accessSelect(actor);
  const review = await prisma.review.findFirst({
    where: { AND: [{ id: reviewId }, visibleReviewsWhere(actor)] },
    include: {
      skills: true,
      comments: { orderBy: { createdAt: "asc" }, include: { author: { select: { name: true, email: true } } } },
      amendments: { orderBy: { createdAt: "asc" } },
      // Goals agreed in this review (added during discussion), for the page and its print view.
      goals: {
        orderBy: { createdAt: "asc" },
        select: { id: true, skillId: true, targetLevel: true, dueDate: true, note: true, status: true },
      },
      subject: { select: { id: true, name: true, email: true, memberships: access.subject.select.memberships } },
      manager: { select: { id: true, name: true, email: true } },
      team: { select: { id: true, name: true, memberships: access.team.select.memberships } },
    },
  });
  const allowed = review && accessOf(actor, review);
  if (!review || !allowed) throw new NotFoundError();
  const { side } = allowed;
  const state = review.state;
  // Names of everyone who acted on the review and still has an account: subject, manager, amendment authors.
  const people = [review.subjectId, review.managerId, ...review.amendments.map((a) => a.authorId)].filter(
    (id): id is string => Boolean(id),
  );
  const [taxonomy, audit, previous, current, authors] = await Promise.all([
    taxonomyLoad,
    prisma.auditLog.findMany({ where: { reviewId }, orderBy: { id: "asc" } }),
    prisma.review.findFirst({
      where: {
        AND: [
          {
            subjectId: review.subjectId,
            state: { in: ["completed", "acknowledged"] },
            completedAt: { lt: review.createdAt },
            id: { not: review.id },
          },
          visibleReviewsOfSubjectWhere(actor, review.subjectId),
        ],
      },
      orderBy: { completedAt: "desc" },
      select: { id: true, period: true, skills: { select: { skillId: true, agreedLevel: true } } },
    }),
    prisma.currentRating.findMany({
      where: { userId: review.subjectId, skillId: { in: review.skills.map((s) => s.skillId) } },
      select: { skillId: true, level: true, updatedAt: true },
    }),
    prisma.user.findMany({
      where: { id: { in: [...new Set(people)] } },
      select: { id: true, name: true, email: true },
    }),
  ]);
  const skillName = new Map(taxonomy.skills.map((s) => [s.id, s.name]));
  const order = new Map(taxonomy.skills.map((s, i) => [s.id, i]));
  const prevLevel = new Map(previous?.skills.map((s) => [s.skillId, s.agreedLevel]) ?? []);
  const nowRating = new Map(current.map((c) => [c.skillId, c]));
  const who = new Map(authors.map((a) => [a.id, a.name ?? a.email]));
  const lines = review.skills
    .map((l) => {
      const amendments = review.amendments.filter((a) => a.skillId === l.skillId);
      const v = visibleLine(
        { skillId: l.skillId, selfLevel: l.selfLevel, managerLevel: l.managerLevel, agreedLevel: l.agreedLevel },
        state,
        side,
      );
      return {
        skillId: l.skillId,
        skillName: skillName.get(l.skillId) ?? l.skillId,
        selfLevel: v.selfLevel,
        managerLevel: v.managerLevel,
        agreedLevel: v.agreedLevel,
        effectiveLevel: amendments.at(-1)?.toLevel ?? v.agreedLevel,
        previousLevel: prevLevel.get(l.skillId) ?? null,
        currentLevel: nowRating.get(l.skillId)?.level ?? null,
        /** When the person's current rating was last set (what a pre-filled self-assessment says it came from). */
        currentRatedAt: nowRating.get(l.skillId)?.updatedAt ?? null,
      };
    })
    .sort((a, b) => (order.get(a.skillId) ?? 1e9) - (order.get(b.skillId) ?? 1e9));
  return {
    id: review.id,
    period: review.period,
    dueDate: review.dueDate,
    state,
    version: review.version,
    summary: review.summary,
    ackComment: review.ackComment,
    completedAt: review.completedAt,
    acknowledgedAt: review.acknowledgedAt,
    selfSubmittedAt: review.selfSubmittedAt,
    managerSubmittedAt: review.managerSubmittedAt,
    subject: { id: review.subject.id, name: review.subject.name, email: review.subject.email },
    // null once the manager's account is deleted; managerName says so.
    manager: review.manager,
    managerName: review.manager ? (review.manager.name ?? review.manager.email) : FORMER_MANAGER,
    team: { id: review.team.id, name: review.team.name },
    side,
    canWrite: allowed.canWrite,
    locked: isLocked(state),
    revealed: revealed(state),
    lines,
    comments: revealed(state)
      ? review.comments.map((c) => ({
          id: c.id,
          skillId: c.skillId,
          body: c.body,
          author: c.author ? (c.author.name ?? c.author.email) : DELETED_USER,
          createdAt: c.createdAt,
        }))
      : [],
    amendments: review.amendments.map((a) => ({ ...a, author: who.get(a.authorId) ?? DELETED_USER })),
    goals: review.goals.map((g) => ({ ...g, skillName: skillName.get(g.skillId) ?? g.skillId })),
    audit: audit.map((a) => ({
      id: a.id.toString(),
      action: a.action,
      actor: a.actorId ? (who.get(a.actorId) ?? DELETED_USER) : "someone",
      data: a.data,
      createdAt: a.createdAt,
    })),
    previous: previous ? { id: previous.id, period: previous.period } : null,
  };
}
export type ReviewView = Awaited<ReturnType<typeof getReview>>;

/**
 * The manager's (and each person's) review overview: reviews by state with overdue ones first, and — for teams the
 * actor manages — the people due for a review (none completed in the last six months).
 */
export async function getReviewDashboard(actor: Actor, now = new Date()) {
  const prisma = await db();
  const access = accessSelect(actor);
  const [reviews, managedMembers] = await Promise.all([
    prisma.review.findMany({
      where: visibleReviewsWhere(actor),
      orderBy: { dueDate: "asc" },
      select: {
        id: true,
        period: true,
        state: true,
        dueDate: true,
        subjectId: true,
        managerId: true,
        teamId: true,
        completedAt: true,
        subject: { select: { name: true, email: true, memberships: access.subject.select.memberships } },
        manager: { select: { name: true, email: true } },
        team: { select: { name: true, memberships: access.team.select.memberships } },
      },
      take: 1000,
    }),
    // People the actor could start a review for: members of teams they really manage (admin rights do not count).
    prisma.teamMembership.findMany({
      where: { role: "member", team: teamsManagedByWhere(actor) },
      select: {
        teamId: true,
        team: { select: { name: true } },
        user: { select: { id: true, name: true, email: true } },
      },
    }),
  ]);
  const rows = reviews.flatMap((r) => {
    const allowed = accessOf(actor, r);
    if (!allowed) return [];
    const state = r.state;
    return [
      {
        id: r.id,
        period: r.period,
        state,
        dueDate: r.dueDate,
        subjectId: r.subjectId,
        managerId: r.managerId,
        completedAt: r.completedAt,
        subject: { name: r.subject.name, email: r.subject.email },
        team: { name: r.team.name },
        managerName: r.manager ? (r.manager.name ?? r.manager.email) : FORMER_MANAGER,
        overdue: isOverdue(state, r.dueDate, now),
        side: allowed.side,
        canWrite: allowed.canWrite,
      },
    ];
  });
  rows.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.getTime() - b.dueDate.getTime());
  const limit = monthsBefore(now, REVIEW_DUE_MONTHS);
  const lastDone = new Map<string, Date>();
  const open = new Set<string>();
  for (const r of rows) {
    if (r.completedAt && (lastDone.get(r.subjectId)?.getTime() ?? 0) < r.completedAt.getTime())
      lastDone.set(r.subjectId, r.completedAt);
    if (!isLocked(r.state)) open.add(r.subjectId);
  }
  const seen = new Set<string>();
  const due = managedMembers
    .filter(
      (m) =>
        m.user.id !== actor.id &&
        !open.has(m.user.id) &&
        !((lastDone.get(m.user.id)?.getTime() ?? 0) > limit.getTime()),
    )
    .filter((m) => (seen.has(m.user.id) ? false : (seen.add(m.user.id), true)))
    .map((m) => ({
      userId: m.user.id,
      name: m.user.name ?? m.user.email,
      teamId: m.teamId,
      teamName: m.team.name,
      lastReview: lastDone.get(m.user.id) ?? null,
    }));
  return { reviews: rows, due };
}
