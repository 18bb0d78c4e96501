import "server-only";
import type { Tx } from "./open";
import { NotFoundError } from "./errors";
import { type Actor } from "./policy";

/**
 * Transaction-scoped advisory lock held by every write that could change how many active administrators there are,
 * so two of them at the same moment (two admins demoting each other) are counted one after the other.
 */
const ADMIN_LOCK = 72707372;

/** Takes the admin lock, then re-reads the actor: an admin demoted or deactivated a moment ago gets "not found". */
export async function lockAsActiveAdmin(tx: Tx, actor: Actor): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ADMIN_LOCK})`);
  const still = await tx.user.count({ where: { id: actor.id, isAdmin: true, deactivatedAt: null } });
  if (still === 0) throw new NotFoundError();
}

export const activeAdmins = (tx: Tx) => tx.user.count({ where: { isAdmin: true, deactivatedAt: null } });

export const LAST_ADMIN = "This is the last active administrator. Make someone else an administrator first.";
