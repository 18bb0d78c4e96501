import Link from "next/link";
import type { DashboardView } from "@/lib/data/dashboard";
import { resourceHost } from "@/lib/domain/level-descriptors";
import type { LearningResource } from "@/lib/domain/types";
import { LevelRadar } from "@/components/charts/radar";
import { StaticBars } from "@/components/charts/static-bars";
import { FitLine } from "@/components/charts/line";
import { GoalButton, GoalList } from "./goal-controls";
import { StaleMark } from "./stale-mark";

/** The dashboard's data, as the page loads it; every section only renders its part. */
export type Dashboard = DashboardView["dashboard"];

const readinessText = { ready: "ready", stretch: "a stretch", far: "still far" } as const;

/** The heading, waiting invitations and the one next step (rate, choose a role, or the fit). */
export function DashboardHeader({
  d,
  invitationCount,
  newUser,
}: {
  d: Dashboard;
  newUser: boolean;
  invitationCount: number;
}) {
  return (
    <header>
      <h1 className="text-3xl font-bold">Dashboard</h1>
      {invitationCount > 0 && (
        <p className="mt-2 rounded border border-brand-100 bg-brand-50 p-4 text-brand-900">
          <Link className="font-medium underline" href="/invitations">
            Invitations{" "}
            <span className="ml-1 rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white no-underline">
              {invitationCount}
              <span className="sr-only"> waiting</span>
            </span>
          </Link>{" "}
          — {invitationCount === 1 ? "a team is" : "teams are"} waiting for your answer.
        </p>
      )}
      {newUser ? (
        <p className="mt-2 rounded border border-brand-100 bg-brand-50 p-4 text-brand-900">
          Rate a few skills to see your gaps — ten is enough to start.{" "}
          <Link className="underline" href="/me/skills">
            Rate my skills
          </Link>
        </p>
      ) : !d.targetRole ? (
        <p className="mt-2 rounded border border-brand-100 bg-brand-50 p-4 text-brand-900">
          Choose a target role to see how far you are from it.{" "}
          <Link className="underline" href="/me/skills">
            Choose roles
          </Link>{" "}
          — meanwhile, the suggestions below come from your ratings alone.
        </p>
      ) : d.fit ? (
        <p className="mt-2 text-lg" data-testid="fit-summary">
          You are <strong>{d.fit.fit}%</strong> of the way to{" "}
          <Link className="text-brand-700 underline" href={`/roles/${d.targetRole.id}`}>
            {d.targetRole.title}
          </Link>
          : <strong>{readinessText[d.fit.readiness]}</strong>. You meet {d.fit.coreMet} of {d.fit.coreTotal} core
          skills; {d.fit.effort} level step{d.fit.effort === 1 ? "" : "s"} to go.
          {d.confidence ? " (Old ratings counted for less.)" : ""}
        </p>
      ) : null}
      {d.staleCount > 0 && (
        <p className="mt-2 text-amber-900" data-testid="stale-count">
          {d.staleCount} of your ratings {d.staleCount === 1 ? "is" : "are"} older than 6 months —{" "}
          <Link className="underline" href="/me/skills">
            review {d.staleCount === 1 ? "it" : "them"}
          </Link>
          .
        </p>
      )}
    </header>
  );
}

