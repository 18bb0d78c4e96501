import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { FieldError } from "@/components/field-error";
import { getOrgReport, TEAM_PAGE_SIZE } from "@/lib/data/reports";
import { getOrgTarget } from "@/lib/data/org-target";
import { TargetMixForm } from "./target-mix-form";
import { plural } from "@/lib/domain/plural";
import { orNotFound } from "@/lib/page";
import type { SearchParams } from "@/lib/search-params";
import { readReportQuery } from "./report-query";
import { CategoryTable, TeamComparison, TrendTable } from "./report-tables";
import {
  CycleAgreementSection,
  ReadinessSection,
  SinglePointsSection,
  SkillCoverageSection,
  TeamPager,
} from "./report-sections";
import { TrendChart } from "./trend-chart";

export const metadata: Metadata = { title: "Organisation report" };

type Props = { searchParams: Promise<SearchParams> };

const control = "mt-1 min-h-11 w-full max-w-full rounded border border-slate-400 bg-white px-2 py-1";
const link = "inline-flex min-h-11 items-center text-brand-700 underline";

export default async function ReportsPage({ searchParams }: Props) {
  const actor = await requireActor("/reports");
  const query = readReportQuery(await searchParams);
  const report = await orNotFound(
    getOrgReport(actor, { teamId: query.teamId, teamPage: query.teamPage, riskPage: query.riskPage }),
  );
  const targetMix = actor.isAdmin ? await getOrgTarget(actor) : null;
  const errors = { ...query.errors };
  if (report.unknownTeam) errors.team = ["Choose one of the listed teams."];
  const categories = report.taxonomy.categories;
  // Unless one is asked for, chart the first category with a figure to show (others may all be under the threshold).
  const hasFigures = (id: string) =>
    report.trends.some((p) => p.categories.some((c) => c.category === id && !c.suppressed && c.averageLevel !== null));
  const charted =
    categories.find((c) => c.id === query.category) ?? categories.find((c) => hasFigures(c.id)) ?? categories[0]!;
  if (query.category && charted.id !== query.category) errors.category = ["Choose one of the listed categories."];
  const at = categories.indexOf(charted);
  const teamParam = report.selectedTeamId ? `&team=${encodeURIComponent(report.selectedTeamId)}` : "";
  // A pager link keeps the view (team, category, the other list's page) and changes one page.
  const pageHref = (param: "page" | "risks", page: number) => {
    const q = new URLSearchParams();
    if (report.selectedTeamId) q.set("team", report.selectedTeamId);
    if (query.category && !errors.category) q.set("category", charted.id);
    const pages = { page: report.teamPage.page, risks: report.riskPage.page, [param]: page };
    if (pages.page > 1) q.set("page", String(pages.page));
    if (pages.risks > 1) q.set("risks", String(pages.risks));
    const s = q.toString();
    return `/reports${s ? `?${s}` : ""}#${param === "page" ? "teams-h" : "spof-h"}`;
  };
  const scopeName = report.selectedTeamId
    ? report.teams[0]!.name
    : report.wholeOrg
      ? "the whole organisation"
      : plural(report.teams.length, "team you manage", "teams you manage");
  return (
    <div className="min-w-0 space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">Organisation report</h1>
        <p className="text-slate-700" data-testid="report-scope">
          Covering {scopeName}: {plural(report.peopleCount, "member", "members")} (managers are not rated here).
        </p>
        <p className="rounded border border-slate-200 bg-white p-3 text-sm text-slate-700" data-testid="privacy-note">
          {report.demandSource === "target"
            ? `Demand comes from the organisation's target mix, set by an administrator (${plural(report.targetMix.length, "role", "roles")}, ${plural(
                report.targetMix.reduce((n, m) => n + m.count, 0),
                "person",
                "people",
              )}): for each skill, the level those roles need and how many people they need.`
            : `Demand comes from people's current roles: for each skill, the level those roles need and how many people hold such a role.${actor.isAdmin && !report.wholeOrg ? " (The organisation's target mix applies to the whole-organisation report only.)" : ""}`}{" "}
          Coverage is the share of that demand met by people at or above the level. A figure is shown only when at least{" "}
          {report.minAggregate} people rated a skill it covers; otherwise it reads &quot;fewer than{" "}
          {report.minAggregate}&quot; here and is empty in the CSV.
        </p>
      </header>

      {targetMix ? (
        <details className="rounded border border-slate-200 bg-white p-4" data-testid="target-mix">
          <summary className="min-h-11 cursor-pointer py-2 font-medium">
            Organisation target mix (administrators):{" "}
            {targetMix.length ? plural(targetMix.length, "role", "roles") : "not set, using people's current roles"}
          </summary>
          <TargetMixForm roles={report.taxonomy.roles.map((r) => ({ id: r.id, title: r.title }))} mix={targetMix} />
        </details>
      ) : null}

      <form
        method="get"
        action="/reports"
        aria-label="Report view"
        className="grid gap-4 rounded border border-slate-200 bg-white p-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      >
        <div>
          <label htmlFor="r-team" className="font-medium">
            Teams
          </label>
          <select
            id="r-team"
            name="team"
            defaultValue={report.selectedTeamId ?? ""}
            aria-invalid={Boolean(errors.team)}
            aria-describedby="r-team-error"
            className={control}
          >
            <option value="">{actor.isAdmin ? "All teams" : "All teams I manage"}</option>
            {report.teamChoices.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          <FieldError id="r-team-error" messages={errors.team} />
        </div>
        <div>
          <label htmlFor="r-category" className="font-medium">
            Category in the trend chart
          </label>
          <select
            id="r-category"
            name="category"
            defaultValue={charted.id}
            aria-invalid={Boolean(errors.category)}
            aria-describedby="r-category-error"
            className={control}
          >
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError id="r-category-error" messages={errors.category} />
        </div>
        <button
          type="submit"
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 sm:mb-7"
        >
          Show
        </button>
      </form>

      <section aria-labelledby="coverage-h" className="space-y-3">
        <h2 id="coverage-h" className="text-xl font-semibold">
          Coverage today
        </h2>
        <CategoryTable report={report} caption="Coverage and average level per category, today" />
        <SkillCoverageSection report={report} />
        <p>
          <a className={link} href={`/api/reports?table=categories${teamParam}`} download>
            Categories (CSV)
          </a>
          <span aria-hidden="true"> · </span>
          <a className={link} href={`/api/reports?table=skills${teamParam}`} download>
            Skills (CSV)
          </a>
        </p>
      </section>

      <section aria-labelledby="trends-h" className="space-y-3">
        <h2 id="trends-h" className="text-xl font-semibold">
          Trends
        </h2>
        <p className="text-sm text-slate-700">
          Each point uses the ratings as they stood at the end of that quarter, from the rating history, against
          today&apos;s demand. The chart shows {charted.name}; the table below shows every category.
        </p>
        <TrendChart
          label={`${charted.name}: coverage and average level at each quarter's end`}
          data={report.trends.map((p) => ({
            label: p.label,
            coverage: p.categories[at]!.coverage,
            averageLevel: p.categories[at]!.averageLevel,
          }))}
        />
        <TrendTable report={report} />
        <p>
          <a className={link} href={`/api/reports?table=trends${teamParam}`} download data-testid="trend-csv">
            Trends (CSV)
          </a>
        </p>
      </section>

      <section aria-labelledby="teams-h" className="space-y-3">
        <h2 id="teams-h" className="text-xl font-semibold">
          Team comparison
        </h2>
        <p className="text-sm text-slate-700">
          Each team against the demand of its own members&apos; roles. Open a team to see its categories.
          {report.teamPage.pages > 1
            ? ` Teams ${(report.teamPage.page - 1) * TEAM_PAGE_SIZE + 1}–${Math.min(report.teamPage.page * TEAM_PAGE_SIZE, report.teamPage.total)} of ${report.teamPage.total}, by name; the CSV has them all.`
            : ""}
        </p>
        <FieldError id="r-page-error" messages={errors.page} />
        <TeamComparison report={report} />
        <TeamPager label="Team comparison" param="page" page={report.teamPage} href={pageHref} />
        <p>
          <a className={link} href={`/api/reports?table=teams${teamParam}`} download>
            Team comparison (CSV)
          </a>
        </p>
      </section>

      <ReadinessSection report={report} />
      <p>
        <a className={link} href={`/api/reports?table=readiness${teamParam}`} download>
          Readiness (CSV)
        </a>
      </p>
      <CycleAgreementSection report={report} csvHref={`/api/reports?table=cycles${teamParam}`} />
      <FieldError id="r-risks-error" messages={errors.risks} />
      <SinglePointsSection report={report} href={pageHref} />
    </div>
  );
}
