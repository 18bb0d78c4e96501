import "server-only";
import { db } from "./db";
import { assertLookupId, NotFoundError } from "./errors";
import { hashToken, isTokenShape } from "./tokens";
import { logTeam } from "./team-access";
import type { Actor } from "@/lib/data/policy";

export type InvitationState = "pending" | "expired" | "accepted" | "declined";

/** Invitations that can still be answered: neither accepted nor declined, and not expired. */
const openWhere = (now: Date) => ({ acceptedAt: null, declinedAt: null, expiresAt: { gt: now } });

/** The actor's address, only once they confirmed it: an invitation is for whoever proved they own the address. */
async function verifiedEmail(actor: Actor): Promise<string | null> {
  const prisma = await db();
  const me = await prisma.user.findFirst({
    where: { id: actor.id, emailVerified: { not: null } },
    select: { email: true },
  });
  return me?.email ?? null;
}

/**
 * The actor's open invitations, newest first, with what the invitation page shows. Empty until the actor has
 * confirmed their address, so an unconfirmed sign-up learns nothing about the address it claims.
 */
export async function getMyInvitations(actor: Actor, now = new Date()) {
  const email = await verifiedEmail(actor);
  if (!email) return [];
  const prisma = await db();
  const rows = await prisma.teamInvitation.findMany({
    where: { email, ...openWhere(now) },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      role: true,
      expiresAt: true,
      team: { select: { name: true } },
      invitedBy: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    teamName: r.team.name,
    role: r.role,
    inviterName: r.invitedBy?.name ?? null,
    expiresAt: r.expiresAt!,
  }));
}

/** How many open invitations wait for the actor (0 until their address is confirmed). One query. */
export async function countMyInvitations(actor: Actor, now = new Date()): Promise<number> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "TeamInvitation" i JOIN "User" u ON u."email" = i."email"
    WHERE u."id" = ${actor.id} AND u."emailVerified" IS NOT NULL
      AND i."acceptedAt" IS NULL AND i."declinedAt" IS NULL AND i."expiresAt" > ${now}`;
  return Number(rows[0]?.n ?? 0);
}

/**
 * Accepts an open invitation sent to the actor's confirmed address and joins the team with the invited role (an
 * existing membership keeps its role). The conditional update is the gate: of two parallel accepts only one sees
 * count 1; the other answers "not found" like any invitation that is not the actor's to accept.
 */
export async function acceptInvitation(
  actor: Actor,
  invitationId: string,
  now = new Date(),
): Promise<{ teamId: string }> {
  assertLookupId(invitationId);
  const email = await verifiedEmail(actor);
  if (!email) throw new NotFoundError();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.teamInvitation.updateMany({
      where: { id: invitationId, email, ...openWhere(now) },
      data: { acceptedAt: now },
    });
    if (count !== 1) throw new NotFoundError();
    const inv = await tx.teamInvitation.findUniqueOrThrow({
      where: { id: invitationId },
      select: { teamId: true, role: true },
    });
    await tx.teamMembership.createMany({
      data: [{ teamId: inv.teamId, userId: actor.id, role: inv.role }],
      skipDuplicates: true,
    });
    await logTeam(tx, actor, "team.invitation.accepted", inv.teamId, { email, role: inv.role }, actor.id);
    return { teamId: inv.teamId };
  });
}

/** Declines an open invitation sent to the actor's confirmed address. The team sees that it was declined. */
export async function declineInvitation(actor: Actor, invitationId: string, now = new Date()): Promise<void> {
  assertLookupId(invitationId);
  const email = await verifiedEmail(actor);
  if (!email) throw new NotFoundError();
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.teamInvitation.updateMany({
      where: { id: invitationId, email, ...openWhere(now) },
      data: { declinedAt: now },
    });
    if (count !== 1) throw new NotFoundError();
    const inv = await tx.teamInvitation.findUniqueOrThrow({
      where: { id: invitationId },
      select: { teamId: true, role: true },
    });
    await logTeam(tx, actor, "team.invitation.declined", inv.teamId, { email, role: inv.role }, actor.id);
  });
}

/**
 * The invitation behind an emailed link, for its page. The token only finds it: answering it needs the invited
 * address, confirmed. `mine`: the actor's confirmed address is the invited one; `needsVerification`: it is theirs
 * but unconfirmed. The address is given only to signed-out visitors (to sign in with it) and to its owner, never
 * to someone signed in with another address. Unknown or malformed token: "not found".
 */
export async function getInvitationByToken(actor: Actor | null, token: string, now = new Date()) {
  if (!isTokenShape(token)) throw new NotFoundError();
  const prisma = await db();
  const [inv, me] = await Promise.all([
    prisma.teamInvitation.findUnique({
      where: { tokenHash: hashToken(token) },
      select: {
        id: true,
        email: true,
        role: true,
        expiresAt: true,
        acceptedAt: true,
        declinedAt: true,
        team: { select: { name: true } },
      },
    }),
    actor
      ? prisma.user.findUnique({ where: { id: actor.id }, select: { email: true, emailVerified: true } })
      : Promise.resolve(null),
  ]);
  if (!inv) throw new NotFoundError();
  const sameAddress = me?.email === inv.email;
  const state: InvitationState = inv.acceptedAt
    ? "accepted"
    : inv.declinedAt
      ? "declined"
      : inv.expiresAt && inv.expiresAt > now
        ? "pending"
        : "expired";
  return {
    id: inv.id,
    teamName: inv.team.name,
    role: inv.role,
    email: !actor || sameAddress ? inv.email : null,
    expiresAt: inv.expiresAt,
    state,
    mine: sameAddress && me?.emailVerified != null,
    needsVerification: sameAddress && me?.emailVerified == null,
  };
}
