import "server-only";
import { activeAdmins, LAST_ADMIN, lockAsActiveAdmin } from "./admin-lock";
import { db } from "./db";
import type { Tx } from "./open";
import { env } from "@/lib/env";
import { DataError, NotFoundError } from "./errors";
import { clearEmailSignInFailures } from "./login-attempts";
import { HOUR, MINUTE, takeSlots } from "./rate-limit";
import { endAllSessions } from "./sessions";
import { hashToken, isTokenShape, newToken, pseudonym } from "./tokens";
import { createUser, normaliseEmail } from "./users";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/common-passwords";
import type { Actor } from "@/lib/data/policy";
import { appLink, deliverMail, queueMail } from "@/lib/mail";
import { existingAccountMail, resetPasswordMail, verifyEmailMail } from "@/lib/mail/templates";

export const VERIFY_TTL_MS = 48 * HOUR;
export const RESET_TTL_MS = 30 * MINUTE;

const tooMany = (field: string, minutes: number) =>
  new DataError(`Too many requests. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
    [field]: [`Too many requests. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`],
  });

async function queueVerification(tx: Tx, userId: string, email: string): Promise<string> {
  // A new link replaces any earlier one: only the newest works.
  // One writer per person: two parallel resends would otherwise each delete only committed links and both survive.
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
  await tx.emailToken.deleteMany({ where: { userId, kind: "verify_email", usedAt: null } });
  const { token, hash } = newToken();
  await tx.emailToken.create({
    data: { userId, kind: "verify_email", tokenHash: hash, expiresAt: new Date(Date.now() + VERIFY_TTL_MS) },
  });
  return queueMail(
    tx,
    verifyEmailMail({ to: email, url: appLink(`/verify-email?token=${token}`), validForMs: VERIFY_TTL_MS }),
  );
}

/**
 * Sign-up. The answer is the same whether or not the address already has an account, so sign-up cannot be used to
 * find out who is registered: a new address gets an unverified account and a confirmation link; a known address
 * gets a "you already have an account" message instead. Throttled per client address and per target address.
 */
export async function registerAccount(
  input: { name: string; email: string; password: string },
  ip: string,
): Promise<{ email: string }> {
  const email = normaliseEmail(input.email);
  const problem = passwordProblem(input.password, email);
  if (problem) throw new DataError(problem, { password: [problem] });
  const slot = await takeSlots([
    { bucket: `signup:ip:${pseudonym(ip)}`, max: env().SIGNUP_MAX_PER_IP_PER_HOUR, windowMs: HOUR },
    { bucket: `mail:to:${pseudonym(email)}`, max: 5, windowMs: HOUR },
  ]);
  if (!slot.allowed) throw tooMany("email", slot.retryMinutes);
  const prisma = await db();
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    await hashPassword(input.password); // the same work as a real sign-up, so timing tells nothing either
    const id = await prisma.$transaction((tx) =>
      queueMail(
        tx,
        existingAccountMail({ to: email, signInUrl: appLink("/signin"), resetUrl: appLink("/forgot-password") }),
      ),
    );
    await deliverMail([id]);
    return { email };
  }
  let mailId: string | undefined;
  try {
    const user = await createUser({ ...input, email });
    mailId = await prisma.$transaction((tx) => queueVerification(tx, user.id, email));
  } catch (e) {
    // Two parallel sign-ups with one address: the loser answers like any known address.
    if (e instanceof DataError && e.fieldErrors.email) return { email };
    throw e;
  }
  await deliverMail([mailId]);
  return { email };
}

/** Sends a fresh confirmation link to the actor's own address (throttled: 3 per hour). */
export async function resendVerification(actor: Actor): Promise<{ email: string }> {
  const prisma = await db();
  const me = await prisma.user.findUnique({ where: { id: actor.id }, select: { email: true, emailVerified: true } });
  if (!me) throw new NotFoundError();
  if (me.emailVerified)
    throw new DataError("Your email address is already confirmed.", { email: ["Already confirmed."] });
  const slot = await takeSlots([{ bucket: `verify:resend:${actor.id}`, max: 3, windowMs: HOUR }]);
  if (!slot.allowed) throw tooMany("email", slot.retryMinutes);
  const id = await prisma.$transaction((tx) => queueVerification(tx, actor.id, me.email));
  await deliverMail([id]);
  return { email: me.email };
}

/** Uses a token once: marks it used if it is unused, unexpired and of this kind. Parallel uses: exactly one wins. */
async function consumeToken(tx: Tx, token: string, kind: "verify_email" | "reset_password") {
  if (!isTokenShape(token)) return null;
  const row = await tx.emailToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, kind: true },
  });
  if (!row || row.kind !== kind) return null;
  const { count } = await tx.emailToken.updateMany({
    where: { id: row.id, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  return count === 1 ? row.userId : null;
}

const LINK_INVALID = "This link is invalid, expired or already used. Ask for a new one.";

/** Confirms the address behind a verification link. */
export async function verifyEmail(token: string): Promise<{ email: string }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "verify_email");
    if (!userId) throw new DataError(LINK_INVALID, { token: [LINK_INVALID] });
    const user = await tx.user.update({
      where: { id: userId },
      data: { emailVerified: new Date() },
      select: { email: true },
    });
    await tx.auditLog.create({ data: { actorId: userId, action: "account.email.verified", subjectId: userId } });
    return { email: user.email };
  });
}

/**
 * Forgot password: mails a single-use reset link (30 minutes) when the address has an account. The caller always
 * answers the same way, whether or not it has. Throttled per client address and per target address.
 */
export async function requestPasswordReset(emailRaw: string, ip: string): Promise<void> {
  const email = normaliseEmail(emailRaw);
  const slot = await takeSlots([
    { bucket: `reset:ip:${pseudonym(ip)}`, max: 10, windowMs: HOUR },
    { bucket: `mail:to:${pseudonym(email)}`, max: 5, windowMs: HOUR },
  ]);
  // Refusing only when over the limit tells nothing about the account: the limit counts requests, not accounts.
  if (!slot.allowed) throw tooMany("email", slot.retryMinutes);
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, deactivatedAt: true } });
  if (!user || user.deactivatedAt) return;
  const id = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${user.id} FOR UPDATE`; // only the newest link works, even in a race
    await tx.emailToken.deleteMany({ where: { userId: user.id, kind: "reset_password", usedAt: null } });
    const { token, hash } = newToken();
    await tx.emailToken.create({
      data: {
        userId: user.id,
        kind: "reset_password",
        tokenHash: hash,
        expiresAt: new Date(Date.now() + RESET_TTL_MS),
      },
    });
    return queueMail(
      tx,
      resetPasswordMail({ to: email, url: appLink(`/reset-password?token=${token}`), validForMs: RESET_TTL_MS }),
    );
  });
  await deliverMail([id]);
}

