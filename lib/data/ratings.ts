import "server-only";
import { id, level, optionalText, url, z } from "@/lib/validation";
import { db } from "./db";
import { DataError, NotFoundError, type FieldErrors } from "./errors";
import { appendRatings, type RatingInput } from "./rating-store";
import { getTaxonomy } from "./taxonomy";
import type { Actor } from "@/lib/data/policy";
import { isStale } from "@/lib/domain/history";

export const STALE_MONTHS = 6;

export const ratingEntrySchema = z.object(
  {
    skillId: id("Skill"),
    level: level(),
    note: optionalText(1000, "Note"),
    evidenceUrl: url("Evidence link"),
    wantsToGrow: z
      .union([z.boolean(), z.enum(["true", "false", "on", "1", "0", "yes", "no", ""])], {
        message: "Wants to grow must be yes or no.",
      })
      .optional()
      .transform((v) => v === true || v === "true" || v === "on" || v === "1" || v === "yes"),
  },
  { message: "Each rating must be an object with a skillId and a level." },
);

/** What a save sends: 1–500 ratings, applied together or not at all. */
export const ratingListSchema = z
  .array(ratingEntrySchema, { message: "Ratings must be a list." })
  .min(1, "Change at least one rating.")
  .max(500, "At most 500 ratings at once.");
export type RatingEntry = z.infer<typeof ratingEntrySchema>;

export type MyRating = {
  skillId: string;
  level: number;
  note: string | null;
  evidenceUrl: string | null;
  wantsToGrow: boolean;
  source: string;
  updatedAt: Date;
  stale: boolean;
};

/**
 * Saves the actor's own ratings: validates every entry (skill exists, level 0–5), then appends history and
 * moves the current pointer in one transaction. Unchanged entries add nothing. Returns the number of changes.
 */
export async function saveMyRatings(
  actor: Actor,
  entries: RatingEntry[],
  source: "self" | "import" = "self",
): Promise<number> {
  const taxonomy = await getTaxonomy();
  const known = new Set(taxonomy.skills.map((s) => s.id));
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (!known.has(e.skillId)) (errors[`ratings.${i}.skillId`] ??= []).push(`Unknown skill "${e.skillId}".`);
    if (seen.has(e.skillId)) (errors[`ratings.${i}.skillId`] ??= []).push(`Skill "${e.skillId}" appears twice.`);
    seen.add(e.skillId);
  });
  if (Object.keys(errors).length)
    throw new DataError("Some ratings refer to unknown skills; nothing was saved.", errors);
  const prisma = await db();
  return prisma.$transaction((tx) => appendRatings(tx, actor.id, entries as RatingInput[], { source }));
}

/** Sets (or clears) the actor's current and target roles; unknown role ids are refused. */
export async function setMyRoles(actor: Actor, currentRoleId: string | null, targetRoleId: string | null) {
  const taxonomy = await getTaxonomy();
  const ids = new Set(taxonomy.roles.map((r) => r.id));
  const errors: FieldErrors = {};
  if (currentRoleId && !ids.has(currentRoleId)) errors.currentRoleId = [`Unknown role "${currentRoleId}".`];
  if (targetRoleId && !ids.has(targetRoleId)) errors.targetRoleId = [`Unknown role "${targetRoleId}".`];
  if (Object.keys(errors).length) throw new DataError("Choose roles from the list.", errors);
  const prisma = await db();
  await prisma.user.update({ where: { id: actor.id }, data: { currentRoleId, targetRoleId } });
}

/**
 * Everything the "My skills" page shows: the taxonomy, the actor's current ratings, chosen roles and what the target
 * role requires (skill, level 0–5, importance), or null without a target.
 */
export async function getMySkillsPage(actor: Actor, now = new Date()) {
  const prisma = await db();
  const [taxonomy, me] = await Promise.all([
    getTaxonomy(),
    prisma.user.findUnique({
      where: { id: actor.id },
      select: { currentRoleId: true, targetRoleId: true, currentRatings: { where: { skill: { retired: false } } } },
    }),
  ]);
  if (!me) throw new NotFoundError();
  const ratings: MyRating[] = me.currentRatings.map((r) => ({
    skillId: r.skillId,
    level: r.level,
    note: r.note,
    evidenceUrl: r.evidenceUrl,
    wantsToGrow: r.wantsToGrow,
    source: r.source,
    updatedAt: r.updatedAt,
    stale: isStale(r.updatedAt, now, STALE_MONTHS),
  }));
  // What the target role asks for, so the page can show "skills my target role needs" first, with the level beside each.
  const targetRole = taxonomy.roles.find((r) => r.id === me.targetRoleId);
  const target = targetRole
    ? {
        id: targetRole.id,
        title: targetRole.title,
        requirements: targetRole.requirements.map((q) => ({
          skillId: q.skill,
          level: q.level,
          importance: q.importance,
        })),
      }
    : null;
  return { taxonomy, ratings, currentRoleId: me.currentRoleId, targetRoleId: me.targetRoleId, target };
}
