import "server-only";
import Papa from "papaparse";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { activeLevelsOf, checkCached, storeParsed } from "./level-cache";
import { NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import type { Taxonomy } from "@/lib/domain/types";
import { teamsManagedByWhere, type Actor } from "./policy";
import { env } from "@/lib/env";
import { FORMULA_START } from "@/lib/domain/csv";
import { closedPointHistograms, teamFilter } from "./report-snapshots";
import { orgTargetMix } from "./org-target";
import { deriveTeamTarget } from "@/lib/domain/team";
import { SERIOUS_DISCONNECT } from "@/lib/domain/cycles";
import {
  categoryFigures,
  currentHistogram,
  demandFromRoles,
  quarterEnds,
  roleReadiness,
  singlePoints,
  skillCoverage,
  teamComparison,
  trendFigures,
  type OrgPerson,
} from "@/lib/domain/org-report";

/** Quarters shown in the trends, before "Today". */
export const TREND_QUARTERS = 8;

/** Teams per page in the team comparison and in the single points of failure. */
export const TEAM_PAGE_SIZE = 20;

export type ReportOptions = {
  teamId?: string | null;
  now?: Date;
  /** 1-based page of the team comparison (clamped to the last page). */
  teamPage?: number;
  /** 1-based page of the teams with single points of failure (clamped). */
  riskPage?: number;
  /** Every team in one page (the CSV export). */
  allTeams?: boolean;
};

/** A 1-based page of `items` (page clamped to 1…pages), with the numbers a pager shows. */
function paged<T>(items: readonly T[], page: number | undefined, all: boolean | undefined) {
  const pages = all ? 1 : Math.max(1, Math.ceil(items.length / TEAM_PAGE_SIZE));
  const at = Math.min(Math.max(1, Math.floor(page ?? 1)), pages);
  const slice = all ? [...items] : items.slice((at - 1) * TEAM_PAGE_SIZE, at * TEAM_PAGE_SIZE);
  return { slice, page: { page: at, pages, total: items.length } };
}

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

/** Above this many changed people, re-read the whole scope's summaries instead of listing ids. */
const REREAD_ALL_ABOVE = 500;

/**
 * Members (not managers) of the scope's teams with their current role, teams and current levels (of active skills):
 * one row per person (PersonLevels, the summary appendRatings keeps) rather than every current rating. Two queries:
 * people with their summary's version, then the summaries this process has not parsed at that version (none on a
 * repeated view; the whole scope on the first).
 */
async function scopePeople(teamIds: string[], wholeOrg: boolean, taxonomy: Taxonomy): Promise<OrgPerson[]> {
  const prisma = await db();
  const scope = Prisma.sql`
    WITH scope AS (
      SELECT m."userId", string_agg(m."teamId", ',') AS "teamIds" FROM "TeamMembership" m
      WHERE m."role" = 'member' ${teamFilter({ wholeOrg, teamIds })} GROUP BY m."userId"
    )`;
  const rows = await prisma.$queryRaw<
    { id: string; name: string; roleId: string | null; teamIds: string; version: number }[]
  >`${scope}
    SELECT u."id", COALESCE(u."name", u."email") AS "name", u."currentRoleId" AS "roleId", s."teamIds",
      COALESCE(l."version", 0) AS "version"
    FROM scope s JOIN "User" u ON u."id" = s."userId" LEFT JOIN "PersonLevels" l ON l."userId" = s."userId"`;
  const read = checkCached(rows);
  const { stale } = read;
  if (stale.length) {
    const fresh = await prisma.$queryRaw<{ userId: string; version: number; levels: string }[]>(
      stale.length > REREAD_ALL_ABOVE
        ? Prisma.sql`${scope} SELECT l."userId", l."version", l."levels"::text AS "levels"
            FROM scope s JOIN "PersonLevels" l ON l."userId" = s."userId"`
        : Prisma.sql`SELECT "userId", "version", "levels"::text AS "levels" FROM "PersonLevels"
            WHERE "userId" IN (${Prisma.join(stale)})`,
    );
    storeParsed(
      read,
      fresh.map((f) => [f.userId, f.version, JSON.parse(f.levels) as Record<string, number>]),
    );
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    roleId: r.roleId,
    teamIds: r.teamIds.split(","),
    levels: (r.version > 0 ? activeLevelsOf(read, r.id, taxonomy) : null) ?? {},
  }));
}

export type CycleAgreementRow = {
  cycleId: string;
  name: string;
  closedAt: Date | null;
  /** People whose review in the cycle reached the discussion (or later), within the report's teams. */
  people: number;
  /** Skills where both the person and the manager gave a level; null when suppressed. */
  lines: number | null;
  /** Of those, how many differ by SERIOUS_DISCONNECT (2) or more levels; null when suppressed. */
  disconnects: number | null;
  /** disconnects ÷ lines, 0–100 whole percent; null when suppressed or no line. */
  percent: number | null;
  suppressed: boolean;
};

/**
 * Agreement per review cycle, newest first (at most 12): over the skills of the cycle's reviews in scope that are past
 * the reveal (discussion, completed, acknowledged), how often self and manager differ by 2 or more levels — the
 * "serious disconnect" rule. Suppressed under the privacy threshold (fewer than `min` people). One query.
 */
