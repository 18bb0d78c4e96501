import "server-only";
import { db } from "./db";
import { assertLookupId, NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { managedTeamsWhere, visibleReviewsWhere, type Actor } from "@/lib/auth/policy";
import { isLocked, isOverdue, revealed, visibleLine, type ReviewSide, type ReviewState } from "@/lib/domain/review";

export const REVIEW_DUE_MONTHS = 6;

export function sideOf(actor: Actor, review: { subjectId: string; managerId: string }): ReviewSide {
  if (review.subjectId === actor.id) return "subject";
  if (review.managerId === actor.id) return "manager";
  return "observer";
}

/**
 * One review as the actor may see it: the other side's levels stay hidden until both assessments are in, and
 * comments appear only after the reveal. Includes amendments, the audit log and the change since the previous review.
 */
export async function getReview(actor: Actor, reviewId: string) {
  assertLookupId(reviewId); // straight from the URL
  const prisma = await db();
  const review = await prisma.review.findFirst({
    where: { AND: [{ id: reviewId }, visibleReviewsWhere(actor)] },
    include: {
      skills: true,
      comments: { orderBy: { createdAt: "asc" }, include: { author: { select: { name: true, email: true } } } },
      amendments: { orderBy: { createdAt: "asc" } },
      subject: { select: { id: true, name: true, email: true } },
      manager: { select: { id: true, name: true, email: true } },
      team: { select: { id: true, name: true } },
    },
  });
  if (!review) throw new NotFoundError();
  const state = review.state as ReviewState;
  const side = sideOf(actor, review);
  const [taxonomy, audit, previous, current, authors] = await Promise.all([
    getTaxonomy(),
    prisma.auditLog.findMany({ where: { reviewId }, orderBy: { id: "asc" } }),
    prisma.review.findFirst({
      where: { subjectId: review.subjectId, state: { in: ["completed", "acknowledged"] }, completedAt: { lt: review.createdAt }, id: { not: review.id } },
      orderBy: { completedAt: "desc" },
      select: { id: true, period: true, skills: { select: { skillId: true, agreedLevel: true } } },
    }),
    prisma.currentRating.findMany({ where: { userId: review.subjectId, skillId: { in: review.skills.map((s) => s.skillId) } }, select: { skillId: true, level: true } }),
    prisma.user.findMany({ where: { id: { in: [review.subjectId, review.managerId] } }, select: { id: true, name: true, email: true } }),
  ]);
  const skillName = new Map(taxonomy.skills.map((s) => [s.id, s.name]));
  const order = new Map(taxonomy.skills.map((s, i) => [s.id, i]));
  const prevLevel = new Map(previous?.skills.map((s) => [s.skillId, s.agreedLevel]) ?? []);
  const nowLevel = new Map(current.map((c) => [c.skillId, c.level]));
  const who = new Map(authors.map((a) => [a.id, a.name ?? a.email]));
  const lines = review.skills
    .map((l) => {
      const amendments = review.amendments.filter((a) => a.skillId === l.skillId);
      const v = visibleLine({ skillId: l.skillId, selfLevel: l.selfLevel, managerLevel: l.managerLevel }, state, side);
      return {
        skillId: l.skillId,
        skillName: skillName.get(l.skillId) ?? l.skillId,
        selfLevel: v.selfLevel,
        managerLevel: v.managerLevel,
        agreedLevel: revealed(state) ? l.agreedLevel : null,
        effectiveLevel: amendments.at(-1)?.toLevel ?? l.agreedLevel,
        previousLevel: prevLevel.get(l.skillId) ?? null,
        currentLevel: nowLevel.get(l.skillId) ?? null,
      };
    })
    .sort((a, b) => (order.get(a.skillId) ?? 1e9) - (order.get(b.skillId) ?? 1e9));
  return {
    id: review.id, period: review.period, dueDate: review.dueDate, state, version: review.version, summary: review.summary,
    ackComment: review.ackComment, completedAt: review.completedAt, acknowledgedAt: review.acknowledgedAt,
    selfSubmittedAt: review.selfSubmittedAt, managerSubmittedAt: review.managerSubmittedAt,
    subject: review.subject, manager: review.manager, team: review.team, side, locked: isLocked(state), revealed: revealed(state),
    lines,
    comments: revealed(state) ? review.comments.map((c) => ({ id: c.id, skillId: c.skillId, body: c.body, author: c.author.name ?? c.author.email, createdAt: c.createdAt })) : [],
    amendments: review.amendments.map((a) => ({ ...a, author: who.get(a.authorId) ?? "a former user" })),
    audit: audit.map((a) => ({ id: a.id.toString(), action: a.action, actor: (a.actorId && who.get(a.actorId)) || "someone", data: a.data, createdAt: a.createdAt })),
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
  const [reviews, managedMembers] = await Promise.all([
    prisma.review.findMany({
      where: visibleReviewsWhere(actor),
      orderBy: { dueDate: "asc" },
      select: { id: true, period: true, state: true, dueDate: true, subjectId: true, managerId: true, completedAt: true, subject: { select: { name: true, email: true } }, team: { select: { name: true } } },
      take: 1000,
    }),
    prisma.teamMembership.findMany({
      where: { role: "member", team: managedTeamsWhere(actor) },
      select: { teamId: true, team: { select: { name: true } }, user: { select: { id: true, name: true, email: true } } },
    }),
  ]);
  const rows = reviews.map((r) => ({ ...r, state: r.state as ReviewState, overdue: isOverdue(r.state as ReviewState, r.dueDate, now), side: sideOf(actor, r) }));
  rows.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.getTime() - b.dueDate.getTime());
  const limit = new Date(now);
  limit.setMonth(limit.getMonth() - REVIEW_DUE_MONTHS);
  const lastDone = new Map<string, Date>();
  const open = new Set<string>();
  for (const r of rows) {
    if (r.completedAt && (lastDone.get(r.subjectId)?.getTime() ?? 0) < r.completedAt.getTime()) lastDone.set(r.subjectId, r.completedAt);
    if (!isLocked(r.state)) open.add(r.subjectId);
  }
  const seen = new Set<string>();
  const due = managedMembers
    .filter((m) => m.user.id !== actor.id && !open.has(m.user.id) && !((lastDone.get(m.user.id)?.getTime() ?? 0) > limit.getTime()))
    .filter((m) => (seen.has(m.user.id) ? false : (seen.add(m.user.id), true)))
    .map((m) => ({ userId: m.user.id, name: m.user.name ?? m.user.email, teamId: m.teamId, teamName: m.team.name, lastReview: lastDone.get(m.user.id) ?? null }));
  return { reviews: rows, due };
}
