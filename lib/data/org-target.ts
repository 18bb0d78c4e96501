import "server-only";
import { db } from "./db";
import { DataError, NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { canAdminister, type Actor } from "./policy";
import type { Taxonomy } from "@/lib/domain/types";

/** Advisory lock key serialising saves of the target mix (the seed uses 72707370). */
const ORG_TARGET_LOCK = 72707371;

export type OrgTargetRow = { roleId: string; count: number };

/** Most people one role may be counted for in the organisation's target mix. */
export const ORG_TARGET_MAX = 100_000;

/**
 * The organisation's target mix of roles (the organisation report's demand), active roles only, in taxonomy order.
 * Empty: the report uses the demand implied by people's current roles. Any signed-in person may not read it
 * directly: only the report uses it, for its viewers; this reader is for the admin's form (others: not found).
 */
export async function getOrgTarget(actor: Actor): Promise<OrgTargetRow[]> {
  if (!canAdminister(actor)) throw new NotFoundError();
  return orgTargetMix(await getTaxonomy());
}

/** The stored mix, active roles only (internal: the report reads it for whoever may see the report). */
export async function orgTargetMix(taxonomy: Taxonomy): Promise<OrgTargetRow[]> {
  const prisma = await db();
  const rows = await prisma.orgTargetRole.findMany({ select: { roleId: true, count: true } });
  const count = new Map(rows.map((r) => [r.roleId, r.count]));
  return taxonomy.roles.filter((r) => count.has(r.id)).map((r) => ({ roleId: r.id, count: count.get(r.id)! }));
}

/**
 * Replaces the organisation's target mix (admins only; checked again inside the transaction, so an admin demoted a
 * moment ago cannot save). Rows with count 0 are dropped; no rows at all means "use people's current roles".
 * Field errors name the row: `roles.N.roleId` for an unknown or retired role, `roles.N.count` for a count out of
 * range, `roles` for a role listed twice. Nothing is saved when anything is wrong.
 */
export async function setOrgTarget(actor: Actor, rows: OrgTargetRow[]): Promise<{ roles: number; people: number }> {
  if (!canAdminister(actor)) throw new NotFoundError();
  const taxonomy = await getTaxonomy();
  const active = new Set(taxonomy.roles.map((r) => r.id));
  const errors: Record<string, string[]> = {};
  rows.forEach((r, i) => {
    if (!active.has(r.roleId)) errors[`roles.${i}.roleId`] = [`Choose one of the listed roles.`];
    if (!Number.isInteger(r.count) || r.count < 0 || r.count > ORG_TARGET_MAX)
      errors[`roles.${i}.count`] = [`People must be a whole number from 0 to ${ORG_TARGET_MAX.toLocaleString("en")}.`];
  });
  if (new Set(rows.map((r) => r.roleId)).size !== rows.length) errors.roles = ["Each role may appear once."];
  if (Object.keys(errors).length) throw new DataError("The target mix has problems; nothing was saved.", errors);
  const kept = rows.filter((r) => r.count > 0);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    // One writer at a time: two saves would otherwise both delete, then both insert the same roles (unique violation).
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ORG_TARGET_LOCK})`);
    const admin = await tx.user.findFirst({
      where: { id: actor.id, isAdmin: true, deactivatedAt: null },
      select: { id: true },
    });
    if (!admin) throw new NotFoundError();
    await tx.orgTargetRole.deleteMany({});
    if (kept.length) await tx.orgTargetRole.createMany({ data: kept });
    await tx.auditLog.create({
      data: { actorId: actor.id, action: "org.target.changed", data: { roles: kept } as object },
    });
  });
  return { roles: kept.length, people: kept.reduce((n, r) => n + r.count, 0) };
}
