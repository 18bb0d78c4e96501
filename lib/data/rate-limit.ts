import "server-only";
import { db } from "./db";
import type { Tx } from "./open";

/** A limit: at most `max` events per `windowMs` in one bucket ("signin:email+ip:…", "mail:to:…"). */
export type Limit = { bucket: string; max: number; windowMs: number };
export type LimitResult = { allowed: true } | { allowed: false; retryMinutes: number; bucket: string };

/**
 * Takes one slot in every bucket, or none: under a transaction-scoped advisory lock per bucket, counts the events in
 * the window and, when every bucket has room, records one event in each. Counting and recording are one atomic step,
 * so N parallel callers get at most `max` slots (a check followed by a separate insert would let them all through).
 * Locks are taken in sorted order, so two callers with overlapping buckets cannot deadlock.
 */
export async function takeSlots(limits: Limit[], now = new Date()): Promise<LimitResult> {
  const prisma = await db();
  return prisma.$transaction((tx) => takeSlotsTx(tx, limits, now));
}

export async function takeSlotsTx(tx: Tx, limits: Limit[], now = new Date()): Promise<LimitResult> {
  const sorted = [...limits].sort((a, b) => a.bucket.localeCompare(b.bucket));
  for (const l of sorted)
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${l.bucket}, 0))::text AS locked`;
  for (const l of sorted) {
    const since = new Date(now.getTime() - l.windowMs);
    const rows = await tx.$queryRaw<{ n: bigint; oldest: Date | null }[]>`
      SELECT count(*) AS n, min("createdAt") AS oldest FROM "RateLimitEvent" WHERE bucket = ${l.bucket} AND "createdAt" > ${since}`;
    const n = Number(rows[0]?.n ?? 0);
    if (n >= l.max) {
      const freeAt = (rows[0]?.oldest ? new Date(rows[0].oldest).getTime() : now.getTime()) + l.windowMs;
      return {
        allowed: false,
        bucket: l.bucket,
        retryMinutes: Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000)),
      };
    }
  }
  await tx.rateLimitEvent.createMany({ data: sorted.map((l) => ({ bucket: l.bucket, createdAt: now })) });
  return { allowed: true };
}

/** Gives slots back (a sign-in that succeeded clears its failures). */
export async function clearBuckets(buckets: string[]): Promise<void> {
  if (buckets.length === 0) return;
  const prisma = await db();
  await prisma.rateLimitEvent.deleteMany({ where: { bucket: { in: buckets } } });
}

/** Old events are useless once outside every window; a day is longer than any window we use. */
export async function pruneRateLimitEvents(olderThanMs = 24 * 3_600_000): Promise<void> {
  const prisma = await db();
  await prisma.rateLimitEvent.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - olderThanMs) } } });
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
