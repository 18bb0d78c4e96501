import "server-only";
import { db } from "./db";
import type { Tx } from "./open";
import { Prisma } from "@/lib/generated/prisma/client";
import { ConflictError, DataError, NotFoundError } from "./errors";
import { appendRatings } from "./rating-store";
import { notifyInTx } from "./notifications";
import { deliverMail } from "@/lib/mail";
import { reviewEventDrafts } from "@/lib/domain/notifications";
import { getTaxonomy } from "./taxonomy";
import { accessOf, accessSelect, getReview } from "./reviews";
import { teamsManagedByWhere, visibleReviewsWhere, type Actor } from "@/lib/data/policy";
import {
  canAgree,
  canRate,
  isLocked,
  nextReviewState,
  reviewStateLabel,
  ReviewTransitionError,
  type ReviewEvent,
  type ReviewSide,
  type ReviewState,
} from "@/lib/domain/review";

type Level = { skillId: string; level: number };

const ALREADY_OPEN = "This person already has a review in progress.";

/** Postgres unique violation, as Prisma reports it (here: the partial index "Review_one_open"). */
function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}

/**
 * Starts a review of a team member by a manager of that team; admin rights alone do not let anyone start one.
 * Skills: the person's current and target roles. At most one open review per person and team, held by the database
 * (index "Review_one_open"), so parallel starts cannot create two.
 */
export async function startReview(
  actor: Actor,
  input: { teamId: string; subjectId: string; period: string; dueDate: Date },
) {
  const prisma = await db();
  const team = await prisma.team.findFirst({
    where: { AND: [{ id: input.teamId }, teamsManagedByWhere(actor)] },
    select: {
      id: true,
      memberships: {
        where: { userId: input.subjectId },
        select: { user: { select: { id: true, currentRoleId: true, targetRoleId: true } } },
      },
      targetRoles: { select: { roleId: true } },
    },
  });
  const subject = team?.memberships[0]?.user;
  if (!team || !subject) throw new NotFoundError();
  if (subject.id === actor.id)
    throw new DataError("You cannot review yourself.", { subjectId: ["You cannot review yourself."] });
  const taxonomy = await getTaxonomy();
  const roleIds = [subject.currentRoleId, subject.targetRoleId].filter((r): r is string => Boolean(r));
  const fromRoles = roleIds.length ? roleIds : team.targetRoles.map((t) => t.roleId);
  const skills = [
    ...new Set(
      taxonomy.roles.filter((r) => fromRoles.includes(r.id)).flatMap((r) => r.requirements.map((q) => q.skill)),
    ),
  ];
  if (skills.length === 0) {
    throw new DataError(
      "This person has no current or target role, and the team has no target profile, so there are no skills to review.",
      { subjectId: ["Set their role or the team's target profile first."] },
    );
  }
  let mail: string[] = [];
  try {
    const created = await prisma.$transaction(async (tx) => {
      const review = await tx.review.create({
        data: {
          teamId: team.id,
          subjectId: subject.id,
          managerId: actor.id,
          period: input.period,
          dueDate: input.dueDate,
          skills: { createMany: { data: skills.map((skillId) => ({ skillId })) } },
        },
      });
      await tx.auditLog.create({
        data: {
          actorId: actor.id,
          action: "review.started",
          reviewId: review.id,
          teamId: team.id,
          subjectId: subject.id,
          data: { period: input.period, skills: skills.length },
        },
      });
      mail = await notifyInTx(tx, reviewEventDrafts("started", await reviewNames(tx, review.id)));
      return review;
    });
    await deliverMail(mail);
    return created;
  } catch (e) {
    if (isUniqueViolation(e)) throw new DataError(ALREADY_OPEN, { subjectId: ["A review is already in progress."] });
    throw e;
  }
}

/**
 * Runs a versioned write: loads the review with the actor's current memberships, decides access (reviewAccess),
 * checks the expected version, runs `fn`, bumps the version and logs. Observers (co-managers, admins) and anyone who
 * may not see the review get "not found"; a subject who left the team is told the review is read-only. A stale
 * version answers ConflictError with the newer review.
 */
