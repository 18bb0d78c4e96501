import "server-only";
import { db } from "./db";

/**
 * The versions behind the render cache's keys (lib/render-cache.ts). Database triggers (migration
 * 20261201000000_view_changes) add a `ViewChange` row in the same statement as every write that changes what a page
 * shows: scope "user:<id>" for one person's data (their row, ratings, levels, goals, notifications, memberships,
 * certifications, endorsements), "email:<address>" for invitations, and "global" for the taxonomy, certifications and
 * settings. A scope's version is the sum of its rows' weights: it grows with every commit and never repeats, so a key
 * built from it changes whenever anything shown changes, whichever code path wrote it.
 */

export type ViewerVersions = { user: string; email: string; global: string };

/**
 * The signed-in viewer's versions, or null when the session does not stand: the same test as the per-request actor
 * lookup (lib/data/sessions.ts findSessionActor: the account is active and this browser's session row exists and has
 * not expired), in the same query as the versions.
 */
export async function viewerVersions(userId: string, sessionId: string, now = new Date()) {
  if (!userId || !sessionId || userId.length > 200 || sessionId.length > 200) return null;
  const prisma = await db();
  const rows = await prisma.$queryRaw<ViewerVersions[]>`
    SELECT
      (SELECT coalesce(sum(weight), 0) FROM "ViewChange" WHERE scope = 'user:' || u.id)::text AS "user",
      (SELECT coalesce(sum(weight), 0) FROM "ViewChange" WHERE scope = 'email:' || lower(u.email))::text AS email,
      (SELECT coalesce(sum(weight), 0) FROM "ViewChange" WHERE scope = 'global')::text AS global
    FROM "User" u
    WHERE u.id = ${userId} AND u."deactivatedAt" IS NULL
      AND EXISTS (SELECT 1 FROM "Session" s WHERE s.id = ${sessionId} AND s."userId" = u.id AND s.expires > ${now})`;
  return rows[0] ?? null;
}

/** The version of what everyone's pages show (taxonomy, certifications, settings). */
export async function globalVersion(): Promise<string> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ v: string }[]>`
    SELECT coalesce(sum(weight), 0)::text AS v FROM "ViewChange" WHERE scope = 'global'`;
  return rows[0]!.v;
}

/**
 * Folds each scope's rows into one row of the same total weight (one statement, so a reader sees the old rows or the
 * new one, never neither; rows added meanwhile are not seen and stay). Rows of people who no longer exist go. Run by
 * the hourly `view-changes` job; returns the number of rows removed.
 */
export async function foldViewChanges(): Promise<number> {
  const prisma = await db();
  const [{ removed }] = await prisma.$queryRaw<{ removed: number }[]>`
    WITH gone AS (
      DELETE FROM "ViewChange" v
      WHERE v.scope IN (SELECT scope FROM "ViewChange" GROUP BY scope HAVING count(*) > 1)
         OR (v.scope LIKE 'user:%' AND NOT EXISTS (SELECT 1 FROM "User" u WHERE 'user:' || u.id = v.scope))
      RETURNING scope, weight
    ), kept AS (
      INSERT INTO "ViewChange" (scope, weight)
      SELECT scope, sum(weight) FROM gone
      WHERE NOT (scope LIKE 'user:%' AND NOT EXISTS (SELECT 1 FROM "User" u WHERE 'user:' || u.id = gone.scope))
      GROUP BY scope
      RETURNING 1
    )
    SELECT ((SELECT count(*) FROM gone) - (SELECT count(*) FROM kept))::int AS removed`;
  return removed;
}

/**
 * The clock-driven changes ahead in what the person's pages show (lib/domain/render-cache.ts personalValidUntil):
 * when each current rating was made (it turns stale some months later) and when their open invitations expire.
 */
export async function personalDeadlines(userId: string, now = new Date()) {
  const prisma = await db();
  const [ratings, invitations] = await Promise.all([
    prisma.currentRating.findMany({ where: { userId }, select: { updatedAt: true } }),
    prisma.$queryRaw<{ expiresAt: Date }[]>`
      SELECT i."expiresAt" FROM "TeamInvitation" i JOIN "User" u ON u."email" = i."email"
      WHERE u.id = ${userId} AND i."acceptedAt" IS NULL AND i."declinedAt" IS NULL AND i."expiresAt" > ${now}`,
  ]);
  return { ratedAt: ratings.map((r) => r.updatedAt), invitationExpiries: invitations.map((i) => i.expiresAt) };
}
