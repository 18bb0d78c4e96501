"use server";
import { createAction } from "@/lib/actions/safe-action";
import { revalidatePages } from "@/lib/actions/revalidate";
import {
  cancelInvitation,
  changeMemberRole,
  createTeam,
  inviteToTeam,
  removeFromTeam,
  setTeamTarget,
} from "@/lib/data/teams";
import { choice, email, id, level, list, optional, optionalText, requiredText, wholeNumber, z } from "@/lib/validation";

const teamId = id("Team", 50);
const teamRole = choice(["member", "manager"], "Role must be member or manager.");

export const createTeamAction = createAction(
  z.object({
    name: requiredText(100, "Team name", "Enter a team name."),
    description: optionalText(500, "Description"),
    managerEmail: optional(email("Manager's email")),
  }),
  async (input, actor) => {
    const team = await createTeam(actor, input);
    revalidatePages("/teams", "/dashboard", "/admin/outbox");
    return { id: team.id };
  },
);

export const inviteAction = createAction(
  z.object({ teamId, email: email(), role: teamRole.default("member") }),
  async ({ teamId, email, role }, actor) => {
    const sent = await inviteToTeam(actor, teamId, email, role);
    revalidatePages(`/teams/${teamId}`, "/admin/outbox");
    return sent;
  },
);

export const cancelInvitationAction = createAction(
  z.object({ teamId, invitationId: id("Invitation", 50) }),
  async ({ teamId, invitationId }, actor) => {
    await cancelInvitation(actor, teamId, invitationId);
    revalidatePages(`/teams/${teamId}`);
    return null;
  },
);

export const changeRoleAction = createAction(
  z.object({ teamId, userId: id("Person", 50), role: teamRole }),
  async ({ teamId, userId, role }, actor) => {
    await changeMemberRole(actor, teamId, userId, role);
    revalidatePages(`/teams/${teamId}`, "/teams", "/reviews");
    return null;
  },
);

export const removeMemberAction = createAction(
  z.object({ teamId, userId: id("Person", 50) }),
  async ({ teamId, userId }, actor) => {
    await removeFromTeam(actor, teamId, userId);
    revalidatePages(`/teams/${teamId}`, "/teams", "/reviews");
    return null;
  },
);

const people = wholeNumber("People", 1, 1000);
export const setTargetAction = createAction(
  z.object({
    teamId,
    roles: list(z.object({ roleId: id("Role", 50), count: people }), 50, "Roles"),
    skills: list(z.object({ skillId: id("Skill", 50), level: level("Level", 1), count: people }), 300, "Skills"),
  }),
  async ({ teamId, roles, skills }, actor) => {
    await setTeamTarget(actor, teamId, { roles, skills });
    revalidatePages(`/teams/${teamId}`);
    return null;
  },
);
