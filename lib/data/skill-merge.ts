import "server-only";
import { z } from "zod";
import { db } from "./db";
import type { Db, Tx } from "./open";
import { lockAsActiveAdmin } from "./admin-lock";
import { DataError, NotFoundError } from "./errors";
import { canAdminister, type Actor } from "./policy";
import { refreshLevelSummary } from "./rating-store";
import { getTaxonomy } from "./taxonomy";
import { readTaxonomy } from "./taxonomy-read";
import { applyTaxonomyInTx, lockSeed } from "./taxonomy-sync";
import {
  mergeTaxonomy,
  nextVersion,
  planRatingMerge,
  versionRoot,
  type RequirementChange,
} from "@/lib/domain/skill-merge";
import { isStorableText } from "@/lib/domain/storable-text";
import type { Taxonomy } from "@/lib/domain/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { formatTaxonomyErrors, parseTaxonomyDocument, toExportDocument } from "@/lib/taxonomy/load";
import { taxonomyDocumentSchema } from "@/lib/taxonomy/schema";

/** Every merge and unmerge, one at a time (taken before the admin lock and the seed lock, always in that order). */
const MERGE_LOCK = 72707373;
// A merge waits for the one before it, then rewrites the taxonomy: longer than Prisma's 5 s default.
const TX = { timeout: 120_000, maxWait: 60_000 };
const CHUNK = 10_000;

export const STALE_PREVIEW = "The numbers changed since the preview; review them again.";
const BUSY = "Someone changed these skills at the same moment, so nothing was merged. Preview again and retry.";
const SAME = "Choose two different skills: a skill cannot be merged into itself.";
const PICK = "Choose a skill from the list.";

export type MergePair = { sourceId: string; targetId: string };
export type MergeSkillsOptions = MergePair & { expectedPeople?: number; expectedRatings?: number };
type Named = { id: string; name: string };

export type MergePreview = {
  source: Named;
  target: Named;
  /** People with ratings of the source, and the history rows that move. */
  people: number;
  ratings: number;
  /** People who rated both; `raised` of them take the source's higher level. */
  bothRated: number;
  raised: number;
  requirements: RequirementChange[];
  prerequisites: Named[];
  certifications: Named[];
  goals: number;
  /** Rows that move, and rows the target already has for the same person, team or review (the target's stays). */
  endorsements: { moved: number; clashes: number };
  teamTargets: { moved: number; clashes: number };
  reviewSkills: { moved: number; clashes: number };
  /** Why the merge cannot be done as it stands (then there is nothing to confirm). */
  problems: string[];
};

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
const undoSchema = z.object({
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
type Undo = z.infer<typeof undoSchema>;

function assertAdmin(actor: Actor) {
  if (!canAdminister(actor)) throw new NotFoundError();
}

const usableId = (id: unknown): id is string =>
  typeof id === "string" && id.length > 0 && id.length <= 200 && isStorableText(id);
const chunks = <T>(list: readonly T[]) =>
  Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));
const bigints = (list: readonly string[]) => Prisma.join(list.map((id) => BigInt(id)));

