import "server-only";
import { z } from "zod";
import type { Tx } from "./open";
import { taxonomyDocumentSchema } from "@/lib/taxonomy/schema";

/** What a merge keeps so that it can be undone, and whether it still can be. */

const endorsementRow = z.object({
  id: z.string(),
  userId: z.string(),
  skillId: z.string(),
  endorserId: z.string(),
  level: z.number(),
  comment: z.string().nullable(),
  hidden: z.boolean(),
  createdAt: z.string(),
});
const teamTargetRow = z.object({ teamId: z.string(), skillId: z.string(), level: z.number(), count: z.number() });
const reviewSkillRow = z.object({
  reviewId: z.string(),
  skillId: z.string(),
  selfLevel: z.number().nullable(),
  managerLevel: z.number().nullable(),
  agreedLevel: z.number().nullable(),
});
const ids = z.array(z.string());
/** What an unmerge needs: every row moved (by id), every row appended or removed (removed ones whole). */
export const undoSchema = z.object({
  taxonomy: taxonomyDocumentSchema,
  versionId: z.number(),
  unmergeVersionId: z.number().optional(),
  people: ids,
  ratings: z.object({ moved: ids, appended: ids }),
  goals: ids,
  comments: ids,
  amendments: ids,
  endorsements: z.object({ moved: ids, removed: z.array(endorsementRow) }),
  teamTargets: z.object({ moved: ids, removed: z.array(teamTargetRow) }),
  reviewSkills: z.object({ moved: ids, removed: z.array(reviewSkillRow) }),
});
export type Undo = z.infer<typeof undoSchema>;

type Blocker = { version: string; appliedAt: Date };

/**
 * The first taxonomy version applied after the merge's own that is not part of a later merge undone since (which
 * put back what it changed), or null when the merge's taxonomy is still the one in force.
 */
export async function blockingVersion(
  client: Tx,
  merge: { createdAt: Date; versionId: number },
): Promise<Blocker | null> {
  const [later, undone] = await Promise.all([
    client.taxonomyVersion.findMany({
      where: { id: { gt: merge.versionId } },
      orderBy: { id: "asc" },
      select: { id: true, version: true, appliedAt: true },
    }),
    client.$queryRaw<{ v: number | null; u: number | null }[]>`
      SELECT ("undo"->>'versionId')::int AS v, ("undo"->>'unmergeVersionId')::int AS u
      FROM "SkillMerge" WHERE "undoneAt" IS NOT NULL AND "createdAt" >= ${merge.createdAt}`,
  ]);
  const ours = new Set(undone.flatMap((r) => [r.v, r.u]));
  return later.find((v) => !ours.has(v.id)) ?? null;
}

export const blockedMessage = (b: Blocker) =>
  `Version ${b.version} of the taxonomy was applied after this merge (${b.appliedAt.toISOString().slice(0, 16).replace("T", " ")} UTC), ` +
  "so the merge can no longer be undone here. To go back, import a taxonomy export from before the merge.";
