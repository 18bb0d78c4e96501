import { fromAction, fromData, fromResponse, signedIn, type Expect, type MatrixRow } from "./matrix";
import type { ActorName, World } from "../../support/world";
import {
  cancelInvitationAction,
  changeRoleAction,
  createTeamAction,
  inviteAction,
  removeMemberAction,
  setTargetAction,
} from "@/app/(app)/teams/actions";
import { acceptInvitationAction, declineInvitationAction } from "@/app/(app)/invitations/actions";
import { countMyInvitations, getInvitationByToken, getMyInvitations } from "@/lib/data/invitation-responses";
import { newToken } from "@/lib/data/tokens";
import { GET as matrixCsv } from "@/app/api/teams/[id]/matrix/route";
import { getMyTeams } from "@/lib/data/teams";
import { getTeamAudit } from "@/lib/data/team-audit";

/** Managing the member's team: its manager and admins. */
const teamManagers: Expect = {
  anonymous: "signin",
  member: "notfound",
  otherMember: "notfound",
  manager: "ok",
  otherManager: "notfound",
  admin: "ok",
};
/** Seeing the team at all: its people and admins. */
const teamPeople: Expect = { ...teamManagers, member: "ok" };
const params = (id: string) => ({ params: Promise.resolve({ id }) });

/** A person who joins the member's team just for this call. */
async function freshTeamMember(w: World, as: ActorName) {
  const u = await w.db.prisma.user.create({
    data: { email: `joiner-${as}-${w.tag}-${Math.random().toString(36).slice(2, 7)}@test.local` },
  });
  await w.db.prisma.teamMembership.create({ data: { teamId: w.teamId, userId: u.id } });
  return u.id;
}