/** The two skills, or a field message saying why they cannot be merged (same, unknown, retired, already merged). */
async function checkedPair(client: Tx, { sourceId, targetId }: MergePair) {
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
function checkedMerge(t: Taxonomy, sourceId: string, targetId: string, version: string) {
  const merged = mergeTaxonomy(t, sourceId, targetId, version);
  if (!merged.ok) return merged;
  const valid = parseTaxonomyDocument(toExportDocument(merged.taxonomy), "merged taxonomy");
  if (valid.ok) return merged;
  return {
    ok: false as const,
    problems: [`The merged taxonomy would not be valid: ${formatTaxonomyErrors(valid.errors.slice(0, 3))}`],
  };
}

/**
 * Admin: what merging `sourceId` into `targetId` would do, without changing anything. Numbers read now; the merge
 * re-reads them in its transaction and refuses when they differ from the ones confirmed.
 */
export async function previewMerge(actor: Actor, pair: MergePair): Promise<MergePreview> {
  assertAdmin(actor);
  const prisma = await db();
  const { source, target } = await checkedPair(prisma, pair);
  const [A, B] = [target.id, source.id];
  const [[n], taxonomy] = await Promise.all([
    prisma.$queryRaw<Record<string, number>[]>`SELECT
      (SELECT count(DISTINCT "userId") FROM "Rating" WHERE "skillId" = ${B})::int AS people,
      (SELECT count(*) FROM "Rating" WHERE "skillId" = ${B})::int AS ratings,
      (SELECT count(*) FROM "CurrentRating" b JOIN "CurrentRating" a ON a."userId" = b."userId" AND a."skillId" = ${A}
        WHERE b."skillId" = ${B})::int AS "bothRated",
      (SELECT count(*) FROM "CurrentRating" b JOIN "CurrentRating" a ON a."userId" = b."userId" AND a."skillId" = ${A}
        WHERE b."skillId" = ${B} AND b."level" > a."level")::int AS raised,
      (SELECT count(*) FROM "Goal" WHERE "skillId" = ${B})::int AS goals,
      (SELECT count(*) FROM "Endorsement" WHERE "skillId" = ${B})::int AS endorsements,
      (SELECT count(*) FROM "Endorsement" e WHERE e."skillId" = ${B} AND EXISTS (SELECT 1 FROM "Endorsement" x
        WHERE x."skillId" = ${A} AND x."userId" = e."userId" AND x."endorserId" = e."endorserId"))::int AS "endorsementClashes",
      (SELECT count(*) FROM "TeamTargetSkill" WHERE "skillId" = ${B})::int AS "teamTargets",
      (SELECT count(*) FROM "TeamTargetSkill" t WHERE t."skillId" = ${B} AND EXISTS (SELECT 1 FROM "TeamTargetSkill" x
        WHERE x."skillId" = ${A} AND x."teamId" = t."teamId"))::int AS "teamTargetClashes",
      (SELECT count(*) FROM "ReviewSkill" WHERE "skillId" = ${B})::int AS "reviewSkills",
      (SELECT count(*) FROM "ReviewSkill" r WHERE r."skillId" = ${B} AND EXISTS (SELECT 1 FROM "ReviewSkill" x
        WHERE x."skillId" = ${A} AND x."reviewId" = r."reviewId"))::int AS "reviewSkillClashes"`,
    getTaxonomy(),
  ]);
  const merged = checkedMerge(taxonomy, B, A, "preview");
  const name = new Map(taxonomy.skills.map((s) => [s.id, s.name]));
  const certName = new Map(taxonomy.certifications.map((c) => [c.id, c.name]));
  const clash = (moved: number, clashes: number) => ({ moved: moved - clashes, clashes });
  return {
    source,
    target,
    people: n!.people!,
    ratings: n!.ratings!,
    bothRated: n!.bothRated!,
    raised: n!.raised!,
    requirements: merged.ok ? merged.requirements : [],
    prerequisites: merged.ok ? merged.prerequisites.map((id) => ({ id, name: name.get(id) ?? id })) : [],
    certifications: merged.ok ? merged.certifications.map((id) => ({ id, name: certName.get(id) ?? id })) : [],
    goals: n!.goals!,
    endorsements: clash(n!.endorsements!, n!.endorsementClashes!),
    teamTargets: clash(n!.teamTargets!, n!.teamTargetClashes!),
    reviewSkills: clash(n!.reviewSkills!, n!.reviewSkillClashes!),
    problems: merged.ok ? [] : merged.problems,
  };
}

/** Runs `work` in one transaction; a deadlock or write conflict with another writer is a refusal, never a crash. */
async function inTransaction<T>(prisma: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
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
async function lockForMerge(tx: Tx, actor: Actor) {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${MERGE_LOCK})`);
  await lockAsActiveAdmin(tx, actor);
  await lockSeed(tx);
}

/**
 * People before skills, the order a rating save takes them (its person, then the skill through the foreign key), so
 * the two never wait for each other in a circle. Locking the skill rows holds back new ratings, goals and the like of
 * either skill until commit.
 */
async function lockPeopleAndSkills(tx: Tx, people: readonly string[] | { ratersOf: string }, skills: string[]) {
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
async function rebuildCurrent(tx: Tx, people: readonly string[], skills: string[]) {
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
async function newVersion(tx: Tx, current: string, kind: "merge" | "unmerge") {
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

type Blocker = { version: string; appliedAt: Date };

/**
 * The first taxonomy version applied after the merge's own that is not part of a later merge undone since (which
 * put back what it changed), or null when the merge's taxonomy is still the one in force.
 */
async function blockingVersion(client: Tx, merge: { createdAt: Date; versionId: number }): Promise<Blocker | null> {
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

const blockedMessage = (b: Blocker) =>
  `Version ${b.version} of the taxonomy was applied after this merge (${b.appliedAt.toISOString().slice(0, 16).replace("T", " ")} UTC), ` +
  "so the merge can no longer be undone here. To go back, import a taxonomy export from before the merge.";

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

export type MergeListItem = {
  id: string;
  source: Named;
  target: Named;
  by: string;
  createdAt: Date;
  undoneAt: Date | null;
  people: number;
  ratings: number;
  /** True for the newest merge not undone while its taxonomy is still in force. */
  undoable: boolean;
  /** Why the newest merge not undone cannot be undone any more; null otherwise. */
  blockedBy: string | null;
};

/** Admin: the 50 newest merges, newest first, each with whether it can still be undone. */
export async function listMerges(actor: Actor): Promise<MergeListItem[]> {
  assertAdmin(actor);
  const prisma = await db();
  const [merges, newest] = await Promise.all([
    prisma.skillMerge.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
      select: {
        id: true,
        sourceId: true,
        targetId: true,
        byId: true,
        createdAt: true,
        undoneAt: true,
        people: true,
        ratings: true,
      },
    }),
    prisma.$queryRaw<{ id: string; createdAt: Date; versionId: number | null }[]>`
      SELECT id, "createdAt", ("undo"->>'versionId')::int AS "versionId" FROM "SkillMerge"
      WHERE "undoneAt" IS NULL ORDER BY "createdAt" DESC, id DESC LIMIT 1`,
  ]);
  const candidate = newest[0];
  const [skills, people, blocker] = await Promise.all([
    prisma.skill.findMany({
      where: { id: { in: merges.flatMap((m) => [m.sourceId, m.targetId]) } },
      select: { id: true, name: true },
    }),
    prisma.user.findMany({
      where: { id: { in: merges.flatMap((m) => (m.byId ? [m.byId] : [])) } },
      select: { id: true, name: true, email: true },
    }),
    candidate?.versionId != null
      ? blockingVersion(prisma, { createdAt: candidate.createdAt, versionId: candidate.versionId })
      : null,
  ]);
  const skill = (id: string) => ({ id, name: skills.find((s) => s.id === id)?.name ?? id });
  const person = new Map(people.map((p) => [p.id, p.name?.trim() || p.email]));
  return merges.map((m) => {
    const isCandidate = m.id === candidate?.id && candidate.versionId != null;
    return {
      id: m.id,
      source: skill(m.sourceId),
      target: skill(m.targetId),
      by: m.byId ? (person.get(m.byId) ?? "deleted user") : "—",
      createdAt: m.createdAt,
      undoneAt: m.undoneAt,
      people: m.people,
      ratings: m.ratings,
      undoable: isCandidate && blocker === null,
      blockedBy: isCandidate && blocker ? blockedMessage(blocker) : null,
    };
  });
}

/**
 * Public (no personal data): the active skill a merged skill's links lead to, following merges of merges; null when
 * `skillId` is active, unknown, or retired without having been merged.
 */
export async function mergedInto(skillId: string): Promise<string | null> {
  if (!usableId(skillId)) return null;
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE chain (id, "mergedIntoId", retired, depth) AS (
      SELECT id, "mergedIntoId", retired, 0 FROM "Skill" WHERE id = ${skillId}
      UNION ALL
      SELECT s.id, s."mergedIntoId", s.retired, c.depth + 1 FROM "Skill" s JOIN chain c ON s.id = c."mergedIntoId"
      WHERE c.retired AND c.depth < 20
    )
    SELECT id FROM chain WHERE depth > 0 AND NOT retired ORDER BY depth LIMIT 1`;
  return rows[0]?.id ?? null;
}
