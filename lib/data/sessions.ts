import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "./db";
import { NotFoundError } from "./errors";
import type { Actor } from "@/lib/data/policy";

/** How long one sign-in lasts at most (the JWT's maxAge is the same). */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/** Records a new signed-in browser; its id goes into the JWT. Refused (null) for a missing or deactivated account. */
export async function createSession(
  userId: string,
  userAgent: string | null,
  now = new Date(),
): Promise<string | null> {
  const prisma = await db();
  const user = await prisma.user.findFirst({ where: { id: userId, deactivatedAt: null }, select: { id: true } });
  if (!user) return null;
  const row = await prisma.session.create({
    data: {
      userId,
      sessionToken: randomBytes(32).toString("hex"),
      expires: new Date(now.getTime() + SESSION_MAX_AGE_S * 1000),
      userAgent: userAgent?.slice(0, 300) ?? null,
    },
    select: { id: true },
  });
  return row.id;
}

/**
 * The actor behind a JWT's user id and session id, or null when the account no longer exists, is deactivated, or
 * the session was ended (sign-out, sign out everywhere, password change or reset). One query: it is the per-request
 * lookup the app already made.
 */
export async function findSessionActor(userId: string, sessionId: string, now = new Date()) {
  if (!userId || !sessionId || userId.length > 200 || sessionId.length > 200) return null;
  const prisma = await db();
  const user = await prisma.user.findFirst({
    where: { id: userId, deactivatedAt: null, sessions: { some: { id: sessionId, expires: { gt: now } } } },
    select: { id: true, isAdmin: true, name: true, email: true, emailVerified: true },
  });
  if (!user) return null;
  const { emailVerified, ...rest } = user;
  return { ...rest, verified: emailVerified !== null, sessionId };
}

/** Ends one session (sign-out). */
export async function endSession(sessionId: string): Promise<void> {
  const prisma = await db();
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** Ends one of the actor's own sessions (another browser); someone else's session is "not found". */
export async function endMySession(actor: Actor, sessionId: string): Promise<void> {
  const prisma = await db();
  const { count } = await prisma.session.deleteMany({ where: { id: sessionId, userId: actor.id } });
  if (count === 0) throw new NotFoundError();
}

/** Ends every session of the actor ("sign out everywhere"), or all but `keep` (after a password change). */
export async function endAllSessions(actor: Actor, keep?: string): Promise<number> {
  const prisma = await db();
  const { count } = await prisma.session.deleteMany({
    where: { userId: actor.id, ...(keep ? { id: { not: keep } } : {}) },
  });
  return count;
}

/** The actor's signed-in browsers, newest first, marking the one making this request. */
export async function listMySessions(actor: Actor & { sessionId?: string }, now = new Date()) {
  const prisma = await db();
  const rows = await prisma.session.findMany({
    where: { userId: actor.id, expires: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, expires: true, userAgent: true },
  });
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    expires: r.expires,
    userAgent: r.userAgent,
    current: r.id === actor.sessionId,
  }));
}
