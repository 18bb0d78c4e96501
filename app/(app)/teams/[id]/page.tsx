import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getTeamPage } from "@/lib/data/pages";
import { orNotFound } from "@/lib/page";
import { HorizontalBars } from "@/components/charts/bars";
import { HEAT } from "@/components/heat-colors";
import { HeatMap } from "./heat-map";
import { TeamAdmin } from "./team-admin";
import { firstParams, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Team audit" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

/** "2 bus-factor rows, 1 category of the level distribution": what a plain member does not see, by section shown. */
function hiddenSummary(h: { busFactor: number; gap: number; distribution: number }): string {
  const n = (count: number, one: string, many: string) => (count ? `${count} ${count === 1 ? one : many}` : "");
  return [
    n(h.busFactor, "bus-factor row", "bus-factor rows"),
    n(h.gap, "team-gap row", "team-gap rows"),
    n(h.distribution, "category of the level distribution", "categories of the level distribution"),
  ]
    .filter(Boolean)
    .join(", ");
}

export default async function TeamPage({ params, searchParams }: Props) {
  const { id } = await params;
  const sp = firstParams(await searchParams);
  const actor = await requireActor(`/teams/${id}`);
  const audit = await orNotFound(getTeamPage(actor, id));
  const { taxonomy, aggregates } = audit;
  const skillName = new Map(taxonomy.skills.map((s) => [s.id, s.name]));
  const gapRows = aggregates?.gap.filter((g) => g.shortfall > 0) ?? [];
  return (
    <div className="space-y-10">
      <header>
        <p className="text-sm text-slate-600">
          <Link href="/teams" className="underline">
            Teams
          </Link>
        </p>
        <h1 className="text-3xl font-bold">{audit.team.name}</h1>
        <p className="text-slate-700">
          {audit.memberCount} member{audit.memberCount === 1 ? "" : "s"}
          {audit.team.description ? ` · ${audit.team.description}` : ""}
        </p>
        {audit.canSeeCells && (
          <p className="mt-2">
            <a className="text-brand-700 underline" href={`/api/teams/${audit.team.id}/matrix`} download>
              Export the matrix (CSV)
            </a>
          </p>
        )}
      </header>

      {!aggregates && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-4 text-amber-900">
          Team figures appear once the team has at least {audit.minAggregate} members besides you, so that nobody&apos;s
          ratings can be worked out from them.
        </p>
      )}

      {audit.hidden && hiddenSummary(audit.hidden) && (
        <p
          role="status"
          className="rounded border border-amber-300 bg-amber-50 p-4 text-amber-900"
          data-testid="hidden-rows"
        >
          Hidden: fewer than {audit.minAggregate} colleagues rated these skills ({hiddenSummary(audit.hidden)}), so that
          nobody&apos;s ratings can be worked out from them.
        </p>
      )}

      {audit.matrix && aggregates && (
        <HeatMap
          rows={audit.matrix.rows}
          skills={taxonomy.skills.map((s) => ({ id: s.id, name: s.name, category: s.category }))}
          categories={taxonomy.categories.map((c) => ({ id: c.id, name: c.name }))}
          coverage={Object.fromEntries(aggregates.coverage.map((c) => [c.skill, c.count]))}
          busFactor={aggregates.busFactor.map((b) => b.skill)}
          needed={Object.fromEntries(audit.target.map((t) => [t.skill, t.level]))}
          gapSkills={aggregates.gap.filter((g) => g.shortfall > 0).map((g) => g.skill)}
          params={sp}
          teamId={audit.team.id}
        />
      )}

      {aggregates && (
        <>
          <section aria-labelledby="bus-h">
            <h2 id="bus-h" className="text-xl font-semibold">
              Bus-factor risks
            </h2>
            <p className="text-sm text-slate-700">
              Skills the team needs that at most one person holds at level 4 or above.
            </p>
            {aggregates.busFactor.length === 0 ? (
              <p className="mt-2">
                {audit.hidden?.busFactor
                  ? "None among the skills enough colleagues rated."
                  : audit.target.length
                    ? "None: every needed skill has at least two strong holders."
                    : "Set a target profile to see which skills the team depends on."}
              </p>
            ) : (
              <ul className="mt-2 flex flex-wrap gap-2" data-testid="bus-factor">
                {aggregates.busFactor.map((b) => (
                  <li key={b.skill} className="rounded border border-red-300 bg-red-50 px-2 py-1 text-sm text-red-900">
                    {skillName.get(b.skill)} — {b.risk === "none" ? "nobody at 4+" : "one person at 4+"}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="gap-h">
            <h2 id="gap-h" className="text-xl font-semibold">
              Team gap against the target profile
            </h2>
            {audit.target.length === 0 ? (
              <p>No target profile yet{audit.canManage ? " — set one below." : "."}</p>
            ) : gapRows.length === 0 ? (
              <p>
                {audit.hidden?.gap
                  ? "No gap among the skills enough colleagues rated."
                  : "The team meets its target profile."}
              </p>
            ) : (
              <>
                <HorizontalBars
                  label="Bar chart: people still needed per skill"
                  data={gapRows
                    .slice(0, 25)
                    .map((g) => ({ label: skillName.get(g.skill) ?? g.skill, shortfall: g.shortfall, have: g.have }))}
                  series={[
                    { key: "have", name: "People at the level", color: "#3b82f6", stack: "a" },
                    { key: "shortfall", name: "People still needed", color: "#b91c1c", stack: "a" },
                  ]}
                />
                <table className="mt-3 w-full max-w-3xl rounded border border-slate-200 bg-white text-left text-sm">
                  <caption className="p-2 text-left font-medium">Team gap (table)</caption>
                  <thead>
                    <tr className="border-b">
                      <th scope="col" className="p-2">
                        Skill
                      </th>
                      <th scope="col" className="p-2">
                        Level needed
                      </th>
                      <th scope="col" className="p-2">
                        People needed
                      </th>
                      <th scope="col" className="p-2">
                        Have
                      </th>
                      <th scope="col" className="p-2">
                        Short by
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {gapRows.map((g) => (
                      <tr key={g.skill} className="border-b border-slate-100">
                        <td className="p-2">{skillName.get(g.skill)}</td>
                        <td className="p-2">{g.required}</td>
                        <td className="p-2">{g.needed}</td>
                        <td className="p-2">{g.have}</td>
                        <td className="p-2">{g.shortfall}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>

          <section aria-labelledby="dist-h">
            <h2 id="dist-h" className="text-xl font-semibold">
              Level distribution by category
            </h2>
            <HorizontalBars
              label="Stacked bar chart: number of ratings at each level, per category"
              data={aggregates.distribution.map((d) => ({
                label: taxonomy.categories.find((c) => c.id === d.category)?.name ?? d.category,
                ...Object.fromEntries(d.counts.map((n, l) => [`l${l}`, n])),
              }))}
              series={HEAT.map((h, l) => ({
                key: `l${l}`,
                name: `Level ${l}`,
                color: l === 0 ? "#cbd5e1" : h.bg,
                stack: "d",
              }))}
            />
            <details className="mt-2 rounded border border-slate-200 bg-white p-3">
              <summary className="cursor-pointer font-medium">Distribution as a table</summary>
              <table className="mt-2 w-full text-left text-sm">
                <thead>
                  <tr className="border-b">
                    <th scope="col" className="p-1">
                      Category
                    </th>
                    {HEAT.map((_, l) => (
                      <th scope="col" key={l} className="p-1">
                        Level {l}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {aggregates.distribution.map((d) => (
                    <tr key={d.category} className="border-b border-slate-100">
                      <td className="p-1">{taxonomy.categories.find((c) => c.id === d.category)?.name}</td>
                      {d.counts.map((n, l) => (
                        <td key={l} className="p-1">
                          {n}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </section>
        </>
      )}

      {audit.canManage && (
        <TeamAdmin
          audit={{
            teamId: audit.team.id,
            people: audit.people,
            invitations: audit.invitations,
            targetRoles: audit.targetRoles,
            targetSkills: audit.targetSkills,
            isAdmin: actor.isAdmin,
            audit: audit.audit,
          }}
          roles={taxonomy.roles.map((r) => ({ id: r.id, title: r.title }))}
          skills={taxonomy.skills.map((s) => ({ id: s.id, name: s.name }))}
        />
      )}
    </div>
  );
}
