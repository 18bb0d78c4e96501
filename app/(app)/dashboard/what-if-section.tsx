import Link from "next/link";
import type { Actor } from "@/lib/data/policy";
import { getWhatIf, SCENARIO_MAX } from "@/lib/data/scenarios";
import { parseRaise, raiseParam, type Raise } from "@/lib/domain/scenario";
import type { SearchParams } from "@/lib/search-params";
import { WhatIfResults } from "./what-if-results";

type Props = { actor: Actor; searchParams: Promise<SearchParams> };

const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The raises asked for: `?raise=skillId:level` (the shareable form) and the form's rows, `?skill=…&to=…` paired by
 * position (a row with neither is left out). Anything malformed is a field message, never an error page.
 */
export function parseRaises(sp: SearchParams): { raises: Raise[]; error: string | null } {
  const raises: Raise[] = [];
  let error: string | null = null;
  for (const text of all(sp.raise)) {
    const r = parseRaise(text);
    if (r) raises.push(r);
    else error = "Each raise needs a skill and a level from 1 to 5.";
  }
  const skills = all(sp.skill);
  const levels = all(sp.to);
  for (let i = 0; i < Math.max(skills.length, levels.length); i++) {
    const skill = skills[i]?.trim() ?? "";
    const to = levels[i]?.trim() ?? "";
    if (!skill && !to) continue;
    const r = parseRaise(`${skill}:${to}`);
    if (r) raises.push(r);
    else error = skill ? "Choose a level from 1 to 5 for each skill you raise." : "Choose a skill for each level.";
  }
  if (raises.length > SCENARIO_MAX) return { raises: [], error: `Raise at most ${SCENARIO_MAX} skills at once.` };
  return { raises, error };
}

/**
 * "What if I learn…": a GET form (works without JavaScript; the result has its own address) to raise skills
 * hypothetically, and the engine's figures recomputed with the raised levels.
 */
export async function WhatIf({ actor, searchParams }: Props) {
  const parsed = parseRaises(await searchParams);
  const view = await getWhatIf(actor, parsed.error ? [] : parsed.raises);
  const error = parsed.error ?? view.errors.raise?.[0] ?? null;
  const rows = parsed.error
    ? [{ skill: "", level: 0 }]
    : [
        ...parsed.raises,
        ...Array.from({ length: parsed.raises.length === 0 ? 2 : 1 }, () => ({ skill: "", level: 0 })),
      ];
  const input = "min-h-11 w-full rounded border border-slate-400 bg-white px-2";
  return (
    <section id="what-if" aria-labelledby="what-if-h" className="scroll-mt-4 space-y-4">
      <div>
        <h2 id="what-if-h" className="text-xl font-semibold">
          What if I learn…
        </h2>
        <p className="text-sm text-slate-700">
          Raise one or more skills to see how your fit, suggested roles and reachable roles would change. Nothing is
          saved unless you save the raised skills as goals.
        </p>
      </div>
      <form method="get" action="/dashboard#what-if" className="space-y-3" data-testid="what-if-form">
        <fieldset aria-describedby="raise-error" className="rounded border border-slate-200 bg-white p-3">
          <legend className="px-1 font-medium">Skills to raise</legend>
          <ul className="space-y-3">
            {rows.map((r, i) => (
              <li key={i} className="grid gap-2 sm:grid-cols-[1fr_8rem]">
                <div className="min-w-0">
                  <label htmlFor={`raise-skill-${i}`} className="block text-sm">
                    Skill {i + 1}
                  </label>
                  <select
                    id={`raise-skill-${i}`}
                    name="skill"
                    defaultValue={r.skill}
                    aria-invalid={error ? true : undefined}
                    aria-describedby="raise-error"
                    className={input}
                  >
                    <option value="">(none)</option>
                    {view.skills.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name} (now {s.current})
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor={`raise-to-${i}`} className="block text-sm">
                    <span className="sr-only">Skill {i + 1} </span>To level
                  </label>
                  <select
                    id={`raise-to-${i}`}
                    name="to"
                    defaultValue={r.level ? String(r.level) : ""}
                    className={input}
                  >
                    <option value="">–</option>
                    {[1, 2, 3, 4, 5].map((l) => (
                      <option key={l} value={l}>
                        {l}
                      </option>
                    ))}
                  </select>
                </div>
              </li>
            ))}
          </ul>
          <p id="raise-error" className="mt-1 text-sm text-red-800" aria-live="polite">
            {error ?? ""}
          </p>
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <button className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white">Show what changes</button>
          {(parsed.raises.length > 0 || error) && (
            <Link href="/dashboard" className="inline-flex min-h-11 items-center text-brand-700 underline">
              Clear
            </Link>
          )}
        </div>
      </form>
      {view.scenario && (
        <WhatIfResults
          scenario={view.scenario}
          hasTarget={Boolean(view.hasTarget)}
          link={`/dashboard?${view.scenario.raised.map((r) => `raise=${encodeURIComponent(raiseParam({ skill: r.skill, level: r.to }))}`).join("&")}#what-if`}
        />
      )}
    </section>
  );
}

/** What the page shows while the what-if's data loads: its heading and a box of the form's usual height. */
export function WhatIfFallback() {
  return (
    <section aria-labelledby="what-if-h" className="scroll-mt-4 space-y-4" aria-busy="true">
      <div>
        <h2 id="what-if-h" className="text-xl font-semibold">
          What if I learn…
        </h2>
        <p className="text-sm text-slate-700">Loading your skills…</p>
      </div>
      <div className="h-72 rounded border border-slate-200 bg-white sm:h-52" />
    </section>
  );
}
