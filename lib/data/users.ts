import "server-only";
import { db } from "./db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/common-passwords";
import type { Actor } from "@/lib/data/policy";
import { DataError, NotFoundError } from "./errors";
import { clearBuckets, MINUTE, takeSlots } from "./rate-limit";
import { pseudonym } from "./tokens";
import { normaliseEmail } from "./user-provisioning";

// A real argon2id hash of a random string: verifying against it when the email is unknown keeps the timing alike.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$soNqyrYC9J9eHocPt3J9aQ$rUWcvVZ/SgED6NAeoB9kr8aSc9TWMZaUt8s+vbjqo+0";

export { normaliseEmail };

/** Checks email + password; null for an unknown email or a wrong password alike. */
export async function verifyCredentials(
  email: string,
  password: string,
): Promise<{ id: string; email: string; name: string | null; deactivated: boolean } | null> {
  const prisma = await db();
  const user = await prisma.user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { id: true, email: true, name: true, passwordHash: true, deactivatedAt: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user?.passwordHash || !ok) return null;
  return { id: user.id, email: user.email, name: user.name, deactivated: user.deactivatedAt !== null };
}

/** Whether the account may get a new session (exists and is not deactivated). */
export async function signInAllowed(userId: string): Promise<boolean> {
  const prisma = await db();
  return (await prisma.user.count({ where: { id: userId, deactivatedAt: null } })) === 1;
}

/** An SSO sign-in whose provider vouched for the address (email_verified) verifies the account. */
export async function markOidcEmailVerified(userId: string): Promise<void> {
  const prisma = await db();
  await prisma.user.updateMany({ where: { id: userId, emailVerified: null }, data: { emailVerified: new Date() } });
}

/**
 * Creates an account. Pending team invitations for its email stay pending: joining a team needs a confirmed
 * address and the person's own acceptance (lib/data/invitation-responses.ts).
 * Throws DataError with field errors on bad input.
 */
export async function createUser(input: {
  email: string;
  password: string;
  name: string;
  isAdmin?: boolean;
  verified?: boolean;
}) {
  const email = normaliseEmail(input.email);
  const problem = passwordProblem(input.password, email);
  if (problem) throw new DataError(problem, { password: [problem] });
  const prisma = await db();
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const exists = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (exists)
      throw new DataError("An account with this email already exists. Sign in instead.", {
        email: ["An account with this email already exists. Sign in instead."],
      });
    const user = await tx.user.create({
      data: {
        email,
        name: input.name.trim() || null,
        passwordHash,
        isAdmin: input.isAdmin ?? false,
        emailVerified: input.verified ? new Date() : null,
      },
      select: { id: true, email: true, name: true },
    });
    return user;
  });
}

/** The actor's own account. */
export async function getAccount(actor: Actor) {
  const prisma = await db();
  const user = await prisma.user.findUnique({
    where: { id: actor.id },
    select: {
      id: true,
      email: true,
      name: true,
      isAdmin: true,
      createdAt: true,
      passwordHash: true,
      findableBy: true,
      accounts: { select: { provider: true } },
    },
  });
  if (!user) throw new NotFoundError();
  const { passwordHash, ...rest } = user;
  return { ...rest, hasPassword: Boolean(passwordHash) };
}

export async function updateDisplayName(actor: Actor, name: string) {
  const prisma = await db();
  await prisma.user.update({ where: { id: actor.id }, data: { name: name.trim() } });
}

/**
 * Changes the password after checking the current one (throttled: 5 checks per 15 minutes per account, so a
 * borrowed session cannot guess it). Every other session of the account ends; this one stays signed in.
 */
export async function changePassword(actor: Actor & { sessionId?: string }, current: string, next: string) {
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id: actor.id }, select: { email: true, passwordHash: true } });
  if (!user) throw new NotFoundError();
  const problem = passwordProblem(next, user.email);
  if (problem) throw new DataError(problem, { newPassword: [problem] });
  if (user.passwordHash) {
    const slot = await takeSlots([{ bucket: `password:check:${actor.id}`, max: 5, windowMs: 15 * MINUTE }]);
    if (!slot.allowed) {
      const m = `Too many attempts. Try again in ${slot.retryMinutes} minute${slot.retryMinutes === 1 ? "" : "s"}.`;
      throw new DataError(m, { currentPassword: [m] });
    }
    if (!(await verifyPassword(user.passwordHash, current))) {
      throw new DataError("The current password is not correct.", {
        currentPassword: ["The current password is not correct."],
      });
    }
    await clearBuckets([`password:check:${actor.id}`]);
  }
  const passwordHash = await hashPassword(next);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash } });
    await tx.session.deleteMany({
      where: { userId: actor.id, ...(actor.sessionId ? { id: { not: actor.sessionId } } : {}) },
    });
    await tx.auditLog.create({ data: { actorId: actor.id, action: "account.password.changed", subjectId: actor.id } });
  });
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
      throw new DataError("Type your email address exactly to confirm.", {
        confirmEmail: ["Type your email address exactly to confirm."],
      });
    }
    await tx.teamInvitation.deleteMany({ where: { email: me.email } });
    await tx.outboxMessage.deleteMany({ where: { to: me.email } });
    // Audit rows stay (they are the teams' and reviews' record) but lose the address: it becomes a pseudonym.
    const alias = `deleted-user-${pseudonym(me.email)}`;
    await tx.$executeRaw`UPDATE "AuditLog" SET data = replace(data::text, ${JSON.stringify(me.email).slice(1, -1)}, ${alias})::jsonb
      WHERE data IS NOT NULL AND strpos(data::text, ${JSON.stringify(me.email).slice(1, -1)}) > 0`;
    await tx.user.delete({ where: { id: actor.id } });
  });
}
