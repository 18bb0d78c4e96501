import "server-only";
import { DataError, NotFoundError } from "./errors";
import { canAdminister, type Actor } from "./policy";
import type { Tx } from "./open";
import { mergeTaxonomy } from "@/lib/domain/skill-merge";
import { isStorableText } from "@/lib/domain/storable-text";
import type { Taxonomy } from "@/lib/domain/types";
import { formatTaxonomyErrors, parseTaxonomyDocument, toExportDocument } from "@/lib/taxonomy/load";

/** Whether two skills can be merged: the admin check, the pair, and the merged taxonomy. */

const SAME = "Choose two different skills: a skill cannot be merged into itself.";
const PICK = "Choose a skill from the list.";

export type MergePair = { sourceId: string; targetId: string };
export type MergeSkillsOptions = MergePair & { expectedPeople?: number; expectedRatings?: number };
export type Named = { id: string; name: string };

export function assertAdmin(actor: Actor) {
  if (!canAdminister(actor)) throw new NotFoundError();
}

export const usableId = (id: unknown): id is string =>
  typeof id === "string" && id.length > 0 && id.length <= 200 && isStorableText(id);

/** The two skills, or a field message saying why they cannot be merged (same, unknown, retired, already merged). */
export async function checkedPair(client: Tx, { sourceId, targetId }: MergePair) {
  if (!usableId(sourceId)) throw new DataError(PICK, { sourceId: [PICK] });
  if (!usableId(targetId)) throw new DataError(PICK, { targetId: [PICK] });
  if (sourceId === targetId) throw new DataError(SAME, { targetId: [SAME] });
  const rows = await client.skill.findMany({
    where: { id: { in: [sourceId, targetId] } },
    select: { id: true, name: true, retired: true, mergedIntoId: true },
  });
  const check = (id: string, field: string) => {
    const s = rows.find((r) => r.id === id);
    if (!s) throw new DataError(PICK, { [field]: [PICK] });
    const why = s.mergedIntoId
      ? `“${s.name}” was already merged into another skill.`
      : s.retired
        ? `“${s.name}” is retired; only active skills can be merged.`
        : null;
    if (why) throw new DataError(why, { [field]: [why] });
    return { id: s.id, name: s.name };
  };
  return { source: check(sourceId, "sourceId"), target: check(targetId, "targetId") };
}

/** The taxonomy after the merge, checked as an import would be; the problems say why not in the user's words. */
export function checkedMerge(t: Taxonomy, sourceId: string, targetId: string, version: string) {
  const merged = mergeTaxonomy(t, sourceId, targetId, version);
  if (!merged.ok) return merged;
  const valid = parseTaxonomyDocument(toExportDocument(merged.taxonomy), "merged taxonomy");
  if (valid.ok) return merged;
  return {
    ok: false as const,
    problems: [`The merged taxonomy would not be valid: ${formatTaxonomyErrors(valid.errors.slice(0, 3))}`],
  };
}