async function versioned<T>(
  actor: Actor,
  reviewId: string,
  expectedVersion: number,
  action: string,
  fn: (
    tx: Tx,
    r: { state: ReviewState; side: ReviewSide; subjectId: string; managerId: string | null; teamId: string },
  ) => Promise<{ result: T; state?: ReviewState; data?: Record<string, unknown>; extra?: Record<string, unknown> }>,
) {
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const review = await tx.review.findFirst({
        where: { AND: [{ id: reviewId }, visibleReviewsWhere(actor)] },
        select: { state: true, version: true, subjectId: true, managerId: true, teamId: true, ...accessSelect(actor) },
      });
      const access = review && accessOf(actor, review);
      if (!review || !access || access.side === "observer") throw new NotFoundError();
      if (!access.canWrite)
        throw new DataError("You are no longer a member of this team, so this review is read-only.", {
          state: ["The review is read-only."],
        });
      if (review.version !== expectedVersion)
        throw new ConflictError(
          "This review changed since you opened it. The newer version is shown; check it and try again.",
        );
      const r = {
        state: review.state,
        side: access.side,
        subjectId: review.subjectId,
        managerId: review.managerId,
        teamId: review.teamId,
      };
      const out = await fn(tx, r);
      const { count } = await tx.review.updateMany({
        where: { id: reviewId, version: expectedVersion },
        data: { version: { increment: 1 }, ...(out.state ? { state: out.state } : {}), ...(out.extra ?? {}) },
      });
      if (count === 0)
        throw new ConflictError(
          "This review changed since you opened it. The newer version is shown; check it and try again.",
        );
      await tx.auditLog.create({
        data: {
          actorId: actor.id,
          action,
          reviewId,
          teamId: review.teamId,
          subjectId: review.subjectId,
          data: {
            ...(out.data ?? {}),
            ...(out.state ? { from: reviewStateLabel(r.state), to: reviewStateLabel(out.state) } : {}),
          } as object,
        },
      });
      return out.result;
    });
  } catch (e) {
    if (e instanceof ConflictError)
      throw new ConflictError(e.message, await getReview(actor, reviewId).catch(() => undefined));
    if (e instanceof ReviewTransitionError) throw new DataError(e.message, { state: [e.message] });
    throw e;
  }
}

async function checkSkills(tx: Tx, reviewId: string, levels: Level[]) {
  const lines = new Set(
    (await tx.reviewSkill.findMany({ where: { reviewId }, select: { skillId: true } })).map((l) => l.skillId),
  );
  const errors: Record<string, string[]> = {};
  levels.forEach(
    (l, i) =>
      !lines.has(l.skillId) && (errors[`levels.${i}.skillId`] = [`"${l.skillId}" is not a skill of this review.`]),
  );
  if (Object.keys(errors).length)
    throw new DataError("Some skills are not part of this review; nothing was saved.", errors);
  return lines;
}

/** Writes one level column of many lines in a single UPDATE (the last entry wins when a skill repeats). */
async function setLineLevels(
  tx: Tx,
  reviewId: string,
  column: "selfLevel" | "managerLevel" | "agreedLevel",
  levels: Level[],
) {
  const bySkill = new Map(levels.map((l) => [l.skillId, l.level]));
  if (!bySkill.size) return;
  const values = Prisma.join([...bySkill].map(([skillId, level]) => Prisma.sql`(${skillId}, ${level}::int)`));
  await tx.$executeRaw`UPDATE "ReviewSkill" AS r SET ${Prisma.raw(`"${column}"`)} = v."level"
    FROM (VALUES ${values}) AS v("skillId", "level") WHERE r."reviewId" = ${reviewId} AND r."skillId" = v."skillId"`;
}

