import "server-only";
import { db } from "./db";
import { lockAsActiveAdmin } from "./admin-lock";
import { ConflictError, DataError } from "./errors";
import type { Actor } from "./policy";
import { readTaxonomy } from "./taxonomy-read";
import { applyTaxonomyInTx, type ApplyResult } from "./taxonomy-sync";
import { assertAdmin, DRAFT_CHANGED, DRAFT_ID, lockDraft, parseContent, TX } from "./taxonomy-draft-store";
import { validationError } from "./taxonomy-draft-words";
import { isStorableText } from "@/lib/domain/storable-text";
import { diffTaxonomy, isEmptyDiff } from "@/lib/domain/taxonomy-diff";
import { validateTaxonomy } from "@/lib/taxonomy/validate";

export const VERSION_MAX = 50;

export const staleMessage = (version: string) =>
  `The published taxonomy changed since this draft began (version ${version} was applied). Discard the draft and start again.`;

/**
 * Admin: publishes exactly the previewed draft (`revision`) as version `version`, in one transaction: refused when
 * the draft changed, when another version was applied since it began, when the version string was ever used, or
 * when it changes nothing. Applied like an import (ratings kept, missing skills and roles retired, old names kept
 * as aliases); the draft is then deleted. Two admins publishing at once: one wins, the other is refused.
 */
export async function publishDraft(actor: Actor, input: { revision: number; version: string }): Promise<ApplyResult> {
  assertAdmin(actor);
  const version = typeof input.version === "string" ? input.version.trim() : "";
  const versionProblem = !version
    ? "Version: enter a version name, such as 2026.12."
    : version.length > VERSION_MAX || !isStorableText(version)
      ? `Version: use at most ${VERSION_MAX} characters of plain text.`
      : null;
  if (versionProblem) throw new DataError(versionProblem, { version: [versionProblem] });
  if (!Number.isInteger(input.revision)) throw new ConflictError(DRAFT_CHANGED);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await lockAsActiveAdmin(tx, actor);
    const row = await lockDraft(tx, input.revision);
    const latest = await tx.taxonomyVersion.findFirst({ orderBy: { id: "desc" }, select: { id: true, version: true } });
    if (latest && latest.id > row.baseVersionId) {
      const m = staleMessage(latest.version);
      throw new DataError(m, { revision: [m] });
    }
    if ((await tx.taxonomyVersion.count({ where: { version } })) > 0) {
      const m = `Version: ${version} was already used; choose a version name that was never published.`;
      throw new DataError(m, { version: [m] });
    }
    const checked = validateTaxonomy({ ...parseContent(row.content), version });
    if (!checked.ok) throw validationError(checked.errors, parseContent(row.content), () => null, "revision");
    const diff = diffTaxonomy(await readTaxonomy(tx, latest?.version), checked.taxonomy);
    if (isEmptyDiff(diff)) {
      const m = "The draft changes nothing yet, so there is nothing to publish.";
      throw new DataError(m, { revision: [m] });
    }
    const result = await applyTaxonomyInTx(tx, checked.taxonomy, actor.id);
    await tx.taxonomyDraft.delete({ where: { id: DRAFT_ID } });
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "taxonomy.published",
        data: {
          version,
          revision: row.revision,
          skillsChanged: diff.skills.changed.map((s) => s.id),
          skillsAdded: diff.skills.added.map((s) => s.id),
          rolesChanged: diff.roles.changed.map((r) => r.id),
          retiredSkills: result.retiredSkills,
          retiredRoles: result.retiredRoles,
        },
      },
    });
    return result;
  }, TX);
}
