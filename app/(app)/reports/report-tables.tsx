import type { OrgReport } from "@/lib/data/reports";
import type { CategoryFigures } from "@/lib/domain/org-report";
import { plural } from "@/lib/domain/plural";

const th = "p-2 text-left align-bottom font-medium";
const td = "p-2 align-top";
const frame = "max-w-full overflow-x-auto rounded border border-slate-200 bg-white";

/** A suppressed figure in words; "—" where no role needs the category or nothing is rated. */
export function Figure({ value, suffix = "", fewer }: { value: number | null; suffix?: string; fewer: string | null }) {
  if (fewer) return <span className="text-slate-600">{fewer}</span>;
  return <>{value === null ? "—" : `${value}${suffix}`}</>;
}

const fewerThan = (c: CategoryFigures, min: number) => (c.suppressed ? `fewer than ${min} people` : null);

/** Coverage and average level per category; the same shape serves "now" and each point of the trend. */
export function CategoryTable({ report, caption }: { report: OrgReport; caption: string }) {
  const name = new Map(report.taxonomy.categories.map((c) => [c.id, c.name]));
  return (
    <div role="region" aria-label={caption} tabIndex={0} className={frame}>
      <table className="w-full text-sm" data-testid="category-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className={th}>
              Category
            </th>
            <th scope="col" className={th}>
              Coverage
            </th>
            <th scope="col" className={th}>
              Average level
            </th>
          </tr>
        </thead>
        <tbody>
          {report.categories.map((c) => (
            <tr key={c.category} className="border-b border-slate-100">
              <th scope="row" className={`${td} text-left font-normal`}>
                {name.get(c.category)}
              </th>
              <td className={td}>
                <Figure value={c.coverage} suffix="%" fewer={fewerThan(c, report.minAggregate)} />
              </td>
              <td className={td}>
                <Figure value={c.averageLevel} fewer={fewerThan(c, report.minAggregate)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Points in time × categories: the table alternative to the trend chart (every category, not only the charted one). */
export function TrendTable({ report }: { report: OrgReport }) {
  const name = new Map(report.taxonomy.categories.map((c) => [c.id, c.name]));
  const min = report.minAggregate;
  return (
    <div role="region" aria-label="Trends table (scrolls sideways)" tabIndex={0} className={frame}>
      <table className="text-sm" data-testid="trend-table">
        <caption className="sr-only">
          Coverage and average level per category at each quarter&apos;s end and today, from the ratings as they stood
          then.
        </caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className={`${th} sticky left-0 bg-white`}>
              Category
            </th>
            {report.trends.map((p) => (
              <th key={p.label} scope="col" className={`${th} whitespace-nowrap`}>
                {p.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.taxonomy.categories.map((c, i) => (
            <tr key={c.id} className="border-b border-slate-100">
              <th scope="row" className={`${td} sticky left-0 bg-white text-left font-normal`}>
                {name.get(c.id)}
              </th>
              {report.trends.map((p) => {
                const f = p.categories[i]!;
                return (
                  <td key={p.label} className={`${td} whitespace-nowrap`}>
                    {f.suppressed ? (
                      <span className="text-slate-600">fewer than {min}</span>
                    ) : (
                      <>
                        {f.coverage === null ? "—" : `${f.coverage}%`}
                        <span className="block text-xs text-slate-600">
                          avg {f.averageLevel === null ? "—" : f.averageLevel}
                        </span>
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Teams × categories. On a phone each team is its own block (a definition list), so nothing scrolls sideways; from
 * the small breakpoint up, one table.
 */
export function TeamComparison({ report }: { report: OrgReport }) {
  const cats = report.taxonomy.categories;
  const min = report.minAggregate;
  return (
    <div className="space-y-3" data-testid="team-comparison">
      {report.teamComparison.map((t) => (
        <details key={t.team.id} className="rounded border border-slate-200 bg-white p-3">
          <summary className="min-h-11 cursor-pointer py-2 font-medium">
            {t.team.name} <span className="font-normal text-slate-600">({plural(t.people, "member", "members")})</span>
          </summary>
          <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-2">
            {t.categories.map((c, i) => (
              <div key={c.category} className="border-t border-slate-100 pt-1">
                <dt className="font-medium">{cats[i]!.name}</dt>
                <dd>
                  Coverage <Figure value={c.coverage} suffix="%" fewer={fewerThan(c, min)} />; average level{" "}
                  <Figure value={c.averageLevel} fewer={fewerThan(c, min)} />
                </dd>
              </div>
            ))}
          </dl>
        </details>
      ))}
    </div>
  );
}
