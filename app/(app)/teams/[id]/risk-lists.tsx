import Link from "next/link";
import { BUS_FACTOR_LEVEL, splitBusFactor, type BusFactorRisk } from "@/lib/domain/team";

type Props = {
  rows: BusFactorRisk[];
  skillName: (id: string) => string;
  /** Member names by id (managers see who holds a skill; plain members get counts only). */
  nameOf: (id: string) => string | undefined;
  hasTarget: boolean;
  canManage: boolean;
  /** Some rows were hidden from a plain member (too few colleagues rated them). */
  someHidden: boolean;
};

/**
 * The two risks a team lead acts on differently, as two short lists with their counts: skills one member holds at the
 * needed level (bus factor: share the knowledge) and skills nobody holds at it (a gap: train or hire).
 */
export function RiskLists({ rows, skillName, nameOf, hasTarget, canManage, someHidden }: Props) {
  const { singleHolder, nobody } = splitBusFactor(rows);
  const byName = (a: BusFactorRisk, b: BusFactorRisk) => skillName(a.skill).localeCompare(skillName(b.skill));
  const hiddenNote = someHidden ? " among the skills enough colleagues rated" : "";
  const skillLink = (r: BusFactorRisk) => (
    <Link className="font-medium text-brand-700 underline" href={`/skills/${r.skill}`}>
      {skillName(r.skill)}
    </Link>
  );
  return (
    <section aria-labelledby="risk-h" className="space-y-6">
      <div>
        <h2 id="risk-h" className="text-xl font-semibold">
          Skills at risk
        </h2>
        <p className="text-sm text-slate-700">
          {hasTarget
            ? "The needed level of a skill is the level the team's target profile asks for."
            : `There is no target profile yet, so a skill counts as held at level ${BUS_FACTOR_LEVEL} or above.`}
        </p>
      </div>

      <div>
        <h3 className="text-lg font-semibold" id="single-h">
          Single holder (bus factor): <span data-testid="single-holder-count">{singleHolder.length}</span>
        </h3>
        <p className="text-sm text-slate-700">
          Skills only one member holds at the needed level: if that person is away, nobody can step in.
        </p>
        {singleHolder.length === 0 ? (
          <p className="mt-2 text-green-800" data-testid="single-holder-none">
            No single holders{hiddenNote}: every{hasTarget ? " needed" : ""} skill someone holds at the needed level is
            held by at least two members.
          </p>
        ) : (
          <ul
            className="mt-2 divide-y divide-slate-100 rounded border border-slate-200 bg-white"
            aria-labelledby="single-h"
            data-testid="single-holders"
          >
            {[...singleHolder].sort(byName).map((r) => (
              <li key={r.skill} className="px-3 py-2">
                <span className="block break-words">{skillLink(r)}</span>
                <span className="block text-sm text-slate-700">
                  {r.holders[0] && nameOf(r.holders[0]) ? `only ${nameOf(r.holders[0])}` : "1 member"} at level{" "}
                  {r.level}+
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div>
        <h3 className="text-lg font-semibold" id="nobody-h">
          Nobody at the needed level (gap): <span data-testid="nobody-count">{nobody.length}</span>
        </h3>
        <p className="text-sm text-slate-700">
          Skills the team needs that no member holds at the needed level yet: someone has to learn them, or the team has
          to hire.
        </p>
        {!hasTarget ? (
          <p className="mt-2">
            Set a target profile{canManage ? " below" : " (a manager can)"} to see which skills nobody holds at the
            level the team needs.
          </p>
        ) : nobody.length === 0 ? (
          <p className="mt-2 text-green-800" data-testid="nobody-none">
            None{hiddenNote}: for every needed skill at least one member is at the needed level.
          </p>
        ) : (
          <ul
            className="mt-2 divide-y divide-slate-100 rounded border border-slate-200 bg-white"
            aria-labelledby="nobody-h"
            data-testid="nobody-at-level"
          >
            {[...nobody].sort(byName).map((r) => (
              <li key={r.skill} className="px-3 py-2">
                <span className="block break-words">{skillLink(r)}</span>
                <span className="block text-sm text-slate-700">needed at level {r.level}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
