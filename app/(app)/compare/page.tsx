import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getComparePage } from "@/lib/data/pages";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { LevelRadar } from "@/components/charts/radar";
import { HorizontalBars } from "@/components/charts/bars";

export const metadata: Metadata = { title: "Compare" };

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("/compare");
  const sp = await searchParams;
  const c = await getComparePage(actor, firstParam(sp.a), firstParam(sp.b));
  const select = "mt-1 rounded border border-slate-400 bg-white px-2 py-1";
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-3xl font-bold">Compare</h1>
        <p className="mt-2 text-slate-700">
          Which role am I closer to? Compare yourself with one role, or with two side by side.
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
      <form method="get" className="flex flex-wrap items-end gap-4 rounded border border-slate-200 bg-white p-4">
        <div>
          <label htmlFor="cmp-a" className="block font-medium">
            Role
          </label>
          <select id="cmp-a" name="a" defaultValue={c.a.id} className={select}>
            {c.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="cmp-b" className="block font-medium">
            Against
          </label>
          <select id="cmp-b" name="b" defaultValue={c.b?.id ?? "none"} className={select}>
            <option value="none">— just me and the first role —</option>
            {c.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </div>
        <button className="rounded bg-brand-700 px-4 py-2 font-medium text-white">Compare</button>
      </form>

      {c.single && c.radar && (
        <section aria-labelledby="single-h" className="space-y-3">
          <h2 id="single-h" className="text-xl font-semibold">
            Me vs {c.a.title}: {c.single.fit}% ({c.single.readiness})
          </h2>
          <LevelRadar
            label={`Radar chart: my levels vs ${c.a.title}`}
            data={c.radar}
            series={[
              { key: "required", name: "Required", color: "#94a3b8", dashed: true },
              { key: "current", name: "Me", color: "#174ba6" },
            ]}
          />
          <FitTable skills={c.single.skills} />
        </section>
      )}

      {c.comparison && c.b && (
        <section aria-labelledby="pair-h" className="space-y-4">
          <h2 id="pair-h" className="text-xl font-semibold">
            {c.a.title} vs {c.b.title}
          </h2>
          <p className="text-lg" data-testid="compare-verdict">
            {c.comparison.sentence}
          </p>
          <HorizontalBars
            label="Bar chart: my fit to each role"
            max={100}
            data={[
              { label: c.a.title, fit: c.comparison.a.fit },
              { label: c.b.title, fit: c.comparison.b.fit },
            ]}
            series={[{ key: "fit", name: "Fit %", color: "#174ba6" }]}
            height={140}
          />
          <h3 className="text-lg font-semibold">Where the two roles differ</h3>
          <table
            className="w-full rounded border border-slate-200 bg-white text-left text-sm"
            data-testid="compare-table"
          >
            <thead>
              <tr className="border-b">
                <th scope="col" className="p-2">
                  Skill
                </th>
                <th scope="col" className="p-2">
                  {c.a.title}
                </th>
                <th scope="col" className="p-2">
                  {c.b.title}
                </th>
                <th scope="col" className="p-2">
                  Me
                </th>
                <th scope="col" className="p-2">
                  Covered?
                </th>
              </tr>
            </thead>
            <tbody>
              {c.comparison.separating.map((s) => (
                <tr key={s.skill} className="border-b border-slate-100">
                  <td className="p-2">{s.name}</td>
                  <td className="p-2">{s.levelA || "—"}</td>
                  <td className="p-2">{s.levelB || "—"}</td>
                  <td className="p-2">{s.current}</td>
                  <td className="p-2">
                    {s.covered
                      ? "yes"
                      : `no (${s.moreFor === "a" ? c.a.title : c.b.title} needs ${Math.max(s.levelA, s.levelB)})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

function FitTable({
  skills,
}: {
  skills: {
    skill: string;
    name: string;
    required: number;
    current: number;
    gap: number;
    status: string;
    importance: string;
  }[];
}) {
  return (
    <table className="w-full rounded border border-slate-200 bg-white text-left text-sm">
      <thead>
        <tr className="border-b">
          <th scope="col" className="p-2">
            Skill
          </th>
          <th scope="col" className="p-2">
            Needed
          </th>
          <th scope="col" className="p-2">
            Me
          </th>
          <th scope="col" className="p-2">
            Status
          </th>
          <th scope="col" className="p-2">
            Importance
          </th>
        </tr>
      </thead>
      <tbody>
        {skills.map((s) => (
          <tr key={s.skill} className="border-b border-slate-100">
            <td className="p-2">{s.name}</td>
            <td className="p-2">{s.required}</td>
            <td className="p-2">{s.current}</td>
            <td className="p-2">{s.status}</td>
            <td className="p-2">{s.importance}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
