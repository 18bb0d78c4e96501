import "server-only";
import { db } from "./db";
import type { Tx } from "./open";
import { DataError, NotFoundError } from "./errors";
import type { Actor } from "./policy";
import { applyTaxonomyInTx } from "./taxonomy-sync";
import { assertAdmin, usableId } from "./skill-merge-checks";
import { blockedMessage, blockingVersion, undoSchema, type Undo } from "./skill-merge-record";
import {
  bigints,
  chunks,
  inTransaction,
  lockForMerge,
  lockPeopleAndSkills,
  newVersion,
  rebuildCurrent,
} from "./skill-merge-tx";
import { Prisma } from "@/lib/generated/prisma/client";

export type UnmergeResult = { version: string; ratings: number; appendedRemoved: number };

/**
 * Admin: undoes the newest merge not yet undone, while its taxonomy is still the one in force. Moved rows go back
 * to B, appended rows go, rows set aside are restored, the pre-merge taxonomy is applied again as a new version.
 * Ratings, goals and endorsements made on A since the merge stay on A.
 */
export async function unmergeLatest(actor: Actor, { mergeId }: { mergeId: string }): Promise<UnmergeResult> {
  assertAdmin(actor);
  if (!usableId(mergeId)) throw new NotFoundError();
  const prisma = await db();
  return inTransaction(prisma, async (tx) => {
    await lockForMerge(tx, actor);
    const merge = await tx.skillMerge.findUnique({ where: { id: mergeId } });
    if (!merge) throw new NotFoundError();
    const refuse = (m: string) => new DataError(m, { mergeId: [m] });
    if (merge.undoneAt) throw refuse("This merge was already undone.");
    const newest = await tx.skillMerge.findFirst({
      where: { undoneAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    if (newest?.id !== merge.id) throw refuse("Only the newest merge can be undone; undo the later ones first.");
    const parsed = undoSchema.safeParse(merge.undo);
    if (!parsed.success) throw refuse("The record of this merge cannot be read, so it cannot be undone.");
    const undo = parsed.data;
    const blocker = await blockingVersion(tx, { createdAt: merge.createdAt, versionId: undo.versionId });
    if (blocker) throw refuse(blockedMessage(blocker));

    const [A, B] = [merge.targetId, merge.sourceId];
    await lockPeopleAndSkills(tx, undo.people, [A, B]);
    let ratings = 0;
    let appendedRemoved = 0;
    for (const part of chunks(undo.ratings.moved))
      ratings +=
        await tx.$executeRaw`UPDATE "Rating" SET "skillId" = ${B} WHERE "skillId" = ${A} AND id IN (${bigints(part)})`;
    for (const part of chunks(undo.ratings.appended))
      appendedRemoved += await tx.$executeRaw`DELETE FROM "Rating" WHERE "skillId" = ${A} AND id IN (${bigints(part)})`;
    await restoreRelated(tx, A, B, undo);

    const current = await tx.taxonomyVersion.findFirstOrThrow({ orderBy: { id: "desc" }, select: { version: true } });
    const version = await newVersion(tx, current.version, "unmerge");
    await applyTaxonomyInTx(tx, { ...undo.taxonomy, version }, actor.id);
    const applied = await tx.taxonomyVersion.findFirstOrThrow({ orderBy: { id: "desc" }, select: { id: true } });
    // Applying never drops an alias, so A would keep B's name and aliases: put back exactly what A had.
    const targetBefore = undo.taxonomy.skills.find((s) => s.id === A);
    if (targetBefore) await tx.skill.update({ where: { id: A }, data: { aliases: targetBefore.aliases } });
    await tx.skill.update({ where: { id: B }, data: { mergedIntoId: null } });

    const people = await tx.user.findMany({ where: { id: { in: undo.people } }, select: { id: true } });
    await rebuildCurrent(
      tx,
      people.map((p) => p.id),
      [A, B],
    );
    await tx.$executeRaw`UPDATE "SkillMerge" SET "undoneAt" = ${new Date()},
      "undo" = jsonb_set("undo", '{unmergeVersionId}', to_jsonb(${applied.id}::int)) WHERE id = ${merge.id}`;
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "skill.unmerged",
        data: { mergeId: merge.id, sourceId: B, targetId: A, version, ratings, appendedRemoved },
      },
    });
    return { version, ratings, appendedRemoved };
  });
}

