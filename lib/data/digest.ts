import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { unsubscribeQuery } from "./notifications";
import { appLink, deliverMail, queueMail } from "@/lib/mail";
import { digestMail } from "@/lib/mail/templates";
import {
  digestContent,
  DIGEST_GOAL_DAYS,
  DIGEST_CERTIFICATION_DAYS,
  DIGEST_WINDOW_DAYS,
  type DigestInput,
} from "@/lib/domain/digest";

const DAY = 86_400_000;
/** The weekly digest's schedule: Mondays 07:00 UTC. */
export const DIGEST_CRON = "0 7 * * 1";
/** A person gets a digest at most once in this many days (6, not 7: a run a little late last week still counts). */
export const DIGEST_INTERVAL_DAYS = 6;
/** People read and mailed per batch: each batch costs the same fixed number of queries, whatever its size. */
const BATCH = 500;

/**
 * The weekly digest job (a system task, like the reminder job: it reads across the organisation, and each digest goes
 * only to the person it is about and names only people of their own teams). `now` is injected, so tests drive the
 * schedule with a clock of their own.
 *
 * Who: active (not deactivated), verified people who opted in and got no digest in the last 6 days. The facts for a
 * whole batch are read with a fixed number of queries (by user ids), never a query set per person. Each digest is
 * claimed and queued in one transaction: the conditional UPDATE of `digestSentAt` is the gate, so of two processes
 * (or three parallel runs) only one sees the row updated and queues the mail; the others skip that person. Mail is
 * delivered after the commit; if the process dies in between, the outbox job sends it. A person with nothing to say
 * gets no mail and is not marked, so the next run looks again.
 */
export async function sendDigests(now = new Date()): Promise<{ sent: number; skipped: number }> {
  const prisma = await db();
  const cutoff = new Date(now.getTime() - DIGEST_INTERVAL_DAYS * DAY);
  let sent = 0;
  let skipped = 0;
  let after: string | undefined;
  for (;;) {
    const people = await prisma.user.findMany({
      where: {
        digestOptIn: true,
        deactivatedAt: null,
        emailVerified: { not: null },
        OR: [{ digestSentAt: null }, { digestSentAt: { lte: cutoff } }],
        ...(after ? { id: { gt: after } } : {}),
      },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, email: true },
    });
    if (people.length === 0) break;
    after = people.at(-1)!.id;

    const inputs = await digestInputs(
      people.map((p) => p.id),
      now,
    );
    const mail: string[] = [];
    for (const p of people) {
      const content = digestContent(inputs.get(p.id)!, now);
      if (!content) {
        skipped += 1;
        continue;
      }
      const id = await prisma.$transaction(async (tx) => {
        const claimed = await tx.$executeRaw`
          UPDATE "User" SET "digestSentAt" = ${now}
          WHERE "id" = ${p.id} AND ("digestSentAt" IS NULL OR "digestSentAt" <= ${cutoff})
            AND "digestOptIn" AND "deactivatedAt" IS NULL AND "emailVerified" IS NOT NULL`;
        if (claimed !== 1) return null;
        const unsubscribeUrl = appLink(`/api/unsubscribe?${unsubscribeQuery(p.id, "digest")}`);
        return queueMail(
          tx,
          digestMail({
            to: p.email,
            subject: content.subject,
            lines: content.lines,
            url: appLink("/dashboard"),
            unsubscribeUrl,
            preferencesUrl: appLink("/account#notifications"),
          }),
        );
      });
      if (id) {
        mail.push(id);
        sent += 1;
      } else skipped += 1;
    }
    await deliverMail(mail);
    if (people.length < BATCH) break;
  }
  return { sent, skipped };
}

