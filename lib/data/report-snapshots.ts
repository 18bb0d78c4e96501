import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import type { Taxonomy } from "@/lib/domain/types";
import type { HistoryHistogram, Quarter } from "@/lib/domain/org-report";

/**
 * Closed quarters never change: ratings are only ever appended at the time they are made (appendRatings), so the
 * levels a set of people held at a past quarter's end are fixed once that end has passed. The organisation report
 * therefore computes a closed quarter's histogram once per (people, skills) and keeps it in ReportSnapshot; later
 * views read it back instead of re-sorting the whole history. What would change a past point changes the key instead:
 * - people joining or leaving the scope (team membership, account deletion): the key hashes the people's ids;
 * - a taxonomy import retiring a skill or moving it to another category: the key hashes the active skills and their
 *   categories.
 * A point is cached only once it ended SETTLE_MS ago, so a rating transaction that began just before the quarter
 * turned (or a replica whose clock lags) cannot commit into a point already stored.
 */
export const SETTLE_MS = 10 * 60_000;
/** Snapshots nobody has read for this long are pruned when new ones are stored. */
const PRUNE_AFTER = "90 days";
/** How stale usedAt may get before a read refreshes it (one write a day per snapshot, not one per view). */
const TOUCH_AFTER = "1 day";

type PointData = { cells: [skill: string, level: number, people: number][]; raters: [string, number][] };

/** One key per point: the people and skills are hashed once, then combined with each point's date. */
function snapshotKeys(points: readonly Quarter[], peopleIds: readonly string[], taxonomy: Taxonomy): string[] {
  const h = createHash("sha256");
  for (const s of [...taxonomy.skills].sort((a, b) => (a.id < b.id ? -1 : 1))) h.update(`${s.id}:${s.category},`);
  h.update("\u0000");
  h.update([...peopleIds].sort().join(","));
  const scope = h.digest("base64url");
  return points.map((p) =>
    createHash("sha256").update(`report-snapshot/v1\u0000${p.end.toISOString()}\u0000${scope}`).digest("base64url"),
  );
}

/** The people a report covers: members (not managers) of every team, or of these teams. */
export type ReportScope = { wholeOrg: boolean; teamIds: string[] };
export const teamFilter = (scope: ReportScope) =>
  scope.wholeOrg ? Prisma.empty : Prisma.sql`AND m."teamId" = ANY(${textArray(scope.teamIds)})`;

const textArray = (values: string[]) =>
  values.length ? Prisma.sql`ARRAY[${Prisma.join(values)}]::text[]` : Prisma.sql`'{}'::text[]`;
// Rating.createdAt is a timestamp without time zone holding UTC (Prisma's convention).
const utc = (d: Date) => d.toISOString().replace("Z", "");

/**
 * The levels as they stood at each point, from the append-only history in one statement. Each history row is valid
 * from its createdAt until the person's next row for that skill (a window function); width_bucket turns both ends
 * into point indexes, so a row is held at points [from, to) and the database groups the rows into a few thousand
 * (skill, level, from, to) counts instead of joining every row with every point. A person counts as a rater of a
 * category from the first point after their first rating in it (history rows are never deleted). `points` must be
 * in time order; any subset of the quarter ends works.
 */
