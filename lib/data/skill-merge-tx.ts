import "server-only";
import type { Db, Tx } from "./open";
import { lockAsActiveAdmin } from "./admin-lock";
import { DataError } from "./errors";
import type { Actor } from "./policy";
import { refreshLevelSummary } from "./rating-store";
import { lockSeed } from "./taxonomy-sync";
import { nextVersion, versionRoot } from "@/lib/domain/skill-merge";
import { Prisma } from "@/lib/generated/prisma/client";

/** The transaction, locks and rebuilt rows a merge and an unmerge share. */

/** Every merge and unmerge, one at a time (taken before the admin lock and the seed lock, always in that order). */
const MERGE_LOCK = 72707373;
// A merge waits for the one before it, then rewrites the taxonomy: longer than Prisma's 5 s default.
const TX = { timeout: 120_000, maxWait: 60_000 };
const CHUNK = 10_000;
const BUSY = "Someone changed these skills at the same moment, so nothing was merged. Preview again and retry.";

export const chunks = <T>(list: readonly T[]) =>
  Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));
export const bigints = (list: readonly string[]) => Prisma.join(list.map((id) => BigInt(id)));

/** Runs `work` in one transaction; a deadlock or write conflict with another writer is a refusal, never a crash. */
export async function inTransaction<T>(prisma: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await prisma.$transaction(work, TX);
  } catch (e) {
    const code = e instanceof Prisma.PrismaClientKnownRequestError ? e.code : "";
    const text = e instanceof Error ? e.message : "";
    if (code === "P2034" || code === "P2028" || /deadlock|could not serialize|40P01|40001/i.test(text))
      throw new DataError(BUSY, { _form: [BUSY] });
    throw e;
  }
}

/** The merge lock, then the actor re-read as an active admin, then the taxonomy's own lock. */
export async function lockForMerge(tx: Tx, actor: Actor) {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${MERGE_LOCK})`);
  await lockAsActiveAdmin(tx, actor);
  await lockSeed(tx);
}

/**
 * People before skills, the order a rating save takes them (its person, then the skill through the foreign key), so
 * the two never wait for each other in a circle. Locking the skill rows holds back new ratings, goals and the like of
 * either skill until commit.
 */
export async function lockPeopleAndSkills(tx: Tx, people: readonly string[] | { ratersOf: string }, skills: string[]) {
  const lockRaters = (skill: string) =>
    tx.$executeRaw`SELECT id FROM "User" WHERE id IN (SELECT "userId" FROM "Rating" WHERE "skillId" = ${skill}) ORDER BY id FOR UPDATE`;
  if ("ratersOf" in people) await lockRaters(people.ratersOf);
  else
    for (const part of chunks([...people].sort()))
      await tx.$executeRaw`SELECT id FROM "User" WHERE id IN (${Prisma.join(part)}) ORDER BY id FOR UPDATE`;
  await tx.$executeRaw`SELECT id FROM "Skill" WHERE id IN (${Prisma.join(skills)}) ORDER BY id FOR UPDATE`;
  // Anyone whose first rating of the skill committed while this waited.
  if ("ratersOf" in people) await lockRaters(people.ratersOf);
}

/** CurrentRating of `skills` for `people`, rebuilt from the history (latest row by time, then id); then PersonLevels. */
export async function rebuildCurrent(tx: Tx, people: readonly string[], skills: string[]) {
  for (const part of chunks(people)) {
    await tx.currentRating.deleteMany({ where: { userId: { in: [...part] }, skillId: { in: skills } } });
    await tx.$executeRaw`INSERT INTO "CurrentRating"
        ("userId", "skillId", "level", "note", "evidenceUrl", "wantsToGrow", "source", "ratingId", "certificationId", "updatedAt")
      SELECT DISTINCT ON (r."userId", r."skillId") r."userId", r."skillId", r."level", r."note", r."evidenceUrl",
        r."wantsToGrow", r."source", r."id", r."certificationId", r."createdAt"
      FROM "Rating" r WHERE r."userId" IN (${Prisma.join(part)}) AND r."skillId" IN (${Prisma.join(skills)})
      ORDER BY r."userId", r."skillId", r."createdAt" DESC, r."id" DESC`;
  }
  // One statement per person, under the person's row lock taken above: the summary is the one appendRatings keeps.
  for (const userId of people) await refreshLevelSummary(tx, userId);
}

/** The next version string for a merge or an unmerge of the taxonomy at `current`. */
export async function newVersion(tx: Tx, current: string, kind: "merge" | "unmerge") {
  const taken = await tx.taxonomyVersion.findMany({
    where: { version: { startsWith: versionRoot(current) } },
    select: { version: true },
  });
  return nextVersion(
    current,
    kind,
    taken.map((v) => v.version),
  );
}
