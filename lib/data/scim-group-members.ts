import "server-only";
import SCIMMY from "scimmy";
import type { Tx } from "./open";
import type { Actor } from "./policy";

/**
 * Membership of SCIM groups, and of the team a group feeds: the one place both change, always inside the caller's
 * transaction (which holds the admin lock), so the group and its team never disagree.
 */

const { Error: ScimError } = SCIMMY.Types;

/** Ids listed per side in one `scim.group.members` audit row; the counts are always complete. */
const AUDIT_IDS = 100;

/**
 * Adds and removes members, mirrors the change in the linked team (if any), and writes one audit row. Added ids must
 * be users; removing someone who is not a member changes nothing.
 */
export async function applyMembers(
  tx: Tx,
  actor: Actor,
  group: { id: string; teamId: string | null },
  added: string[],
  removed: string[],
) {
  if (added.length === 0 && removed.length === 0) return;
  if (added.length) {
    const found = await tx.user.findMany({ where: { id: { in: added } }, select: { id: true } });
    const known = new Set(found.map((u) => u.id));
    const unknown = added.find((u) => !known.has(u));
    if (unknown !== undefined)
      throw new ScimError(400, "invalidValue", `No user has the id "${unknown.slice(0, 60)}".`);
    await tx.scimGroupMember.createMany({
      data: added.map((userId) => ({ groupId: group.id, userId })),
      skipDuplicates: true,
    });
  }
  if (removed.length) await tx.scimGroupMember.deleteMany({ where: { groupId: group.id, userId: { in: removed } } });
  let team: { joined: number; left: number } | undefined;
  if (group.teamId) {
    const teamId = group.teamId;
    const joined = added.length
      ? await tx.teamMembership.createMany({
          data: added.map((userId) => ({ teamId, userId, role: "member" as const })),
          skipDuplicates: true,
        })
      : { count: 0 };
    // Managers stay: the role is given in the app, and losing it through the identity provider would surprise.
    const left = removed.length
      ? await tx.teamMembership.deleteMany({ where: { teamId, userId: { in: removed }, role: "member" } })
      : { count: 0 };
    team = { joined: joined.count, left: left.count };
  }
  await tx.scimGroup.update({ where: { id: group.id }, data: { updatedAt: new Date() } });
  await tx.auditLog.create({
    data: {
      actorId: actor.id,
      action: "scim.group.members",
      subjectId: group.id,
      teamId: group.teamId,
      data: {
        added: added.slice(0, AUDIT_IDS),
        removed: removed.slice(0, AUDIT_IDS),
        addedCount: added.length,
        removedCount: removed.length,
        ...(team ? { team } : {}),
      },
    },
  });
}
