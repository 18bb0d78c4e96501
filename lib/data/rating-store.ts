import type { Tx } from "./open";
import type { RatingSource } from "@/lib/domain/types";

export type RatingInput = {
  skillId: string;
  level: number;
  note?: string | null;
  evidenceUrl?: string | null;
  wantsToGrow?: boolean;
};

/**
 * Appends history rows and moves the current-rating pointer, inside the caller's transaction.
 * Entries identical to the current rating (same level, note, link and flag) are skipped, so saving an
 * unchanged form or re-importing a file adds no history. Returns how many rows were appended.
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
  const current = await tx.currentRating.findMany({
    where: { userId, skillId: { in: entries.map((e) => e.skillId) } },
  });
  const byId = new Map(current.map((c) => [c.skillId, c]));
  const at = opts.at ?? new Date();
  const changed = entries.filter((e) => {
    const c = byId.get(e.skillId);
    return !(
      c &&
      c.level === e.level &&
      (c.note ?? null) === (e.note ?? null) &&
      (c.evidenceUrl ?? null) === (e.evidenceUrl ?? null) &&
      c.wantsToGrow === (e.wantsToGrow ?? false) &&
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
      updatedAt: at,
    })),
  });
  return changed.length;
}
