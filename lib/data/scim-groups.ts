import "server-only";
import SCIMMY from "scimmy";
import { db } from "./db";
import type { Tx } from "./open";
import { lockAsActiveAdmin } from "./admin-lock";
import { NotFoundError } from "./errors";
import { canAdminister, type Actor } from "./policy";
import { applyMembers } from "./scim-group-members";
import { isStorableText, optionalText, requiredText, z } from "@/lib/validation";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * SCIM Groups (RFC 7643 §4.2) in ScimGroup / ScimGroupMember. A group feeds a team only once an administrator links
 * them (lib/data/scim-links.ts); from then on every membership change of the group is applied to the team in the
 * same transaction: people added become members (if not in the team already), people removed leave the team unless
 * they manage it (the manager role is the app's, not the identity provider's).
 */

const { Error: ScimError } = SCIMMY.Types;

/** Longest displayName kept (a team made from the group takes its first 100 characters). */
export const GROUP_NAME_MAX = 200;

const GROUP_SELECT = {
  id: true,
  displayName: true,
  externalId: true,
  teamId: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ScimGroupSelect;
const WITH_MEMBERS = {
  ...GROUP_SELECT,
  members: { orderBy: { userId: "asc" }, select: { user: { select: { id: true, name: true, email: true } } } },
} satisfies Prisma.ScimGroupSelect;
const select = (withMembers: boolean) => (withMembers ? WITH_MEMBERS : GROUP_SELECT);

type Row = Prisma.ScimGroupGetPayload<{ select: typeof WITH_MEMBERS }>;
export type ScimGroupRow = Omit<Row, "members"> & { members?: Row["members"] };

export type ScimGroupInput = { displayName: string; externalId?: string | null; memberIds?: string[] };
/** The group as the PATCH saw it (scimmy reads, patches, then writes): only what the patch changed is written. */
export type ScimGroupSnapshot = { displayName: string; externalId: string | null; memberIds: string[] };

const assertAdmin = (actor: Actor) => {
  if (!canAdminister(actor)) throw new NotFoundError();
};

const memberSchema = z.object({
  value: z
    .string({ message: "Each member needs a value: the id of a user." })
    .min(1, "Each member needs a value: the id of a user.")
    .max(200, "A member's value is not a user id.")
    .refine(isStorableText, "A member's value is not a user id."),
  type: z
    .string()
    .optional()
    .refine(
      (t) => t === undefined || t.toLowerCase() === "user",
      "Only users can be members; groups in groups are not supported.",
    ),
});
const inputSchema = z.object({
  displayName: requiredText(GROUP_NAME_MAX, "displayName", "displayName is missing."),
  externalId: optionalText(255, "externalId").optional(),
  members: z.array(memberSchema).max(50_000, "A group can have at most 50000 members.").optional(),
});

/** Checks a group from a request with the app's validation rules; a bad field is a 400 invalidValue. */
export function parseGroupInput(raw: Record<string, unknown>): ScimGroupInput {
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) throw new ScimError(400, "invalidValue", parsed.error.issues[0]!.message);
  const { displayName, externalId, members } = parsed.data;
  return { displayName, externalId, memberIds: members && [...new Set(members.map((m) => m.value))] };
}

/** A row as the SCIM Group resource scimmy formats; members only when they were read. */
export function toScimGroup(g: ScimGroupRow, origin: string) {
  return {
    id: g.id,
    displayName: g.displayName,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    ...(g.members
      ? {
          members: g.members.map(({ user }) => ({
            value: user.id,
            display: user.name ?? user.email,
            $ref: `${origin}/scim/v2/Users/${user.id}`,
            type: "User",
          })),
        }
      : {}),
    meta: { created: g.createdAt, lastModified: g.updatedAt },
  };
}

export function groupSnapshot(g: ScimGroupRow): ScimGroupSnapshot {
  return { displayName: g.displayName, externalId: g.externalId, memberIds: (g.members ?? []).map((m) => m.user.id) };
}

/** One page of groups matching `where`, oldest first (ties by id), and the total. */
export async function listScimGroups(
  actor: Actor,
  where: Prisma.ScimGroupWhereInput,
  skip: number,
  take: number,
  withMembers: boolean,
) {
  assertAdmin(actor);
  const prisma = await db();
  const [rows, total] = await Promise.all([
    take === 0
      ? Promise.resolve([])
      : prisma.scimGroup.findMany({
          where,
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          skip,
          take,
          select: select(withMembers),
        }),
    prisma.scimGroup.count({ where }),
  ]);
  return { rows: rows as ScimGroupRow[], total };
}

