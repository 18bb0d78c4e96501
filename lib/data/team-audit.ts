import "server-only";
import { db } from "./db";
import { assertLookupId, NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { visibleTeamsWhere, type Actor } from "@/lib/data/policy";
import { env } from "@/lib/env";
import Papa from "papaparse";
import { FORMULA_START } from "@/lib/domain/csv";
import {
  colleaguesCount,
  teamTargetProfile,
  levelDistribution,
  suppressSmallGroups,
  teamBusFactor,
  teamCoverage,
  teamGap,
  type TeamMember,
} from "@/lib/domain";

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
 * A fixed number of queries whatever the team size: team (1), ratings (1), taxonomy version (1, cached), audit log (1).
 * With `asOf`, the ratings query reads the history instead of the current ratings (still one query): each member's
 * latest rating per skill at or before that moment. Membership, targets, invitations and the audit log stay today's.
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
        select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
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

  const [taxonomy, ratings, audit] = await Promise.all([
    getTaxonomy(),
    // One row per member with their levels as JSON text, {skillId: [level, confirmedByManager, certified,
    // endorsements]}: at 500 people this ships 500 rows instead of ~50,000 and halves the page's server time
    // (docs/benchmarks.md, team audit). Evidence is read only for those who see cells.
    aggregatesAllowed && options.asOf
      ? ratingsAsOf(prisma, teamId, options.asOf, canSeeCells)
      : aggregatesAllowed
        ? prisma.$queryRaw<{ userId: string; cells: string }[]>`
          SELECT c."userId" AS "userId", json_object_agg(c."skillId", json_build_array(c."level", c."source" = 'manager',
            ${canSeeCells} AND c."certificationId" IS NOT NULL AND EXISTS (SELECT 1 FROM "PersonCertification" pc
              WHERE pc."id" = c."certificationId" AND (pc."expiresOn" IS NULL OR pc."expiresOn" >= CURRENT_DATE)),
            CASE WHEN ${canSeeCells} THEN (SELECT count(*) FROM "Endorsement" e WHERE e."userId" = c."userId"
              AND e."skillId" = c."skillId" AND e."level" = c."level" AND NOT e."hidden") ELSE 0 END))::text AS "cells"
          FROM "CurrentRating" c
          JOIN "TeamMembership" m ON m."userId" = c."userId" AND m."teamId" = ${teamId} AND m."role" = 'member'
          JOIN "Skill" s ON s."id" = c."skillId" AND NOT s."retired"
          GROUP BY c."userId"`
        : Promise.resolve([]),
    canSeeCells
      ? prisma.auditLog.findMany({ where: { teamId, reviewId: null }, orderBy: { id: "desc" }, take: 30 })
      : Promise.resolve([]),
  ]);

  const rows = new Map<string, MatrixRow>(
    people.map((m) => [m.user.id, { userId: m.user.id, name: m.user.name ?? m.user.email, cells: {} }]),
  );
  for (const r of ratings) {
    const row = rows.get(r.userId);
    if (!row) continue;
    for (const [skillId, [level, confirmed, certified, endorsements]] of Object.entries(
      JSON.parse(r.cells) as Record<string, [number, boolean, boolean, number]>,
    ))
      row.cells[skillId] = { level, confirmed, certified, endorsements: Number(endorsements) };
  }
  const members: TeamMember[] = [...rows.values()].map((r) => ({
    id: r.userId,
    name: r.name,
    levels: Object.fromEntries(Object.entries(r.cells).map(([k, c]) => [k, c.level])),
  }));
  const skillIds = taxonomy.skills.map((s) => s.id);
  const categoryOf = Object.fromEntries(taxonomy.skills.map((s) => [s.id, s.category]));

  const target = teamTargetProfile(team.targetRoles, team.targetSkills, taxonomy);

  // Plain members get counts only: holder ids would tell them who holds what.
  const anonymous = <T extends { holders: string[] }>(row: T): T => (canSeeCells ? row : { ...row, holders: [] });
  const all = aggregatesAllowed
    ? {
        coverage: teamCoverage(members, skillIds, COVERAGE_LEVEL).map(anonymous),
        busFactor: teamBusFactor(members, target, skillIds).map(anonymous),
        gap: teamGap(members, target),
        distribution: levelDistribution(members, skillIds, categoryOf),
      }
    : null;
  const suppressed =
    all && !canSeeCells
      ? suppressSmallGroups(all, { members, viewerId: actor.id, min: minAggregate, categoryOf })
      : null;
  const aggregates = suppressed
    ? {
        coverage: suppressed.coverage,
        busFactor: suppressed.busFactor,
        gap: suppressed.gap,
        distribution: suppressed.distribution,
      }
    : all;
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
    ratedCount: ratings.length,
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
    matrix: canSeeCells ? { rows: [...rows.values()].sort((a, b) => a.name.localeCompare(b.name)) } : null,
    aggregates,
    /** Rows hidden from a plain member because fewer than minAggregate colleagues rated them (null for managers). */
    hidden: suppressed?.hidden ?? null,
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
function ratingsAsOf(prisma: Awaited<ReturnType<typeof db>>, teamId: string, asOf: Date, canSeeCells: boolean) {
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
