import Link from "next/link";
import { HEAT } from "@/components/heat-colors";
import type { Cell, MatrixRow } from "@/lib/data/team-audit";
import { plural } from "@/lib/domain/plural";

const PAGE = 100;

type Props = {
  rows: MatrixRow[];
  skills: { id: string; name: string; category: string }[];
  categories: { id: string; name: string }[];
  coverage: Record<string, number>;
  /** Needed skills at most one member holds at the needed level: "single" (one holder) or "none" (nobody). */
  risks: Record<string, "single" | "none">;
  needed: Record<string, number>;
  gapSkills: string[];
  params: Record<string, string | undefined>;
  teamId: string;
};

/**
 * The members × skills matrix, with numbers in every cell as well as colour. It opens on every category, showing only
 * the skills the team is short of when it has a target profile with gaps; a category filter keeps 500 people × 150
 * skills usable. Filters are plain GET parameters: they work by keyboard and without JavaScript. The table scrolls
 * sideways inside its own box, with the names column kept in view. Only managers and admins see it, and they may open
 * each member's profile, so names link there. Evidence shows as small markers with words for screen readers.
 */
export function HeatMap({ rows, skills, categories, coverage, risks, needed, gapSkills, params, teamId }: Props) {
  const category = categories.some((c) => c.id === params.category) ? params.category! : "all";
  // An explicit choice wins ("0" = all skills); otherwise gaps only when there are gaps to show.
  const gapsOnly = params.gaps === "1" || (params.gaps !== "0" && gapSkills.length > 0);
  const q = (params.q ?? "").trim().toLowerCase().slice(0, 100);
  const sort = params.sort === "total" ? "total" : "name";
  const colSort = params.cols === "coverage" ? "coverage" : "taxonomy";
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  // A past date chosen with the "as of" selector stays chosen through filters and pages.
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(params.asOf ?? "") ? params.asOf! : null;
  const gapSet = new Set(gapSkills);
  const cols = skills
    .filter((s) => (category === "all" || s.category === category) && (!gapsOnly || gapSet.has(s.id)))
    .sort((a, b) => (colSort === "coverage" ? (coverage[a.id] ?? 0) - (coverage[b.id] ?? 0) : 0)); // stable: taxonomy order otherwise
  const total = (r: MatrixRow) => cols.reduce((n, s) => n + (r.cells[s.id]?.level ?? 0), 0);
  const filtered = rows
    .filter((r) => !q || r.name.toLowerCase().includes(q))
    .sort((a, b) => (sort === "total" ? total(b) - total(a) : 0) || a.name.localeCompare(b.name));
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE));
  const shown = filtered.slice((page - 1) * PAGE, page * PAGE);
  const href = (patch: Record<string, string>) =>
    `/teams/${teamId}?${new URLSearchParams({ category, gaps: gapsOnly ? "1" : "0", ...(q ? { q } : {}), sort, cols: colSort, ...(asOf ? { asOf } : {}), ...patch })}`;
  const control = "mt-1 min-h-11 w-full rounded border border-slate-400 bg-white px-2 py-1 sm:w-auto";
  return (
    <section aria-labelledby="matrix-h" className="space-y-3">
      <h2 id="matrix-h" className="text-xl font-semibold">
        Skill matrix
      </h2>
      <form
        method="get"
        className="grid gap-3 rounded border border-slate-200 bg-white p-3 sm:flex sm:flex-wrap sm:items-end sm:gap-4"
        aria-label="Filter the matrix"
      >
        {asOf && <input type="hidden" name="asOf" value={asOf} />}
        <div>
          <label htmlFor="hm-category" className="block text-sm font-medium">
            Category
          </label>
          <select id="hm-category" name="category" defaultValue={category} className={control}>
            <option value="all">All categories</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Skills shown</legend>
          <div className="mt-1 flex flex-wrap gap-x-4">
            <label className="flex min-h-11 items-center gap-2">
              <input type="radio" name="gaps" value="0" defaultChecked={!gapsOnly} /> All skills
            </label>
            <label className="flex min-h-11 items-center gap-2">
              <input type="radio" name="gaps" value="1" defaultChecked={gapsOnly} /> Gaps only
            </label>
          </div>
        </fieldset>
        <div>
          <label htmlFor="hm-q" className="block text-sm font-medium">
            Person
          </label>
          <input id="hm-q" name="q" defaultValue={q} placeholder="Filter by name" className={control} />
        </div>
        <div>
          <label htmlFor="hm-sort" className="block text-sm font-medium">
            Sort people by
          </label>
          <select id="hm-sort" name="sort" defaultValue={sort} className={control}>
            <option value="name">Name</option>
            <option value="total">Strength in these skills</option>
          </select>
        </div>
        <div>
          <label htmlFor="hm-cols" className="block text-sm font-medium">
            Order skills by
          </label>
          <select id="hm-cols" name="cols" defaultValue={colSort} className={control}>
            <option value="taxonomy">Taxonomy order</option>
            <option value="coverage">Fewest people at 3+ first</option>
          </select>
        </div>
        <button className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white">Apply</button>
      </form>
      <p className="text-sm text-slate-700" data-testid="matrix-summary">
        {gapsOnly ? "Gaps only" : "All skills"} in{" "}
        {category === "all" ? "all categories" : categoryName(categories, category)}:{" "}
        {plural(cols.length, "skill", "skills")} × {plural(shown.length, "member", "members")}.
      </p>
      <Legend />
      {cols.length === 0 ? (
        <p role="status">
          {gapsOnly ? (
            <>
              No gaps here: the team has enough people at the needed level for every skill in this category.{" "}
              <Link className="underline" href={href({ gaps: "0" })}>
                Show all skills
              </Link>
            </>
          ) : (
            "No skills in this category."
          )}
        </p>
      ) : (
        <div
          role="region"
          aria-label="Skill matrix (scrolls sideways)"
          tabIndex={0}
          className="max-w-full overflow-x-auto rounded border border-slate-200 bg-white"
        >
          <table className="text-sm" data-testid="heat-map">
            <caption className="sr-only">
              Skill levels per person; numbers are levels 0–5, a star marks a level confirmed by a manager in a review,
              a tick a level backed by a current certification, a small number how many teammates endorse it; a dash
              means not rated.
            </caption>
            <thead>
              <tr>
                <th scope="col" className="sticky left-0 z-10 bg-white p-2 text-left align-bottom">
                  Member
                </th>
                {cols.map((s) => (
                  <th key={s.id} scope="col" className="max-w-28 p-2 text-left align-bottom text-xs font-medium">
                    {s.name}
                    {needed[s.id] ? <span className="block text-slate-600">needs {needed[s.id]}</span> : null}
                    {risks[s.id] && (
                      <span className="block font-semibold text-red-800">
                        {risks[s.id] === "single" ? "1 holder" : "nobody"}
                      </span>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.userId} className="border-t border-slate-100">
                  <th
                    scope="row"
                    className="sticky left-0 z-10 max-w-36 bg-white p-2 text-left font-normal break-words"
                  >
                    <Link className="text-brand-700 underline" href={`/people/${r.userId}`}>
                      {r.name}
                    </Link>
                  </th>
                  {cols.map((s) => {
                    const c = r.cells[s.id];
                    const color = HEAT[c?.level ?? 0];
                    const below = needed[s.id] && (c?.level ?? 0) < needed[s.id];
                    return (
                      <td key={s.id} className="p-0.5 text-center">
                        <span
                          className={`flex min-w-9 items-baseline justify-center gap-0.5 rounded px-1 py-1 font-mono whitespace-nowrap ${below ? "ring-2 ring-red-700 ring-inset" : ""}`}
                          style={{ background: color.bg, color: color.fg }}
                        >
                          <span
                            title={`${r.name} — ${s.name}: ${c ? `level ${c.level}${c.confirmed ? ", confirmed by a manager" : ", self-rated"}${evidenceTitle(c)}` : "not rated"}${below ? `, below the needed ${needed[s.id]}` : ""}`}
                          >
                            {c ? (
                              <>
                                {c.level}
                                {c.confirmed && <span aria-hidden="true">★</span>}
                              </>
                            ) : (
                              "–"
                            )}
                          </span>
                          {c && <EvidenceMarkers cell={c} />}
                        </span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t-2 border-slate-300" data-testid="coverage-row">
                <th scope="row" className="sticky left-0 z-10 bg-white p-2 text-left">
                  Members at 3+
                </th>
                {cols.map((s) => (
                  <td key={s.id} className="p-2 text-center font-semibold">
                    {coverage[s.id] ?? 0}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Matrix pages" className="flex flex-wrap items-center gap-3">
          {page > 1 && (
            <Link className="inline-flex min-h-11 items-center underline" href={href({ page: String(page - 1) })}>
              Previous {PAGE}
            </Link>
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && (
            <Link className="inline-flex min-h-11 items-center underline" href={href({ page: String(page + 1) })}>
              Next {PAGE}
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}

function categoryName(categories: { id: string; name: string }[], id: string): string {
  return categories.find((c) => c.id === id)?.name ?? id;
}

/** ", certified, 2 endorsements": the evidence beyond the manager's confirmation, for the cell's tooltip. */
function evidenceTitle(c: Cell): string {
  return `${c.certified ? ", certified" : ""}${c.endorsements > 0 ? `, ${plural(c.endorsements, "endorsement", "endorsements")}` : ""}`;
}

/** The cell's evidence: words for screen readers, small symbols on screen (the legend explains them). */
function EvidenceMarkers({ cell }: { cell: Cell }) {
  return (
    <>
      {cell.confirmed && <span className="sr-only">, confirmed in a review</span>}
      {cell.certified && (
        <span className="text-xs">
          <span aria-hidden="true">✓</span>
          <span className="sr-only">, certified</span>
        </span>
      )}
      {cell.endorsements > 0 && (
        <sup className="text-[0.65rem]">
          <span aria-hidden="true">{cell.endorsements}</span>
          <span className="sr-only">, {plural(cell.endorsements, "endorsement", "endorsements")}</span>
        </sup>
      )}
    </>
  );
}

function Legend() {
  return (
    <ul className="flex flex-wrap items-center gap-2 text-xs" aria-label="Legend">
      {HEAT.map((h, l) => (
        <li key={l} className="flex items-center gap-1">
          <span
            className="inline-block rounded px-2 py-0.5 font-mono"
            style={{ background: h.bg, color: h.fg, border: "1px solid var(--color-slate-400)" }}
          >
            {l}
          </span>
          level {l}
        </li>
      ))}
      <li>★ confirmed by a manager in a review</li>
      <li>✓ backed by a current certification</li>
      <li>
        <span aria-hidden="true" className="font-mono">
          3<sup>2</sup>
        </span>{" "}
        raised number: how many teammates endorse the level
      </li>
      <li>– not rated</li>
      <li>
        <span className="inline-block rounded px-2 py-0.5 ring-2 ring-red-700 ring-inset">n</span> below what the team
        needs
      </li>
    </ul>
  );
}