/** Every person's digest input, read with seven queries for the whole batch (run in parallel). */
async function digestInputs(userIds: string[], now: Date): Promise<Map<string, DigestInput>> {
  const prisma = await db();
  const since = new Date(now.getTime() - DIGEST_WINDOW_DAYS * DAY);
  // Their teams: the teams of the batch's people (a subquery, so every read below can start at once).
  const teamIds = Prisma.sql`SELECT m."teamId" FROM "TeamMembership" m WHERE m."userId" IN (${Prisma.join(userIds)})`;
  const [own, members, levelChanges, goals, certifications, reviews, unread] = await Promise.all([
    prisma.teamMembership.findMany({
      where: { userId: { in: userIds } },
      select: { userId: true, teamId: true, team: { select: { name: true } } },
    }),
    prisma.teamMembership.findMany({
      where: { team: { memberships: { some: { userId: { in: userIds } } } }, user: { deactivatedAt: null } },
      select: { teamId: true, userId: true, createdAt: true, user: { select: { name: true, email: true } } },
    }),
    // Rating rows in the window by members of those teams that changed the level (the first rating of a skill
    // included). Only who, which skill and when leave the database: never the level.
    prisma.$queryRaw<{ userId: string; skillId: string; createdAt: Date }[]>`
      SELECT r."userId", r."skillId", r."createdAt" FROM "Rating" r
      WHERE r."createdAt" > ${since} AND r."createdAt" <= ${now}
        AND r."userId" IN (SELECT t."userId" FROM "TeamMembership" t WHERE t."teamId" IN (${teamIds}))
        AND r."level" IS DISTINCT FROM (
          SELECT p."level" FROM "Rating" p
          WHERE p."userId" = r."userId" AND p."skillId" = r."skillId"
            AND (p."createdAt" < r."createdAt" OR (p."createdAt" = r."createdAt" AND p."id" < r."id"))
          ORDER BY p."createdAt" DESC, p."id" DESC LIMIT 1)`,
    prisma.goal.findMany({
      where: {
        userId: { in: userIds },
        status: "open",
        dueDate: { not: null, lte: new Date(now.getTime() + (DIGEST_GOAL_DAYS + 1) * DAY) },
      },
      select: { userId: true, targetLevel: true, dueDate: true, skill: { select: { name: true } } },
    }),
    prisma.personCertification.findMany({
      where: {
        userId: { in: userIds },
        expiresOn: {
          gte: new Date(now.getTime() - DAY),
          lte: new Date(now.getTime() + (DIGEST_CERTIFICATION_DAYS + 1) * DAY),
        },
      },
      select: { userId: true, name: true, expiresOn: true, certification: { select: { short: true } } },
    }),
    prisma.review.findMany({
      where: {
        OR: [
          { subjectId: { in: userIds }, state: "self_assessment" },
          { managerId: { in: userIds }, state: "manager_assessment" },
        ],
      },
      select: {
        id: true,
        state: true,
        subjectId: true,
        managerId: true,
        period: true,
        dueDate: true,
        subject: { select: { name: true, email: true } },
        cycle: { select: { name: true, selfDeadline: true, managerDeadline: true, closedAt: true } },
      },
    }),
    prisma.notification.groupBy({
      by: ["userId"],
      where: { userId: { in: userIds }, shown: true, readAt: null },
      _count: { _all: true },
    }),
  ]);

  const membersOf = new Map<string, DigestInput["teams"][number]["members"]>();
  for (const m of members)
    (membersOf.get(m.teamId) ?? membersOf.set(m.teamId, []).get(m.teamId)!).push({
      userId: m.userId,
      name: m.user.name ?? m.user.email,
      joinedAt: m.createdAt,
    });
  const changes = levelChanges.map((c) => ({ userId: c.userId, skillId: c.skillId, at: new Date(c.createdAt) }));
  const unreadOf = new Map(unread.map((u) => [u.userId, u._count._all]));

  const inputs = new Map<string, DigestInput>(
    userIds.map((id) => [
      id,
      {
        userId: id,
        teams: [],
        levelChanges: changes,
        goals: [],
        certifications: [],
        reviews: [],
        unread: unreadOf.get(id) ?? 0,
      },
    ]),
  );
  for (const m of own)
    inputs.get(m.userId)!.teams.push({ id: m.teamId, name: m.team.name, members: membersOf.get(m.teamId) ?? [] });
  for (const g of goals)
    inputs
      .get(g.userId)!
      .goals.push({ skillName: g.skill.name, targetLevel: g.targetLevel, dueDate: g.dueDate, open: true });
  for (const c of certifications)
    inputs
      .get(c.userId)!
      .certifications.push({ name: c.certification?.short ?? c.name ?? "A certification", expiresOn: c.expiresOn });
  for (const r of reviews) {
    const review: DigestInput["reviews"][number] = {
      id: r.id,
      state: r.state,
      subjectId: r.subjectId,
      subjectName: r.subject.name ?? r.subject.email,
      managerId: r.managerId,
      period: r.period,
      dueDate: r.dueDate,
      cycle: r.cycle
        ? {
            name: r.cycle.name,
            selfDeadline: r.cycle.selfDeadline,
            managerDeadline: r.cycle.managerDeadline,
            closed: r.cycle.closedAt !== null,
          }
        : null,
    };
    // Each side gets the review only for the step that is theirs (digestContent checks it again).
    const to = r.state === "self_assessment" ? r.subjectId : r.managerId;
    if (to) inputs.get(to)?.reviews.push(review);
  }
  return inputs;
}
