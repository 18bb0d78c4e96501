import "server-only";
import { db } from "./db";
import type { Tx } from "./open";
import { DataError } from "./errors";
import type { Actor } from "./policy";
import { readTaxonomy } from "./taxonomy-read";
import { applyTaxonomyInTx } from "./taxonomy-sync";
import { assertAdmin, checkedMerge, checkedPair, type MergeSkillsOptions } from "./skill-merge-checks";
import type { Undo } from "./skill-merge-record";
import { inTransaction, lockForMerge, lockPeopleAndSkills, newVersion, rebuildCurrent } from "./skill-merge-tx";
import { planRatingMerge } from "@/lib/domain/skill-merge";
import { toExportDocument } from "@/lib/taxonomy/load";

export const STALE_PREVIEW = "The numbers changed since the preview; review them again.";

export type MergeResult = {
  mergeId: string;
  version: string;
  people: number;
  ratings: number;
  appended: number;
  bothRated: number;
};

/**
 * Admin: merges skill `sourceId` (B) into `targetId` (A) in one transaction. Every rating row of B moves to A with
 * its dates and provenance; per person the higher current level wins (one copy of the winning row is appended when
 * it is not already the latest); goals, endorsements, team targets, review skills, comments and amendments follow
 * (where A already has the row, A's stays and B's is kept in the undo record); the taxonomy is rewritten as a new
 * version without B. With `expectedPeople`/`expectedRatings` (the confirmed preview), refused when they changed.
 */
export async function mergeSkills(actor: Actor, opts: MergeSkillsOptions): Promise<MergeResult> {
  assertAdmin(actor);
  const prisma = await db();
  return inTransaction(prisma, async (tx) => {
    await lockForMerge(tx, actor);
    const { source, target } = await checkedPair(tx, opts);
    const [A, B] = [target.id, source.id];
    await lockPeopleAndSkills(tx, { ratersOf: B }, [A, B]);
    const history = await tx.rating.findMany({
      where: { skillId: { in: [A, B] }, user: { ratings: { some: { skillId: B } } } },
    });
    const plan = planRatingMerge(
      history.map((r) => ({ ...r, id: String(r.id) })),
      { sourceId: B, targetId: A, now: new Date() },
    );
    if (
      (opts.expectedPeople !== undefined && opts.expectedPeople !== plan.people.length) ||
      (opts.expectedRatings !== undefined && opts.expectedRatings !== plan.moved.length)
    )
      throw new DataError(STALE_PREVIEW, { preview: [STALE_PREVIEW] });

    const before = await readTaxonomy(tx);
    const version = await newVersion(tx, before.version, "merge");
    const merged = checkedMerge(before, B, A, version);
    if (!merged.ok) throw new DataError(merged.problems[0]!, { targetId: merged.problems });

    const moved = await tx.$queryRaw<{ id: bigint }[]>`
      UPDATE "Rating" SET "skillId" = ${A} WHERE "skillId" = ${B} RETURNING id`;
    const expected = new Set(plan.moved);
    if (moved.length !== expected.size || moved.some((r) => !expected.has(String(r.id))))
      throw new DataError(STALE_PREVIEW, { preview: [STALE_PREVIEW] });
    const appended = plan.appended.length
      ? await tx.rating.createManyAndReturn({ data: plan.appended, select: { id: true } })
      : [];
    await rebuildCurrent(tx, plan.people, [A, B]);
    const rows = await moveRelated(tx, A, B, plan.levels);

    await applyTaxonomyInTx(tx, merged.taxonomy, actor.id);
    const applied = await tx.taxonomyVersion.findFirstOrThrow({ orderBy: { id: "desc" }, select: { id: true } });
    await tx.skill.update({ where: { id: B }, data: { mergedIntoId: A } });
    const undo: Undo = {
      taxonomy: toExportDocument(before),
      versionId: applied.id,
      people: plan.people,
      ratings: { moved: plan.moved, appended: appended.map((r) => String(r.id)) },
      ...rows,
    };
    const merge = await tx.skillMerge.create({
      data: {
        sourceId: B,
        targetId: A,
        byId: actor.id,
        createdAt: new Date(),
        undo,
        people: plan.people.length,
        ratings: plan.moved.length,
      },
      select: { id: true },
    });
    const counts = {
      people: plan.people.length,
      ratings: plan.moved.length,
      appended: appended.length,
      bothRated: plan.bothRated,
    };
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "skill.merged",
        data: {
          mergeId: merge.id,
          sourceId: B,
          targetId: A,
          version,
          ...counts,
          goals: rows.goals.length,
          endorsementsMoved: rows.endorsements.moved.length,
          endorsementsSetAside: rows.endorsements.removed.length,
          teamTargetsMoved: rows.teamTargets.moved.length,
          teamTargetsSetAside: rows.teamTargets.removed.length,
          reviewSkillsMoved: rows.reviewSkills.moved.length,
          reviewSkillsSetAside: rows.reviewSkills.removed.length,
        },
      },
    });
    return { mergeId: merge.id, version, ...counts };
  });
}