async function cycleAgreement(scope: ReportScopeTeams, min: number): Promise<CycleAgreementRow[]> {
  const prisma = await db();
  const teamFilter = scope.wholeOrg
    ? Prisma.empty
    : Prisma.sql`AND r."teamId" IN (${Prisma.join(scope.teamIds.length ? scope.teamIds : [""])})`;
  const rows = await prisma.$queryRaw<
    { id: string; name: string; closedAt: Date | null; people: number; lines: number; disconnects: number }[]
  >`
    SELECT c."id", c."name", c."closedAt", count(DISTINCT r."subjectId")::int AS "people",
      count(*) FILTER (WHERE s."selfLevel" IS NOT NULL AND s."managerLevel" IS NOT NULL)::int AS "lines",
      count(*) FILTER (WHERE abs(s."selfLevel" - s."managerLevel") >= ${SERIOUS_DISCONNECT})::int AS "disconnects"
    FROM "ReviewCycle" c
    JOIN "Review" r ON r."cycleId" = c."id" AND r."state" IN ('discussion', 'completed', 'acknowledged') ${teamFilter}
    JOIN "ReviewSkill" s ON s."reviewId" = r."id"
    GROUP BY c."id", c."name", c."closedAt", c."createdAt"
    ORDER BY c."createdAt" DESC, c."id"
    LIMIT 12`;
  return rows.map((r) => {
    const suppressed = r.people < min;
    return {
      cycleId: r.id,
      name: r.name,
      closedAt: r.closedAt,
      people: r.people,
      lines: suppressed ? null : r.lines,
      disconnects: suppressed ? null : r.disconnects,
      percent: suppressed || r.lines === 0 ? null : Math.round((100 * r.disconnects) / r.lines),
      suppressed,
    };
  });
}
type ReportScopeTeams = { wholeOrg: boolean; teamIds: string[] };

/**
 * The organisation report for admins (every team) and managers (the teams they manage), or for one of those teams.
 * A fixed number of queries whatever the size: teams (1), taxonomy version (1, cached), people with the version of
 * their level summary (1, plus 1 for the summaries this process has not parsed at that version), the admin's target
 * mix for a whole-organisation report (1), then the closed quarters' snapshots (1; 5 more when a quarter is not
 * stored yet for these people: the history with its two SET LOCALs, storing and pruning). "Today" comes from the
 * current levels already read.
 */
export async function getOrgReport(actor: Actor, opts: ReportOptions = {}) {
  const scope = await scopeTeams(actor, opts.teamId);
  const now = opts.now ?? new Date();
  const points = quarterEnds(now, TREND_QUARTERS);
  const teamIds = scope.teams.map((t) => t.id);
  const taxonomy = await getTaxonomy();
  const [people, targetMix, cycles] = await Promise.all([
    scopePeople(teamIds, scope.wholeOrg, taxonomy),
    scope.wholeOrg ? orgTargetMix(taxonomy) : Promise.resolve([]),
    cycleAgreement({ wholeOrg: scope.wholeOrg, teamIds }, env().TEAM_MIN_AGGREGATE),
  ]);
  const closed = await closedPointHistograms(
    { wholeOrg: scope.wholeOrg, teamIds },
    people.map((p) => p.id),
    points.slice(0, -1),
    taxonomy,
    now,
  );
  const today = currentHistogram(people, points.length - 1, taxonomy);
  const histogram = {
    cells: [...closed.histogram.cells, ...today.cells],
    raters: [...closed.histogram.raters, ...today.raters],
  };
  const min = env().TEAM_MIN_AGGREGATE;
  // The whole organisation is measured against the admin's target mix when one is set; a part of it (a manager's
  // teams, one team) against its own people's roles, which the mix does not describe.
  const demand = targetMix.length
    ? deriveTeamTarget(targetMix, taxonomy).filter((t) => t.level > 0)
    : demandFromRoles(people, taxonomy);
  const comparedTeams = paged(scope.teams, opts.teamPage, opts.allTeams);
  // Single points: every team is checked; the teams with some are listed, most first, a page at a time.
  const risks = singlePoints(people, scope.teams, taxonomy, min);
  const atRisk = risks
    .filter((t) => t.skills.length > 0)
    .sort((a, b) => b.skills.length - a.skills.length || a.team.name.localeCompare(b.team.name));
  const riskTeams = paged(atRisk, opts.riskPage, opts.allTeams);
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
    /** Where the demand comes from: the admin's target mix, or people's current roles. */
    demandSource: targetMix.length ? ("target" as const) : ("roles" as const),
    targetMix,
    skills: skillCoverage(people, demand, taxonomy, min),
    categories: categoryFigures(people, demand, taxonomy, min),
    teamComparison: teamComparison(people, comparedTeams.slice, taxonomy, min),
    teamPage: comparedTeams.page,
    trends: trendFigures(points, histogram, demand, taxonomy, min),
    readiness: roleReadiness(people, taxonomy, min),
    /** Review cycles: how often self and manager seriously disagree (2+ levels). */
    cycles,
    singlePoints: riskTeams.slice,
    riskPage: riskTeams.page,
    /** Teams with no single point, and teams whose figures are hidden (fewer than minAggregate raters). */
    riskSummary: {
      none: risks.filter((t) => !t.suppressed && t.skills.length === 0).length,
      hidden: risks.filter((t) => t.suppressed).length,
    },
    taxonomy,
  };
}
export type OrgReport = Awaited<ReturnType<typeof getOrgReport>>;

export const REPORT_TABLES = ["trends", "categories", "skills", "teams", "readiness", "cycles"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** One table of the report as CSV; a suppressed figure is an empty cell, explained in a closing comment line. */
export async function exportOrgReportCsv(actor: Actor, table: ReportTable, opts: ReportOptions = {}): Promise<string> {
  const r = await getOrgReport(actor, { ...opts, allTeams: true });
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
  } else if (table === "cycles") {
    fields = ["cycle", "closed_on", "people", "skills_compared", "serious_disconnects", "disconnect_percent"];
    data = r.cycles.map((c) => [
      c.name,
      c.closedAt ? c.closedAt.toISOString().slice(0, 10) : "",
      String(c.people),
      cell(c.lines),
      cell(c.disconnects),
      cell(c.percent),
    ]);
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
