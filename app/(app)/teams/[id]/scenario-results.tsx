import Link from "next/link";
import type { TeamNumbers, TeamScenario } from "@/lib/domain/scenario";
import { plural } from "@/lib/domain/plural";
import { BUS_FACTOR_LEVEL } from "@/lib/domain/team";

type Props = {
  scenario: TeamScenario;
  skillName: Readonly<Record<string, string>>;
  hasTarget: boolean;
  coverageLevel: number;
  title: string;
};

const cell = "px-3 py-2 text-right tabular-nums";
const head = "px-3 py-2 text-left font-medium";

function change(before: number, after: number): string {
  const d = after - before;
  return d === 0 ? "no change" : d > 0 ? `+${d}` : `${d}`;
}

/** The team's figures today and without the chosen members, side by side, and who could take over what only they hold. */
export function ScenarioResults({ scenario: s, skillName, hasTarget, coverageLevel, title }: Props) {
  const name = (id: string) => skillName[id] ?? id;
  const figure = (key: keyof TeamNumbers) => ({ before: s.before[key], after: s.after[key] });
  const rows: { key: string; label: string; before: number; after: number }[] = [
    { key: "covered", label: `Skills someone holds at level ${coverageLevel}+`, ...figure("covered") },
    { key: "singleHolder", label: "Skills with a single holder (bus factor)", ...figure("singleHolder") },
    hasTarget
      ? { key: "nobody", label: "Needed skills nobody holds at the needed level", ...figure("nobody") }
      : // Without a target a skill nobody holds is no gap, so name the ones this scenario leaves without a holder.
        {
          key: "nobody",
          label: `Skills held at level ${BUS_FACTOR_LEVEL}+ that would have no holder`,
          before: 0,
          after: s.lost.length,
        },
    ...(hasTarget
      ? [{ key: "shortfall", label: "People short against the target (team gap)", ...figure("shortfall") }]
      : []),
  ];
  return (
    <div className="space-y-6" data-testid="scenario-results">
      <h3 className="break-words text-lg font-semibold">{title}</h3>
      <div className="overflow-x-auto">
        <table className="w-full min-w-0 border-collapse rounded border border-slate-200 bg-white text-sm">
          <caption className="sr-only">Team figures today and in the scenario</caption>
          <thead className="border-b border-slate-200">
            <tr>
              <th scope="col" className={head}>
                Figure
              </th>
              <th scope="col" className={`${head} text-right`}>
                Today
              </th>
              <th scope="col" className={`${head} text-right`}>
                Without them
              </th>
              <th scope="col" className={`${head} text-right`}>
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className="border-b border-slate-100" data-testid={`scenario-${r.key}`}>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  {r.label}
                </th>
                <td className={cell}>{r.before}</td>
                <td className={cell}>{r.after}</td>
                <td className={cell}>{change(r.before, r.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!hasTarget && (
        <p className="text-sm text-slate-700">
          The team has no target profile, so a skill counts as held at level {BUS_FACTOR_LEVEL} or above and there is no
          team gap.
        </p>
      )}

      <div>
        <h4 className="font-semibold" id="lost-h">
          Skills only they hold: <span data-testid="lost-count">{s.lost.length}</span>
        </h4>
        {s.lost.length === 0 ? (
          <p className="text-slate-700">
            Every needed skill they hold at the needed level is also held by someone else.
          </p>
        ) : (
          <ul className="mt-2 space-y-3" aria-labelledby="lost-h" data-testid="lost-skills">
            {s.lost.map((l) => (
              <li key={l.skill} className="rounded border border-slate-200 bg-white p-3">
                <p className="break-words">
                  <Link className="font-medium text-brand-700 underline" href={`/skills/${l.skill}`}>
                    {name(l.skill)}
                  </Link>{" "}
                  at level {l.level}+ would have no holder.
                </p>
                {l.successors.length === 0 ? (
                  <p className="text-sm text-slate-700">Nobody else is left in the team to take it over.</p>
                ) : (
                  <>
                    <p className="text-sm text-slate-700">Closest successors:</p>
                    <ol className="list-decimal pl-6 text-sm" data-testid="successors">
                      {l.successors.map((c) => (
                        <li key={c.id} className="break-words">
                          {c.name}: level {c.current} → {c.required} ({plural(c.gap, "step", "steps")})
                        </li>
                      ))}
                    </ol>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>

      {s.coverageChanges.length > 0 && (
        <details className="rounded border border-slate-200 bg-white p-3">
          <summary className="min-h-11 cursor-pointer font-medium">
            Coverage that drops ({plural(s.coverageChanges.length, "skill", "skills")})
          </summary>
          <table className="mt-2 w-full text-sm">
            <caption className="sr-only">People at level {coverageLevel}+ per skill, today and in the scenario</caption>
            <thead>
              <tr>
                <th scope="col" className={head}>
                  Skill
                </th>
                <th scope="col" className={`${head} text-right`}>
                  Today
                </th>
                <th scope="col" className={`${head} text-right`}>
                  Without them
                </th>
              </tr>
            </thead>
            <tbody>
              {s.coverageChanges.map((c) => (
                <tr key={c.skill} className="border-t border-slate-100">
                  <th scope="row" className="break-words px-3 py-2 text-left font-normal">
                    {name(c.skill)}
                  </th>
                  <td className={cell}>{c.before}</td>
                  <td className={cell}>{c.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}

      {s.gapChanges.length > 0 && (
        <details className="rounded border border-slate-200 bg-white p-3">
          <summary className="min-h-11 cursor-pointer font-medium">
            Team gap that grows ({plural(s.gapChanges.length, "skill", "skills")})
          </summary>
          <table className="mt-2 w-full text-sm">
            <caption className="sr-only">People short per target skill, today and in the scenario</caption>
            <thead>
              <tr>
                <th scope="col" className={head}>
                  Skill (needed level)
                </th>
                <th scope="col" className={`${head} text-right`}>
                  Short today
                </th>
                <th scope="col" className={`${head} text-right`}>
                  Short without them
                </th>
              </tr>
            </thead>
            <tbody>
              {s.gapChanges.map((g) => (
                <tr key={g.skill} className="border-t border-slate-100">
                  <th scope="row" className="break-words px-3 py-2 text-left font-normal">
                    {name(g.skill)} ({g.required})
                  </th>
                  <td className={cell}>{g.before}</td>
                  <td className={cell}>{g.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
