import "server-only";
import { db } from "./db";
import type { Tx } from "./open";
import { VERIFY_TTL_MS } from "./accounts";
import { activeAdmins, LAST_ADMIN, lockAsActiveAdmin } from "./admin-lock";
import { assertLookupId, DataError, NotFoundError } from "./errors";
import { HOUR, takeSlots } from "./rate-limit";
import { newToken, pseudonym } from "./tokens";
import { canAdminister, type Actor } from "@/lib/data/policy";
import { isStorableText } from "@/lib/domain/storable-text";
import { appLink, deliverMail, queueMail } from "@/lib/mail";
import { verifyEmailMail } from "@/lib/mail/templates";
import type { Prisma } from "@/lib/generated/prisma/client";

export const USER_FILTERS = ["all", "admins", "deactivated", "unverified", "managers"] as const;
export type UserFilter = (typeof USER_FILTERS)[number];
export type UserSearchOptions = { q?: string; filter?: string; page?: number | string };
export const USERS_PER_PAGE = 25;
export const USER_QUERY_MAX = 100;

function assertAdmin(actor: Actor) {
  if (!canAdminister(actor)) throw new NotFoundError();
}

const FILTER_WHERE: Record<UserFilter, Prisma.UserWhereInput> = {
  all: {},
  admins: { isAdmin: true },
  deactivated: { deactivatedAt: { not: null } },
  unverified: { emailVerified: null },
  managers: { memberships: { some: { role: "manager" } } },
};

/** Parses the search form's values; a bad one is a field error, never a crash. */
function parseSearch(opts: UserSearchOptions): { q: string; filter: UserFilter; page: number } {
  const q = (opts.q ?? "").trim();
  if (q.length > USER_QUERY_MAX || !isStorableText(q))
    throw new DataError(`Name or email must be at most ${USER_QUERY_MAX} characters of plain text.`, {
      q: [`Name or email must be at most ${USER_QUERY_MAX} characters of plain text.`],
    });
  const filter = opts.filter === undefined || opts.filter === "" ? "all" : opts.filter;
  if (!(USER_FILTERS as readonly string[]).includes(filter))
    throw new DataError("Choose one of the listed filters.", { filter: ["Choose one of the listed filters."] });
  const n = typeof opts.page === "number" ? opts.page : /^\s*\d{1,9}\s*$/.test(opts.page ?? "") ? Number(opts.page) : 1;
  return { q, filter: filter as UserFilter, page: Number.isInteger(n) && n >= 1 ? n : 1 };
}

/**
 * Admin: people whose name or email contains `q` (case-insensitive), narrowed by `filter`, 25 a page ordered by name
 * then email. `page` is clamped to 1…pages. `lastSignIn` is when the newest session began (null: none kept).
 */
export async function searchUsers(actor: Actor, opts: UserSearchOptions = {}) {
  assertAdmin(actor);
  const { q, filter, page: asked } = parseSearch(opts);
  const where: Prisma.UserWhereInput = {
    AND: [
      FILTER_WHERE[filter],
      q
        ? {
            OR: [{ name: { contains: q, mode: "insensitive" } }, { email: { contains: q, mode: "insensitive" } }],
          }
        : {},
    ],
  };
  const prisma = await db();
  const total = await prisma.user.count({ where });
  const pages = Math.max(1, Math.ceil(total / USERS_PER_PAGE));
  const page = Math.min(asked, pages);
  const users = await prisma.user.findMany({
    where,
    orderBy: [{ name: { sort: "asc", nulls: "last" } }, { email: "asc" }],
    skip: (page - 1) * USERS_PER_PAGE,
    take: USERS_PER_PAGE,
    select: {
      id: true,
      name: true,
      email: true,
      isAdmin: true,
      deactivatedAt: true,
      emailVerified: true,
      createdAt: true,
      _count: { select: { memberships: true } },
      sessions: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } },
    },
  });
  return {
    q,
    filter,
    page,
    pages,
    total,
    users: users.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      isAdmin: u.isAdmin,
      active: u.deactivatedAt === null,
      verified: u.emailVerified !== null,
      teams: u._count.memberships,
      createdAt: u.createdAt,
      lastSignIn: u.sessions[0]?.createdAt ?? null,
    })),
  };
}

