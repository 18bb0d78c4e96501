import "server-only";
import { db } from "./db";
import type { Actor } from "./policy";
import { getTaxonomy } from "./taxonomy";
import { assertAdmin, checkedMerge, checkedPair, usableId, type MergePair, type Named } from "./skill-merge-checks";
import { blockedMessage, blockingVersion } from "./skill-merge-record";
import type { RequirementChange } from "@/lib/domain/skill-merge";

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
