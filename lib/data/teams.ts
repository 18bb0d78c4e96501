import "server-only";
import { db } from "./db";
import { DataError, NotFoundError } from "./errors";
import { normaliseEmail } from "./users";
import { getTaxonomy } from "./taxonomy";
import { canAdminister, managedTeamsWhere, visibleTeamsWhere, type Actor } from "@/lib/auth/policy";

type Tx = Parameters<Parameters<Awaited<ReturnType<typeof db>>["$transaction"]>[0]>[0];

async function log(tx: Tx, actor: Actor, action: string, teamId: string, data: Record<string, unknown>, subjectId: string | null = null) {
  await tx.auditLog.create({ data: { actorId: actor.id, action, teamId, subjectId, data: data as object } });
}

/** Teams the actor can see, with their own role in each and the member count. */
export async function getMyTeams(actor: Actor) {
  const prisma = await db();
  const teams = await prisma.team.findMany({
    where: visibleTeamsWhere(actor),
    orderBy: { name: "asc" },
    select: { id: true, name: true, description: true, _count: { select: { memberships: true } }, memberships: { where: { userId: actor.id }, select: { role: true } } },
  });
  return teams.map((t) => ({ id: t.id, name: t.name, description: t.description, members: t._count.memberships, myRole: t.memberships[0]?.role ?? (actor.isAdmin ? "admin" : null) }));
}

/** Admin only: creates a team, optionally appointing a manager by email (invited if they have no account yet). */
export async function createTeam(actor: Actor, input: { name: string; description: string | null; managerEmail: string | null }) {
  if (!canAdminister(actor)) throw new NotFoundError();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const dup = await tx.team.findFirst({ where: { name: { equals: input.name, mode: "insensitive" } }, select: { id: true } });
    if (dup) throw new DataError("A team with this name already exists.", { name: ["A team with this name already exists."] });
    const team = await tx.team.create({ data: { name: input.name, description: input.description } });
    await log(tx, actor, "team.created", team.id, { name: input.name });
    if (input.managerEmail) await inviteInTx(tx, actor, team.id, input.managerEmail, "manager");
    return team;
  });
}

async function inviteInTx(tx: Tx, actor: Actor, teamId: string, emailRaw: string, role: "member" | "manager") {
  const email = normaliseEmail(emailRaw);
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, memberships: { where: { teamId }, select: { role: true } } } });
  if (user?.memberships[0]) {
    if (user.memberships[0].role === role) throw new DataError(`${email} is already a ${role} of this team.`, { email: [`Already a ${role} of this team.`] });
    await tx.teamMembership.update({ where: { teamId_userId: { teamId, userId: user.id } }, data: { role } });
    await log(tx, actor, "team.role.changed", teamId, { email, role }, user.id);
    return { status: "updated" as const };
  }
  const pending = await tx.teamInvitation.findFirst({ where: { teamId, email, acceptedAt: null }, select: { id: true } });
  if (pending) throw new DataError(`${email} already has a pending invitation.`, { email: ["An invitation is already pending."] });
  await tx.teamInvitation.create({ data: { teamId, email, role, invitedById: actor.id } });
  await log(tx, actor, "team.invitation.created", teamId, { email, role });
  return { status: "invited" as const };
}

async function assertManages(tx: Tx, actor: Actor, teamId: string) {
  const team = await tx.team.findFirst({ where: { AND: [{ id: teamId }, managedTeamsWhere(actor)] }, select: { id: true } });
  if (!team) throw new NotFoundError();
}

/**
 * Invites someone by email. The invitation stays pending until that person signs up or signs in, then it joins
 * them. Only admins may appoint managers; managers add members.
 */
export async function inviteToTeam(actor: Actor, teamId: string, email: string, role: "member" | "manager") {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await assertManages(tx, actor, teamId);
    if (role === "manager" && !actor.isAdmin) throw new DataError("Only an administrator can appoint managers.", { role: ["Only an administrator can appoint managers."] });
    return inviteInTx(tx, actor, teamId, email, role);
  });
}

export async function cancelInvitation(actor: Actor, teamId: string, invitationId: string) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await assertManages(tx, actor, teamId);
    const inv = await tx.teamInvitation.findFirst({ where: { id: invitationId, teamId, acceptedAt: null } });
    if (!inv) throw new NotFoundError();
    await tx.teamInvitation.delete({ where: { id: inv.id } });
    await log(tx, actor, "team.invitation.cancelled", teamId, { email: inv.email });
  });
}

/** Removes a member. The last manager can only be removed by an administrator. */
export async function removeFromTeam(actor: Actor, teamId: string, userId: string) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await assertManages(tx, actor, teamId);
    const m = await tx.teamMembership.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { role: true, user: { select: { email: true } } } });
    if (!m) throw new NotFoundError();
    if (m.role === "manager" && !actor.isAdmin) {
      throw new DataError("Only an administrator can remove a manager.", { userId: ["Only an administrator can remove a manager."] });
    }
    await tx.teamMembership.delete({ where: { teamId_userId: { teamId, userId } } });
    await log(tx, actor, "team.member.removed", teamId, { email: m.user.email, role: m.role }, userId);
  });
}

export type TargetInput = { roles: { roleId: string; count: number }[]; skills: { skillId: string; level: number; count: number }[] };

/** Replaces the team's target profile (a mix of roles and/or explicit skills at levels). */
export async function setTeamTarget(actor: Actor, teamId: string, input: TargetInput) {
  const taxonomy = await getTaxonomy();
  const roles = new Set(taxonomy.roles.map((r) => r.id));
  const skills = new Set(taxonomy.skills.map((s) => s.id));
  const errors: Record<string, string[]> = {};
  input.roles.forEach((r, i) => !roles.has(r.roleId) && (errors[`roles.${i}.roleId`] = [`Unknown role "${r.roleId}".`]));
  input.skills.forEach((s, i) => !skills.has(s.skillId) && (errors[`skills.${i}.skillId`] = [`Unknown skill "${s.skillId}".`]));
  if (new Set(input.roles.map((r) => r.roleId)).size !== input.roles.length) errors.roles = ["Each role may appear once."];
  if (new Set(input.skills.map((s) => s.skillId)).size !== input.skills.length) errors.skills = ["Each skill may appear once."];
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