export async function getScimGroup(actor: Actor, id: string, withMembers = true): Promise<ScimGroupRow> {
  assertAdmin(actor);
  const prisma = await db();
  const row = await prisma.scimGroup.findUnique({ where: { id }, select: select(withMembers) });
  if (!row) throw new NotFoundError();
  return row;
}

const EXTERNAL_ID_TAKEN = "A group with this externalId already exists.";

async function assertExternalIdFree(tx: Tx, externalId: string | null | undefined, exceptId?: string) {
  if (!externalId) return;
  const clash = await tx.scimGroup.findFirst({
    where: { externalId, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new ScimError(409, "uniqueness", EXTERNAL_ID_TAKEN);
}

function uniqueViolation(e: unknown): never {
  if ((e as { code?: unknown })?.code === "P2002") throw new ScimError(409, "uniqueness", EXTERNAL_ID_TAKEN);
  throw e;
}

/** POST /Groups. A new group feeds no team until an administrator links it. */
export async function createScimGroup(actor: Actor, input: ScimGroupInput): Promise<string> {
  assertAdmin(actor);
  const prisma = await db();
  return prisma
    .$transaction(async (tx) => {
      await lockAsActiveAdmin(tx, actor);
      await assertExternalIdFree(tx, input.externalId);
      const group = await tx.scimGroup.create({
        data: { displayName: input.displayName, externalId: input.externalId ?? null },
        select: { id: true, teamId: true },
      });
      await tx.auditLog.create({
        data: { actorId: actor.id, action: "scim.group.created", subjectId: group.id },
      });
      await applyMembers(tx, actor, group, input.memberIds ?? [], []);
      return group.id;
    })
    .catch(uniqueViolation);
}

/**
 * PUT and PATCH /Groups/{id}. With `before` (PATCH), only the difference between what the patch read and what it
 * produced is written, so two PATCHes adding different people at the same moment both land. Without it (PUT), the
 * request is the whole truth: members it does not list leave (when it lists members at all).
 */
export async function updateScimGroup(
  actor: Actor,
  id: string,
  input: ScimGroupInput,
  before?: ScimGroupSnapshot,
): Promise<void> {
  assertAdmin(actor);
  const prisma = await db();
  await prisma
    .$transaction(async (tx) => {
      await lockAsActiveAdmin(tx, actor);
      const cur = await tx.scimGroup.findUnique({
        where: { id },
        select: { id: true, displayName: true, externalId: true, teamId: true },
      });
      if (!cur) throw new NotFoundError();
      const base = before ?? { displayName: cur.displayName, externalId: cur.externalId };
      const data: Prisma.ScimGroupUpdateInput = {};
      if (input.displayName !== base.displayName) data.displayName = input.displayName;
      if (input.externalId !== undefined && input.externalId !== base.externalId) {
        await assertExternalIdFree(tx, input.externalId, id);
        data.externalId = input.externalId;
      }
      if (Object.keys(data).length) {
        await tx.scimGroup.update({ where: { id }, data });
        await tx.auditLog.create({
          data: {
            actorId: actor.id,
            action: "scim.group.updated",
            subjectId: id,
            teamId: cur.teamId,
            data: { fields: Object.keys(data) },
          },
        });
      }
      if (input.memberIds === undefined && before === undefined) return;
      const wanted = new Set(input.memberIds ?? []);
      const had = new Set(
        before
          ? before.memberIds
          : (await tx.scimGroupMember.findMany({ where: { groupId: id }, select: { userId: true } })).map(
              (m) => m.userId,
            ),
      );
      const added = [...wanted].filter((u) => !had.has(u));
      const removed = [...had].filter((u) => !wanted.has(u));
      await applyMembers(tx, actor, cur, added, removed);
    })
    .catch(uniqueViolation);
}

/** DELETE /Groups/{id}: the group goes; a team it fed keeps its people (it is the app's, not the provider's). */
export async function deleteScimGroup(actor: Actor, id: string): Promise<void> {
  assertAdmin(actor);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    const cur = await tx.scimGroup.findUnique({
      where: { id },
      select: { teamId: true, _count: { select: { members: true } } },
    });
    if (!cur) throw new NotFoundError();
    await tx.scimGroup.delete({ where: { id } });
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "scim.group.deleted",
        subjectId: id,
        teamId: cur.teamId,
        data: { members: cur._count.members },
      },
    });
  });
}
