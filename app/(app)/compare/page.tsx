import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getComparePage } from "@/lib/data/pages";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { LevelRadar } from "@/components/charts/radar";
import { HorizontalBars } from "@/components/charts/bars";
import { AspectsComparison } from "./aspects";
import { PersonSkillsTable } from "./skills-table";

export const metadata: Metadata = { title: "Compare" };

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("/compare");
  const sp = await searchParams;
  const c = await getComparePage(actor, firstParam(sp.a), firstParam(sp.b));
  const select = "mt-1 block min-h-11 w-full max-w-full rounded border border-slate-400 bg-white px-2 sm:w-auto";
  const rated = new Set(c.ratedIds);
  return (
    <div className="min-w-0 space-y-8">
      <header>
        <h1 className="text-3xl font-bold">Compare</h1>
        <p className="mt-2 text-slate-700">
          Two roles side by side, and how you match each. Or pick &ldquo;just me&rdquo; to see yourself against one
          role.
        </p>
        {c.rated === 0 && (
          <p className="mt-2 rounded bg-brand-50 p-3 text-brand-900">
            You have not rated any skills yet, so every fit is 0.{" "}
            <Link className="underline" href="/me/skills">
              Rate my skills
            </Link>
          </p>
        )}
      </header>
      <form
        method="get"
        aria-label="Choose roles to compare"
        className="grid gap-4 rounded border border-slate-200 bg-white p-4 sm:flex sm:flex-wrap sm:items-end"
      >
        <div className="min-w-0">
          <label htmlFor="cmp-a" className="block font-medium">
            First role
          </label>
          <select id="cmp-a" name="a" defaultValue={c.picked.a} className={select}>
            {c.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0">
          <label htmlFor="cmp-b" className="block font-medium">
            Second role
          </label>
          <select id="cmp-b" name="b" defaultValue={c.picked.b} className={select}>
            <option value="none">Just me and the first role</option>
            {c.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </div>
        <button className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white">Compare</button>
      </form>

      {c.problems.length > 0 && (
        <div className="space-y-1 rounded border border-amber-300 bg-amber-50 p-3 text-amber-900" role="status">
          {c.problems.map((p) => (
            <p key={p} className="break-words" data-testid="compare-problem">
              {p}
            </p>
          ))}
        </div>
      )}

      {c.single && c.radar && (
        <section aria-labelledby="single-h" className="space-y-3">
          <h2 id="single-h" className="text-xl font-semibold">
            You against {c.a.title}
          </h2>
          <p data-testid="fit-summary">{c.summaries?.[0]}</p>
          <LevelRadar
            label={`Radar chart: my levels vs ${c.a.title}`}
            data={c.radar}
            series={[
              { key: "required", name: "Required", color: "var(--color-slate-400)", dashed: true },
              { key: "current", name: "Me", color: "var(--color-brand-700)" },
            ]}
          />
          <div
            role="region"
            aria-label={`Skills ${c.a.title} needs`}
            tabIndex={0}
            className="overflow-x-auto rounded border border-slate-200"
          >
            <table className="w-full bg-white text-left text-sm">
              <thead>
                <tr className="border-b border-slate-300">
                  {["Skill", "Needed", "You", "Status", "Importance"].map((h) => (
                    <th key={h} scope="col" className="p-2">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {c.single.skills.map((s) => (
                  <tr key={s.skill} className="border-b border-slate-100 align-top">
                    <th scope="row" className="break-words p-2 font-normal">
                      {s.name}
                    </th>
                    <td className="p-2">{s.required}</td>
                    <td className="p-2">{rated.has(s.skill) ? s.current : "not rated"}</td>
                    <td className="p-2">{s.status}</td>
                    <td className="p-2">{s.importance}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {c.comparison && c.b && c.aspects && c.rows && (
        <>
          <section aria-labelledby="aspects-h" className="space-y-3">
            <h2 id="aspects-h" className="text-xl font-semibold">
              {c.a.title} and {c.b.title} side by side
            </h2>
            <p className="text-sm text-slate-700">
              From our role data; under each aspect, where its values come from. &ldquo;Not described&rdquo; means our
              sources say nothing about it for that role.
            </p>
            <AspectsComparison aspects={c.aspects} a={c.a} b={c.b} />
          </section>

          <section aria-labelledby="pair-h" className="space-y-4">
            <h2 id="pair-h" className="text-xl font-semibold">
              You against both roles
            </h2>
            <p className="text-lg" data-testid="compare-verdict">
              {c.comparison.sentence}
            </p>
            <ul className="list-disc space-y-1 pl-5" data-testid="fit-summary">
              {c.summaries?.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
            <HorizontalBars
              label="Bar chart: my fit to each role (the same numbers as the list above)"
              max={100}
              data={[
                { label: c.a.title, fit: c.comparison.a.fit },
                { label: c.b.title, fit: c.comparison.b.fit },
              ]}
              series={[{ key: "fit", name: "Fit %", color: "var(--color-brand-700)" }]}
              height={140}
            />
            <p className="text-sm text-slate-700">
              Each role column says the level it needs and how far you are from it; a skill you have not rated counts as
              level 0.
            </p>
            {c.rows.some((r) => r.differs) && (
              <PersonSkillsTable
                rows={c.rows.filter((r) => r.differs)}
                a={c.a}
                b={c.b}
                caption="Where the two roles differ"
                testId="compare-table"
              />
            )}
            {c.rows.some((r) => !r.differs) && (
              <PersonSkillsTable
                rows={c.rows.filter((r) => !r.differs)}
                a={c.a}
                b={c.b}
                caption="Skills both roles need at the same level"
                testId="compare-shared-table"
              />
            )}
          </section>
        </>
      )}
    </div>
  );
}
