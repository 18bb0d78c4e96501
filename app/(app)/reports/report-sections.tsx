import type { OrgReport } from "@/lib/data/reports";
import { READY_MIN_FIT, STRETCH_MAX_CORE_GAPS, STRETCH_MIN_FIT } from "@/lib/domain/fit";
import { plural } from "@/lib/domain/plural";
import { Figure } from "./report-tables";

const NAMES_SHOWN = 50;
const frame = "max-w-full overflow-x-auto rounded border border-slate-200 bg-white";

function Names({ label, names }: { label: string; names: string[] }) {
  if (names.length === 0) return null;
  const rest = names.length - NAMES_SHOWN;
  return (
    <p className="break-words">
      <span className="font-medium">{label}:</span> {names.slice(0, NAMES_SHOWN).join(", ")}
      {rest > 0 ? ` and ${rest} more` : ""}
    </p>
  );
}

/** Per role: ready / stretch / far counts, with the names of those ready or at a stretch behind a disclosure. */
export function ReadinessSection({ report }: { report: OrgReport }) {
  return (
    <section aria-labelledby="readiness-h" className="space-y-3">
      <h2 id="readiness-h" className="text-xl font-semibold">
        Readiness for roles
      </h2>
      <p className="text-sm text-slate-700">
        Ready: fit of at least {READY_MIN_FIT}% and every core skill met. A stretch: fit of at least {STRETCH_MIN_FIT}%
        and at most {STRETCH_MAX_CORE_GAPS} core skills short. Far: anything else. Fit is the same score people see on
        their dashboard; only people with at least one rating count.
      </p>
      <ul className="space-y-2" data-testid="readiness">
        {report.readiness.map((r) => (
          <li key={r.roleId} className="rounded border border-slate-200 bg-white p-3 text-sm">
            <p className="font-medium">{r.title}</p>
            {r.counts ? (
              <>
                <p>
                  {r.counts.ready} ready, {r.counts.stretch} a stretch, {r.counts.far} far
                </p>
                {r.names.ready.length + r.names.stretch.length > 0 && (
                  <details className="mt-1">
                    <summary className="min-h-11 cursor-pointer py-2 text-brand-700 underline">Who</summary>
                    <Names label="Ready" names={r.names.ready} />
                    <Names label="A stretch" names={r.names.stretch} />
                  </details>
                )}
              </>
            ) : (
              <p className="text-slate-600">Hidden: fewer than {report.minAggregate} people rated any skill.</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Per team: needed skills exactly one member holds at the needed level. */
/** "Page 2 of 32" with previous and next links, for one paged list of teams (`param` is its query key). */
export function TeamPager({
  label,
  param,
  page,
  href,
}: {
  label: string;
  param: "page" | "risks";
  page: { page: number; pages: number; total: number };
  href: (param: "page" | "risks", page: number) => string;
}) {
  if (page.pages <= 1) return null;
  const link =
    "inline-flex min-h-11 items-center rounded border border-slate-300 bg-white px-3 text-brand-700 underline";
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-3 text-sm">
      {page.page > 1 ? (
        <a className={link} href={href(param, page.page - 1)} rel="prev">
          Previous<span className="sr-only"> page of {label.toLowerCase()}</span>
        </a>
      ) : null}
      <span aria-current="page">
        Page {page.page} of {page.pages}
      </span>
      {page.page < page.pages ? (
        <a className={link} href={href(param, page.page + 1)} rel="next">
          Next<span className="sr-only"> page of {label.toLowerCase()}</span>
        </a>
      ) : null}
    </nav>
  );
}

export function SinglePointsSection({
  report,
  href,
}: {
  report: OrgReport;
  href: (param: "page" | "risks", page: number) => string;
}) {
  const skillName = new Map(report.taxonomy.skills.map((s) => [s.id, s.name]));
  const { none, hidden } = report.riskSummary;
  return (
    <section aria-labelledby="spof-h" className="space-y-3">
      <h2 id="spof-h" className="text-xl font-semibold">
        Single points of failure
      </h2>
      <p className="text-sm text-slate-700">
        Skills a team&apos;s roles need that exactly one member holds at the needed level. If that person leaves, the
        team loses the skill. Teams with the most such skills come first.
      </p>
      <p className="text-sm" data-testid="single-points-summary">
        {report.riskPage.total === 0
          ? "No team depends on a single person for a needed skill."
          : `${plural(report.riskPage.total, "team depends", "teams depend")} on a single person for at least one needed skill.`}{" "}
        {none > 0 ? `${plural(none, "team has", "teams have")} none. ` : ""}
        {hidden > 0
          ? `${plural(hidden, "team is", "teams are")} hidden: fewer than ${report.minAggregate} members rated any skill.`
          : ""}
      </p>
      <ul className="space-y-2" data-testid="single-points">
        {report.singlePoints.map((t) => (
          <li key={t.team.id} className="rounded border border-slate-200 bg-white p-3 text-sm">
            <p className="font-medium">
              {t.team.name}{" "}
              <span className="font-normal text-slate-600">({plural(t.skills.length, "skill", "skills")})</span>
            </p>
            <ul className="list-disc pl-5">
              {t.skills.map((s) => (
                <li key={s.skill} className="break-words">
                  {skillName.get(s.skill) ?? s.skill} at level {s.level}: only {s.holder}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <TeamPager label="Single points of failure" param="risks" page={report.riskPage} href={href} />
    </section>
  );
}

/** Demanded skills: level needed, people needed, people at that level and coverage. */
export function SkillCoverageSection({ report }: { report: OrgReport }) {
  const skillName = new Map(report.taxonomy.skills.map((s) => [s.id, s.name]));
  const min = report.minAggregate;
  return (
    <details className="rounded border border-slate-200 bg-white p-3">
      <summary className="min-h-11 cursor-pointer py-2 font-medium">
        Coverage per skill ({plural(report.skills.length, "skill", "skills")} needed)
      </summary>
      <div role="region" aria-label="Coverage per skill (scrolls sideways)" tabIndex={0} className={`${frame} mt-2`}>
        <table className="w-full text-sm" data-testid="skill-table">
          <caption className="sr-only">
            Per skill: the level the roles need, how many people need it and have it.
          </caption>
          <thead>
            <tr className="border-b border-slate-200 text-left">
              <th scope="col" className="p-2 font-medium">
                Skill
              </th>
              <th scope="col" className="p-2 font-medium">
                Level
              </th>
              <th scope="col" className="p-2 font-medium">
                Needed
              </th>
              <th scope="col" className="p-2 font-medium">
                Have
              </th>
            </tr>
          </thead>
          <tbody>
            {report.skills.map((s) => {
              const fewer = s.suppressed ? `fewer than ${min} people` : null;
              return (
                <tr key={s.skill} className="border-b border-slate-100">
                  <th scope="row" className="p-2 text-left font-normal break-words">
                    {skillName.get(s.skill) ?? s.skill}
                  </th>
                  <td className="p-2">{s.level}</td>
                  <td className="p-2">{s.needed}</td>
                  <td className="p-2">
                    <Figure value={s.have} fewer={fewer} />
                    {!fewer && <span className="block text-xs text-slate-600">{s.percent}%</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Review cycles: how often self and manager disagree by 2 or more levels, per cycle (newest first). */
export function CycleAgreementSection({ report, csvHref }: { report: OrgReport; csvHref: string }) {
  const min = report.minAggregate;
  return (
    <section aria-labelledby="cycles-h" className="space-y-3">
      <h2 id="cycles-h" className="text-xl font-semibold">
        Review cycles: agreement
      </h2>
      <p className="text-sm text-slate-700">
        For each review cycle, over the skills both the person and their manager rated (reviews in discussion or later):
        how often the two levels differ by 2 or more. A high share points at unclear expectations.
      </p>
      {report.cycles.length === 0 ? (
        <p data-testid="cycles-empty">No review cycle has reached the discussion step yet.</p>
      ) : (
        <div role="region" aria-label="Agreement per review cycle (scrolls sideways)" tabIndex={0} className={frame}>
          <table className="w-full text-sm" data-testid="cycle-agreement">
            <caption className="sr-only">Agreement between self and manager levels, per review cycle</caption>
            <thead>
              <tr className="text-left">
                <th scope="col" className="p-2">
                  Cycle
                </th>
                <th scope="col" className="p-2 text-right">
                  People
                </th>
                <th scope="col" className="p-2 text-right">
                  Skills compared
                </th>
                <th scope="col" className="p-2 text-right">
                  Differ by 2+
                </th>
              </tr>
            </thead>
            <tbody>
              {report.cycles.map((c) => (
                <tr key={c.cycleId} className="border-t border-slate-200">
                  <th scope="row" className="p-2 text-left font-medium">
                    <a href={`/cycles/${c.cycleId}`} className="text-brand-700 underline">
                      {c.name}
                    </a>{" "}
                    <span className="font-normal text-slate-600">
                      {c.closedAt ? `(closed ${c.closedAt.toISOString().slice(0, 10)})` : "(open)"}
                    </span>
                  </th>
                  <td className="p-2 text-right">{c.people}</td>
                  <td className="p-2 text-right">{c.suppressed ? `fewer than ${min} people` : c.lines}</td>
                  <td className="p-2 text-right">
                    {c.suppressed
                      ? `fewer than ${min} people`
                      : c.percent === null
                        ? "—"
                        : `${c.disconnects} (${c.percent}%)`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a className="inline-flex min-h-11 items-center text-brand-700 underline" href={csvHref} download>
          Review cycles (CSV)
        </a>
      </p>
    </section>
  );
}