async function historyHistogram(scope: ReportScope, points: Quarter[]): Promise<HistoryHistogram> {
  if (points.length === 0) return { cells: [], raters: [] };
  const prisma = await db();
  const ends = Prisma.sql`ARRAY[${Prisma.join(points.map((p) => utc(p.end)))}]::timestamp[]`;
  type Row = {
    skill: string | null;
    category: string | null;
    level: number | null;
    from: number;
    to: number;
    people: number;
  };
  const [, , rows] = await prisma.$transaction([
    prisma.$executeRaw`SET LOCAL jit = off`,
    prisma.$executeRaw`SET LOCAL work_mem = '64MB'`,
    prisma.$queryRaw<Row[]>`
    WITH scope AS (SELECT DISTINCT m."userId" FROM "TeamMembership" m WHERE m."role" = 'member' ${teamFilter(scope)}),
    h AS (
      SELECT r."userId", r."skillId", k."categoryId", r."level", r."createdAt" AS "since",
        LEAD(r."createdAt") OVER (PARTITION BY r."userId", r."skillId" ORDER BY r."createdAt", r."id") AS "until"
      FROM "Rating" r JOIN "Skill" k ON k."id" = r."skillId" AND NOT k."retired"
      WHERE r."userId" IN (SELECT "userId" FROM scope) AND r."createdAt" < ${points.at(-1)!.end}
    )
    SELECT "skillId" AS "skill", NULL AS "category", "level", width_bucket("since", ${ends}) AS "from",
      COALESCE(width_bucket("until", ${ends}), ${points.length}) AS "to", count(*)::int AS "people"
    FROM h GROUP BY 1, 3, 4, 5
    UNION ALL
    SELECT NULL, "categoryId", NULL, "from", ${points.length}, count(*)::int FROM (
      SELECT "categoryId", width_bucket(min("since"), ${ends}) AS "from" FROM h GROUP BY "userId", "categoryId"
    ) f GROUP BY 2, 4`,
  ]);
  const cells = new Map<string, { at: number; skill: string; level: number; people: number }>();
  const raters = new Map<string, { at: number; category: string; people: number }>();
  for (const r of rows) {
    for (let at = Number(r.from); at < Number(r.to); at++) {
      if (r.skill !== null) {
        const k = `${at}\u0000${r.skill}\u0000${r.level}`;
        const c = cells.get(k) ?? cells.set(k, { at, skill: r.skill, level: r.level!, people: 0 }).get(k)!;
        c.people += r.people;
      } else {
        const k = `${at}\u0000${r.category}`;
        const c = raters.get(k) ?? raters.set(k, { at, category: r.category!, people: 0 }).get(k)!;
        c.people += r.people;
      }
    }
  }
  return { cells: [...cells.values()], raters: [...raters.values()] };
}

const toData = (h: HistoryHistogram, at: number): PointData => ({
  cells: h.cells.filter((c) => c.at === at).map((c) => [c.skill, c.level, c.people]),
  raters: h.raters.filter((r) => r.at === at).map((r) => [r.category, r.people]),
});

/**
 * The histogram at each of `points` (closed quarter ends, oldest first) for the scope's people (`peopleIds`, the
 * same people, for the key): stored snapshots where
 * they exist, the history for the rest (one statement), and the settled ones among those stored for next time.
 * Statements: 1 when every point is stored; otherwise also the history (a transaction: jit off and a larger work_mem
 * for its one sort-heavy statement), storing and pruning.
 */
export async function closedPointHistograms(
  scope: ReportScope,
  peopleIds: string[],
  points: Quarter[],
  taxonomy: Taxonomy,
  now: Date,
): Promise<{ histogram: HistoryHistogram; stored: number; computed: number }> {
  if (points.length === 0) return { histogram: { cells: [], raters: [] }, stored: 0, computed: 0 };
  const prisma = await db();
  const keys = snapshotKeys(points, peopleIds, taxonomy);
  const found = await prisma.$queryRaw<{ key: string; data: string }[]>`
    WITH touched AS (
      UPDATE "ReportSnapshot" SET "usedAt" = now()
      WHERE "key" = ANY(${textArray(keys)}) AND "usedAt" < now() - ${TOUCH_AFTER}::interval
    )
    SELECT "key", "data"::text AS "data" FROM "ReportSnapshot" WHERE "key" = ANY(${textArray(keys)})`;
  const byKey = new Map(found.map((f) => [f.key, JSON.parse(f.data) as PointData]));
  const missing = points.map((p, at) => ({ p, at })).filter(({ at }) => !byKey.has(keys[at]!));
  const computed = await historyHistogram(
    scope,
    missing.map((m) => m.p),
  );
  const settled = missing
    .map((m, i) => ({ ...m, data: toData(computed, i) }))
    .filter((m) => m.p.end.getTime() <= now.getTime() - SETTLE_MS);
  if (settled.length) {
    await prisma.$executeRaw`
      INSERT INTO "ReportSnapshot" ("key", "data")
      SELECT * FROM unnest(${textArray(settled.map((m) => keys[m.at]!))},
        ARRAY[${Prisma.join(settled.map((m) => JSON.stringify(m.data)))}]::jsonb[])
      ON CONFLICT ("key") DO NOTHING`;
    await prisma.$executeRaw`DELETE FROM "ReportSnapshot" WHERE "usedAt" < now() - ${PRUNE_AFTER}::interval`;
  }
  const histogram: HistoryHistogram = { cells: [], raters: [] };
  points.forEach((p, at) => {
    const i = missing.findIndex((m) => m.at === at);
    const data = i >= 0 ? toData(computed, i) : byKey.get(keys[at]!)!;
    for (const [skill, level, people] of data.cells) histogram.cells.push({ at, skill, level, people });
    for (const [category, people] of data.raters) histogram.raters.push({ at, category, people });
  });
  return { histogram, stored: points.length - missing.length, computed: missing.length };
}
