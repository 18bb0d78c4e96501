import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSkillPage } from "@/lib/data/pages";
import { orNotFound, orNull } from "@/lib/page";
import { rolesNeedingSkill } from "@/lib/domain/taxonomy-views";
import { hasSpecificLevels, levelDescriptors, resourceHost, resourcesFor } from "@/lib/domain/level-descriptors";
import { ImportanceBadge, SourceNote, trackLabel } from "@/components/badges";
import { getActor } from "@/lib/auth/session";
import { peopleWhoCanHelp } from "@/lib/data/people";
import { mergedInto } from "@/lib/data/skill-merge";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: (await orNull(getSkillPage(id)))?.skill.name ?? "Skill not found" };
}

export default async function SkillPage({ params }: Props) {
  const { id } = await params;
  // A merged skill's links lead to the skill it was merged into. Temporary (307): undoing the merge brings it back.
  const into = await mergedInto(id);
  if (into) redirect(`/skills/${encodeURIComponent(into)}`);
  const { taxonomy, skill, sources } = await orNotFound(getSkillPage(id));
  const name = new Map(taxonomy.skills.map((s) => [s.id, s.name]));
  const category = taxonomy.categories.find((c) => c.id === skill.category);
  const demand = rolesNeedingSkill(skill.id, taxonomy);
  const unlocks = taxonomy.skills.filter((s) => s.prerequisites.includes(skill.id));
  const levelName = new Map(taxonomy.scale.map((l) => [l.level, l.name]));
  const descriptors = levelDescriptors(skill, taxonomy.scale);
  const specific = hasSpecificLevels(skill);
  // Resources grouped by the level they help reach, lowest first.
  const resourceGroups = descriptors
    .map((d) => ({ ...d, resources: resourcesFor(skill, d.level - 1, d.level) }))
    .filter((g) => g.resources.length > 0);
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
      <section aria-labelledby="levels-h" data-testid="skill-levels">
        <h2 id="levels-h" className="text-xl font-semibold">
          What each level looks like
        </h2>
        <p className="mt-1 text-sm text-slate-600" data-testid="levels-kind">
          {specific
            ? `Written for ${skill.name}. Level 0 means no experience yet.`
            : "This skill has no descriptors of its own, so the general scale applies."}
        </p>
        <ol className="mt-2 space-y-2">
          {descriptors.map((d) => (
            <li
              key={d.level}
              className="rounded border border-slate-200 bg-white p-3 break-words"
              data-level={d.level}
              data-specific={d.specific}
            >
              <strong>
                {d.level} · {d.name}
              </strong>{" "}
              — {d.text}
              {!d.specific && <span className="ml-1 text-xs text-slate-600">(general scale)</span>}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="resources-h" data-testid="skill-resources">
        <h2 id="resources-h" className="text-xl font-semibold">
          Learning resources
        </h2>
        {resourceGroups.length ? (
          <>
            <p className="mt-1 text-sm text-slate-600">
              Official documentation and project sites, grouped by the level they help you reach.
            </p>
            <div className="mt-2 space-y-4">
              {resourceGroups.map((g) => (
                <div key={g.level}>
                  <h3 className="font-semibold">
                    Towards level {g.level} · {g.name}
                  </h3>
                  <ul className="mt-1 space-y-1">
                    {g.resources.map((r) => (
                      <li key={r.url} className="break-words">
                        <a className="text-brand-700 underline" href={r.url} rel="noopener noreferrer">
                          {r.title}
                        </a>{" "}
                        <span className="text-sm text-slate-600">({resourceHost(r.url)})</span>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          </>
        ) : (
          <p className="mt-1 text-slate-700">No learning resources are listed for this skill yet.</p>
        )}
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
      <PeopleWhoCanHelp skillId={skill.id} skillName={skill.name} levelName={levelName} />
    </article>
  );
}

/**
 * Signed-in viewers: colleagues rated 3 or more on this skill, under the finder's privacy rules (lib/data/people.ts).
 * Visitors are invited to sign in; nothing about anyone is shown to them.
 */
async function PeopleWhoCanHelp({
  skillId,
  skillName,
  levelName,
}: {
  skillId: string;
  skillName: string;
  levelName: Map<number, string>;
}) {
  const actor = await getActor();
  const help = actor ? await peopleWhoCanHelp(actor, skillId) : null;
  return (
    <section aria-labelledby="help-h" data-testid="people-who-can-help">
      <h2 id="help-h" className="text-xl font-semibold">
        People who can help
      </h2>
      {!help ? (
        <p className="mt-1 text-slate-700">
          <Link
            className="text-brand-700 underline"
            href={`/signin?callbackUrl=${encodeURIComponent(`/skills/${skillId}`)}`}
          >
            Sign in
          </Link>{" "}
          to see colleagues who practise {skillName}.
        </p>
      ) : help.people.length === 0 ? (
        <p className="mt-1 text-slate-700">
          Nobody you can see is rated 3 or more here yet. People choose who may find them; try{" "}
          <Link className="text-brand-700 underline" href={`/people?skill=${skillId}&level=3`}>
            the people finder
          </Link>
          .
        </p>
      ) : (
        <>
          <ul className="mt-2 space-y-1">
            {help.people.map((p) => (
              <li key={p.id}>
                <Link className="text-brand-700 underline" href={`/people/${p.id}`}>
                  {p.name}
                </Link>{" "}
                — level {p.ratings[0]!.level} · {levelName.get(p.ratings[0]!.level)}
              </li>
            ))}
          </ul>
          {help.total > help.people.length && (
            <p className="mt-1 text-sm">
              <Link className="text-brand-700 underline" href={`/people?skill=${skillId}&level=3`}>
                All {help.total} people at level 3 or more
              </Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}
