import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { activeLevelsOf, checkCached, storeParsed, type LevelRead } from "./level-cache";
import { assertLookupId, NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { visibleTeamsWhere, type Actor } from "@/lib/data/policy";
import { env } from "@/lib/env";
import Papa from "papaparse";
import { FORMULA_START } from "@/lib/domain/csv";
import type { Taxonomy } from "@/lib/domain/types";
import { colleaguesCount, teamTargetProfile, type TeamMember } from "@/lib/domain";
import { teamFigures } from "@/lib/domain/team-figures";

export const COVERAGE_LEVEL = 3;

export type TeamAuditOptions = {
  /** Time travel: the levels as they stood at this moment (inclusive), and every figure read from them. */
  asOf?: Date;
};

/**
 * One heat-map cell: the level, and its evidence — confirmed by a manager in a review, backed by a current
 * certification, and how many teammates endorse it (visible endorsements of this level).
 */
export type Cell = { level: number; confirmed: boolean; certified: boolean; endorsements: number };
export type MatrixRow = { userId: string; name: string; cells: Record<string, Cell> };

/**
 * The team audit: membership, target profile, and — depending on who asks — the individual matrix (managers and
 * admins) or aggregates only (plain members, and only when at least TEAM_MIN_AGGREGATE members other than themself;
 * rows that fewer colleagues rated are dropped and counted in `hidden`).
 * A fixed number of queries whatever the team size: team with each member's level-summary version (1), taxonomy
 * version (1, cached), levels (1: the summaries this process has not parsed at that version — none on a repeated view —
 * and for managers the evidence: ratings confirmed or certified, endorsements), audit log (1). Figures: teamFigures.
 * With `asOf`, the levels query reads the history instead (still one query): each member's latest rating per skill at
 * or before that moment. Membership, targets, invitations and the audit log stay today's.
 */
export async function getTeamAudit(actor: Actor, teamId: string, options: TeamAuditOptions = {}) {
  assertLookupId(teamId); // straight from the URL
  const prisma = await db();
  const team = await prisma.team.findFirst({
    where: { AND: [{ id: teamId }, visibleTeamsWhere(actor)] },
    select: {
      id: true,
      name: true,
      description: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: {
          role: true,
          createdAt: true,
          user: { select: { id: true, name: true, email: true, levelSummary: { select: { version: true } } } },
        },
      },
      // Not accepted yet: pending, expired or declined (the manager may withdraw any of them).
      invitations: {
        where: { acceptedAt: null },
        orderBy: { createdAt: "asc" },
        select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, declinedAt: true },
      },
      targetRoles: { select: { roleId: true, count: true } },
      targetSkills: { select: { skillId: true, level: true, count: true } },
    },
  });
  if (!team) throw new NotFoundError();
  const myRole = team.memberships.find((m) => m.user.id === actor.id)?.role ?? null;
  const canSeeCells = actor.isAdmin || myRole === "manager";
  const people = team.memberships.filter((m) => m.role === "member");
  const managerCount = team.memberships.length - people.length;
  const minAggregate = env().TEAM_MIN_AGGREGATE;
  // A plain member's own ratings are in every figure; only colleagues count towards the threshold.
  const aggregatesAllowed =
    canSeeCells ||
    colleaguesCount(
      people.map((m) => m.user.id),
      actor.id,
    ) >= minAggregate;

  const summaries = people.map((m) => ({ id: m.user.id, version: m.user.levelSummary?.version ?? 0 }));
  const [taxonomy, read, audit] = await Promise.all([
    getTaxonomy(),
    aggregatesAllowed && options.asOf
      ? ratingsAsOf(prisma, teamId, options.asOf, canSeeCells).then((rows) => ({ rows, today: null }))
      : aggregatesAllowed
        ? readLevels(prisma, teamId, summaries, canSeeCells).then((today) => ({ rows: null, today }))
        : Promise.resolve(null),
    canSeeCells
      ? prisma.auditLog.findMany({ where: { teamId, reviewId: null }, orderBy: { id: "desc" }, take: 30 })
      : Promise.resolve([]),
  ]);

  const names = people.map((m) => m.user.name ?? m.user.email);
  // Each member's levels: today's from the per-process summary cache (the same objects on every call while their
  // version holds), or the past ones from the history rows.
  let levels: Levels[];
  let cells: Map<string, Record<string, Cell>> | null = null;
  if (read?.today) {
    levels = summaries.map((p) => levelsOf(p, read.today.read, taxonomy));
    if (canSeeCells) cells = cellsOf(summaries, levels, read.today);
  } else if (read?.rows) {
    cells = cellsFromRows(read.rows);
    levels = summaries.map((p) => levelsFromCells(cells!.get(p.id)));
  } else levels = summaries.map(() => NO_LEVELS);
  const members: TeamMember[] = summaries.map((p, i) => ({ id: p.id, name: names[i]!, levels: levels[i]! }));
  const ratedCount = read ? levels.filter(hasLevels).length : 0;

  const target = teamTargetProfile(team.targetRoles, team.targetSkills, taxonomy);
  // Plain members get counts only (holder ids would tell them who holds what), over big enough groups.
  const figures = aggregatesAllowed
    ? teamFigures({
        members,
        skillIds: skillIdsOf(taxonomy),
        categoryOf: categoryOfSkills(taxonomy),
        coverageLevel: COVERAGE_LEVEL,
        target,
        viewer: canSeeCells ? null : { id: actor.id, min: minAggregate },
      })
    : null;
  const byName = new Intl.Collator().compare; // what String#localeCompare uses, without a lookup per comparison
  return {
    team: { id: team.id, name: team.name, description: team.description },
    /** The moment shown when looking back in time; null for today. */
    asOf: options.asOf ?? null,
    myRole: actor.isAdmin && !myRole ? "admin" : myRole,
    canSeeCells,
    canManage: canSeeCells,
    /** Members are the people rated here; managers run the team and are not in its figures. */
    memberCount: people.length,
    managerCount,
    /** Members with at least one current rating (0 when the viewer may not see figures). */
    ratedCount,
    minAggregate,
    people: canSeeCells
      ? team.memberships.map((m) => ({
          userId: m.user.id,
          name: m.user.name ?? m.user.email,
          email: m.user.email,
          role: m.role,
          since: m.createdAt,
        }))
      : [],
    invitations: canSeeCells ? team.invitations.map((i) => ({ ...i, state: invitationState(i, new Date()) })) : [],
    targetRoles: team.targetRoles,
    targetSkills: team.targetSkills,
    target,
    matrix: canSeeCells
      ? {
          rows: summaries
            .map((p, i): MatrixRow => ({ userId: p.id, name: names[i]!, cells: cells?.get(p.id) ?? {} }))
            .sort((a, b) => byName(a.name, b.name)),
        }
      : null,
    aggregates: figures?.aggregates ?? null,
    /** Rows hidden from a plain member because fewer than minAggregate colleagues rated them (null for managers). */
    hidden: figures?.hidden ?? null,
    audit: audit.map((a) => ({
      id: a.id.toString(),
      action: a.action,
      data: a.data,
      createdAt: a.createdAt,
      actor:
        team.memberships.find((m) => m.user.id === a.actorId)?.user.name ??
        (a.actorId === actor.id ? "you" : "an administrator"),
    })),
    taxonomy,
  };
}
export type TeamAudit = Awaited<ReturnType<typeof getTeamAudit>>;

