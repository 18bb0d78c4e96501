import "server-only";
import { db } from "./db";
import type { Actor } from "./policy";
import { getTaxonomy } from "./taxonomy";
import { assertAdmin, readDraft, type DraftView } from "./taxonomy-draft-store";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  countFitMoves,
  diffTaxonomy,
  isEmptyDiff,
  rolesWithNewRequirements,
  suggestNextVersion,
  type FitMoves,
  type PersonRole,
  type TaxonomyDiff,
} from "@/lib/domain/taxonomy-diff";

/** Admin: the shared draft, or null when there is none. */
export async function getDraft(actor: Actor): Promise<DraftView | null> {
  assertAdmin(actor);
  return readDraft(await db());
}

export type DraftPreview = {
  draft: DraftView;
  /** The active taxonomy's version. */
  currentVersion: string;
  diff: TaxonomyDiff;
  empty: boolean;
  people: {
    /** Per retired skill: active people with a current rating of it. */
    retiredSkills: { skillId: string; name: string; people: number }[];
    /** Per role whose requirements change or that is retired: active people who hold it, target it, either. */
    roles: { roleId: string; title: string; hold: number; target: number; people: number }[];
    /** Fit to the target role, and to the current role, under the active taxonomy and under the draft. */
    fits: { target: FitMoves; current: FitMoves };
  };
  suggestedVersion: string;
};

/**
 * Admin: the draft against the active taxonomy, with the people each change touches (deactivated people left out).
 * A fixed number of queries, whatever the number of people: the draft (2–3), the active taxonomy (1 when cached),
 * the version strings (1), ratings of retired skills (1), people holding or targeting changed roles (1).
 */
export async function previewDraft(actor: Actor): Promise<DraftPreview | null> {
  assertAdmin(actor);
  const prisma = await db();
  const [draft, current, versions] = await Promise.all([
    readDraft(prisma),
    getTaxonomy(),
    prisma.taxonomyVersion.findMany({ distinct: ["version"], select: { version: true } }),
  ]);
  if (!draft) return null;
  const diff = diffTaxonomy(current, draft.taxonomy);
  const retired = diff.skills.retired.map((s) => s.id);
  const roleIds = rolesWithNewRequirements(diff);
  const [ratings, people] = await Promise.all([
    retired.length
      ? prisma.$queryRaw<{ skillId: string; people: number }[]>`
          SELECT c."skillId", count(DISTINCT c."userId")::int AS "people"
          FROM "CurrentRating" c JOIN "User" u ON u."id" = c."userId"
          WHERE u."deactivatedAt" IS NULL AND c."skillId" IN (${Prisma.join(retired)})
          GROUP BY c."skillId"`
      : [],
    roleIds.length
      ? prisma.$queryRaw<{ currentRoleId: string | null; targetRoleId: string | null; levels: string | null }[]>`
          SELECT u."currentRoleId", u."targetRoleId", l."levels"::text AS "levels"
          FROM "User" u LEFT JOIN "PersonLevels" l ON l."userId" = u."id"
          WHERE u."deactivatedAt" IS NULL
            AND (u."currentRoleId" IN (${Prisma.join(roleIds)}) OR u."targetRoleId" IN (${Prisma.join(roleIds)}))`
      : [],
  ]);
  const rated = new Map(ratings.map((r) => [r.skillId, r.people]));
  const inScope = new Set(roleIds);
  const title = new Map([...current.roles, ...draft.taxonomy.roles].map((r) => [r.id, r.title]));
  const counts = new Map(roleIds.map((id) => [id, { hold: 0, target: 0, people: 0 }]));
  const byTarget: PersonRole[] = [];
  const byCurrent: PersonRole[] = [];
  for (const p of people) {
    const levels = parseLevels(p.levels);
    const hold = p.currentRoleId !== null && inScope.has(p.currentRoleId) ? p.currentRoleId : null;
    const target = p.targetRoleId !== null && inScope.has(p.targetRoleId) ? p.targetRoleId : null;
    if (hold) {
      counts.get(hold)!.hold++;
      byCurrent.push({ roleId: hold, levels });
    }
    if (target) {
      counts.get(target)!.target++;
      byTarget.push({ roleId: target, levels });
    }
    for (const id of new Set([hold, target])) if (id) counts.get(id)!.people++;
  }
  return {
    draft,
    currentVersion: current.version,
    diff,
    empty: isEmptyDiff(diff),
    people: {
      retiredSkills: diff.skills.retired.map((s) => ({ skillId: s.id, name: s.name, people: rated.get(s.id) ?? 0 })),
      roles: roleIds.map((id) => ({ roleId: id, title: title.get(id) ?? id, ...counts.get(id)! })),
      fits: {
        target: countFitMoves(current, draft.taxonomy, byTarget),
        current: countFitMoves(current, draft.taxonomy, byCurrent),
      },
    },
    suggestedVersion: suggestNextVersion(
      current.version,
      versions.map((v) => v.version),
    ),
  };
}

/** A stored level summary (json text: skill id → level); anything malformed counts as no levels. */
function parseLevels(text: string | null): Record<string, number> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, number>)
      : {};
  } catch {
    return {};
  }
}