/**
 * Sets a new password from a reset link: the token is used once, every session ends, old sign-in failures for the
 * address are cleared, and the address counts as confirmed (the link proved the mailbox).
 */
export async function resetPassword(token: string, newPassword: string): Promise<{ email: string }> {
  const prisma = await db();
  const passwordHashPromise = hashPassword(newPassword);
  const result = await prisma.$transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "reset_password");
    if (!userId) throw new DataError(LINK_INVALID, { token: [LINK_INVALID] });
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { email: true, emailVerified: true },
    });
    const problem = passwordProblem(newPassword, user.email);
    if (problem) throw new DataError(problem, { password: [problem] }); // rolls back: the link still works
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash: await passwordHashPromise, emailVerified: user.emailVerified ?? new Date() },
    });
    await tx.session.deleteMany({ where: { userId } });
    await tx.auditLog.create({ data: { actorId: userId, action: "account.password.reset", subjectId: userId } });
    return { email: user.email };
  });
  await clearEmailSignInFailures(result.email);
  return result;
}

/** "Sign out everywhere": ends every session of the actor, this one included. */
export async function signOutEverywhere(actor: Actor): Promise<number> {
  return endAllSessions(actor);
}

/** Admin: deactivates an account (it cannot sign in, every session ends) or reactivates it. Not oneself. */
export async function setUserActive(actor: Actor, userId: string, active: boolean): Promise<void> {
  if (!actor.isAdmin) throw new NotFoundError();
  if (userId === actor.id)
    throw new DataError("You cannot deactivate your own account.", {
      userId: ["You cannot deactivate your own account."],
    });
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    // Under the admin lock (lib/data/user-admin.ts): deactivating the only other active admin while that admin
    // demotes themself at the same moment must not leave no administrator.
    await lockAsActiveAdmin(tx, actor);
    const { count } = await tx.user.updateMany({
      where: { id: userId },
      data: { deactivatedAt: active ? null : new Date() },
    });
    if (count === 0) throw new NotFoundError();
    if (!active && (await activeAdmins(tx)) === 0) throw new DataError(LAST_ADMIN, { userId: [LAST_ADMIN] });
    if (!active) await tx.session.deleteMany({ where: { userId } });
    await tx.auditLog.create({
      data: { actorId: actor.id, action: active ? "account.reactivated" : "account.deactivated", subjectId: userId },
    });
  });
}

/** Admin: the outbox, newest first (bodies of delivered messages are already blank). */
export async function listOutbox(actor: Actor, take = 100) {
  if (!actor.isAdmin) throw new NotFoundError();
  const prisma = await db();
  return prisma.outboxMessage.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, to: true, subject: true, text: true, status: true, error: true, createdAt: true, sentAt: true },
  });
}
