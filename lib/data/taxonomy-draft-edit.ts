import "server-only";
import { db } from "./db";
import type { Tx } from "./open";
import { lockAsActiveAdmin } from "./admin-lock";
import { ConflictError, DataError, type FieldErrors } from "./errors";
import type { Actor } from "./policy";
import { readTaxonomy } from "./taxonomy-read";
import {
  assertAdmin,
  DRAFT_CHANGED,
  DRAFT_ID,
  lockDraft,
  parseContent,
  readDraft,
  TX,
  type DraftView,
} from "./taxonomy-draft-store";
import { validationError, type FieldOf } from "./taxonomy-draft-words";
import { Prisma } from "@/lib/generated/prisma/client";
import { unstorablePaths } from "@/lib/domain/storable-text";
import type { Taxonomy } from "@/lib/domain/types";
import { toExportDocument } from "@/lib/taxonomy/load";
import { validateTaxonomy } from "@/lib/taxonomy/validate";

/**
 * Admin: starts the shared draft from the active taxonomy (the export format), or returns the one that exists.
 * Admins starting at the same moment get the same single draft.
 */
export async function startDraft(actor: Actor): Promise<DraftView> {
  assertAdmin(actor);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    const exists = await tx.taxonomyDraft.count({ where: { id: DRAFT_ID } });
    if (exists === 0) {
      const latest = await tx.taxonomyVersion.findFirst({
        orderBy: { id: "desc" },
        select: { id: true, version: true },
      });
      const content = JSON.stringify(toExportDocument(await readTaxonomy(tx, latest?.version ?? "none")));
      const inserted = await tx.$executeRaw`
        INSERT INTO "TaxonomyDraft" ("id", "baseVersionId", "content", "revision", "updatedById", "updatedAt")
        VALUES (${DRAFT_ID}, ${latest?.id ?? 0}, ${content}::jsonb, 1, ${actor.id}, now())
        ON CONFLICT ("id") DO NOTHING`;
      if (inserted > 0)
        await tx.auditLog.create({
          data: { actorId: actor.id, action: "taxonomy.draft.started", data: { baseVersion: latest?.version ?? null } },
        });
    }
    return (await readDraft(tx))!;
  }, TX);
}

/** Refuses text Postgres cannot store, naming the field; checked before anything is read. */
export function assertStorable(input: object) {
  const bad = unstorablePaths(input);
  if (bad.length === 0) return;
  const errors: FieldErrors = {};
  for (const path of bad)
    errors[path.join(".") || "_form"] = ["Contains a NUL or broken unicode character; remove it and try again."];
  throw new DataError("Some text contains a NUL or broken unicode character; nothing was changed.", errors);
}

type Edit<T> = {
  /** The edit's result (besides the new revision). */
  result: T;
  /** Maps a validation error's path ("skills[3].levels[2]") to the form's field ("levels.2"); null: the whole form. */
  fieldOf: FieldOf;
  /** The field that carries problems found elsewhere in the draft (the edited item's id, usually). */
  other: string;
  /** What the audit row records about the edit, from the validated draft. */
  audit: (valid: Taxonomy) => Record<string, unknown>;
};

/**
 * One edit of the draft, in one transaction: admin re-checked, row locked, revision compared, `edit` applied to a
 * copy, the copy validated exactly as a JSON import is (nothing changes when it is invalid), saved with revision + 1,
 * audited.
 */
export async function editDraft<T>(
  actor: Actor,
  revision: number,
  edit: (t: Taxonomy, tx: Tx) => Promise<Edit<T>> | Edit<T>,
): Promise<T & { revision: number }> {
  assertAdmin(actor);
  if (!Number.isInteger(revision)) throw new ConflictError(DRAFT_CHANGED);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    const row = await lockDraft(tx, revision);
    const t = parseContent(row.content);
    const { result, fieldOf, other, audit } = await edit(t, tx);
    const checked = validateTaxonomy(t);
    if (!checked.ok) throw validationError(checked.errors, t, fieldOf, other);
    const content = JSON.stringify(toExportDocument(checked.taxonomy));
    await tx.$executeRaw`
      UPDATE "TaxonomyDraft" SET "content" = ${content}::jsonb, "revision" = "revision" + 1,
        "updatedById" = ${actor.id}, "updatedAt" = now()
      WHERE "id" = ${DRAFT_ID}`;
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "taxonomy.draft.edited",
        data: { ...audit(checked.taxonomy), revision: row.revision + 1 } as Prisma.InputJsonObject,
      },
    });
    return { ...result, revision: row.revision + 1 };
  }, TX);
}

/** Admin: throws the draft away (nothing published). Refused when another admin changed it since `revision`. */
export async function discardDraft(actor: Actor, input: { revision: number }): Promise<void> {
  assertAdmin(actor);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    const row = await lockDraft(tx, input.revision);
    await tx.taxonomyDraft.delete({ where: { id: DRAFT_ID } });
    await tx.auditLog.create({
      data: { actorId: actor.id, action: "taxonomy.draft.discarded", data: { revision: row.revision } },
    });
  }, TX);
}
