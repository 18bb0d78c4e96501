import "server-only";
import Papa from "papaparse";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import { teamsManagedByWhere, type Actor } from "./policy";
import { env } from "@/lib/env";
import { FORMULA_START } from "@/lib/domain/csv";
import {
  categoryFigures,
  demandFromRoles,
  quarterEnds,
  roleReadiness,
  singlePoints,
  skillCoverage,
  teamComparison,
  trendFigures,
  type HistoryHistogram,
  type OrgPerson,
  type Quarter,
} from "@/lib/domain/org-report";

/** Quarters shown in the trends, before "Today". */
export const TREND_QUARTERS = 8;

export type ReportOptions = { teamId?: string | null; now?: Date };

const textArray = (values: string[]) =>
  values.length ? Prisma.sql`ARRAY[${Prisma.join(values)}]::text[]` : Prisma.sql`'{}'::text[]`;
// Rating.createdAt is a timestamp without time zone holding UTC (Prisma's convention).
const utc = (d: Date) => d.toISOString().replace("Z", "");

/**
 * The teams whose people the report covers: every team for admins, the teams they manage for anyone else; with
 * `teamId`, that one team if it is among them (otherwise all of them, and `unknownTeam`, so the page can say so in
 * the form). No team at all → NotFoundError (plain members never see a report).
 */
async function scopeTeams(actor: Actor, teamId: string | null | undefined) {
  const prisma = await db();
  const teams = await prisma.team.findMany({
    where: actor.isAdmin ? {} : teamsManagedByWhere(actor),
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  if (teams.length === 0) throw new NotFoundError();
  const one = teamId ? teams.filter((t) => t.id === teamId) : [];
  if (one.length === 0) return { all: teams, teams, wholeOrg: actor.isAdmin, unknownTeam: Boolean(teamId) };
  return { all: teams, teams: one, wholeOrg: false, unknownTeam: false };
}

/** Members (not managers) of the scope's teams with their current role, teams and current levels: one query. */
async function scopePeople(teamIds: string[], wholeOrg: boolean): Promise<OrgPerson[]> {
  const prisma = await db();
  const teamFilter = wholeOrg ? Prisma.empty : Prisma.sql`AND m."teamId" = ANY(${textArray(teamIds)})`;
  const rows = await prisma.$queryRaw<
    { id: string; name: string; roleId: string | null; teamIds: string[]; levels: string | null }[]
  >`
    WITH scope AS (
      SELECT m."userId", array_agg(m."teamId") AS "teamIds" FROM "TeamMembership" m
      WHERE m."role" = 'member' ${teamFilter} GROUP BY m."userId"
    )
    SELECT u."id", COALESCE(u."name", u."email") AS "name", u."currentRoleId" AS "roleId", s."teamIds",
      (SELECT json_object_agg(c."skillId", c."level") FROM "CurrentRating" c
        JOIN "Skill" k ON k."id" = c."skillId" AND NOT k."retired" WHERE c."userId" = u."id")::text AS "levels"
    FROM scope s JOIN "User" u ON u."id" = s."userId"`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    roleId: r.roleId,
    teamIds: r.teamIds,
    levels: r.levels ? (JSON.parse(r.levels) as Record<string, number>) : {},
  }));
}

/**
 * The levels as they stood at each point, from the append-only history in one statement. Each history row is valid
 * from its createdAt until the person's next row for that skill (a window function); width_bucket turns both ends
 * into point indexes, so a row is held at points [from, to) and the database groups ~640k rows into a few thousand
 * (skill, level, from, to) counts instead of joining every row with every point. A person counts as a rater of a
 * category from the first point after their first rating in it (history rows are never deleted).
 */
