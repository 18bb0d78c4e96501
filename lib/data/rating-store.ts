import type { Tx } from "./open";
import type { RatingSource } from "@/lib/domain/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { DataError } from "./errors";

export type RatingInput = {
  skillId: string;
  level: number;
  note?: string | null;
  evidenceUrl?: string | null;
  wantsToGrow?: boolean;
  /** Evidence: one of the person's certifications (checked by the caller). Left out: the current one stays. */
  certificationId?: string | null;
};

/**
 * Rewrites the person's one-row summary of their current levels (PersonLevels) from CurrentRating. Called in the
 * transaction that changed a level, under the person's row lock, so the summary never disagrees with CurrentRating.
 */
export async function refreshLevelSummary(tx: Tx, userId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "PersonLevels" ("userId", "levels", "updatedAt")
    SELECT ${userId}, COALESCE(json_object_agg(c."skillId", c."level"), '{}'::json), now()
    FROM "CurrentRating" c WHERE c."userId" = ${userId}
    ON CONFLICT ("userId") DO UPDATE
    SET "levels" = EXCLUDED."levels", "version" = "PersonLevels"."version" + 1, "updatedAt" = EXCLUDED."updatedAt"`;
}

/**
 * Appends history rows and moves the current-rating pointer, inside the caller's transaction.
 * Entries identical to the current rating (same level, note, link and flag) are skipped, so saving an
 * unchanged form or re-importing a file adds no history. Returns how many rows were appended.
 * Endorsements of a rating whose level changes are withdrawn (deleted) in the same transaction: they vouched for
 * the old level. A level change also rewrites the person's PersonLevels summary.
 * Internal: callers have already checked that the actor may write for `userId`.
 */
export async function appendRatings(
  tx: Tx,
  userId: string,
  entries: RatingInput[],
  opts: { source: RatingSource; confirmedById?: string | null; reviewId?: string | null; at?: Date } = {
    source: "self",
  },
): Promise<number> {
  if (entries.length === 0) return 0;
  // One writer per person at a time: two saves racing on the same skills would otherwise both delete and both
  // re-insert the current row (unique violation → 500), and history order could disagree with the current pointer.
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
  // A skill being merged is row-locked by the merge: wait for it, then refuse a skill that now lives elsewhere, so no
  // rating lands on the retired duplicate (lib/data/skill-merge.ts takes the person's lock before the skill's).
  const skillIds = [...new Set(entries.map((e) => e.skillId))];
  const open = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Skill" WHERE id IN (${Prisma.join(skillIds)}) AND "mergedIntoId" IS NULL FOR KEY SHARE`;
  if (open.length !== skillIds.length) {
    const message = "This skill was merged into another one; reload the page and rate that one.";
    throw new DataError(message, { skillId: [message] });
  }
  const current = await tx.currentRating.findMany({
    where: { userId, skillId: { in: entries.map((e) => e.skillId) } },
  });
  const byId = new Map(current.map((c) => [c.skillId, c]));
  const at = opts.at ?? new Date();
  const certOf = (e: RatingInput) =>
    e.certificationId === undefined ? (byId.get(e.skillId)?.certificationId ?? null) : e.certificationId;
  const changed = entries.filter((e) => {
    const c = byId.get(e.skillId);
    return !(
      c &&
      c.level === e.level &&
      (c.note ?? null) === (e.note ?? null) &&
      (c.evidenceUrl ?? null) === (e.evidenceUrl ?? null) &&
      c.wantsToGrow === (e.wantsToGrow ?? false) &&
      (c.certificationId ?? null) === certOf(e) &&
      // a manager confirming the same level is news; a self-rating repeating a confirmed level is not
      (opts.source !== "manager" || c.source === "manager")
    );
  });
  if (changed.length === 0) return 0;
  const rows = await tx.rating.createManyAndReturn({
    data: changed.map((e) => ({
      userId,
      skillId: e.skillId,
      level: e.level,
      note: e.note ?? null,
      evidenceUrl: e.evidenceUrl ?? null,
      wantsToGrow: e.wantsToGrow ?? false,
      source: opts.source,
      confirmedById: opts.confirmedById ?? null,
      reviewId: opts.reviewId ?? null,
      certificationId: certOf(e),
      createdAt: at,
    })),
    select: { id: true, skillId: true },
  });
  const idBySkill = new Map(rows.map((r) => [r.skillId, r.id]));
  await tx.currentRating.deleteMany({ where: { userId, skillId: { in: changed.map((e) => e.skillId) } } });
  await tx.currentRating.createMany({
    data: changed.map((e) => ({
      userId,
      skillId: e.skillId,
      level: e.level,
      note: e.note ?? null,
      evidenceUrl: e.evidenceUrl ?? null,
      wantsToGrow: e.wantsToGrow ?? false,
      source: opts.source,
      ratingId: idBySkill.get(e.skillId)!,
      certificationId: certOf(e),
      updatedAt: at,
    })),
  });
  const levelChanged = changed.filter((e) => byId.get(e.skillId)?.level !== e.level).map((e) => e.skillId);
  if (levelChanged.length) {
    await tx.endorsement.deleteMany({ where: { userId, skillId: { in: levelChanged } } });
    await refreshLevelSummary(tx, userId);
  }
  return changed.length;
}
