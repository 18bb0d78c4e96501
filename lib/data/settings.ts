import "server-only";
import { db } from "./db";
import type { Tx } from "./open";
import { NotFoundError } from "./errors";
import { canAdminister, type Actor } from "./policy";
import { lockAsActiveAdmin } from "./admin-lock";

/** "Managers may create teams": off by default (only administrators create teams). */
const MANAGERS_CREATE_TEAMS = "managersCreateTeams";

/** Whether managers may create teams (internal: callers check who is asking). */
export async function managersMayCreateTeams(tx?: Tx): Promise<boolean> {
  const client = tx ?? (await db());
  const row = await client.appSetting.findUnique({ where: { key: MANAGERS_CREATE_TEAMS }, select: { value: true } });
  return row?.value === true;
}

/** The settings an administrator changes (others: not found). */
export async function getAppSettings(actor: Actor): Promise<{ managersCreateTeams: boolean }> {
  if (!canAdminister(actor)) throw new NotFoundError();
  return { managersCreateTeams: await managersMayCreateTeams() };
}

/** Allows or stops managers creating teams (admins only, re-checked inside the transaction; audited). */
export async function setManagersMayCreateTeams(actor: Actor, allowed: boolean): Promise<void> {
  if (!canAdminister(actor)) throw new NotFoundError();
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    await tx.appSetting.upsert({
      where: { key: MANAGERS_CREATE_TEAMS },
      create: { key: MANAGERS_CREATE_TEAMS, value: allowed },
      update: { value: allowed, updatedAt: new Date() },
    });
    await tx.auditLog.create({
      data: { actorId: actor.id, action: "settings.changed", data: { [MANAGERS_CREATE_TEAMS]: allowed } },
    });
  });
}

/** Whether the actor may create a team: administrators always; managers of a team when the setting allows it. */
export async function canCreateTeam(actor: Actor, tx?: Tx): Promise<boolean> {
  if (canAdminister(actor)) return true;
  const client = tx ?? (await db());
  const [allowed, manages] = await Promise.all([
    managersMayCreateTeams(tx),
    client.teamMembership.count({ where: { userId: actor.id, role: "manager", user: { deactivatedAt: null } } }),
  ]);
  return allowed && manages > 0;
}