/** An invitation that was not accepted: still open, past its expiry, or declined by the invitee. */
function invitationState(
  i: { expiresAt: Date | null; declinedAt: Date | null },
  now: Date,
): "pending" | "expired" | "declined" {
  if (i.declinedAt) return "declined";
  return i.expiresAt && i.expiresAt > now ? "pending" : "expired";
}

/**
 * The members' cells as they stood at `asOf`, in the same shape as the current-ratings query: one row per member,
 * {skillId: [level, confirmedByManager, certified, endorsements]}. DISTINCT ON keeps the latest history row per
 * (member, skill) at or before `asOf` (the (userId, skillId, createdAt) index serves it). Evidence as of then: the
 * row's own source; a certification that had not expired by that day; endorsements of that level given by then and
 * still standing (withdrawn ones are gone from the database, so this count can only be lower than it was).
 */
function ratingsAsOf(prisma: Db, teamId: string, asOf: Date, canSeeCells: boolean) {
  return prisma.$queryRaw<{ userId: string; cells: string }[]>`
    SELECT c."userId" AS "userId", json_object_agg(c."skillId", json_build_array(c."level", c."source" = 'manager',
      ${canSeeCells} AND c."certificationId" IS NOT NULL AND EXISTS (SELECT 1 FROM "PersonCertification" pc
        WHERE pc."id" = c."certificationId" AND (pc."expiresOn" IS NULL OR pc."expiresOn" >= ${asOf.toISOString().slice(0, 10)}::date)),
      CASE WHEN ${canSeeCells} THEN (SELECT count(*) FROM "Endorsement" e WHERE e."userId" = c."userId"
        AND e."skillId" = c."skillId" AND e."level" = c."level" AND NOT e."hidden" AND e."createdAt" <= ${asOf}) ELSE 0 END))::text AS "cells"
    FROM (
      SELECT DISTINCT ON (r."userId", r."skillId") r."userId", r."skillId", r."level", r."source", r."certificationId"
      FROM "Rating" r
      JOIN "TeamMembership" m ON m."userId" = r."userId" AND m."teamId" = ${teamId} AND m."role" = 'member'
      WHERE r."createdAt" <= ${asOf}
      ORDER BY r."userId", r."skillId", r."createdAt" DESC, r."id" DESC
    ) c
    JOIN "Skill" s ON s."id" = c."skillId" AND NOT s."retired"
    GROUP BY c."userId"`;
}

