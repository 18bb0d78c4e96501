import Link from "next/link";
import { raiseParam, type PersonalScenario, type RoleChange } from "@/lib/domain/scenario";
import { WhatIfSave } from "./what-if-save";

type Props = { scenario: PersonalScenario; hasTarget: boolean; link: string };

function RoleChanges({ roles, id, testId }: { roles: RoleChange[]; id: string; testId: string }) {
  return (
    <ul className="mt-2 space-y-2" aria-labelledby={id} data-testid={testId}>
      {roles.map((r) => (
        <li key={r.roleId} className="rounded border border-slate-200 bg-white p-3">
          <Link className="font-semibold text-brand-700 underline" href={`/roles/${r.roleId}`}>
            {r.title}
          </Link>
          <p className="text-sm text-slate-600">
            fit {r.fitBefore}% → {r.fitAfter}% · {r.readinessBefore} → {r.readinessAfter}
          </p>
          <p className="mt-1">{r.reason}</p>
        </li>
      ))}
    </ul>
  );
}

/** What the raised levels change: fit to the target, newly suggested and newly reachable roles with the engine's reasons. */
export function WhatIfResults({ scenario: s, hasTarget, link }: Props) {
  return (
    <div className="space-y-6" data-testid="what-if-results">
      {s.raised.length > 0 ? (
        <p>
          With{" "}
          {s.raised.map((r, i) => (
            <span key={r.skill}>
              {i > 0 ? ", " : ""}
              <strong>{r.name}</strong> {r.from} → {r.to}
            </span>
          ))}
          :
        </p>
      ) : (
        <p>None of these raises is above your current level, so nothing changes.</p>
      )}
      {s.ignored.length > 0 && (
        <p className="text-sm text-slate-700">
          Left out (you are already at or above that level):{" "}
          {s.ignored.map((r) => `${r.name} (now ${r.current})`).join(", ")}.
        </p>
      )}

      {s.fit ? (
        <div className="overflow-x-auto">
          <table
            className="w-full border-collapse rounded border border-slate-200 bg-white text-sm"
            data-testid="what-if-fit"
          >
            <caption className="px-3 py-2 text-left font-semibold">Fit to your target, {s.fit.title}</caption>
            <thead className="border-b border-slate-200">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  Figure
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Today
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  With the raise
                </th>
              </tr>
            </thead>
            <tbody>
              <tr className="border-b border-slate-100">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  Fit
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{s.fit.before}%</td>
                <td className="px-3 py-2 text-right tabular-nums">{s.fit.after}%</td>
              </tr>
              <tr className="border-b border-slate-100">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  Readiness
                </th>
                <td className="px-3 py-2 text-right">{s.fit.readinessBefore}</td>
                <td className="px-3 py-2 text-right">{s.fit.readinessAfter}</td>
              </tr>
              <tr>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  Core skills below the required level
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{s.fit.coreGapsBefore}</td>
                <td className="px-3 py-2 text-right tabular-nums">{s.fit.coreGapsAfter}</td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : (
        !hasTarget && (
          <p className="text-sm text-slate-700">
            Set a target role on{" "}
            <Link className="text-brand-700 underline" href="/me/skills">
              My skills
            </Link>{" "}
            to see your fit to it change.
          </p>
        )
      )}

      <div>
        <h3 id="what-if-new-h" className="font-semibold">
          Newly suggested roles
        </h3>
        {s.newlySuggested.length === 0 ? (
          <p className="text-slate-700">Your top suggestions stay the same.</p>
        ) : (
          <RoleChanges roles={s.newlySuggested} id="what-if-new-h" testId="what-if-new" />
        )}
      </div>
      <div>
        <h3 id="what-if-reach-h" className="font-semibold">
          Roles that come within reach
        </h3>
        {s.newlyReachable.length === 0 ? (
          <p className="text-slate-700">No role changes readiness (far, stretch, ready) with these raises.</p>
        ) : (
          <RoleChanges roles={s.newlyReachable} id="what-if-reach-h" testId="what-if-reach" />
        )}
      </div>

      {s.raised.length > 0 && (
        <div className="space-y-2">
          <p className="text-sm">
            <Link className="text-brand-700 underline" href={link}>
              Link to this scenario
            </Link>
          </p>
          <WhatIfSave raises={s.raised.map((r) => raiseParam({ skill: r.skill, level: r.to }))} />
        </div>
      )}
    </div>
  );
}