/** Admin: grants or revokes administrator rights. Never leaves the organisation without an active administrator. */
export async function setAdmin(actor: Actor, userId: string, isAdmin: boolean): Promise<void> {
  assertAdmin(actor);
  assertLookupId(userId);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    const target = await tx.user.findUnique({ where: { id: userId }, select: { isAdmin: true, deactivatedAt: true } });
    if (!target) throw new NotFoundError();
    if (target.isAdmin === isAdmin) return;
    if (!isAdmin && target.deactivatedAt === null && (await activeAdmins(tx)) <= 1)
      throw new DataError(LAST_ADMIN, { isAdmin: [LAST_ADMIN] });
    await tx.user.update({ where: { id: userId }, data: { isAdmin } });
    await tx.auditLog.create({
      data: { actorId: actor.id, action: isAdmin ? "user.admin.granted" : "user.admin.revoked", subjectId: userId },
    });
  });
}

/**
 * Admin: sends a fresh confirmation link to an unverified, active person. The same token and mail as their own
 * "resend" (lib/data/accounts.ts queueVerification, which is not exported, so its steps are repeated here), and the
 * same throttle bucket, so their mailbox gets at most 3 links an hour whoever asks.
 */
export async function resendVerificationFor(actor: Actor, userId: string): Promise<{ email: string }> {
  assertAdmin(actor);
  assertLookupId(userId);
  const prisma = await db();
  const refuse = (u: { emailVerified: Date | null; deactivatedAt: Date | null }) => {
    if (u.emailVerified) throw new DataError("This address is already confirmed.", { userId: ["Already confirmed."] });
    if (u.deactivatedAt)
      throw new DataError("Reactivate the account before sending a link.", { userId: ["The account is deactivated."] });
  };
  const before = await prisma.user.findUnique({
    where: { id: userId },
    select: { emailVerified: true, deactivatedAt: true },
  });
  if (!before) throw new NotFoundError();
  refuse(before);
  const slot = await takeSlots([{ bucket: `verify:resend:${userId}`, max: 3, windowMs: HOUR }]);
  if (!slot.allowed) {
    const m = `Too many requests. Try again in ${slot.retryMinutes} minute${slot.retryMinutes === 1 ? "" : "s"}.`;
    throw new DataError(m, { userId: [m] });
  }
  const { id, email } = await prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    // One writer per person, as in queueVerification: only the newest link works, even in a race.
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
    if (rows.length === 0) throw new NotFoundError();
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { email: true, emailVerified: true, deactivatedAt: true },
    });
    refuse(user);
    await tx.emailToken.deleteMany({ where: { userId, kind: "verify_email", usedAt: null } });
    const { token, hash } = newToken();
    await tx.emailToken.create({
      data: { userId, kind: "verify_email", tokenHash: hash, expiresAt: new Date(Date.now() + VERIFY_TTL_MS) },
    });
    const mailId = await queueMail(
      tx,
      verifyEmailMail({ to: user.email, url: appLink(`/verify-email?token=${token}`), validForMs: VERIFY_TTL_MS }),
    );
    await tx.auditLog.create({ data: { actorId: actor.id, action: "user.verification.resent", subjectId: userId } });
    return { id: mailId, email: user.email };
  });
  await deliverMail([id]);
  return { email };
}

/**
 * Admin: deletes someone else's account with the same steps as self-deletion (lib/data/users.ts deleteAccount, whose
 * steps are repeated here because it has no exported helper): their invitations and mail go, audit rows keep only a
 * pseudonym of the address, and the schema's cascades remove their ratings, goals, memberships and reviews.
 */
export async function deleteUser(actor: Actor, userId: string): Promise<void> {
  assertAdmin(actor);
  assertLookupId(userId);
  if (userId === actor.id)
    throw new DataError("To delete your own account, use the account page.", {
      userId: ["To delete your own account, use the account page."],
    });
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { email: true, isAdmin: true, deactivatedAt: true },
    });
    if (!user) throw new NotFoundError();
    if (user.isAdmin && user.deactivatedAt === null && (await activeAdmins(tx)) <= 1)
      throw new DataError(LAST_ADMIN, { userId: [LAST_ADMIN] });
    await tx.teamInvitation.deleteMany({ where: { email: user.email } });
    await tx.outboxMessage.deleteMany({ where: { to: user.email } });
    const alias = `deleted-user-${pseudonym(user.email)}`;
    const inJson = JSON.stringify(user.email).slice(1, -1);
    await tx.$executeRaw`UPDATE "AuditLog" SET data = replace(data::text, ${inJson}, ${alias})::jsonb
      WHERE data IS NOT NULL AND strpos(data::text, ${inJson}) > 0`;
    await tx.user.delete({ where: { id: userId } });
    await tx.auditLog.create({ data: { actorId: actor.id, action: "user.deleted", subjectId: userId } });
  });
}
