import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { changeMemberRole, createTeam, getMyTeams, inviteToTeam, removeFromTeam } from "@/lib/data/teams";
import {
  acceptInvitation,
  countMyInvitations,
  declineInvitation,
  getInvitationByToken,
  getMyInvitations,
} from "@/lib/data/invitation-responses";
import { cancelInvitation } from "@/lib/data/invitations";
import { getTeamAudit } from "@/lib/data/team-audit";
import { createUser } from "@/lib/data/users";
import { hashToken, pseudonym } from "@/lib/data/tokens";
import { DataError, NotFoundError } from "@/lib/data/errors";
import type { Actor } from "@/lib/data/policy";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());

let n = 0;
const unique = (key: string) => `${key}-${(n += 1)}-${w.tag}@test.local`;

/** A person with an account; `verified` once they confirmed their address. */
async function person(key: string, verified = true): Promise<Actor & { email: string }> {
  const u = await w.db.prisma.user.create({
    data: { email: unique(key), name: key, emailVerified: verified ? new Date() : null },
  });
  return { id: u.id, isAdmin: false, email: u.email };
}

/** A fresh team managed by the world's manager. */
async function team(key = "team") {
  const t = await w.db.prisma.team.create({ data: { name: `${key} ${(n += 1)} ${w.tag}` } });
  await w.db.prisma.teamMembership.create({ data: { teamId: t.id, userId: w.actors.manager.id, role: "manager" } });
  return t;
}

/** The token in the newest invitation mail to `email` (the only place it exists). */
async function tokenMailedTo(email: string) {
  const mail = await w.db.prisma.outboxMessage.findFirstOrThrow({
    where: { to: email },
    orderBy: { createdAt: "desc" },
  });
  const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  expect(token, mail.text).toBeTruthy();
  return { token: token!, mail };
}

const membership = (teamId: string, userId: string) =>
  w.db.prisma.teamMembership.findUnique({ where: { teamId_userId: { teamId, userId } } });

async function refusal(p: Promise<unknown>): Promise<DataError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DataError);
  return e as DataError;
}

