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
    // Evidence: one of the person's certifications. Left out: the current one stays; "" clears it.
    certificationId: z
      .union([id("Certification"), z.literal("")], { message: "Certification is not a valid id." })
      .nullable()
      .optional()
      .transform((v) => (v === "" ? null : v)),
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
/** A parsed entry; evidence may be left out (the current one stays). */
export type RatingEntry = Omit<z.infer<typeof ratingEntrySchema>, "certificationId"> & {
  certificationId?: string | null;
};

export type MyRating = {
  skillId: string;
  level: number;
  note: string | null;
  evidenceUrl: string | null;
  certificationId: string | null;
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
  // Evidence must be the actor's own certification (someone else's id reads as unknown).
  const certIds = [...new Set(entries.map((e) => e.certificationId).filter((c): c is string => Boolean(c)))];
  if (certIds.length) {
    const mine = new Set(
      (
        await prisma.personCertification.findMany({
          where: { userId: actor.id, id: { in: certIds } },
          select: { id: true },
        })
      ).map((c) => c.id),
    );
    entries.forEach((e, i) => {
      if (e.certificationId && !mine.has(e.certificationId))
        (errors[`ratings.${i}.certificationId`] ??= []).push("Choose one of your own certifications.");
    });
    if (Object.keys(errors).length)
      throw new DataError("A rating cites an unknown certification; nothing was saved.", errors);
  }
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
      select: {
        currentRoleId: true,
        targetRoleId: true,
        currentRatings: { where: { skill: { retired: false } } },
        certifications: {
          orderBy: { issuedOn: "desc" },
          select: { id: true, name: true, expiresOn: true, certification: { select: { name: true, short: true } } },
        },
      },
    }),
  ]);
  if (!me) throw new NotFoundError();
  const ratings: MyRating[] = me.currentRatings.map((r) => ({
    skillId: r.skillId,
    level: r.level,
    note: r.note,
    evidenceUrl: r.evidenceUrl,
    certificationId: r.certificationId,
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
  // The person's certifications, to cite one as evidence for a rating.
  const certifications = me.certifications.map((c) => ({
    id: c.id,
    name: c.certification?.short ?? c.certification?.name ?? c.name ?? "Certification",
    expiresOn: c.expiresOn,
  }));
  return {
    taxonomy,
    ratings,
    certifications,
    currentRoleId: me.currentRoleId,
    targetRoleId: me.targetRoleId,
    target,
  };
}