/** An open invitation to `email`, into a team of its own: accepting it changes nothing the other rows rely on. */
async function openInvitation(w: World, email: string) {
  const team = await w.db.prisma.team.create({
    data: { name: `Inviting ${Math.random().toString(36).slice(2, 9)} ${w.tag}` },
  });
  const inv = await w.db.prisma.teamInvitation.create({
    data: {
      teamId: team.id,
      email,
      role: "member",
      invitedById: w.actors.admin.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  return inv.id;
}
const ownAddress = (w: World, as: ActorName) => w.actor(as)?.email ?? `nobody-${w.tag}@test.local`;
/** Answering an invitation sent to the member: only the member (with a confirmed address) may. */
const theMemberOnly: Expect = {
  anonymous: "signin",
  member: "ok",
  otherMember: "notfound",
  manager: "notfound",
  otherManager: "notfound",
  admin: "notfound",
};

export const teamRows: MatrixRow[] = [
  {
    name: "data getMyTeams",
    run: (w, as) => fromData(w, as, (a) => getMyTeams(a)),
    expect: signedIn("ok"),
  },
  {
    name: "data getTeamAudit (member's team)",
    run: (w, as) => fromData(w, as, (a) => getTeamAudit(a, w.teamId)),
    expect: teamPeople,
  },
  {
    name: "GET /api/teams/[id]/matrix (member's team; cells are for managers)",
    run: async (w) =>
      fromResponse(await matrixCsv(new Request(`http://t/api/teams/${w.teamId}/matrix`), params(w.teamId))),
    expect: teamManagers,
  },
  {
    name: "action createTeam",
    run: async (w, as) => fromAction(await createTeamAction({ name: `Team by ${as} ${w.tag}` })),
    expect: {
      anonymous: "signin",
      member: "notfound",
      otherMember: "notfound",
      manager: "notfound",
      otherManager: "notfound",
      admin: "ok",
    },
  },
  {
    name: "action invite (member's team)",
    run: async (w, as) =>
      fromAction(await inviteAction({ teamId: w.teamId, email: `invitee-${as}-${w.tag}@test.local` })),
    expect: teamManagers,
  },
  {
    name: "action cancelInvitation (member's team)",
    run: async (w, as) => {
      const inv = await w.db.prisma.teamInvitation.create({
        data: {
          teamId: w.teamId,
          email: `cancel-${as}-${w.tag}@test.local`,
          role: "member",
          invitedById: w.actors.manager.id,
        },
      });
      return fromAction(await cancelInvitationAction({ teamId: w.teamId, invitationId: inv.id }));
    },
    expect: teamManagers,
  },
  {
    name: "action removeMember (member's team)",
    run: async (w, as) =>
      fromAction(await removeMemberAction({ teamId: w.teamId, userId: await freshTeamMember(w, as) })),
    expect: teamManagers,
  },
  {
    name: "action changeRole (a member of the member's team; only admins change roles)",
    run: async (w, as) => {
      const userId = await freshTeamMember(w, as);
      try {
        return fromAction(await changeRoleAction({ teamId: w.teamId, userId, role: "manager" }));
      } finally {
        await w.db.prisma.user.delete({ where: { id: userId } });
      }
    },
    expect: { ...teamManagers, manager: "invalid" },
  },
  {
    name: "data getMyInvitations",
    run: (w, as) => fromData(w, as, (a) => getMyInvitations(a)),
    expect: signedIn("ok"),
  },
  {
    name: "data countMyInvitations (one open invitation to the member)",
    run: async (w, as) => {
      await openInvitation(w, w.actors.member.email);
      const actor = w.actor(as);
      if (!actor) return "signin";
      const n = await countMyInvitations(actor);
      if ((as === "member") !== n > 0) throw new Error(`${as} counts ${n} invitations`);
      return "ok";
    },
    expect: signedIn("ok"),
  },
  {
    name: "data getInvitationByToken (the invitation page; the address only for its owner or a signed-out holder of the link)",
    run: async (w, as) => {
      const { token, hash } = newToken();
      const team = await w.db.prisma.team.create({
        data: { name: `Linked ${Math.random().toString(36).slice(2, 9)} ${w.tag}` },
      });
      await w.db.prisma.teamInvitation.create({
        data: {
          teamId: team.id,
          email: w.actors.member.email,
          role: "member",
          tokenHash: hash,
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      });
      const view = await getInvitationByToken(w.actor(as), token);
      const shouldSeeAddress = as === "anonymous" || as === "member";
      if ((view.email !== null) !== shouldSeeAddress || view.mine !== (as === "member"))
        throw new Error(`${as} sees ${JSON.stringify(view)}`);
      return "ok";
    },
    expect: { anonymous: "ok", member: "ok", otherMember: "ok", manager: "ok", otherManager: "ok", admin: "ok" },
  },
  {
    name: "action acceptInvitation (sent to the caller's own address)",
    run: async (w, as) =>
      fromAction(await acceptInvitationAction({ invitationId: await openInvitation(w, ownAddress(w, as)) })),
    expect: signedIn("ok"),
  },
  {
    name: "action acceptInvitation (sent to the member's address)",
    run: async (w) =>
      fromAction(await acceptInvitationAction({ invitationId: await openInvitation(w, w.actors.member.email) })),
    expect: theMemberOnly,
  },
  {
    name: "action declineInvitation (sent to the caller's own address)",
    run: async (w, as) =>
      fromAction(await declineInvitationAction({ invitationId: await openInvitation(w, ownAddress(w, as)) })),
    expect: signedIn("ok"),
  },
  {
    name: "action declineInvitation (sent to the member's address)",
    run: async (w) =>
      fromAction(await declineInvitationAction({ invitationId: await openInvitation(w, w.actors.member.email) })),
    expect: theMemberOnly,
  },
  {
    name: "action setTarget (member's team)",
    run: async (w) =>
      fromAction(
        await setTargetAction({ teamId: w.teamId, roles: [{ roleId: "platform-engineer", count: 1 }], skills: [] }),
      ),
    expect: teamManagers,
  },
];