type Levels = Readonly<Record<string, number>>;
type Db = Awaited<ReturnType<typeof db>>;
/** One member's summary version as read with the team (0: no summary, nothing rated). */
type Summary = { id: string; version: number };
/** A current rating with evidence: [userId, skillId, confirmed by a manager, backed by a current certification]. */
type Flags = [string, string, boolean, boolean];
/** Visible endorsements of a level: [userId, skillId, level, how many]. */
type Endorsed = [string, string, number, number];

const NO_LEVELS: Levels = Object.freeze({});

/** Above this many changed members, re-read the whole team's summaries instead of listing ids. */
const REREAD_ALL_ABOVE = 500;

/**
 * Today's levels for the team, in one statement: the summaries this process has not parsed at the version read with
 * the team (none on a repeated view), and for managers the evidence, which few cells carry (confirmed by a manager,
 * linked to a certification, endorsed) — every other cell is a bare level. The cache is updated here.
 */
async function readLevels(prisma: Db, teamId: string, people: readonly Summary[], withEvidence: boolean) {
  const read = checkCached(people);
  const { stale } = read;
  const members = Prisma.sql`SELECT m."userId" FROM "TeamMembership" m WHERE m."teamId" = ${teamId} AND m."role" = 'member'`;
  const which =
    stale.length === 0
      ? Prisma.sql`FALSE`
      : stale.length > REREAD_ALL_ABOVE
        ? Prisma.sql`l."userId" IN (${members})`
        : Prisma.sql`l."userId" IN (${Prisma.join(stale)})`;
  // Evidence without visiting every cell: the flagged current ratings (a manager's, or citing a certification), and
  // the visible endorsements per level (counted below where the level is still the current one).
  const evidence = withEvidence
    ? Prisma.sql`(SELECT json_agg(json_build_array(c."userId", c."skillId", c."source" = 'manager',
          c."certificationId" IS NOT NULL AND EXISTS (SELECT 1 FROM "PersonCertification" pc
            WHERE pc."id" = c."certificationId" AND (pc."expiresOn" IS NULL OR pc."expiresOn" >= CURRENT_DATE))))
        FROM "CurrentRating" c
        WHERE (c."source" = 'manager' OR c."certificationId" IS NOT NULL) AND c."userId" IN (${members}))::text AS "flags",
      (SELECT json_agg(json_build_array(e."userId", e."skillId", e."level", e."n")) FROM (
        SELECT e."userId", e."skillId", e."level", count(*) AS "n" FROM "Endorsement" e
        WHERE NOT e."hidden" AND e."userId" IN (${members}) GROUP BY e."userId", e."skillId", e."level") e)::text AS "endorsed"`
    : Prisma.sql`NULL::text AS "flags", NULL::text AS "endorsed"`;
  const [row] = await prisma.$queryRaw<{ summaries: string | null; flags: string | null; endorsed: string | null }[]>`
    SELECT (SELECT json_agg(json_build_array(l."userId", l."version", l."levels")) FROM "PersonLevels" l
      WHERE ${which})::text AS "summaries", ${evidence}`;
  storeParsed(read, row?.summaries ? (JSON.parse(row.summaries) as [string, number, Record<string, number>][]) : []);
  return {
    read,
    flags: row?.flags ? (JSON.parse(row.flags) as Flags[]) : [],
    endorsed: row?.endorsed ? (JSON.parse(row.endorsed) as Endorsed[]) : [],
  };
}

