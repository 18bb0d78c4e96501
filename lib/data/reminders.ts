import "server-only";
import { db } from "./db";
import { createNotifications } from "./notifications";
import { deliverMail } from "@/lib/mail";
import {
  CERTIFICATION_EXPIRY_DAYS,
  dueReminders,
  GOAL_DUE_DAYS,
  STALE_RATING_DAYS,
  type ReminderInput,
} from "@/lib/domain/notifications";
import { reviewStateLabel } from "@/lib/domain/review";

const DAY = 86_400_000;
/** Notifications created per transaction. */
const BATCH = 200;

/**
 * The reminder job (a system task, not a person's request: it reads what every reminder needs across the
 * organisation, and each notification goes only to the person it is about). `now` is injected, so tests drive the
 * schedule with a clock of their own. Idempotent: every reminder has a key, and a person gets each key once
 * (notifyInTx), so two replicas running it at once, or a run repeated after a crash, send nothing twice.
 * Deactivated people are skipped.
 */
export async function runReminders(
  now = new Date(),
  hooks: { afterCommit?: () => Promise<void> } = {},
): Promise<{ due: number; created: number }> {
  const input = await reminderInput(now);
  const drafts = dueReminders(input, now);
  const prisma = await db();
  let created = 0;
  for (let i = 0; i < drafts.length; i += BATCH) {
    const batch = drafts.slice(i, i + BATCH);
    const { mail, created: fresh } = await prisma.$transaction((tx) => createNotifications(tx, batch));
    created += fresh;
    await hooks.afterCommit?.(); // the crash test stops the process here: committed, not yet delivered
    await deliverMail(mail);
  }
  return { due: drafts.length, created };
}

async function reminderInput(now: Date): Promise<ReminderInput> {
  const prisma = await db();
  const active = { deactivatedAt: null };
  const [goals, ratings, certifications, reviews] = await Promise.all([
    prisma.goal.findMany({
      where: {
        status: "open",
        dueDate: { not: null, lte: new Date(now.getTime() + (GOAL_DUE_DAYS + 1) * DAY) },
        user: active,
      },
      select: { id: true, userId: true, dueDate: true, skill: { select: { name: true } } },
    }),
    prisma.currentRating.findMany({
      where: {
        updatedAt: { lt: new Date(now.getTime() - STALE_RATING_DAYS * DAY) },
        user: active,
        skill: { retired: false },
      },
      select: { userId: true, updatedAt: true, skill: { select: { name: true } } },
    }),
    prisma.personCertification.findMany({
      where: {
        expiresOn: {
          gte: new Date(now.getTime() - DAY),
          lte: new Date(now.getTime() + (CERTIFICATION_EXPIRY_DAYS + 1) * DAY),
        },
        user: active,
      },
      select: { id: true, userId: true, name: true, expiresOn: true, certification: { select: { short: true } } },
    }),
    prisma.review.findMany({
      where: { cycle: { closedAt: null }, state: { in: ["self_assessment", "manager_assessment"] } },
      select: {
        id: true,
        state: true,
        subjectId: true,
        managerId: true,
        subject: { select: { name: true, email: true } },
        cycle: { select: { id: true, name: true, selfDeadline: true, managerDeadline: true, closedAt: true } },
      },
    }),
  ]);
  return {
    goals: goals.map((g) => ({ id: g.id, userId: g.userId, skillName: g.skill.name, dueDate: g.dueDate, open: true })),
    ratings: ratings.map((r) => ({ userId: r.userId, skillName: r.skill.name, ratedAt: r.updatedAt })),
    certifications: certifications.map((c) => ({
      id: c.id,
      userId: c.userId,
      name: c.certification?.short ?? c.name ?? "A certification",
      expiresOn: c.expiresOn,
    })),
    cycleReviews: reviews
      .filter((r) => r.cycle)
      .map((r) => ({
        reviewId: r.id,
        cycleId: r.cycle!.id,
        cycleName: r.cycle!.name,
        subjectId: r.subjectId,
        subjectName: r.subject.name ?? r.subject.email,
        managerId: r.managerId,
        state: reviewStateLabel(r.state) as ReminderInput["cycleReviews"][number]["state"],
        selfDeadline: r.cycle!.selfDeadline,
        managerDeadline: r.cycle!.managerDeadline,
        closed: r.cycle!.closedAt !== null,
      })),
  };
}
