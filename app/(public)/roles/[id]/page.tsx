import type { Metadata } from "next";
import Link from "next/link";
import { getRolePage } from "@/lib/data/pages";
import { orNotFound, orNull } from "@/lib/page";
import { requirementShape, roleLadder, roleNeighbours } from "@/lib/domain/taxonomy-views";
import { RoleMap } from "../role-map";
import { LevelRadar } from "@/components/charts/radar";
import { ImportanceBadge, SourceNote, formatSalary, kindLabel, pathLabel, trackLabel } from "@/components/badges";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const page = await orNull(getRolePage(id));
  return { title: page?.role.title ?? "Role not found" };
}

export default async function RolePage({ params }: Props) {
  const { id } = await params;
  const { taxonomy, role, sources } = await orNotFound(getRolePage(id));
  const skillById = new Map(taxonomy.skills.map((s) => [s.id, s]));
  const shape = requirementShape(role, taxonomy);
  const neighbours = roleNeighbours(role.id, taxonomy);
  const tools = [...new Set(role.requirements.flatMap((q) => skillById.get(q.skill)?.tools ?? []))].sort((a, b) =>
    a.localeCompare(b),
  );
  const byCategory = taxonomy.categories
    .map((c) => ({ category: c, reqs: role.requirements.filter((q) => skillById.get(q.skill)?.category === c.id) }))
    .filter((g) => g.reqs.length > 0);
  const salary = formatSalary(role.salary);
  const facts: [string, string | null][] = [
    ["Track", trackLabel[role.track]],
    ["Kind", kindLabel[role.kind]],
    ["Seniority", `${role.seniority} of 8`],
    ["Primary focus", role.focus],
    ["Typical environment", role.environment],
    ["Objective and output", role.output],
    ["Works with", role.collaborates.join(", ")],
    ["Reports to", role.reportsTo],
    ["Salary band", salary],
  ];
  return (
    <article className="space-y-8">
      <header>
        <p className="text-sm text-slate-600">
          <Link href="/roles" className="underline">
            Roles
          </Link>{" "}
          / {trackLabel[role.track]}
        </p>
        <h1 className="text-3xl font-bold break-words">{role.title}</h1>
        <p className="mt-2 max-w-3xl text-lg text-slate-700">{role.summary}</p>
        <SourceNote titles={sources} />
      </header>
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-5 md:grid-cols-2">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt className="text-sm font-medium text-slate-600">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <section aria-labelledby="shape-h" className="grid gap-6 lg:grid-cols-2">
        <div>
          <h2 id="shape-h" className="text-xl font-semibold">
            Requirement shape
          </h2>
          <p className="text-sm text-slate-700">
            Average required level per category (0–5). The table below lists every skill.
          </p>
          <LevelRadar
            data={shape}
            series={[{ key: "required", name: "Required level", color: "var(--color-brand-700)" }]}
            label={`Radar chart of ${role.title} requirements by category`}
          />
        </div>
        <div>
          <h2 className="text-xl font-semibold">Tools</h2>
          <p className="mt-2 flex flex-wrap gap-2">
            {tools.length
              ? tools.map((t) => (
                  <span key={t} className="rounded bg-slate-200 px-2 py-0.5 text-sm">
                    {t}
                  </span>
                ))
              : "No named tools."}
          </p>
          <h2 className="mt-6 text-xl font-semibold">Where people come from</h2>
          <NeighbourList items={neighbours.from} empty="This is a starting point." />
          <h2 className="mt-4 text-xl font-semibold">Where they go next</h2>
          <NeighbourList items={neighbours.to} empty="This is the top of the ladder." />
        </div>
      </section>
      <section aria-labelledby="req-h">
        <h2 id="req-h" className="text-xl font-semibold">
          Required skills by category
        </h2>
        <div className="mt-3 grid gap-4 md:grid-cols-2">
          {byCategory.map(({ category, reqs }) => (
            <table key={category.id} className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
              <caption className="p-2 text-left font-semibold">{category.name}</caption>
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="p-2">
                    Skill
                  </th>
                  <th scope="col" className="p-2">
                    Level
                  </th>
                  <th scope="col" className="p-2">
                    Importance
                  </th>
                </tr>
              </thead>
              <tbody>
                {reqs.map((q) => (
                  <tr key={q.skill} className="border-b border-slate-100">
                    <td className="p-2">
                      <Link className="text-brand-700 underline" href={`/skills/${q.skill}`}>
                        {skillById.get(q.skill)?.name}
                      </Link>
                    </td>
                    <td className="p-2">
                      {q.level} — {taxonomy.scale.find((s) => s.level === q.level)?.name}
                    </td>
                    <td className="p-2">
                      <ImportanceBadge importance={q.importance} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      </section>
      <section aria-labelledby="nbh-h">
        <h2 id="nbh-h" className="text-xl font-semibold">
          Paths around this role
        </h2>
        <RoleMap
          rows={roleLadder(taxonomy, { focus: role.id, hops: 1 })}
          label={`${role.title} (highlighted) and the roles one career step away, by seniority and track.`}
        />
      </section>
    </article>
  );
}

function NeighbourList({
  items,
  empty,
}: {
  items: { id: string; title: string; kind: keyof typeof pathLabel }[];
  empty: string;
}) {
  if (items.length === 0) return <p className="text-slate-700">{empty}</p>;
  return (
    <ul className="mt-1 list-disc pl-5">
      {items.map((n) => (
        <li key={n.id}>
          <Link className="text-brand-700 underline" href={`/roles/${n.id}`}>
            {n.title}
          </Link>{" "}
          <span className="text-slate-600">({pathLabel[n.kind]})</span>
        </li>
      ))}
    </ul>
  );
}
