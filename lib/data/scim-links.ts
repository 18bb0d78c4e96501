import "server-only";
import { db } from "./db";
import { lockAsActiveAdmin } from "./admin-lock";
import { assertLookupId, DataError, NotFoundError } from "./errors";
import { canAdminister, type Actor } from "./policy";
import { logTeam } from "./team-access";

/**
 * Which SCIM groups feed which teams: an administrator's choice, made at /admin/scim. Linking copies the group's
 * current members into the team once; from then on lib/data/scim-groups.ts keeps them in step. Stopping leaves the
 * team's memberships as they are.
 */

const assertAdmin = (actor: Actor) => {
  if (!canAdminister(actor)) throw new NotFoundError();
};

/** Longest team name (the team form's limit): a team made from a group takes the group name's first characters. */
const TEAM_NAME_MAX = 100;

/** /admin/scim: every SCIM group with its member count and team, and the teams no group feeds yet (for "link"). */
export async function getScimAdminPage(actor: Actor) {
  assertAdmin(actor);
  const prisma = await db();
  const [groups, freeTeams] = await Promise.all([
    prisma.scimGroup.findMany({
      orderBy: [{ displayName: "asc" }, { id: "asc" }],
      select: {
        id: true,
        displayName: true,
        team: { select: { id: true, name: true } },
        _count: { select: { members: true } },
      },
    }),
    prisma.team.findMany({ where: { scimGroup: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return {
    groups: groups.map((g) => ({ id: g.id, name: g.displayName, members: g._count.members, team: g.team })),
    freeTeams,
  };
}

export type LinkScimGroupOptions = { groupId: string; teamId: string | "new" };

/**
 * Makes a group feed a team: a new team named after the group (`teamId: "new"`), or an existing team no other group
 * feeds. The group's members join the team as members at once (people already in it keep their role).
 */
export async function linkScimGroup(actor: Actor, { groupId, teamId }: LinkScimGroupOptions) {
  assertAdmin(actor);
  assertLookupId(groupId);
  if (teamId !== "new") assertLookupId(teamId);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    const group = await tx.scimGroup.findUnique({
      where: { id: groupId },
      select: { id: true, displayName: true, teamId: true, members: { select: { userId: true } } },
    });
    if (!group) throw new NotFoundError();
    if (group.teamId)
      throw new DataError("This group already feeds a team; stop syncing it first.", {
        teamId: ["This group already feeds a team; stop syncing it first."],
      });
    let team: { id: string; name: string };
    if (teamId === "new") {
      const name = group.displayName.slice(0, TEAM_NAME_MAX).trim();
      const dup = await tx.team.findFirst({
        where: { name: { equals: name, mode: "insensitive" } },
        select: { id: true },
      });
      if (dup)
        throw new DataError(`A team named ${name} already exists; link the group to it instead.`, {
          teamId: [`A team named ${name} already exists; link the group to it instead.`],
        });
      team = await tx.team.create({ data: { name }, select: { id: true, name: true } });
      await logTeam(tx, actor, "team.created", team.id, { name, fromScimGroup: group.id });
    } else {
      const found = await tx.team.findUnique({
        where: { id: teamId },
        select: { id: true, name: true, scimGroup: { select: { id: true } } },
      });
      if (!found)
        throw new DataError("Choose one of the listed teams.", { teamId: ["Choose one of the listed teams."] });
      if (found.scimGroup)
        throw new DataError("Another group already feeds this team.", {
          teamId: ["Another group already feeds this team."],
        });
      team = { id: found.id, name: found.name };
    }
    await tx.scimGroup.update({ where: { id: group.id }, data: { teamId: team.id } });
    const joined = await tx.teamMembership.createMany({
      data: group.members.map((m) => ({ teamId: team.id, userId: m.userId, role: "member" as const })),
      skipDuplicates: true,
    });
    await logTeam(
      tx,
      actor,
      "scim.group.linked",
      team.id,
      { groupId: group.id, created: teamId === "new", joined: joined.count },
      group.id,
    );
    return { team, joined: joined.count };
  });
}

/** Stops a group feeding its team; the team keeps everyone it has. */
export async function unlinkScimGroup(actor: Actor, groupId: string): Promise<void> {
  assertAdmin(actor);
  assertLookupId(groupId);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    const group = await tx.scimGroup.findUnique({ where: { id: groupId }, select: { teamId: true } });
    if (!group) throw new NotFoundError();
    if (!group.teamId) return;
    await tx.scimGroup.update({ where: { id: groupId }, data: { teamId: null } });
    await logTeam(tx, actor, "scim.group.unlinked", group.teamId, { groupId }, groupId);
  });
}