/** Radar against the target role and the gaps, biggest first, each a possible goal. */
export function FitAndGaps({ d, newUser }: { d: Dashboard; newUser: boolean }) {
  const stale = new Set(d.staleSkills);
  return (
    <>
      {d.fit && d.targetRole && !newUser && (
        <div className="grid gap-8 lg:grid-cols-2">
          <section aria-labelledby="radar-h">
            <h2 id="radar-h" className="text-xl font-semibold">
              My levels vs {d.targetRole.title}
            </h2>
            <LevelRadar
              label={`Radar chart: my average level per category against ${d.targetRole.title}'s requirements`}
              data={d.radar}
              series={[
                { key: "required", name: "Required", color: "var(--color-slate-500)", dashed: true },
                { key: "current", name: "Me", color: "var(--color-brand-700)" },
              ]}
            />
            <details className="rounded border border-slate-200 bg-white p-3">
              <summary className="cursor-pointer font-medium">Radar as a table</summary>
              <table className="mt-2 w-full text-left text-sm">
                <thead>
                  <tr className="border-b">
                    <th scope="col" className="p-1">
                      Category
                    </th>
                    <th scope="col" className="p-1">
                      Me
                    </th>
                    <th scope="col" className="p-1">
                      Required
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.radar.map((r) => (
                    <tr key={r.category} className="border-b border-slate-100">
                      <td className="p-1">{r.categoryName}</td>
                      <td className="p-1">{r.current}</td>
                      <td className="p-1">{r.required}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </section>
          <section aria-labelledby="gaps-h">
            <h2 id="gaps-h" className="text-xl font-semibold">
              My gaps, biggest first
            </h2>
            {d.gaps.length === 0 ? (
              <p>No gaps: you meet every requirement of {d.targetRole.title}.</p>
            ) : (
              <>
                <StaticBars
                  label="Bar chart: level steps missing per skill"
                  max={5}
                  data={d.gaps.slice(0, 12).map((g) => ({ label: g.name, gap: g.gap }))}
                  series={[{ key: "gap", name: "Levels missing", color: "var(--color-red-700)" }]}
                />
                <table className="mt-2 w-full text-left text-sm" data-testid="gap-table">
                  <caption className="sr-only">Gaps to {d.targetRole.title}</caption>
                  <thead>
                    <tr className="border-b">
                      <th scope="col" className="p-1">
                        Skill
                      </th>
                      <th scope="col" className="p-1">
                        Me → needed
                      </th>
                      <th scope="col" className="p-1">
                        Importance
                      </th>
                      <th scope="col" className="p-1">
                        <span className="sr-only">Action</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.gaps.map((g) => (
                      <tr key={g.skill} className="border-b border-slate-100">
                        <td className="p-1">
                          {g.name}
                          {stale.has(g.skill) && <StaleMark />}
                        </td>
                        <td className="p-1">
                          {g.current} → {g.required}
                        </td>
                        <td className="p-1">{g.importance}</td>
                        <td className="p-1">
                          <GoalButton
                            skillId={g.skill}
                            skillName={g.name}
                            targetLevel={g.required}
                            has={d.goals.some((x) => x.skill === g.skill)}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
        </div>
      )}
    </>
  );
}

/** Fit to the target role over time, with the same data as a table. */
export function FitOverTime({ d }: { d: Dashboard }) {
  return (
    <>
      {d.series.length > 0 && d.targetRole && (
        <section aria-labelledby="time-h">
          <h2 id="time-h" className="text-xl font-semibold">
            Fit to {d.targetRole.title} over time
          </h2>
          {d.series.length === 1 ? <p>One data point so far; the line grows as you update your ratings.</p> : null}
          <FitLine data={d.series} label={`Line chart: fit to ${d.targetRole.title} over time`} />
          <details className="rounded border border-slate-200 bg-white p-3">
            <summary className="cursor-pointer font-medium">Fit over time as a table</summary>
            <table className="mt-2 text-left text-sm">
              <thead>
                <tr>
                  <th scope="col" className="p-1">
                    Date
                  </th>
                  <th scope="col" className="p-1">
                    Fit
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.series.map((p) => (
                  <tr key={p.date}>
                    <td className="p-1">{p.date}</td>
                    <td className="p-1">{p.fit}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>
      )}
    </>
  );
}

/** Open goals with progress. */
export function DevelopmentPlan({ d }: { d: Dashboard }) {
  return (
    <section aria-labelledby="goals-h">
      <h2 id="goals-h" className="text-xl font-semibold">
        My development plan
      </h2>
      {d.goals.length === 0 ? (
        <p className="text-slate-700">No open goals. Turn a gap or a learning-path step into a goal.</p>
      ) : (
        <GoalList
          goals={d.goals.map((g) => ({
            ...g,
            dueDate: g.dueDate?.toISOString().slice(0, 10) ?? null,
            stale: d.staleSkills.includes(g.skill),
          }))}
        />
      )}
    </section>
  );
}

/** Roles worth aiming at next, and the gaps that open the most doors. */
export function SuggestedRoles({ d, newUser }: { d: Dashboard; newUser: boolean }) {
  return (
    <>
      {!newUser && (
        <section aria-labelledby="sugg-h">
          <h2 id="sugg-h" className="text-xl font-semibold">
            Suggested next roles
          </h2>
          <ol className="mt-2 grid gap-3 md:grid-cols-3" data-testid="suggestions">
            {d.suggestions.top.map((s) => (
              <li key={s.roleId} className="rounded-lg border border-slate-200 bg-white p-4">
                <Link className="font-semibold text-brand-700 underline" href={`/roles/${s.roleId}`}>
                  {s.title}
                </Link>
                <p className="text-sm text-slate-600">
                  {s.fit}% fit · {s.readiness} · {s.via}
                  {s.stepUp ? " · step up" : ""}
                </p>
                <p className="mt-2">{s.reason}</p>
              </li>
            ))}
          </ol>
          <Doors d={d} />
        </section>
      )}
    </>
  );
}

/** Ordered steps to the target role, each a possible goal, with a few official resources for the levels it climbs. */
export function LearningPath({
  d,
  resources = {},
}: {
  d: Dashboard;
  /** Up to two resources per step, by skill id. */
  resources?: Readonly<Record<string, readonly LearningResource[]>>;
}) {
  return (
    <>
      {d.path && d.path.length > 0 && d.targetRole && (
        <section aria-labelledby="path-h">
          <h2 id="path-h" className="text-xl font-semibold">
            Learning path to {d.targetRole.title}
          </h2>
          <ol className="mt-2 space-y-2">
            {d.path.map((step) => (
              <li
                key={`${step.skill}-${step.order}`}
                className="flex flex-wrap items-center justify-between gap-2 rounded border border-slate-200 bg-white p-3"
              >
                <span className="min-w-0 flex-1 basis-64">
                  <strong>
                    {step.order}. {step.skillName}
                  </strong>
                  {d.staleSkills.includes(step.skill) && <StaleMark />}{" "}
                  <span className="text-slate-700">{step.reason}</span>
                  {(resources[step.skill]?.length ?? 0) > 0 && (
                    <span className="mt-1 block text-sm" data-testid="step-resources">
                      <span className="text-slate-600">Read: </span>
                      {resources[step.skill]!.map((r, i) => (
                        <span key={r.url} className="break-words">
                          {i > 0 && " · "}
                          <a className="text-brand-700 underline" href={r.url} rel="noopener noreferrer">
                            {r.title}
                          </a>{" "}
                          <span className="text-slate-600">({resourceHost(r.url)})</span>
                        </span>
                      ))}
                    </span>
                  )}
                </span>
                <GoalButton
                  skillId={step.skill}
                  skillName={step.skillName}
                  targetLevel={step.to}
                  has={d.goals.some((x) => x.skill === step.skill)}
                />
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

/** The skills whose gaps hold back the most roles, weighted towards the route to the target and the person's track. */
function Doors({ d }: { d: Dashboard }) {
  const doors = d.suggestions.doors;
  if (doors.length === 0) return null;
  const manager = d.currentRole?.kind !== undefined && d.currentRole.kind !== "ic";
  const aimsManager = d.targetRole?.kind !== undefined && d.targetRole.kind !== "ic";
  return (
    <div className="mt-4">
      <h3 className="font-semibold">Gaps that open the most doors</h3>
      <p className="text-sm text-slate-700" data-testid="doors-weighting">
        {weightingText(d.targetRole?.title ?? null, Boolean(d.currentRole || d.targetRole), manager || aimsManager)}
      </p>
      <ul className="mt-2 space-y-2" data-testid="doors">
        {doors.map((u) => (
          <li key={u.skill} className="rounded border border-slate-200 bg-white p-3">
            <strong>{u.name}</strong>
            {d.staleSkills.includes(u.skill) && <StaleMark />} {u.current} → {u.level}:{" "}
            <span className="text-slate-700">
              opens {u.roles.map((r) => `${r.title} (needs ${r.required})`).join(", ")}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The doors' weighting in one sentence (see lib/domain/doors.ts). */
function weightingText(target: string | null, hasTrack: boolean, management: boolean): string {
  const parts = [
    target ? `roles on your route to ${target} count three times` : null,
    hasTrack ? "roles on your track twice, others once" : "every next role counts once",
  ].filter((x) => x !== null);
  const text = parts.join(", ");
  const tail = management ? "" : "; management roles are left out until you hold or aim for one";
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${tail}.`;
}
