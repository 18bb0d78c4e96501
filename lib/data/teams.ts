import "server-only";
import { db } from "./db";
import { assertLookupId, DataError, NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { assertManages, logTeam as log } from "./team-access";
import { createInvitationTx, oneInvitation } from "./invitations";
import { deliverMail } from "@/lib/mail";
import { canAdminister, visibleTeamsWhere, type Actor } from "@/lib/data/policy";
import { canCreateTeam } from "./settings";
import type { TeamRole } from "@/lib/domain/types";

export { cancelInvitation, inviteToTeam } from "./invitations";

/** Teams the actor can see, with their own role in each and how many members and managers each has. */
export async function getMyTeams(actor: Actor) {
  const prisma = await db();
  const teams = await prisma.team.findMany({
    where: visibleTeamsWhere(actor),
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      memberships: { select: { role: true, userId: true } },
    },
  });
  return teams.map((t) => {
    const managers = t.memberships.filter((m) => m.role === "manager").length;
    return {
      id: t.id,
      name: t.name,
      description: t.description,
      members: t.memberships.length - managers,
      managers,
      myRole: t.memberships.find((m) => m.userId === actor.id)?.role ?? (actor.isAdmin ? ("admin" as const) : null),
    };
  });
}

/**
 * Creates a team: administrators, optionally inviting its manager by email (the manager joins only by accepting the
 * invitation, like anyone else); managers of a team too when an administrator allows it (lib/data/settings.ts), and
 * they manage the new team themselves.
 */
export async function createTeam(
  actor: Actor,
  input: { name: string; description: string | null; managerEmail: string | null },
  now = new Date(),
) {
  const prisma = await db();
  const { team, mailId } = await oneInvitation(
    prisma.$transaction(async (tx) => {
      // Administrators; managers too when an administrator allows it (checked inside, so a switch-off applies at once).
      if (!(await canCreateTeam(actor, tx))) throw new NotFoundError();
      const admin = canAdminister(actor);
      if (!admin && input.managerEmail)
        throw new DataError("Only an administrator can appoint managers.", {
          managerEmail: ["Only an administrator can appoint managers; you manage the team you create."],
        });
      const dup = await tx.team.findFirst({
        where: { name: { equals: input.name, mode: "insensitive" } },
        select: { id: true },
      });
      if (dup)
        throw new DataError("A team with this name already exists.", {
          name: ["A team with this name already exists."],
        });
      const team = await tx.team.create({ data: { name: input.name, description: input.description } });
      // A manager who creates a team manages it.
      if (!admin) await tx.teamMembership.create({ data: { teamId: team.id, userId: actor.id, role: "manager" } });
      await log(tx, actor, "team.created", team.id, { name: input.name });
      const sent = input.managerEmail
        ? await createInvitationTx(tx, actor, team, input.managerEmail, "manager", "managerEmail", now)
        : null;
      return { team, mailId: sent?.mailId ?? null };
    }),
    input.managerEmail ?? "",
    "managerEmail",
  );
  if (mailId) await deliverMail([mailId]);
  return team;
}

/**
 * Admin only: makes a member a manager or a manager a member. Roles change only here, never through an
 * invitation. Managers of the team are told so; anyone else gets "not found".
 */
export async function changeMemberRole(actor: Actor, teamId: string, userId: string, role: TeamRole) {
  assertLookupId(teamId);
  assertLookupId(userId);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await assertManages(tx, actor, teamId);
    if (!actor.isAdmin)
      throw new DataError("Only an administrator can change roles.", {
        role: ["Only an administrator can change roles."],
      });
    const m = await tx.teamMembership.findUnique({
      where: { teamId_userId: { teamId, userId } },
      select: { role: true, user: { select: { email: true } } },
    });
    if (!m) throw new NotFoundError();
    if (m.role === role) return;
    await tx.teamMembership.update({ where: { teamId_userId: { teamId, userId } }, data: { role } });
    await log(tx, actor, "team.role.changed", teamId, { email: m.user.email, from: m.role, role }, userId);
  });
}

/** Removes a member. Only an administrator can remove a manager. */
export async function removeFromTeam(actor: Actor, teamId: string, userId: string) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await assertManages(tx, actor, teamId);
    const m = await tx.teamMembership.findUnique({
      where: { teamId_userId: { teamId, userId } },
      select: { role: true, user: { select: { email: true } } },
    });
    if (!m) throw new NotFoundError();
    if (m.role === "manager" && !actor.isAdmin) {
      throw new DataError("Only an administrator can remove a manager.", {
        userId: ["Only an administrator can remove a manager."],
      });
    }
    await tx.teamMembership.delete({ where: { teamId_userId: { teamId, userId } } });
    await log(tx, actor, "team.member.removed", teamId, { email: m.user.email, role: m.role }, userId);
  });
}

export type TargetInput = {
  roles: { roleId: string; count: number }[];
  skills: { skillId: string; level: number; count: number }[];
};

/** Replaces the team's target profile (a mix of roles and/or explicit skills at levels). */
export async function setTeamTarget(actor: Actor, teamId: string, input: TargetInput) {
  const taxonomy = await getTaxonomy();
  const roles = new Set(taxonomy.roles.map((r) => r.id));
  const skills = new Set(taxonomy.skills.map((s) => s.id));
  const errors: Record<string, string[]> = {};
  input.roles.forEach(
    (r, i) => !roles.has(r.roleId) && (errors[`roles.${i}.roleId`] = [`Unknown role "${r.roleId}".`]),
  );
  input.skills.forEach(
    (s, i) => !skills.has(s.skillId) && (errors[`skills.${i}.skillId`] = [`Unknown skill "${s.skillId}".`]),
  );
  if (new Set(input.roles.map((r) => r.roleId)).size !== input.roles.length)
    errors.roles = ["Each role may appear once."];
  if (new Set(input.skills.map((s) => s.skillId)).size !== input.skills.length)
    errors.skills = ["Each skill may appear once."];
  if (Object.keys(errors).length) throw new DataError("The target profile has problems; nothing was saved.", errors);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await assertManages(tx, actor, teamId);
    await tx.teamTargetRole.deleteMany({ where: { teamId } });
    await tx.teamTargetSkill.deleteMany({ where: { teamId } });
    await tx.teamTargetRole.createMany({ data: input.roles.map((r) => ({ teamId, ...r })) });
    await tx.teamTargetSkill.createMany({ data: input.skills.map((s) => ({ teamId, ...s })) });
    await log(tx, actor, "team.target.changed", teamId, input);
  });
}
