import "server-only";
import { env } from "@/lib/env";
import { db } from "./db";
import { assertLookupId, DataError, NotFoundError } from "./errors";
import { normaliseEmail } from "./users";
import { HOUR, takeSlotsTx } from "./rate-limit";
import { newToken, pseudonym } from "./tokens";
import type { Tx } from "./open";
import { assertManages, logTeam } from "./team-access";
import { appLink, deliverMail, queueMail } from "@/lib/mail";
import { notifyInTx } from "./notifications";
import { invitationMail } from "@/lib/mail/templates";
import type { Actor } from "@/lib/data/policy";
import type { TeamRole } from "@/lib/domain/types";

/** How long an emailed invitation can be accepted. */
export const INVITATION_VALID_MS = 14 * 24 * HOUR;

/** Invitations send mail: at most 50 an hour from one person, and 5 a day to one address (from anyone). */
export const invitationLimits = (actorId: string, email: string) => [
  { bucket: `invite:actor:${actorId}`, max: env().INVITES_MAX_PER_HOUR, windowMs: HOUR },
  { bucket: `invite:to:${pseudonym(email)}`, max: 5, windowMs: 24 * HOUR },
];

const ALREADY_PENDING = "An invitation is already pending.";

type Sent = { invitationId: string; mailId: string; expiresAt: Date };

/**
 * Creates a pending invitation and queues its mail inside the caller's transaction; only the SHA-256 of the link's
 * token is stored. Inviting never changes anyone's role: people already in the team are refused (roles change with
 * changeMemberRole). A live pending invitation is refused too; an expired one makes way for the new one.
 * `field` is the form field the email came from, so refusals name it.
 */
export async function createInvitationTx(
  tx: Tx,
  actor: Actor,
  team: { id: string; name: string },
  emailRaw: string,
  role: TeamRole,
  field: string,
  now: Date,
): Promise<Sent> {
  const email = normaliseEmail(emailRaw);
  const refusal = (message: string, fieldMessage: string) => new DataError(message, { [field]: [fieldMessage] });
  const member = await tx.teamMembership.findFirst({
    where: { teamId: team.id, user: { email } },
    select: { role: true },
  });
  if (member) {
    throw refusal(
      `${email} is already in this team.`,
      `Already a ${member.role} of this team. An administrator can change roles in the member list.`,
    );
  }
  const open = await tx.teamInvitation.findFirst({
    where: { teamId: team.id, email, acceptedAt: null, declinedAt: null },
    select: { id: true, expiresAt: true },
  });
  if (open?.expiresAt && open.expiresAt > now)
    throw refusal(`${email} already has a pending invitation.`, ALREADY_PENDING);
  if (open) await tx.teamInvitation.delete({ where: { id: open.id } });

  // Inside the transaction: a refused invitation (above, or a race lost below) gives its slot back.
  const slot = await takeSlotsTx(tx, invitationLimits(actor.id, email), now);
  if (!slot.allowed) {
    const m = `Too many invitations; try again in ${slot.retryMinutes} minute${slot.retryMinutes === 1 ? "" : "s"}.`;
    throw refusal(m, m);
  }

  const inviter = await tx.user.findUnique({ where: { id: actor.id }, select: { name: true } });
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_MS);
  const row = await tx.teamInvitation.create({
    data: { teamId: team.id, email, role, invitedById: actor.id, tokenHash: hash, expiresAt },
    select: { id: true },
  });
  await logTeam(tx, actor, "team.invitation.created", team.id, { email, role });
  const mailId = await queueMail(
    tx,
    invitationMail({
      to: email,
      teamName: team.name,
      inviterName: inviter?.name ?? (actor.isAdmin ? "An administrator" : "A team manager"),
      role,
      url: appLink(`/invitations/${token}`),
      expiresAt,
    }),
  );
  // Someone who already has a confirmed account with this address also sees it in the app (in-app only: the
  // invitation email above is the email). An unconfirmed account with the address is not told anything.
  const invitee = await tx.user.findFirst({
    where: { email, emailVerified: { not: null }, deactivatedAt: null },
    select: { id: true },
  });
  if (invitee) {
    const by = inviter?.name ?? (actor.isAdmin ? "An administrator" : "A team manager");
    await notifyInTx(tx, [
      {
        userId: invitee.id,
        kind: "team_invited",
        key: `team-invited:${row.id}`,
        title: `You are invited to ${team.name}`,
        body: `${by} invited you to join ${team.name} as a ${role}. Accept or decline it on your invitations page.`,
        link: "/invitations",
      },
    ]);
  }
  return { invitationId: row.id, mailId, expiresAt };
}

/**
 * Parallel invitations of one address to one team: the partial unique index "TeamInvitation_one_pending" lets one
 * in and fails the others with P2002, which get the same answer as a second invitation sent later.
 */
export async function oneInvitation<T>(work: Promise<T>, email: string, field: string): Promise<T> {
  try {
    return await work;
  } catch (e) {
    const err = e as { code?: unknown; meta?: { modelName?: unknown } } | null;
    if (err?.code === "P2002" && err.meta?.modelName === "TeamInvitation") {
      throw new DataError(`${normaliseEmail(email)} already has a pending invitation.`, { [field]: [ALREADY_PENDING] });
    }
    throw e;
  }
}

/**
 * Invites someone by email to a team the actor manages. Nothing changes for them until they accept, with a
 * confirmed address (lib/data/invitation-responses.ts). Only admins may invite managers.
 */
export async function inviteToTeam(actor: Actor, teamId: string, email: string, role: TeamRole, now = new Date()) {
  assertLookupId(teamId);
  const prisma = await db();
  const sent = await oneInvitation(
    prisma.$transaction(async (tx) => {
      const team = await assertManages(tx, actor, teamId);
      if (role === "manager" && !actor.isAdmin)
        throw new DataError("Only an administrator can appoint managers.", {
          role: ["Only an administrator can appoint managers."],
        });
      return createInvitationTx(tx, actor, team, email, role, "email", now);
    }),
    email,
    "email",
  );
  await deliverMail([sent.mailId]);
  return { status: "invited" as const, invitationId: sent.invitationId, expiresAt: sent.expiresAt };
}

/** Withdraws an invitation that was not accepted (pending, expired or declined). */
export async function cancelInvitation(actor: Actor, teamId: string, invitationId: string) {
  assertLookupId(teamId);
  assertLookupId(invitationId);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await assertManages(tx, actor, teamId);
    const inv = await tx.teamInvitation.findFirst({
      where: { id: invitationId, teamId, acceptedAt: null },
      select: { id: true, email: true },
    });
    if (!inv) throw new NotFoundError();
    await tx.teamInvitation.delete({ where: { id: inv.id } });
    await logTeam(tx, actor, "team.invitation.cancelled", teamId, { email: inv.email });
  });
}
