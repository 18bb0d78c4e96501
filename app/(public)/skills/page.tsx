import type { Metadata } from "next";
import Link from "next/link";
import { getTaxonomyPage } from "@/lib/data/pages";
import { searchSkills } from "@/lib/taxonomy/search";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Skills" };
export const dynamic = "force-dynamic";

export default async function SkillsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = (firstParam((await searchParams).q) ?? "").slice(0, 100).trim();
  const taxonomy = await getTaxonomyPage();
  const skills = query ? searchSkills(taxonomy, query) : taxonomy.skills;
  const groups = taxonomy.categories
    .map((c) => ({ c, skills: skills.filter((s) => s.category === c.id) }))
    .filter((g) => g.skills.length);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-3xl font-bold">Skills</h1>
        <p className="mt-2 text-slate-700">
          {taxonomy.skills.length} skills in {taxonomy.categories.length} categories. Search by name or by tool —
          “terraform” finds Infrastructure as Code.
        </p>
      </header>
      <form role="search" className="flex max-w-xl gap-2" action="/skills">
        <label htmlFor="q" className="sr-only">
          Search skills by name or tool
        </label>
        <input
          id="q"
          name="q"
          defaultValue={query}
          placeholder="Search by name or tool, e.g. kubernetes"
          className="flex-1 rounded border border-slate-400 px-3 py-2"
        />
        <button className="rounded bg-brand-700 px-4 py-2 font-medium text-white">Search</button>
      </form>
      {query && (
        <p role="status">
          {skills.length} skill{skills.length === 1 ? "" : "s"} match “{query}”.{" "}
          <Link className="underline" href="/skills">
            Show all
          </Link>
        </p>
      )}
      {groups.map(({ c, skills }) => (
        <section key={c.id} aria-labelledby={`cat-${c.id}`}>
          <h2 id={`cat-${c.id}`} className="text-xl font-semibold">
            {c.name}
          </h2>
          <ul className="mt-2 grid gap-3 md:grid-cols-2">
            {skills.map((s) => (
              <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <Link href={`/skills/${s.id}`} className="font-semibold text-brand-700 underline">
                  {s.name}
                </Link>
                <p className="mt-1 text-sm text-slate-700">{s.description}</p>
                {s.tools.length > 0 && <p className="mt-1 text-xs text-slate-600">Tools: {s.tools.join(", ")}</p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
