import "server-only";
import SCIMMY from "scimmy";
import { db } from "./db";
import type { Tx } from "./open";
import { lockAsActiveAdmin } from "./admin-lock";
import { NotFoundError } from "./errors";
import { canAdminister, type Actor } from "./policy";
import { email as emailRule, optionalText, z } from "@/lib/validation";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * SCIM Users (RFC 7643 §4.1) on the User table. `userName` is the email address; `name.formatted` (or given and
 * family name) is the display name; `active: false` is a deactivation (every session ends at once, history stays).
 * Accounts made here are verified and have no password: people sign in with SSO, or set a password by a reset link.
 * Every write re-reads the token owner under the admin lock (lockAsActiveAdmin), so a demotion applies at once.
 */

const { Error: ScimError } = SCIMMY.Types;

export const SCIM_USER_SELECT = {
  id: true,
  email: true,
  name: true,
  externalId: true,
  deactivatedAt: true,
  createdAt: true,
  updatedAt: true,
  scimGroups: { orderBy: { groupId: "asc" }, select: { group: { select: { id: true, displayName: true } } } },
} satisfies Prisma.UserSelect;

export type ScimUserRow = Prisma.UserGetPayload<{ select: typeof SCIM_USER_SELECT }>;

/** What a SCIM request may set; `undefined` leaves a value as it is. */
export type ScimUserInput = {
  email: string;
  name?: string | null;
  externalId?: string | null;
  active?: boolean;
};

const assertAdmin = (actor: Actor) => {
  if (!canAdminister(actor)) throw new NotFoundError();
};

const inputSchema = z.object({
  email: emailRule("userName"),
  name: optionalText(100, "name").optional(),
  externalId: optionalText(255, "externalId").optional(),
  active: z.boolean().optional(),
});

/** Checks a mapped input with the app's validation rules; a bad field is a 400 invalidValue naming it. */
export function parseUserInput(raw: Record<string, unknown>): ScimUserInput {
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) throw new ScimError(400, "invalidValue", parsed.error.issues[0]!.message);
  // `.optional()` around optionalText keeps "not sent" (undefined: unchanged) apart from "cleared" (null).
  return parsed.data;
}

/** A row as the SCIM User resource scimmy formats (meta.location is added by scimmy from the base path). */
export function toScimUser(u: ScimUserRow, origin: string) {
  return {
    id: u.id,
    userName: u.email,
    ...(u.externalId ? { externalId: u.externalId } : {}),
    ...(u.name ? { name: { formatted: u.name }, displayName: u.name } : {}),
    emails: [{ value: u.email, type: "work", primary: true }],
    active: u.deactivatedAt === null,
    groups: u.scimGroups.map(({ group }) => ({
      value: group.id,
      display: group.displayName,
      $ref: `${origin}/scim/v2/Groups/${group.id}`,
      type: "direct",
    })),
    meta: { created: u.createdAt, lastModified: u.updatedAt },
  };
}

/** One page of users matching `where`, oldest first (ties by id, so pages never overlap), and the total. */
export async function listScimUsers(actor: Actor, where: Prisma.UserWhereInput, skip: number, take: number) {
  assertAdmin(actor);
  const prisma = await db();
  const [rows, total] = await Promise.all([
    take === 0
      ? Promise.resolve([])
      : prisma.user.findMany({
          where,
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          skip,
          take,
          select: SCIM_USER_SELECT,
        }),
    prisma.user.count({ where }),
  ]);
  return { rows, total };
}

export async function getScimUser(actor: Actor, id: string): Promise<ScimUserRow> {
  assertAdmin(actor);
  const prisma = await db();
  const row = await prisma.user.findUnique({ where: { id }, select: SCIM_USER_SELECT });
  if (!row) throw new NotFoundError();
  return row;
}

const TAKEN = {
  email: "A user with this userName already exists.",
  externalId: "A user with this externalId already exists.",
};