async function historyHistogram(teamIds: string[], wholeOrg: boolean, points: Quarter[]): Promise<HistoryHistogram> {
  const prisma = await db();
  const teamFilter = wholeOrg ? Prisma.empty : Prisma.sql`AND m."teamId" = ANY(${textArray(teamIds)})`;
  const ends = Prisma.sql`ARRAY[${Prisma.join(points.map((p) => utc(p.end)))}]::timestamp[]`;
  const rows = await prisma.$queryRaw<
    { skill: string | null; category: string | null; level: number | null; from: number; to: number; people: number }[]
  >`
    WITH scope AS (SELECT DISTINCT m."userId" FROM "TeamMembership" m WHERE m."role" = 'member' ${teamFilter}),
    h AS (
      SELECT r."userId", r."skillId", k."categoryId", r."level", r."createdAt" AS "since",
        LEAD(r."createdAt") OVER (PARTITION BY r."userId", r."skillId" ORDER BY r."createdAt", r."id") AS "until"
      FROM "Rating" r JOIN "Skill" k ON k."id" = r."skillId" AND NOT k."retired"
      WHERE r."userId" IN (SELECT "userId" FROM scope)
    )
    SELECT "skillId" AS "skill", NULL AS "category", "level", width_bucket("since", ${ends}) AS "from",
      COALESCE(width_bucket("until", ${ends}), ${points.length}) AS "to", count(*)::int AS "people"
    FROM h GROUP BY 1, 3, 4, 5
    UNION ALL
    SELECT NULL, "categoryId", NULL, "from", ${points.length}, count(*)::int FROM (
      SELECT "categoryId", width_bucket(min("since"), ${ends}) AS "from" FROM h GROUP BY "userId", "categoryId"
    ) f GROUP BY 2, 4`;
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

/**
 * The organisation report for admins (every team) and managers (the teams they manage), or for one of those teams.
 * A fixed number of queries whatever the size: 4 — teams (1), taxonomy version (1, cached), people with their
 * current levels (1), the history at every quarter's end (1).
 */
export async function getOrgReport(actor: Actor, opts: ReportOptions = {}) {
  const scope = await scopeTeams(actor, opts.teamId);
  const points = quarterEnds(opts.now ?? new Date(), TREND_QUARTERS);
  const teamIds = scope.teams.map((t) => t.id);
  const [taxonomy, people, histogram] = await Promise.all([
    getTaxonomy(),
    scopePeople(teamIds, scope.wholeOrg),
    historyHistogram(teamIds, scope.wholeOrg, points),
  ]);
  const min = env().TEAM_MIN_AGGREGATE;
  const demand = demandFromRoles(people, taxonomy);
  return {
    minAggregate: min,
    wholeOrg: scope.wholeOrg,
    /** Every team the actor may report on (for the team picker). */
    teamChoices: scope.all,
    teams: scope.teams,
    selectedTeamId: scope.unknownTeam ? null : (opts.teamId ?? null),
    /** The address named a team that is not among teamChoices; the report covers all of them instead. */
    unknownTeam: scope.unknownTeam,
    peopleCount: people.length,
    skills: skillCoverage(people, demand, taxonomy, min),
    categories: categoryFigures(people, demand, taxonomy, min),
    teamComparison: teamComparison(people, scope.teams, taxonomy, min),
    trends: trendFigures(points, histogram, demand, taxonomy, min),
    readiness: roleReadiness(people, taxonomy, min),
    singlePoints: singlePoints(people, scope.teams, taxonomy, min),
    taxonomy,
  };
}
export type OrgReport = Awaited<ReturnType<typeof getOrgReport>>;

export const REPORT_TABLES = ["trends", "categories", "skills", "teams", "readiness"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** One table of the report as CSV; a suppressed figure is an empty cell, explained in a closing comment line. */
export async function exportOrgReportCsv(actor: Actor, table: ReportTable, opts: ReportOptions = {}): Promise<string> {
  const r = await getOrgReport(actor, opts);
  // A team the actor may not report on answers "not found", like any other id they may not see.
  if (r.unknownTeam) throw new NotFoundError();
  const categoryName = new Map(r.taxonomy.categories.map((c) => [c.id, c.name]));
  const skillName = new Map(r.taxonomy.skills.map((s) => [s.id, s.name]));
  const cell = (v: number | null) => (v === null ? "" : String(v));
  let fields: string[];
  let data: string[][];
  if (table === "trends") {
    fields = ["point", "category", "coverage_percent", "average_level"];
    data = r.trends.flatMap((p) =>
      p.categories.map((c) => [p.label, categoryName.get(c.category)!, cell(c.coverage), cell(c.averageLevel)]),
    );
  } else if (table === "categories") {
    fields = ["category", "coverage_percent", "average_level"];
    data = r.categories.map((c) => [categoryName.get(c.category)!, cell(c.coverage), cell(c.averageLevel)]);
  } else if (table === "skills") {
    fields = ["skill", "category", "needed_level", "people_needed", "people_at_level", "coverage_percent"];
    data = r.skills.map((s) => [
      skillName.get(s.skill)!,
      categoryName.get(s.category)!,
      String(s.level),
      String(s.needed),
      cell(s.have),
      cell(s.percent),
    ]);
  } else if (table === "teams") {
    fields = ["team", "category", "coverage_percent", "average_level"];
    data = r.teamComparison.flatMap((t) =>
      t.categories.map((c) => [t.team.name, categoryName.get(c.category)!, cell(c.coverage), cell(c.averageLevel)]),
    );
  } else {
    fields = ["role", "ready", "stretch", "far"];
    data = r.readiness.map((x) => [
      x.title,
      cell(x.counts?.ready ?? null),
      cell(x.counts?.stretch ?? null),
      cell(x.counts?.far ?? null),
    ]);
  }
  const csv = Papa.unparse({ fields, data }, { escapeFormulae: FORMULA_START, newline: "\n" });
  return [csv, "", `# empty = fewer than ${r.minAggregate} people rated it, or no role needs it`].join("\n");
}