/** Saves the actor's own side of the assessment (self or manager levels) while that side may still rate. */
export async function saveAssessment(actor: Actor, reviewId: string, version: number, levels: Level[]) {
  return versioned(actor, reviewId, version, "review.assessment.saved", async (tx, r) => {
    if (r.side === "observer") throw new NotFoundError();
    if (!canRate(r.state, r.side))
      throw new DataError(`Your ratings can no longer change: the review is in ${reviewStateLabel(r.state)}.`, {
        state: [`The review is in ${reviewStateLabel(r.state)}.`],
      });
    await checkSkills(tx, reviewId, levels);
    const field = r.side === "subject" ? "selfLevel" : "managerLevel";
    await setLineLevels(tx, reviewId, field, levels);
    return { result: null, data: { side: r.side, count: levels.length } };
  });
}

/** Records agreed levels (and optionally the summary) during discussion; manager only. */
export async function saveAgreement(
  actor: Actor,
  reviewId: string,
  version: number,
  agreed: Level[],
  summary: string | null,
) {
  return versioned(actor, reviewId, version, "review.agreement.saved", async (tx, r) => {
    if (r.side === "observer") throw new NotFoundError();
    if (!canAgree(r.state, r.side))
      throw new DataError(
        isLocked(r.state)
          ? "The review is locked; record an amendment instead."
          : `Agreed levels are recorded by the manager during discussion; the review is in ${reviewStateLabel(r.state)}.`,
        { state: [`The review is in ${reviewStateLabel(r.state)}.`] },
      );
    await checkSkills(tx, reviewId, agreed);
    await setLineLevels(tx, reviewId, "agreedLevel", agreed);
    return { result: null, data: { count: agreed.length }, extra: summary !== null ? { summary } : {} };
  });
}

/** Moves the review along its state machine; completion writes agreed levels into history as manager-confirmed. */
export async function transitionReview(
  actor: Actor,
  reviewId: string,
  version: number,
  event: ReviewEvent,
  comment: string | null = null,
) {
  let mail: string[] = [];
  const result = await versioned(actor, reviewId, version, `review.${event}`, async (tx, r) => {
    if (r.side === "observer") throw new NotFoundError();
    const to = nextReviewState(r.state, event, r.side);
    mail = await notifyInTx(tx, reviewEventDrafts(event, await reviewNames(tx, reviewId)));
    const lines = await tx.reviewSkill.findMany({ where: { reviewId } });
    const now = new Date();
    if (event === "submit-self" && lines.some((l) => l.selfLevel === null))
      throw new DataError("Rate every skill before submitting your self-assessment.", {
        levels: ["Some skills have no self rating."],
      });
    if (event === "submit-manager" && lines.some((l) => l.managerLevel === null))
      throw new DataError("Rate every skill before submitting your assessment.", {
        levels: ["Some skills have no manager rating."],
      });
    if (event === "complete") {
      if (lines.some((l) => l.agreedLevel === null))
        throw new DataError("Record an agreed level for every skill before completing.", {
          agreed: ["Some skills have no agreed level."],
        });
      const summary = (await tx.review.findUnique({ where: { id: reviewId }, select: { summary: true } }))?.summary;
      if (!summary?.trim())
        throw new DataError("Write a summary before completing the review.", { summary: ["A summary is required."] });
      await appendRatings(
        tx,
        r.subjectId,
        lines.map((l) => ({ skillId: l.skillId, level: l.agreedLevel! })),
        { source: "manager", confirmedById: actor.id, reviewId, at: now },
      );
    }
    const extra =
      event === "submit-self"
        ? { selfSubmittedAt: now }
        : event === "submit-manager"
          ? { managerSubmittedAt: now }
          : event === "complete"
            ? { completedAt: now }
            : { acknowledgedAt: now, ackComment: comment };
    return { result: to, state: to, extra };
  });
  await deliverMail(mail);
  return result;
}