/** 409 uniqueness when another account has this email or externalId. */
async function assertUnique(tx: Tx, input: { email?: string; externalId?: string | null }, exceptId?: string) {
  const or: Prisma.UserWhereInput[] = [];
  if (input.email) or.push({ email: input.email });
  if (input.externalId) or.push({ externalId: input.externalId });
  if (or.length === 0) return;
  const clash = await tx.user.findFirst({
    where: { OR: or, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { email: true },
  });
  if (clash) throw new ScimError(409, "uniqueness", clash.email === input.email ? TAKEN.email : TAKEN.externalId);
}

/** A unique-index violation that slipped past assertUnique (it cannot, under the admin lock; belt and braces). */
function uniqueViolation(e: unknown): never {
  if ((e as { code?: unknown })?.code === "P2002") throw new ScimError(409, "uniqueness", TAKEN.email);
  throw e;
}

const audit = (tx: Tx, actor: Actor, action: string, subjectId: string, data?: Record<string, unknown>) =>
  tx.auditLog.create({ data: { actorId: actor.id, action, subjectId, ...(data ? { data: data as object } : {}) } });

/**
 * POST /Users: a verified account without a password. An address that already has an account is a 409: an
 * identity provider links existing accounts by finding them first (`userName eq`), never by creating over them.
 */
export async function createScimUser(actor: Actor, input: ScimUserInput, now = new Date()): Promise<ScimUserRow> {
  assertAdmin(actor);
  const prisma = await db();
  return prisma
    .$transaction(async (tx) => {
      await lockAsActiveAdmin(tx, actor);
      await assertUnique(tx, input);
      const row = await tx.user.create({
        data: {
          email: input.email,
          name: input.name ?? null,
          externalId: input.externalId ?? null,
          emailVerified: now,
          passwordHash: null,
          deactivatedAt: input.active === false ? now : null,
        },
        select: SCIM_USER_SELECT,
      });
      await audit(tx, actor, "scim.user.created", row.id, { active: input.active !== false });
      return row;
    })
    .catch(uniqueViolation);
}

/**
 * PUT and PATCH /Users/{id}: sets what the input carries. `active: false` deactivates (sessions end in the same
 * transaction), `true` reactivates; a new userName is a new email address, confirmed by the identity provider.
 */
export async function updateScimUser(actor: Actor, id: string, input: Partial<ScimUserInput>, now = new Date()) {
  assertAdmin(actor);
  const prisma = await db();
  return prisma
    .$transaction(async (tx) => {
      await lockAsActiveAdmin(tx, actor);
      const cur = await tx.user.findUnique({
        where: { id },
        select: { email: true, name: true, externalId: true, deactivatedAt: true, emailVerified: true },
      });
      if (!cur) throw new NotFoundError();
      const data: Prisma.UserUpdateInput = {};
      const fields: string[] = [];
      if (input.email !== undefined && input.email !== cur.email) {
        data.email = input.email;
        data.emailVerified = cur.emailVerified ?? now;
        fields.push("userName");
      }
      if (input.name !== undefined && input.name !== cur.name) {
        data.name = input.name;
        fields.push("name");
      }
      if (input.externalId !== undefined && input.externalId !== cur.externalId) {
        data.externalId = input.externalId;
        fields.push("externalId");
      }
      await assertUnique(tx, { email: data.email as string | undefined, externalId: input.externalId }, id);
      const wasActive = cur.deactivatedAt === null;
      const deactivate = input.active === false && wasActive;
      const reactivate = input.active === true && !wasActive;
      if (deactivate && id === actor.id)
        throw new ScimError(400, "invalidValue", "The owner of this token cannot be deactivated with it.");
      if (deactivate) data.deactivatedAt = now;
      if (reactivate) data.deactivatedAt = null;
      if (fields.length === 0 && !deactivate && !reactivate) return;
      await tx.user.update({ where: { id }, data });
      if (deactivate) await tx.session.deleteMany({ where: { userId: id } });
      if (fields.length) await audit(tx, actor, "scim.user.updated", id, { fields });
      if (deactivate) await audit(tx, actor, "scim.user.deactivated", id);
      if (reactivate) await audit(tx, actor, "scim.user.reactivated", id);
    })
    .catch(uniqueViolation);
}

/**
 * DELETE /Users/{id}: deactivates the account (sessions end, sign-in refused) and detaches its externalId, and keeps
 * everything else: ratings, reviews and team history stay for the organisation's reports, and an administrator can
 * delete the account for good at /admin/users. Entra ID sends DELETE only after its own soft-delete period (Okta
 * never does); if the person comes back, the provider finds the account by userName and reactivates it, history and
 * all. The detached externalId can then be given to someone else without a uniqueness conflict.
 */
export async function deleteScimUser(actor: Actor, id: string, now = new Date()): Promise<void> {
  assertAdmin(actor);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    const cur = await tx.user.findUnique({ where: { id }, select: { deactivatedAt: true, externalId: true } });
    if (!cur) throw new NotFoundError();
    if (id === actor.id)
      throw new ScimError(400, "invalidValue", "The owner of this token cannot be deactivated with it.");
    await tx.user.update({ where: { id }, data: { deactivatedAt: cur.deactivatedAt ?? now, externalId: null } });
    await tx.session.deleteMany({ where: { userId: id } });
    await audit(tx, actor, "scim.user.deleted", id, { deactivated: true, externalIdDetached: cur.externalId !== null });
  });
}
