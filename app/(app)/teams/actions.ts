"use server";
import { z } from "zod";
import { createAction } from "@/lib/actions/safe-action";
import { revalidatePages } from "@/lib/actions/revalidate";
import { cancelInvitation, changeMemberRole, createTeam, inviteToTeam, removeFromTeam, setTeamTarget } from "@/lib/data/teams";

const id = (what: string) => z.string({ message: `${what} is missing.` }).trim().min(1, `${what} is missing.`).max(50, `${what} is too long.`);
const email = z.string({ message: "Enter an email address." }).trim().max(320, "Email is too long.").pipe(z.email("Enter a valid email address."));
const teamRole = z.enum(["member", "manager"], { message: "Role must be member or manager." });
const optionalText = (max: number, what: string) => z.string().trim().max(max, `${what} must be at most ${max} characters.`).optional().transform((v) => v || null);

export const createTeamAction = createAction(
  z.object({
    name: z.string({ message: "Enter a team name." }).trim().min(1, "Enter a team name.").max(100, "Team name must be at most 100 characters."),
    description: optionalText(500, "Description"),
    managerEmail: z.string().trim().max(320, "Email is too long.").optional().transform((v) => v || null).refine((v) => v === null || z.email().safeParse(v).success, "Enter a valid manager email, or leave it empty."),
  }),
  async (input, actor) => {
    const team = await createTeam(actor, input);
    revalidatePages("/teams");
    return { id: team.id };
  },
);

export const inviteAction = createAction(
  z.object({ teamId: id("Team"), email, role: teamRole.default("member") }),
  async ({ teamId, email, role }, actor) => {
    const sent = await inviteToTeam(actor, teamId, email, role);
    revalidatePages(`/teams/${teamId}`);
    return sent;
  },
);

export const cancelInvitationAction = createAction(z.object({ teamId: id("Team"), invitationId: id("Invitation") }), async ({ teamId, invitationId }, actor) => {
  await cancelInvitation(actor, teamId, invitationId);
  revalidatePages(`/teams/${teamId}`);
  return null;
});

export const changeRoleAction = createAction(z.object({ teamId: id("Team"), userId: id("Person"), role: teamRole }), async ({ teamId, userId, role }, actor) => {
  await changeMemberRole(actor, teamId, userId, role);
  revalidatePages(`/teams/${teamId}`, "/teams");
  return null;
});

export const removeMemberAction = createAction(z.object({ teamId: id("Team"), userId: id("Person") }), async ({ teamId, userId }, actor) => {
  await removeFromTeam(actor, teamId, userId);
  revalidatePages(`/teams/${teamId}`, "/teams");
  return null;
});

const count = z.coerce.number({ message: "Count must be a number." }).int("Count must be a whole number.").min(1, "Count must be at least 1.").max(1000, "Count must be at most 1000.");
export const setTargetAction = createAction(
  z.object({
    teamId: id("Team"),
    roles: z.array(z.object({ roleId: id("Role"), count }), { message: "roles must be a list." }).max(50, "At most 50 roles."),
    skills: z.array(z.object({ skillId: id("Skill"), level: z.coerce.number({ message: "Level must be a number." }).int("Level must be a whole number.").min(1, "Level must be from 1 to 5.").max(5, "Level must be from 1 to 5."), count }), { message: "skills must be a list." }).max(300, "At most 300 skills."),
  }),
  async ({ teamId, roles, skills }, actor) => {
    await setTeamTarget(actor, teamId, { roles, skills });
    return null;
  },
);