/**
 * Goals, comments, amendments, endorsements, team targets and review skills of B move to A. Where A has the same row
 * (same endorser of the same person, same team, same review), A's stays and B's is deleted after being copied whole
 * into the undo record; for endorsements the one vouching for the person's level after the merge stays.
 */
async function moveRelated(tx: Tx, A: string, B: string, levels: Record<string, number>) {
  const [endorsements, teamTargets, reviewSkills] = await Promise.all([
    tx.endorsement.findMany({
      where: { OR: [{ skillId: B }, { skillId: A, user: { endorsementsReceived: { some: { skillId: B } } } }] },
    }),
    tx.teamTargetSkill.findMany({
      where: { OR: [{ skillId: B }, { skillId: A, team: { targetSkills: { some: { skillId: B } } } }] },
    }),
    tx.reviewSkill.findMany({
      where: { OR: [{ skillId: B }, { skillId: A, review: { skills: { some: { skillId: B } } } }] },
    }),
  ]);
  const removedEndorsements = endorsements.flatMap((b) => {
    if (b.skillId !== B) return [];
    const a = endorsements.find((x) => x.skillId === A && x.userId === b.userId && x.endorserId === b.endorserId);
    if (!a) return [];
    const level = levels[b.userId];
    return [b.level === level && a.level !== level ? a : b];
  });
  const hasA = <T extends { skillId: string }>(list: T[], same: (x: T, y: T) => boolean) =>
    list.filter((b) => b.skillId === B && list.some((a) => a.skillId === A && same(a, b)));
  const removedTargets = hasA(teamTargets, (x, y) => x.teamId === y.teamId);
  const removedReviewSkills = hasA(reviewSkills, (x, y) => x.reviewId === y.reviewId);

  if (removedEndorsements.length)
    await tx.endorsement.deleteMany({ where: { id: { in: removedEndorsements.map((e) => e.id) } } });
  if (removedTargets.length)
    await tx.teamTargetSkill.deleteMany({ where: { skillId: B, teamId: { in: removedTargets.map((r) => r.teamId) } } });
  if (removedReviewSkills.length)
    await tx.reviewSkill.deleteMany({
      where: { skillId: B, reviewId: { in: removedReviewSkills.map((r) => r.reviewId) } },
    });

  const [goals, comments, amendments, movedEndorsements, movedTargets, movedReviewSkills] = await Promise.all([
    tx.$queryRaw<{ id: string }[]>`UPDATE "Goal" SET "skillId" = ${A} WHERE "skillId" = ${B} RETURNING id`,
    tx.$queryRaw<{ id: string }[]>`UPDATE "ReviewComment" SET "skillId" = ${A} WHERE "skillId" = ${B} RETURNING id`,
    tx.$queryRaw<{ id: string }[]>`UPDATE "ReviewAmendment" SET "skillId" = ${A} WHERE "skillId" = ${B} RETURNING id`,
    tx.$queryRaw<{ id: string }[]>`UPDATE "Endorsement" SET "skillId" = ${A} WHERE "skillId" = ${B} RETURNING id`,
    tx.$queryRaw<
      { id: string }[]
    >`UPDATE "TeamTargetSkill" SET "skillId" = ${A} WHERE "skillId" = ${B} RETURNING "teamId" AS id`,
    tx.$queryRaw<
      { id: string }[]
    >`UPDATE "ReviewSkill" SET "skillId" = ${A} WHERE "skillId" = ${B} RETURNING "reviewId" AS id`,
  ]);
  const list = (rows: { id: string }[]) => rows.map((r) => r.id);
  return {
    goals: list(goals),
    comments: list(comments),
    amendments: list(amendments),
    endorsements: {
      moved: list(movedEndorsements),
      removed: removedEndorsements.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    },
    teamTargets: { moved: list(movedTargets), removed: removedTargets },
    reviewSkills: { moved: list(movedReviewSkills), removed: removedReviewSkills },
  };
}
