import "server-only";
import { db } from "./db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/common-passwords";
import type { Actor } from "@/lib/auth/policy";
import { DataError, NotFoundError } from "./errors";

// A real argon2id hash of a random string: verifying against it when the email is unknown keeps the timing alike.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$soNqyrYC9J9eHocPt3J9aQ$rUWcvVZ/SgED6NAeoB9kr8aSc9TWMZaUt8s+vbjqo+0";

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** The actor behind a session id, or null when the account no longer exists. */
export async function findActor(userId: string): Promise<(Actor & { name: string | null; email: string }) | null> {
  const prisma = await db();
  return prisma.user.findUnique({ where: { id: userId }, select: { id: true, isAdmin: true, name: true, email: true } });
}

/** Checks email + password; null for an unknown email or a wrong password alike. */
export async function verifyCredentials(email: string, password: string): Promise<{ id: string; email: string; name: string | null } | null> {
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true, email: true, name: true, passwordHash: true } });
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user?.passwordHash || !ok) return null;
  return { id: user.id, email: user.email, name: user.name };
}

/**
 * Creates an account and joins any pending team invitations for its email, in one transaction.
 * Throws DataError with field errors on bad input.
 */
export async function createUser(input: { email: string; password: string; name: string; isAdmin?: boolean }) {
  const email = normaliseEmail(input.email);
  const problem = passwordProblem(input.password, email);
  if (problem) throw new DataError(problem, { password: [problem] });
  const prisma = await db();
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const exists = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (exists) throw new DataError("An account with this email already exists. Sign in instead.", { email: ["An account with this email already exists. Sign in instead."] });
    const user = await tx.user.create({ data: { email, name: input.name.trim() || null, passwordHash, isAdmin: input.isAdmin ?? false }, select: { id: true, email: true, name: true } });
    await acceptInvitations(tx, user.id, email);
    return user;
  });
}

type Tx = Parameters<Parameters<Awaited<ReturnType<typeof db>>["$transaction"]>[0]>[0];

/** Turns pending invitations for this email into memberships (idempotent). */
export async function acceptInvitations(tx: Tx, userId: string, email: string): Promise<number> {
  const pending = await tx.teamInvitation.findMany({ where: { email: normaliseEmail(email), acceptedAt: null } });
  if (pending.length === 0) return 0;
  await tx.teamMembership.createMany({ data: pending.map((p) => ({ teamId: p.teamId, userId, role: p.role })), skipDuplicates: true });
  await tx.teamInvitation.updateMany({ where: { id: { in: pending.map((p) => p.id) } }, data: { acceptedAt: new Date() } });
  await tx.auditLog.createMany({
    data: pending.map((p) => ({ actorId: userId, action: "team.invitation.accepted", teamId: p.teamId, subjectId: userId, data: { email: p.email, role: p.role } })),
  });
  return pending.length;
}

/** Joins pending invitations on sign-in (they may have been sent after sign-up). */
export async function acceptPendingInvitations(actor: Actor): Promise<number> {
  const prisma = await db();
  const me = await prisma.user.findUnique({ where: { id: actor.id }, select: { email: true } });
  if (!me) return 0;
  const has = await prisma.teamInvitation.count({ where: { email: me.email, acceptedAt: null } });
  if (has === 0) return 0;
  return prisma.$transaction((tx) => acceptInvitations(tx, actor.id, me.email));
}

/** The actor's own account. */
export async function getAccount(actor: Actor) {
  const prisma = await db();
  const user = await prisma.user.findUnique({
    where: { id: actor.id },
    select: { id: true, email: true, name: true, isAdmin: true, createdAt: true, passwordHash: true, accounts: { select: { provider: true } } },
  });
  if (!user) throw new NotFoundError();
  const { passwordHash, ...rest } = user;
  return { ...rest, hasPassword: Boolean(passwordHash) };
}

export async function updateDisplayName(actor: Actor, name: string) {
  const prisma = await db();
  await prisma.user.update({ where: { id: actor.id }, data: { name: name.trim() } });
}

export async function changePassword(actor: Actor, current: string, next: string) {
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id: actor.id }, select: { email: true, passwordHash: true } });
  if (!user) throw new NotFoundError();
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, current))) {
    throw new DataError("The current password is not correct.", { currentPassword: ["The current password is not correct."] });
  }
  const problem = passwordProblem(next, user.email);
  if (problem) throw new DataError(problem, { newPassword: [problem] });
  await prisma.user.update({ where: { id: actor.id }, data: { passwordHash: await hashPassword(next) } });
}

/**
 * Deletes the account and every personal row (ratings, history, goals, memberships, reviews about them) in one
 * transaction. Audit rows keep no personal data beyond the id, which no longer resolves.
 */
export async function deleteAccount(actor: Actor, confirmEmail: string) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const me = await tx.user.findUnique({ where: { id: actor.id }, select: { email: true } });
    if (!me) throw new NotFoundError();
    if (normaliseEmail(confirmEmail) !== me.email) {
      throw new DataError("Type your email address exactly to confirm.", { confirmEmail: ["Type your email address exactly to confirm."] });
    }
    await tx.teamInvitation.deleteMany({ where: { email: me.email } });
    await tx.loginAttempt.deleteMany({ where: { key: `email:${me.email}` } });
    await tx.user.delete({ where: { id: actor.id } });
  });
}