/** The names a review's notifications use (a deleted manager reads "Your former manager"). */
async function reviewNames(tx: Tx, reviewId: string) {
  const r = await tx.review.findUniqueOrThrow({
    where: { id: reviewId },
    select: {
      id: true,
      period: true,
      subjectId: true,
      managerId: true,
      subject: { select: { name: true, email: true } },
      manager: { select: { name: true, email: true } },
    },
  });
  return {
    id: r.id,
    period: r.period,
    subjectId: r.subjectId,
    subjectName: r.subject.name ?? r.subject.email,
    managerId: r.managerId,
    managerName: r.manager ? (r.manager.name ?? r.manager.email) : "Your former manager",
  };
}

/** A per-skill comment in the discussion; participants only, and only once both assessments are in. */
export async function addReviewComment(actor: Actor, reviewId: string, version: number, skillId: string, body: string) {
  return versioned(actor, reviewId, version, "review.comment.added", async (tx, r) => {
    if (r.side === "observer") throw new NotFoundError();
    if (r.state !== "discussion")
      throw new DataError(`Comments are open during discussion; the review is in ${reviewStateLabel(r.state)}.`, {
        state: [`The review is in ${reviewStateLabel(r.state)}.`],
      });
    await checkSkills(tx, reviewId, [{ skillId, level: 0 }]);
    await tx.reviewComment.create({ data: { reviewId, skillId, authorId: actor.id, body } });
    return { result: null, data: { skillId } };
  });
}

/** After completion: a correction is an amendment (who, when, why), appended to history, never an edit in place. */
export async function amendReview(
  actor: Actor,
  reviewId: string,
  version: number,
  skillId: string,
  toLevel: number,
  reason: string,
) {
  return versioned(actor, reviewId, version, "review.amended", async (tx, r) => {
    if (r.side !== "manager")
      throw r.side === "observer"
        ? new NotFoundError()
        : new DataError("Only the reviewing manager can amend a review.", {
            state: ["Only the reviewing manager can amend."],
          });
    if (!isLocked(r.state))
      throw new DataError("Only completed reviews take amendments; edit the agreed level directly during discussion.", {
        state: [`The review is in ${reviewStateLabel(r.state)}.`],
      });
    await checkSkills(tx, reviewId, [{ skillId, level: toLevel }]);
    const line = await tx.reviewSkill.findUniqueOrThrow({ where: { reviewId_skillId: { reviewId, skillId } } });
    const last = await tx.reviewAmendment.findFirst({ where: { reviewId, skillId }, orderBy: { createdAt: "desc" } });
    const fromLevel = last?.toLevel ?? line.agreedLevel ?? 0;
    if (fromLevel === toLevel)
      throw new DataError(`The level is already ${toLevel}.`, { toLevel: [`The level is already ${toLevel}.`] });
    await tx.reviewAmendment.create({ data: { reviewId, skillId, fromLevel, toLevel, reason, authorId: actor.id } });
    await appendRatings(tx, r.subjectId, [{ skillId, level: toLevel }], {
      source: "manager",
      confirmedById: actor.id,
      reviewId,
    });
    return { result: null, data: { skillId, fromLevel, toLevel, reason } };
  });
}

/** A development goal agreed in the review, added to the reviewed person's plan. */
export async function addReviewGoal(
  actor: Actor,
  reviewId: string,
  version: number,
  goal: { skillId: string; targetLevel: number; dueDate: Date | null; note: string | null },
) {
  return versioned(actor, reviewId, version, "review.goal.added", async (tx, r) => {
    if (r.side === "observer") throw new NotFoundError();
    if (r.state !== "discussion")
      throw new DataError(`Goals are added during discussion; the review is in ${reviewStateLabel(r.state)}.`, {
        state: [`The review is in ${reviewStateLabel(r.state)}.`],
      });
    await checkSkills(tx, reviewId, [{ skillId: goal.skillId, level: goal.targetLevel }]);
    const g = await tx.goal.create({ data: { userId: r.subjectId, reviewId, ...goal } });
    return { result: g.id, data: { skillId: goal.skillId, targetLevel: goal.targetLevel } };
  });
}
