import "server-only";
import type { Tx } from "./open";
import { NotFoundError } from "./errors";
import { managedTeamsWhere, type Actor } from "@/lib/data/policy";

/** A Prisma interactive-transaction client. */

/** Appends one row to the team's change log. */
export async function logTeam(
  tx: Tx,
  actor: Actor,
  action: string,
  teamId: string,
  data: Record<string, unknown>,
  subjectId: string | null = null,
) {
  await tx.auditLog.create({ data: { actorId: actor.id, action, teamId, subjectId, data: data as object } });
}

/** The team, when the actor manages it (its managers and admins); otherwise "not found". */
export async function assertManages(tx: Tx, actor: Actor, teamId: string): Promise<{ id: string; name: string }> {
  const team = await tx.team.findFirst({
    where: { AND: [{ id: teamId }, managedTeamsWhere(actor)] },
    select: { id: true, name: true },
  });
  if (!team) throw new NotFoundError();
  return team;
}
