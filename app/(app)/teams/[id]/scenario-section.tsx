import Link from "next/link";
import type { Actor } from "@/lib/data/policy";
import { getTeamScenario } from "@/lib/data/scenarios";
import { orNull } from "@/lib/page";
import { plural } from "@/lib/domain/plural";
import type { SearchParams } from "@/lib/search-params";
import { ScenarioResults } from "./scenario-results";

type Props = { actor: Actor; teamId: string; searchParams: Promise<SearchParams> };

/** Every `without` value of the query string (`?without=a&without=b`), trimmed; nothing else is read. */
function withoutParam(sp: SearchParams): string[] {
  const raw = sp.without;
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return values.map((v) => v.trim()).filter(Boolean);
}

/**
 * "What if someone leaves": a GET form (works without JavaScript; the URL can be shared with the team's other
 * managers) and, once people are chosen, the team's figures without them. Renders nothing for anyone who may not see
 * individual cells: the data layer answers "not found" to them.
 */
export async function TeamScenario({ actor, teamId, searchParams }: Props) {
  const chosen = withoutParam(await searchParams);
  const view = await orNull(getTeamScenario(actor, teamId, chosen));
  if (!view || view.people.length === 0) return null;
  const error = view.errors.without?.[0];
  const picked = new Set(view.without);
  return (
    <section id="what-if" aria-labelledby="what-if-h" className="scroll-mt-4 space-y-4">
      <div>
        <h2 id="what-if-h" className="text-xl font-semibold">
          What if someone leaves?
        </h2>
        <p className="text-sm text-slate-700">
          Choose one or more members to see the team&apos;s figures without them. Nothing is saved; the address of the
          result can be shared with the team&apos;s other managers.
        </p>
      </div>
      <form method="get" action={`/teams/${teamId}#what-if`} className="space-y-3" data-testid="scenario-form">
        <fieldset
          aria-describedby="without-error"
          aria-invalid={error ? true : undefined}
          className="rounded border border-slate-200 bg-white p-3"
        >
          <legend className="px-1 font-medium">Members who leave</legend>
          <ul className="grid gap-1 sm:grid-cols-2">
            {view.people.map((p) => (
              <li key={p.id}>
                <label className="flex min-h-11 items-center gap-2 break-words">
                  <input
                    type="checkbox"
                    name="without"
                    value={p.id}
                    defaultChecked={picked.has(p.id)}
                    className="h-5 w-5 shrink-0"
                  />
                  <span className="min-w-0">{p.name}</span>
                </label>
              </li>
            ))}
          </ul>
          <p id="without-error" className="mt-1 text-sm text-red-800" aria-live="polite">
            {error ?? ""}
          </p>
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <button className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white">Show the scenario</button>
          {(picked.size > 0 || error) && (
            <Link href={`/teams/${teamId}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
              Clear
            </Link>
          )}
        </div>
      </form>
      {view.scenario && (
        <ScenarioResults
          scenario={view.scenario}
          skillName={view.skillName}
          hasTarget={Boolean(view.hasTarget)}
          coverageLevel={view.coverageLevel}
          title={`Without ${plural(view.scenario.removed.length, "member", "members")}: ${view.scenario.removed.map((r) => r.name).join(", ")}`}
        />
      )}
    </section>
  );
}

/** What the page shows while the scenario's data loads: its heading and a box of the form's usual height. */
export function TeamScenarioFallback() {
  return (
    <section aria-labelledby="what-if-h" className="scroll-mt-4 space-y-4" aria-busy="true">
      <div>
        <h2 id="what-if-h" className="text-xl font-semibold">
          What if someone leaves?
        </h2>
        <p className="text-sm text-slate-700">Loading the team&apos;s members…</p>
      </div>
      <div className="h-48 rounded border border-slate-200 bg-white" />
    </section>
  );
}
