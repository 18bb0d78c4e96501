import { Suspense } from "react";
import Link from "next/link";
import type { TeamAudit } from "@/lib/data/team-audit";
import { StaticBars } from "@/components/charts/static-bars";
import { HEAT } from "@/components/heat-colors";
import { plural } from "@/lib/domain/plural";
import { HeatMap } from "./heat-map";
import { RiskLists } from "./risk-lists";
import { ChangeLog } from "./change-log";
import { TeamAdmin } from "./team-admin";

/** "2 skills at risk, 1 category of the level distribution": what a plain member does not see, by section shown. */
function hiddenSummary(h: { busFactor: number; gap: number; distribution: number }): string {
  const n = (count: number, one: string, many: string) => (count ? plural(count, one, many) : "");
  return [
    n(h.busFactor, "skill at risk", "skills at risk"),
    n(h.gap, "team-gap row", "team-gap rows"),
    n(h.distribution, "category of the level distribution", "categories of the level distribution"),
  ]
    .filter(Boolean)
    .join(", ");
}

/**
 * The team page's usual view: the skill matrix (managers and admins), the risks, the gap to the target profile, the
 * level distribution, and the team's administration for those who manage it. The parts below the matrix each sit in
 * their own Suspense boundary: they stream in after the first screen, and the browser hydrates them one at a time
 * (React yields between boundaries), so no single long task holds the main thread while the page starts. The matrix,
 * the first screen, stays in the shell so nothing shifts under the reader.
 */
