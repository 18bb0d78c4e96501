import "server-only";
import type { Db, Tx } from "./open";
import { ConflictError, NotFoundError } from "./errors";
import { canAdminister, type Actor } from "./policy";
import type { Taxonomy } from "@/lib/domain/types";
import { toExportDocument } from "@/lib/taxonomy/load";

/** The shared draft's row: reading it, locking it for an edit, and the refusals every write of it shares. */

/** The organisation has one shared draft: its row always has this id. */
export const DRAFT_ID = 1;
export const TX = { timeout: 60_000, maxWait: 10_000 };

export const DRAFT_CHANGED =
  "Another admin changed the draft since you opened it. Your edits are still in the form: reload the page to see their changes, then make yours again.";
export const DRAFT_GONE =
  "The draft was published or discarded by another admin since you opened it. Your edits are still in the form; start a new draft to make them.";

export type DraftView = {
  taxonomy: Taxonomy;
  revision: number;
  baseVersionId: number;
  /** The version the draft started from. */
  baseVersion: string;
  /** True once another version was applied after the draft began: it can no longer be published. */
  stale: boolean;
  /** The newest version applied since the draft began (when stale). */
  appliedSince: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Who last changed it: name or email, "a deleted user", or null. */
  updatedBy: string | null;
};

export function assertAdmin(actor: Actor) {
  if (!canAdminister(actor)) throw new NotFoundError();
}

export type DraftRow = { baseVersionId: number; content: string; revision: number; updatedById: string | null };

/**
 * The stored content, as a fresh mutable taxonomy (validated when written; re-validated before publishing), with the
 * export format's key order back (jsonb stores keys in its own order).
 */
export function parseContent(content: string): Taxonomy {
  return toExportDocument(JSON.parse(content) as Taxonomy);
}

export async function readDraft(client: Db | Tx): Promise<DraftView | null> {
  const rows = await client.$queryRaw<(DraftRow & { createdAt: Date; updatedAt: Date })[]>`
    SELECT "baseVersionId", "content"::text AS "content", "revision", "updatedById", "createdAt", "updatedAt"
    FROM "TaxonomyDraft" WHERE "id" = ${DRAFT_ID}`;
  const row = rows[0];
  if (!row) return null;
  const [newest, by] = await Promise.all([
    client.taxonomyVersion.findFirst({ orderBy: { id: "desc" }, select: { id: true, version: true } }),
    row.updatedById
      ? client.user.findUnique({ where: { id: row.updatedById }, select: { name: true, email: true } })
      : null,
  ]);
  const taxonomy = parseContent(row.content);
  const stale = newest !== null && newest.id > row.baseVersionId;
  return {
    taxonomy,
    revision: row.revision,
    baseVersionId: row.baseVersionId,
    baseVersion: taxonomy.version,
    stale,
    appliedSince: stale ? newest.version : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedById ? (by ? by.name?.trim() || by.email : "a deleted user") : null,
  };
}

/** Locks the draft row for the rest of the transaction; refuses when it is gone or was changed since `revision`. */
export async function lockDraft(tx: Tx, revision: number): Promise<DraftRow> {
  const rows = await tx.$queryRaw<DraftRow[]>`
    SELECT "baseVersionId", "content"::text AS "content", "revision", "updatedById"
    FROM "TaxonomyDraft" WHERE "id" = ${DRAFT_ID} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new ConflictError(DRAFT_GONE, { revision: null });
  if (row.revision !== revision) throw new ConflictError(DRAFT_CHANGED, { revision: row.revision });
  return row;
}