describe("consent: nobody joins a team without accepting", () => {
  it("signing up with an invited address does not join the team; the invitation stays pending", async () => {
    const t = await team();
    const email = unique("signup");
    await inviteToTeam(w.actors.manager, t.id, email, "member");
    const user = await createUser({ email, password: "a perfectly long passphrase", name: "Newcomer" });
    expect(await membership(t.id, user.id)).toBeNull();
    expect((await getMyTeams({ id: user.id, isAdmin: false })).map((x) => x.id)).not.toContain(t.id);
    const inv = await w.db.prisma.teamInvitation.findFirstOrThrow({ where: { teamId: t.id, email } });
    expect(inv.acceptedAt).toBeNull();
  });

  it("an unconfirmed account sees no invitations and cannot accept or decline them", async () => {
    const t = await team();
    const me = await person("unverified", false);
    await inviteToTeam(w.actors.manager, t.id, me.email, "member");
    const inv = await w.db.prisma.teamInvitation.findFirstOrThrow({ where: { teamId: t.id, email: me.email } });
    expect(await getMyInvitations(me)).toEqual([]);
    expect(await countMyInvitations(me)).toBe(0);
    await expect(acceptInvitation(me, inv.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(declineInvitation(me, inv.id)).rejects.toBeInstanceOf(NotFoundError);
    const { token } = await tokenMailedTo(me.email);
    expect(await getInvitationByToken(me, token)).toMatchObject({
      state: "pending",
      mine: false,
      needsVerification: true,
    });
    expect(await membership(t.id, me.id)).toBeNull();
  });

  it("a confirmed account with the invited address lists it, accepts it, and joins with the invited role", async () => {
    const t = await team("Accepting");
    const me = await person("accepter");
    await inviteToTeam(w.actors.admin, t.id, me.email, "manager");
    const { token } = await tokenMailedTo(me.email);
    expect(await getInvitationByToken(null, token)).toMatchObject({
      teamName: t.name,
      role: "manager",
      email: me.email,
      state: "pending",
      mine: false,
      needsVerification: false,
    });
    expect(await getInvitationByToken(me, token)).toMatchObject({
      state: "pending",
      mine: true,
      needsVerification: false,
    });

    const mine = await getMyInvitations(me);
    expect(mine).toEqual([
      {
        id: expect.any(String),
        teamName: t.name,
        role: "manager",
        inviterName: w.actors.admin.name,
        expiresAt: expect.any(Date),
      },
    ]);
    expect(mine[0].expiresAt.getTime() - Date.now()).toBeGreaterThan(13 * 24 * 3_600_000);
    expect(await countMyInvitations(me)).toBe(1);

    expect(await acceptInvitation(me, mine[0].id)).toEqual({ teamId: t.id });
    expect((await membership(t.id, me.id))?.role).toBe("manager");
    expect((await getInvitationByToken(me, token)).state).toBe("accepted");
    expect(await getMyInvitations(me)).toEqual([]);
    await expect(acceptInvitation(me, mine[0].id)).rejects.toBeInstanceOf(NotFoundError);
    const log = await w.db.prisma.auditLog.findMany({
      where: { teamId: t.id },
      select: { action: true, actorId: true },
    });
    expect(log).toEqual(
      expect.arrayContaining([
        { action: "team.invitation.created", actorId: w.actors.admin.id },
        { action: "team.invitation.accepted", actorId: me.id },
      ]),
    );
  });

  it("someone signed in with another address can neither accept nor decline, and the link does not show them the address", async () => {
    const t = await team();
    const invited = await person("invited");
    const other = await person("other");
    await inviteToTeam(w.actors.manager, t.id, invited.email, "member");
    const inv = await w.db.prisma.teamInvitation.findFirstOrThrow({ where: { teamId: t.id, email: invited.email } });
    const { token } = await tokenMailedTo(invited.email);
    await expect(acceptInvitation(other, inv.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(declineInvitation(other, inv.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptInvitation(w.actors.manager, inv.id)).rejects.toBeInstanceOf(NotFoundError); // not even the inviter
    expect(await getInvitationByToken(other, token)).toMatchObject({
      email: null,
      mine: false,
      needsVerification: false,
      state: "pending",
    });
    expect(await getMyInvitations(other)).toEqual([]);
    expect(await membership(t.id, other.id)).toBeNull();
    expect(await w.db.prisma.teamInvitation.findUniqueOrThrow({ where: { id: inv.id } })).toMatchObject({
      acceptedAt: null,
      declinedAt: null,
    });
  });

  it("a declined invitation cannot be accepted any more, and the team sees that it was declined", async () => {
    const t = await team();
    const me = await person("decliner");
    await inviteToTeam(w.actors.manager, t.id, me.email, "member");
    const { token } = await tokenMailedTo(me.email);
    const [inv] = await getMyInvitations(me);
    await declineInvitation(me, inv.id);
    await expect(acceptInvitation(me, inv.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(declineInvitation(me, inv.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await membership(t.id, me.id)).toBeNull();
    expect((await getInvitationByToken(me, token)).state).toBe("declined");
    const audit = await getTeamAudit(w.actors.manager, t.id);
    expect(audit.invitations.find((i) => i.email === me.email)?.declinedAt).toBeInstanceOf(Date);
  });

  it("an expired invitation cannot be accepted; inviting again replaces it", async () => {
    const t = await team();
    const me = await person("late");
    await inviteToTeam(w.actors.manager, t.id, me.email, "member");
    const { token } = await tokenMailedTo(me.email);
    const old = await w.db.prisma.teamInvitation.update({
      where: { tokenHash: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await getMyInvitations(me)).toEqual([]);
    await expect(acceptInvitation(me, old.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getInvitationByToken(me, token)).state).toBe("expired");
    expect(await membership(t.id, me.id)).toBeNull();

    await inviteToTeam(w.actors.manager, t.id, me.email, "member");
    const rows = await w.db.prisma.teamInvitation.findMany({ where: { teamId: t.id, email: me.email } });
    expect(rows).toHaveLength(1);
    expect(rows[0].id).not.toBe(old.id);
    await acceptInvitation(me, rows[0].id);
    expect((await membership(t.id, me.id))?.role).toBe("member");
  });

  it("a cancelled invitation cannot be accepted", async () => {
    const t = await team();
    const me = await person("cancelled");
    const { invitationId } = await inviteToTeam(w.actors.manager, t.id, me.email, "member");
    await cancelInvitation(w.actors.manager, t.id, invitationId);
    await expect(acceptInvitation(me, invitationId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a team created with a manager's email invites them; they manage it only once they accept", async () => {
    const me = await person("appointed");
    const t = await createTeam(w.actors.admin, {
      name: `Appointed ${w.tag}`,
      description: null,
      managerEmail: me.email,
    });
    expect(await membership(t.id, me.id)).toBeNull();
    await expect(getTeamAudit(me, t.id)).rejects.toBeInstanceOf(NotFoundError);
    const [inv] = await getMyInvitations(me);
    expect(inv).toMatchObject({ teamName: t.name, role: "manager" });
    await acceptInvitation(me, inv.id);
    expect((await getTeamAudit(me, t.id)).canManage).toBe(true);
  });
});

describe("inviting never changes a role", () => {
  it("refuses to invite people already in the team, as member or manager, and leaves their role alone", async () => {
    const t = await team();
    const member = await person("in-team");
    await w.db.prisma.teamMembership.create({ data: { teamId: t.id, userId: member.id, role: "member" } });
    for (const [actor, role] of [
      [w.actors.manager, "member"],
      [w.actors.admin, "manager"],
      [w.actors.admin, "member"],
    ] as const) {
      const e = await refusal(inviteToTeam(actor, t.id, member.email, role));
      expect(e.fieldErrors.email?.[0]).toMatch(/^Already a member of this team/);
    }
    const e = await refusal(inviteToTeam(w.actors.admin, t.id, w.actors.manager.email.toUpperCase(), "member"));
    expect(e.fieldErrors.email?.[0]).toMatch(/^Already a manager of this team/);
    expect((await membership(t.id, member.id))?.role).toBe("member");
    expect((await membership(t.id, w.actors.manager.id))?.role).toBe("manager");
    expect(await w.db.prisma.teamInvitation.count({ where: { teamId: t.id } })).toBe(0);
  });

  it("a manager cannot demote a co-manager by inviting them as a member, then remove them", async () => {
    const t = await team();
    const co = await person("co-manager");
    await w.db.prisma.teamMembership.create({ data: { teamId: t.id, userId: co.id, role: "manager" } });
    await refusal(inviteToTeam(w.actors.manager, t.id, co.email, "member"));
    expect((await membership(t.id, co.id))?.role).toBe("manager");
    const removal = await refusal(removeFromTeam(w.actors.manager, t.id, co.id));
    expect(removal.message).toBe("Only an administrator can remove a manager.");
    const change = await refusal(changeMemberRole(w.actors.manager, t.id, co.id, "member"));
    expect(change.fieldErrors.role).toEqual(["Only an administrator can change roles."]);
    expect((await membership(t.id, co.id))?.role).toBe("manager");
  });

  it("roles change explicitly, by an administrator, and the change is logged", async () => {
    const t = await team();
    const who = await person("promoted");
    await w.db.prisma.teamMembership.create({ data: { teamId: t.id, userId: who.id, role: "member" } });
    await expect(changeMemberRole(w.actors.otherManager, t.id, who.id, "manager")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(changeMemberRole(w.actors.member, t.id, who.id, "manager")).rejects.toBeInstanceOf(NotFoundError);
    await expect(changeMemberRole(w.actors.admin, t.id, w.actors.otherMember.id, "manager")).rejects.toBeInstanceOf(
      NotFoundError,
    ); // not in this team
    await changeMemberRole(w.actors.admin, t.id, who.id, "manager");
    expect((await membership(t.id, who.id))?.role).toBe("manager");
    const log = await w.db.prisma.auditLog.findFirstOrThrow({ where: { teamId: t.id, action: "team.role.changed" } });
    expect(log).toMatchObject({
      actorId: w.actors.admin.id,
      subjectId: who.id,
      data: { from: "member", role: "manager" },
    });
  });

  it("accepting when already in the team keeps the existing role", async () => {
    const t = await team();
    const me = await person("already");
    await inviteToTeam(w.actors.admin, t.id, me.email, "manager");
    await w.db.prisma.teamMembership.create({ data: { teamId: t.id, userId: me.id, role: "member" } }); // joined some other way meanwhile
    const [inv] = await getMyInvitations(me);
    await acceptInvitation(me, inv.id);
    expect((await membership(t.id, me.id))?.role).toBe("member");
  });
});

describe("one pending invitation, one membership, under concurrency", () => {
  it("a second invitation while one is pending is refused on the email field", async () => {
    const t = await team();
    const email = unique("twice");
    await inviteToTeam(w.actors.manager, t.id, email, "member");
    const e = await refusal(inviteToTeam(w.actors.admin, t.id, email, "member"));
    expect(e.fieldErrors.email).toEqual(["An invitation is already pending."]);
  });

  it("40 parallel invitations of one address leave exactly one pending invitation and one mail", async () => {
    const t = await team();
    const email = unique("parallel");
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () => inviteToTeam(w.actors.manager, t.id, email, "member")),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected")
        expect((r.reason as DataError).fieldErrors?.email).toEqual(["An invitation is already pending."]);
    }
    expect(
      await w.db.prisma.teamInvitation.count({ where: { teamId: t.id, email, acceptedAt: null, declinedAt: null } }),
    ).toBe(1);
    expect(await w.db.prisma.outboxMessage.count({ where: { to: email } })).toBe(1);
    // Refused invitations gave their rate-limit slot back.
    expect(await w.db.prisma.rateLimitEvent.count({ where: { bucket: `invite:to:${pseudonym(email)}` } })).toBe(1);
  });

  it("2 parallel accepts give exactly one membership", async () => {
    const t = await team();
    const me = await person("double-click");
    await inviteToTeam(w.actors.manager, t.id, me.email, "member");
    const [inv] = await getMyInvitations(me);
    const results = await Promise.allSettled([acceptInvitation(me, inv.id), acceptInvitation(me, inv.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected");
    expect(failed?.reason).toBeInstanceOf(NotFoundError);
    expect(await w.db.prisma.teamMembership.count({ where: { teamId: t.id, userId: me.id } })).toBe(1);
    expect(await w.db.prisma.auditLog.count({ where: { teamId: t.id, action: "team.invitation.accepted" } })).toBe(1);
  });
});

describe("the invitation mail", () => {
  it("is queued with a link holding the token; the database keeps only its hash", async () => {
    const t = await team("Mailed");
    const email = unique("mailed");
    await inviteToTeam(w.actors.manager, t.id, email, "member");
    const { token, mail } = await tokenMailedTo(email);
    expect(mail.text).toContain(`/invitations/${token}`);
    expect(mail.html).toContain(`/invitations/${token}`);
    expect(mail.text).toContain(t.name);
    expect(mail.subject).toContain(t.name);
    const row = await w.db.prisma.teamInvitation.findFirstOrThrow({ where: { teamId: t.id, email } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("answers not found for unknown and malformed tokens", async () => {
    await expect(getInvitationByToken(null, "x".repeat(43))).rejects.toBeInstanceOf(NotFoundError);
    await expect(getInvitationByToken(null, "../../etc")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getInvitationByToken(w.actors.member, "")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("rate limits", () => {
  it("at most 5 invitations a day to one address, whoever sends them", async () => {
    const email = unique("popular");
    for (let i = 0; i < 5; i++) await inviteToTeam(w.actors.admin, (await team()).id, email, "member");
    const e = await refusal(inviteToTeam(w.actors.manager, (await team()).id, email, "member"));
    expect(e.fieldErrors.email?.[0]).toMatch(/^Too many invitations; try again in \d+ minutes?\.$/);
    expect(await w.db.prisma.teamInvitation.count({ where: { email } })).toBe(5);
  });

  it("at most 50 invitations an hour from one person", async () => {
    const sender = await w.db.prisma.user.create({ data: { email: unique("busy"), emailVerified: new Date() } });
    const t = await w.db.prisma.team.create({ data: { name: `Busy ${w.tag}` } });
    await w.db.prisma.teamMembership.create({ data: { teamId: t.id, userId: sender.id, role: "manager" } });
    await w.db.prisma.rateLimitEvent.createMany({
      data: Array.from({ length: 50 }, () => ({
        bucket: `invite:actor:${sender.id}`,
        createdAt: new Date(Date.now() - 30 * 60_000),
      })),
    });
    const e = await refusal(inviteToTeam({ id: sender.id, isAdmin: false }, t.id, unique("one-more"), "member"));
    expect(e.fieldErrors.email?.[0]).toMatch(/^Too many invitations; try again in (29|30|31) minutes\.$/);
  });
});