export function TeamSkillsView({
  audit,
  params: sp,
  isAdmin,
}: {
  audit: TeamAudit;
  params: Record<string, string | undefined>;
  isAdmin: boolean;
}) {
  const { taxonomy, aggregates } = audit;
  const skillName = new Map(taxonomy.skills.map((s) => [s.id, s.name]));
  const gapRows = aggregates?.gap.filter((g) => g.shortfall > 0) ?? [];
  const nameOf = new Map(audit.people.map((p) => [p.userId, p.name]));
  // Nothing to chart until some member has rated something: then say what happens next instead.
  const empty = aggregates && audit.ratedCount === 0;
  return (
    <>
      {!aggregates && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-4 text-amber-900">
          Team figures appear once the team has at least {plural(audit.minAggregate, "member", "members")} besides you,
          so that nobody&apos;s ratings can be worked out from them.
        </p>
      )}

      {audit.hidden && hiddenSummary(audit.hidden) && (
        <p
          role="status"
          className="rounded border border-amber-300 bg-amber-50 p-4 text-amber-900"
          data-testid="hidden-rows"
        >
          Hidden: fewer than {plural(audit.minAggregate, "colleague", "colleagues")} rated these skills (
          {hiddenSummary(audit.hidden)}), so that nobody&apos;s ratings can be worked out from them.
        </p>
      )}

      {empty && (
        <section
          aria-labelledby="empty-h"
          className="rounded border border-slate-200 bg-white p-4"
          data-testid="team-empty"
        >
          <h2 id="empty-h" className="text-xl font-semibold">
            No ratings yet
          </h2>
          <p className="mt-1 text-slate-700">
            {audit.memberCount === 0
              ? audit.canManage
                ? "The team has no members yet. Invite members below; their ratings appear here once they rate their skills."
                : "The team has no members yet. Their ratings appear here once they join and rate their skills."
              : `None of the ${plural(audit.memberCount, "member", "members")} has rated a skill yet. Their ratings appear here once they rate their skills on their My skills page.`}
          </p>
        </section>
      )}

      {audit.matrix && aggregates && !empty && (
        <HeatMap
          rows={audit.matrix.rows}
          skills={taxonomy.skills.map((s) => ({ id: s.id, name: s.name, category: s.category }))}
          categories={taxonomy.categories.map((c) => ({ id: c.id, name: c.name }))}
          coverage={Object.fromEntries(aggregates.coverage.map((c) => [c.skill, c.count]))}
          risks={Object.fromEntries(aggregates.busFactor.map((b) => [b.skill, b.risk]))}
          needed={Object.fromEntries(audit.target.map((t) => [t.skill, t.level]))}
          gapSkills={aggregates.gap.filter((g) => g.shortfall > 0).map((g) => g.skill)}
          params={sp}
          teamId={audit.team.id}
        />
      )}

      {aggregates && !empty && (
        <Suspense>
          <RiskLists
            rows={aggregates.busFactor}
            skillName={(id) => skillName.get(id) ?? id}
            nameOf={(id) => nameOf.get(id)}
            hasTarget={audit.target.length > 0}
            canManage={audit.canManage}
            someHidden={Boolean(audit.hidden?.busFactor)}
          />
          <section aria-labelledby="gap-h">
            <h2 id="gap-h" className="text-xl font-semibold">
              Team gap against the target profile
            </h2>
            <p className="text-sm text-slate-700">
              Per needed skill, how many members the target profile asks for at the needed level, and how many the team
              has.
            </p>
            {audit.target.length === 0 ? (
              <p className="mt-2">
                No target profile yet.{" "}
                {audit.canManage
                  ? "Set one below (a mix of roles, or skills at a level) to see what the team is short of."
                  : "A manager can set one."}
              </p>
            ) : gapRows.length === 0 ? (
              <p className="mt-2 text-green-800" data-testid="gap-none">
                {audit.hidden?.gap
                  ? "No gap among the skills enough colleagues rated."
                  : "The team meets its target profile: every needed skill has enough members at the needed level."}
              </p>
            ) : (
              <>
                <StaticBars
                  label="Bar chart: people still needed per skill"
                  data={gapRows.slice(0, 25).map((g) => ({
                    label: skillName.get(g.skill) ?? g.skill,
                    shortfall: g.shortfall,
                    have: g.have,
                  }))}
                  series={[
                    { key: "have", name: "Members at the level", color: "var(--color-blue-500)", stack: "a" },
                    { key: "shortfall", name: "Members still needed", color: "var(--color-red-700)", stack: "a" },
                  ]}
                />
                <div
                  role="region"
                  aria-label="Team gap table (scrolls sideways)"
                  tabIndex={0}
                  className="mt-3 max-w-3xl overflow-x-auto rounded border border-slate-200 bg-white"
                >
                  <table className="w-full text-left text-sm">
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
                          Members needed
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
                          <td className="p-2">
                            <Link className="text-brand-700 underline" href={`/skills/${g.skill}`}>
                              {skillName.get(g.skill)}
                            </Link>
                          </td>
                          <td className="p-2">{g.required}</td>
                          <td className="p-2">{g.needed}</td>
                          <td className="p-2">{g.have}</td>
                          <td className="p-2">{g.shortfall}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </section>

          <section aria-labelledby="dist-h">
            <h2 id="dist-h" className="text-xl font-semibold">
              Level distribution by category
            </h2>
            <p className="text-sm text-slate-700">
              Per category, how many member × skill ratings sit at each level; a skill a member has not rated counts as
              level 0.
            </p>
            <StaticBars
              label="Stacked bar chart: number of ratings at each level, per category"
              empty="No ratings in any category yet."
              data={aggregates.distribution.map((d) => ({
                label: taxonomy.categories.find((c) => c.id === d.category)?.name ?? d.category,
                ...Object.fromEntries(d.counts.map((n, l) => [`l${l}`, n])),
              }))}
              series={HEAT.map((h, l) => ({
                key: `l${l}`,
                name: `Level ${l}`,
                color: l === 0 ? "var(--color-slate-300)" : h.bg,
                stack: "d",
              }))}
            />
            <details className="mt-2 rounded border border-slate-200 bg-white p-3">
              <summary className="min-h-11 cursor-pointer py-2.5 font-medium">Distribution as a table</summary>
              <div
                role="region"
                aria-label="Distribution table (scrolls sideways)"
                tabIndex={0}
                className="overflow-x-auto"
              >
                <table className="mt-2 w-full text-left text-sm">
                  <thead>
                    <tr className="border-b">
                      <th scope="col" className="p-1">
                        Category
                      </th>
                      {HEAT.map((_, l) => (
                        <th scope="col" key={l} className="p-1">
                          Level {l}
                          {l === 0 ? " or not rated" : ""}
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
              </div>
            </details>
          </section>
        </Suspense>
      )}

      {audit.canManage && (
        <Suspense>
          <TeamAdmin
            audit={{
              teamId: audit.team.id,
              // Only what the client part shows or acts on: each prop is sent twice (HTML and RSC payload).
              people: audit.people.map((p) => ({ userId: p.userId, name: p.name, email: p.email, role: p.role })),
              invitations: audit.invitations.map((i) => ({
                id: i.id,
                email: i.email,
                role: i.role,
                expiresAt: i.expiresAt,
                state: i.state,
              })),
              targetRoles: audit.targetRoles,
              targetSkills: audit.targetSkills,
              isAdmin,
            }}
            roles={taxonomy.roles.map((r) => ({ id: r.id, title: r.title }))}
            skills={taxonomy.skills.map((s) => ({ id: s.id, name: s.name }))}
            scale={taxonomy.scale}
            changeLog={<ChangeLog entries={audit.audit} />}
          />
        </Suspense>
      )}
    </>
  );
}