/** The unmerge's half of moveRelated: moved rows back to B (unless B has that row again), set-aside rows restored. */
async function restoreRelated(tx: Tx, A: string, B: string, undo: Undo) {
  for (const part of chunks(undo.goals))
    await tx.$executeRaw`UPDATE "Goal" SET "skillId" = ${B} WHERE "skillId" = ${A} AND id IN (${Prisma.join(part)})`;
  for (const part of chunks(undo.comments))
    await tx.$executeRaw`UPDATE "ReviewComment" SET "skillId" = ${B} WHERE "skillId" = ${A} AND id IN (${Prisma.join(part)})`;
  for (const part of chunks(undo.amendments))
    await tx.$executeRaw`UPDATE "ReviewAmendment" SET "skillId" = ${B} WHERE "skillId" = ${A} AND id IN (${Prisma.join(part)})`;
  for (const part of chunks(undo.endorsements.moved))
    await tx.$executeRaw`UPDATE "Endorsement" e SET "skillId" = ${B} WHERE e."skillId" = ${A} AND e.id IN (${Prisma.join(part)})
      AND NOT EXISTS (SELECT 1 FROM "Endorsement" x WHERE x."skillId" = ${B} AND x."userId" = e."userId" AND x."endorserId" = e."endorserId")`;
  for (const part of chunks(undo.teamTargets.moved))
    await tx.$executeRaw`UPDATE "TeamTargetSkill" t SET "skillId" = ${B} WHERE t."skillId" = ${A} AND t."teamId" IN (${Prisma.join(part)})
      AND NOT EXISTS (SELECT 1 FROM "TeamTargetSkill" x WHERE x."skillId" = ${B} AND x."teamId" = t."teamId")`;
  for (const part of chunks(undo.reviewSkills.moved))
    await tx.$executeRaw`UPDATE "ReviewSkill" r SET "skillId" = ${B} WHERE r."skillId" = ${A} AND r."reviewId" IN (${Prisma.join(part)})
      AND NOT EXISTS (SELECT 1 FROM "ReviewSkill" x WHERE x."skillId" = ${B} AND x."reviewId" = r."reviewId")`;

  // Rows set aside come back unless their person, team or review was deleted since (then they went with it), or the
  // same endorser has endorsed again since (the newer endorsement stays).
  const e = undo.endorsements.removed;
  const [users, teams, reviews] = await Promise.all([
    e.length
      ? tx.user.findMany({ where: { id: { in: e.flatMap((r) => [r.userId, r.endorserId]) } }, select: { id: true } })
      : [],
    undo.teamTargets.removed.length
      ? tx.team.findMany({ where: { id: { in: undo.teamTargets.removed.map((r) => r.teamId) } }, select: { id: true } })
      : [],
    undo.reviewSkills.removed.length
      ? tx.review.findMany({
          where: { id: { in: undo.reviewSkills.removed.map((r) => r.reviewId) } },
          select: { id: true },
        })
      : [],
  ]);
  const has = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
  const [user, team, review] = [has(users), has(teams), has(reviews)];
  const endorsements = e.filter((r) => user.has(r.userId) && user.has(r.endorserId));
  if (endorsements.length)
    await tx.endorsement.createMany({
      data: endorsements.map((r) => ({ ...r, createdAt: new Date(r.createdAt) })),
      skipDuplicates: true,
    });
  const targets = undo.teamTargets.removed.filter((r) => team.has(r.teamId));
  if (targets.length) await tx.teamTargetSkill.createMany({ data: targets, skipDuplicates: true });
  const reviewSkills = undo.reviewSkills.removed.filter((r) => review.has(r.reviewId));
  if (reviewSkills.length) await tx.reviewSkill.createMany({ data: reviewSkills, skipDuplicates: true });
}
