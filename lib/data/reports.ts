import "server-only";
import Papa from "papaparse";
import { db } from "./db";
import { NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import type { Taxonomy } from "@/lib/domain/types";
import { teamsManagedByWhere, type Actor } from "./policy";
import { env } from "@/lib/env";
import { FORMULA_START } from "@/lib/domain/csv";
import { closedPointHistograms, teamFilter } from "./report-snapshots";
import { orgTargetMix } from "./org-target";
import { deriveTeamTarget } from "@/lib/domain/team";
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

/**
 * Members (not managers) of the scope's teams with their current role, teams and current levels (of active skills):
 * one query, one row per person (PersonLevels, the summary appendRatings keeps) rather than every current rating.
 */
async function scopePeople(teamIds: string[], wholeOrg: boolean, taxonomy: Taxonomy): Promise<OrgPerson[]> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<
    { id: string; name: string; roleId: string | null; teamIds: string[]; levels: string | null }[]
  >`
    WITH scope AS (
      SELECT m."userId", array_agg(m."teamId") AS "teamIds" FROM "TeamMembership" m
      WHERE m."role" = 'member' ${teamFilter({ wholeOrg, teamIds })} GROUP BY m."userId"
    )
    SELECT u."id", COALESCE(u."name", u."email") AS "name", u."currentRoleId" AS "roleId", s."teamIds",
      l."levels"::text AS "levels"
    FROM scope s JOIN "User" u ON u."id" = s."userId" LEFT JOIN "PersonLevels" l ON l."userId" = s."userId"`;
  const active = new Set(taxonomy.skills.map((s) => s.id));
  const out = rows.map((r) => {
    const levels: Record<string, number> = r.levels ? JSON.parse(r.levels) : {};
    for (const skill in levels) if (!active.has(skill)) delete levels[skill]; // retired since
    return { id: r.id, name: r.name, roleId: r.roleId, teamIds: r.teamIds, levels };
  });
  return out;
}

/**
 * The organisation report for admins (every team) and managers (the teams they manage), or for one of those teams.
 * A fixed number of queries whatever the size: teams (1), taxonomy version (1, cached), people with their current
 * levels (1), the admin's target mix for a whole-organisation report (1), then the closed quarters' snapshots (1; 6 more when a quarter is not stored yet for these people: the
 * history in its own transaction with two SET LOCALs, storing and pruning). "Today" comes from the current levels already read.
 */
export async function getOrgReport(actor: Actor, opts: ReportOptions = {}) {
  const scope = await scopeTeams(actor, opts.teamId);
  const now = opts.now ?? new Date();
  const points = quarterEnds(now, TREND_QUARTERS);
  const teamIds = scope.teams.map((t) => t.id);
  const taxonomy = await getTaxonomy();
  const [people, targetMix] = await Promise.all([
    scopePeople(teamIds, scope.wholeOrg, taxonomy),
    scope.wholeOrg ? orgTargetMix(taxonomy) : Promise.resolve([]),
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

export const REPORT_TABLES = ["trends", "categories", "skills", "teams", "readiness"] as const;
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