/** A member's levels of active skills (no summary: nothing rated). */
function levelsOf(p: Summary, read: LevelRead, taxonomy: Taxonomy): Levels {
  return (p.version > 0 ? activeLevelsOf(read, p.id, taxonomy) : null) ?? NO_LEVELS;
}

/** Managers' cells: every level, with the evidence of the few cells that have some. */
function cellsOf(
  people: readonly Summary[],
  levels: readonly Levels[],
  read: { flags: Flags[]; endorsed: Endorsed[] },
) {
  const cells = new Map<string, Record<string, Cell>>();
  people.forEach((p, i) => {
    const l = levels[i]!;
    // A copy whose values are then replaced: it keeps the levels object's shape, where adding ~90 properties one by
    // one costs a third more (2,000 members: ~30 ms instead of ~45).
    const mine = { ...l } as unknown as Record<string, Cell>;
    for (const skill in mine) mine[skill] = { level: l[skill]!, confirmed: false, certified: false, endorsements: 0 };
    cells.set(p.id, mine);
  });
  // Only cells of active skills exist; evidence of retired ones finds none.
  const cellOf = (userId: string, skillId: string) => {
    const mine = cells.get(userId);
    return mine && Object.hasOwn(mine, skillId) ? mine[skillId] : undefined;
  };
  for (const [userId, skillId, confirmed, certified] of read.flags) {
    const cell = cellOf(userId, skillId);
    if (cell) Object.assign(cell, { confirmed, certified });
  }
  for (const [userId, skillId, level, n] of read.endorsed) {
    const cell = cellOf(userId, skillId);
    if (cell?.level === level) cell.endorsements = Number(n);
  }
  return cells;
}

/** The history rows of ratingsAsOf as cells per member. */
function cellsFromRows(rows: readonly { userId: string; cells: string }[]) {
  const cells = new Map<string, Record<string, Cell>>();
  for (const r of rows) {
    const mine: Record<string, Cell> = {};
    for (const [skillId, [level, confirmed, certified, endorsements]] of Object.entries(
      JSON.parse(r.cells) as Record<string, [number, boolean, boolean, number]>,
    ))
      mine[skillId] = { level, confirmed, certified, endorsements: Number(endorsements) };
    cells.set(r.userId, mine);
  }
  return cells;
}
const levelsFromCells = (cells: Record<string, Cell> | undefined): Levels =>
  cells ? Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, c.level])) : NO_LEVELS;

function hasLevels(levels: Levels): boolean {
  for (const _ in levels) return true;
  return false;
}

// Per taxonomy object (treated as immutable): the same skill-id array on every call lets the domain keep its index.
const skillIdLists = new WeakMap<Taxonomy, string[]>();
const categoryMaps = new WeakMap<Taxonomy, Record<string, string>>();
function skillIdsOf(taxonomy: Taxonomy): string[] {
  let ids = skillIdLists.get(taxonomy);
  if (!ids) skillIdLists.set(taxonomy, (ids = taxonomy.skills.map((s) => s.id)));
  return ids;
}
function categoryOfSkills(taxonomy: Taxonomy): Record<string, string> {
  let m = categoryMaps.get(taxonomy);
  if (!m) categoryMaps.set(taxonomy, (m = Object.fromEntries(taxonomy.skills.map((s) => [s.id, s.category]))));
  return m;
}

/** The individual matrix as CSV (managers and admins only). */
export async function exportTeamMatrixCsv(actor: Actor, teamId: string): Promise<string> {
  const audit = await getTeamAudit(actor, teamId);
  if (!audit.matrix) throw new NotFoundError();
  const skills = audit.taxonomy.skills;
  const table = Papa.unparse(
    {
      fields: ["person", ...skills.map((s) => s.id)],
      data: audit.matrix.rows.map((r) => [
        r.name,
        ...skills.map((s) => (r.cells[s.id] ? `${r.cells[s.id].level}${r.cells[s.id].confirmed ? "*" : ""}` : "")),
      ]),
    },
    { escapeFormulae: FORMULA_START, newline: "\n" },
  );
  return [table, "", "# * = confirmed by a manager in a review; empty = not rated"].join("\n");
}
