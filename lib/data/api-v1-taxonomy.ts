import "server-only";
import { db } from "./db";
import { DataError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { lockAsActiveAdmin } from "./admin-lock";
import { applyTaxonomyInTx, type ApplyResult } from "./taxonomy-sync";
import { page, type Key, type PageOptions } from "./api-v1-page";
import type { Actor } from "@/lib/data/policy";
import type { Taxonomy } from "@/lib/domain/types";

/** Skills of the active taxonomy (public), by id; optionally one category's. */
export async function listSkills({
  category,
  limit,
  cursor,
}: PageOptions<Key<"skills">> & { category: string | null }) {
  const taxonomy = await getTaxonomy();
  const rows = taxonomy.skills
    .filter((s) => (!category || s.category === category) && (!cursor || s.id > cursor[0]))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit + 1);
  return page(
    "skills",
    rows,
    limit,
    (s) => [s.id],
    (s) => ({
      id: s.id,
      name: s.name,
      category: s.category,
      description: s.description,
      tools: [...s.tools],
      aliases: [...s.aliases],
      prerequisites: [...s.prerequisites],
    }),
  );
}

/**
 * Applies a validated taxonomy as the admin import does, in one transaction that first re-reads the owner under the
 * admin lock: an owner demoted or deactivated a moment ago gets "not found" and nothing changes.
 */
export async function replaceTaxonomy(actor: Actor, taxonomy: Taxonomy): Promise<ApplyResult> {
  const prisma = await db();
  try {
    return await prisma.$transaction(
      async (tx) => {
        await lockAsActiveAdmin(tx, actor);
        return applyTaxonomyInTx(tx, taxonomy, actor.id);
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (e) {
    // The import names the file; here the document's version is the field at fault.
    if (e instanceof DataError && e.fieldErrors.file) throw new DataError(e.message, { version: e.fieldErrors.file });
    throw e;
  }
}
