import type { Metadata } from "next";
import Link from "next/link";
import { getSkillPage } from "@/lib/data/pages";
import { orNotFound, orNull } from "@/lib/page";
import { rolesNeedingSkill } from "@/lib/domain/taxonomy-views";
import { ImportanceBadge, SourceNote, trackLabel } from "@/components/badges";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: (await orNull(getSkillPage(id)))?.skill.name ?? "Skill not found" };
}

export default async function SkillPage({ params }: Props) {
  const { id } = await params;
  const { taxonomy, skill, sources } = await orNotFound(getSkillPage(id));
  const name = new Map(taxonomy.skills.map((s) => [s.id, s.name]));
  const category = taxonomy.categories.find((c) => c.id === skill.category);
  const demand = rolesNeedingSkill(skill.id, taxonomy);
  const unlocks = taxonomy.skills.filter((s) => s.prerequisites.includes(skill.id));
  const levelName = new Map(taxonomy.scale.map((l) => [l.level, l.name]));
  return (
    <article className="space-y-8">
      <header>
        <p className="text-sm text-slate-600">
          <Link href="/skills" className="underline">
            Skills
          </Link>{" "}
          / {category?.name}
        </p>
        <h1 className="text-3xl font-bold break-words">{skill.name}</h1>
        <p className="mt-2 max-w-3xl text-lg text-slate-700">{skill.description}</p>
        {skill.tools.length > 0 && <p className="mt-2 break-words">Tools: {skill.tools.join(", ")}</p>}
        {skill.aliases.length > 0 && (
          <p className="text-sm text-slate-600">Also known as: {skill.aliases.join(", ")}</p>
        )}
        <SourceNote titles={sources} />
      </header>
      <section aria-labelledby="levels-h">
        <h2 id="levels-h" className="text-xl font-semibold">
          Levels
        </h2>
        <ol className="mt-2 space-y-2">
          {taxonomy.scale.map((l) => (
            <li key={l.level} className="rounded border border-slate-200 bg-white p-3">
              <strong>
                {l.level} · {l.name}
              </strong>{" "}
              — {l.description}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="prereq-h" className="grid gap-6 md:grid-cols-2">
        <div>
          <h2 id="prereq-h" className="text-xl font-semibold">
            Learn first
          </h2>
          {skill.prerequisites.length ? (
            <ul className="mt-1 list-disc pl-5">
              {skill.prerequisites.map((p) => (
                <li key={p}>
                  <Link className="text-brand-700 underline" href={`/skills/${p}`}>
                    {name.get(p)}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-700">No prerequisites.</p>
          )}
        </div>
        <div>
          <h2 className="text-xl font-semibold">Builds towards</h2>
          {unlocks.length ? (
            <ul className="mt-1 list-disc pl-5">
              {unlocks.map((s) => (
                <li key={s.id}>
                  <Link className="text-brand-700 underline" href={`/skills/${s.id}`}>
                    {s.name}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-700">No skill lists this one as a prerequisite.</p>
          )}
        </div>
      </section>
      <section aria-labelledby="roles-h">
        <h2 id="roles-h" className="text-xl font-semibold">
          Roles that need it
        </h2>
        {demand.length ? (
          // Track sits under the role's name, so the table keeps three narrow columns and fits a 360 px phone.
          <div role="region" aria-label="Roles that need it" tabIndex={0} className="mt-2 max-w-3xl overflow-x-auto">
            <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="p-2">
                    Role
                  </th>
                  <th scope="col" className="p-2">
                    Required level
                  </th>
                  <th scope="col" className="p-2">
                    Importance
                  </th>
                </tr>
              </thead>
              <tbody>
                {demand.map((d) => (
                  <tr key={d.roleId} className="border-b border-slate-100">
                    <td className="p-2 break-words">
                      <Link className="text-brand-700 underline" href={`/roles/${d.roleId}`}>
                        {d.title}
                      </Link>
                      <span className="block text-xs text-slate-600">{trackLabel[d.track]} track</span>
                    </td>
                    <td className="p-2">
                      {d.level} · {levelName.get(d.level)}
                    </td>
                    <td className="p-2">
                      <ImportanceBadge importance={d.importance} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-slate-700">No role in the taxonomy requires it yet.</p>
        )}
      </section>
    </article>
  );
}
