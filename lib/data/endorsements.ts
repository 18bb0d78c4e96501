import "server-only";
import { db } from "./db";
import { assertLookupId, DataError, NotFoundError } from "./errors";
import type { Actor } from "@/lib/data/policy";
import { id, optionalText, z } from "@/lib/validation";

export const endorseSchema = z.object({
  personId: id("Person"),
  skillId: id("Skill"),
  comment: optionalText(280, "Comment"),
});
export type EndorseInput = z.infer<typeof endorseSchema>;

/**
 * A teammate vouches for a person's current rating of a skill. Refused (not found) unless the actor and the person
 * share a team now, and never for oneself. The endorsement records the level it vouches for; a later change of that
 * level withdraws it (lib/data/rating-store.ts, in the same transaction as the change). Endorsing twice updates the
 * comment. The person's row is locked for the check and the write, so an endorsement cannot slip in beside a level
 * change made at the same moment.
 */
export async function endorse(actor: Actor, input: EndorseInput): Promise<{ level: number }> {
  assertLookupId(input.personId);
  assertLookupId(input.skillId);
  if (input.personId === actor.id) throw new NotFoundError();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    // Same lock as a rating save (FOR UPDATE on the person): the level read here is the one still current at commit.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${input.personId} FOR UPDATE`;
    const person = await tx.user.findFirst({
      where: {
        id: input.personId,
        deactivatedAt: null,
        memberships: { some: { team: { memberships: { some: { userId: actor.id } } } } },
      },
      select: { currentRatings: { where: { skillId: input.skillId }, select: { level: true } } },
    });
    if (!person) throw new NotFoundError();
    const current = person.currentRatings[0];
    if (!current || current.level < 1)
      throw new DataError("There is no rating of this skill to endorse.", {
        skillId: ["They have not rated this skill above 0."],
      });
    await tx.endorsement.upsert({
      where: { userId_skillId_endorserId: { userId: input.personId, skillId: input.skillId, endorserId: actor.id } },
      create: {
        userId: input.personId,
        skillId: input.skillId,
        endorserId: actor.id,
        level: current.level,
        comment: input.comment,
      },
      update: { level: current.level, comment: input.comment },
    });
    return { level: current.level };
  });
}

/** The endorser takes their endorsement back. Not theirs, or none: not found. */
export async function withdrawEndorsement(actor: Actor, personId: string, skillId: string): Promise<void> {
  assertLookupId(personId);
  assertLookupId(skillId);
  const prisma = await db();
  const { count } = await prisma.endorsement.deleteMany({ where: { userId: personId, skillId, endorserId: actor.id } });
  if (count === 0) throw new NotFoundError();
}

/** The person endorsed hides (or shows again) an endorsement of their own rating. Anyone else: not found. */
export async function setEndorsementHidden(actor: Actor, endorsementId: string, hidden: boolean): Promise<void> {
  assertLookupId(endorsementId);
  const prisma = await db();
  const { count } = await prisma.endorsement.updateMany({
    where: { id: endorsementId, userId: actor.id },
    data: { hidden },
  });
  if (count === 0) throw new NotFoundError();
}
