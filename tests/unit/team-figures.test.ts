/**
 * teamFigures against its specification: the record-based team functions composed exactly as the team audit composed
 * them before (coverage and bus factor without holders for a plain member, then suppressSmallGroups).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  levelDistribution,
  suppressSmallGroups,
  teamBusFactor,
  teamCoverage,
  teamGap,
  type TeamMember,
} from "../../lib/domain";
import { teamFigures, type TeamFiguresOptions } from "../../lib/domain/team-figures";

function reference(o: TeamFiguresOptions) {
  const anonymous = <T extends { holders: string[] }>(row: T): T => (o.viewer ? { ...row, holders: [] } : row);
  const all = {
    coverage: teamCoverage(o.members, o.skillIds, o.coverageLevel).map(anonymous),
    busFactor: teamBusFactor(o.members, o.target, o.skillIds).map(anonymous),
    gap: teamGap(o.members, o.target),
    distribution: levelDistribution(o.members, o.skillIds, o.categoryOf),
  };
  if (!o.viewer) return { aggregates: all, hidden: null };
  const s = suppressSmallGroups(all, {
    members: o.members,
    viewerId: o.viewer.id,
    min: o.viewer.min,
    categoryOf: o.categoryOf,
  });
  return {
    aggregates: { coverage: s.coverage, busFactor: s.busFactor, gap: s.gap, distribution: s.distribution },
    hidden: s.hidden,
  };
}

/** The result, or the error message, so both sides compare the same way. */
function outcome(f: () => unknown) {
  try {
    return { ok: f() };
  } catch (e) {
    return { error: String(e) };
  }
}

const pool = ["linux", "kubernetes", "terraform", "cicd", "golang", "cobol", "sql", "rust"];
const categoryOf: Record<string, string> = {
  linux: "ops",
  kubernetes: "ops",
  terraform: "iac",
  cicd: "iac",
  sql: "data",
};
const ids = ["me", "ana", "ben", "cy", "dee", "eve", "fay"];

const levelArb = fc.integer({ min: 0, max: 5 });
const membersArb = fc
  .uniqueArray(fc.record({ id: fc.constantFrom(...ids), levels: fc.dictionary(fc.constantFrom(...pool), levelArb) }), {
    selector: (m) => m.id,
    maxLength: ids.length,
  })
  .map((ms): TeamMember[] => ms.map((m) => ({ ...m, name: m.id })));
const optionsArb = fc.record({
  members: membersArb,
  // A subset of the pool in some order: members' levels may name skills outside it, as may the target.
  skillIds: fc.shuffledSubarray(pool),
  coverageLevel: levelArb,
  target: fc.array(
    fc.record(
      {
        skill: fc.constantFrom(...pool, "unrated"),
        level: levelArb,
        needed: fc.integer({ min: 0, max: 6 }),
        importance: fc.constantFrom("core" as const, "important" as const, "bonus" as const),
      },
      { requiredKeys: ["skill", "level", "needed"] },
    ),
    { maxLength: 6 },
  ),
  viewer: fc.option(fc.record({ id: fc.constantFrom(...ids, "outsider"), min: fc.integer({ min: 1, max: 4 }) })),
  byFunction: fc.boolean(),
});

describe("teamFigures", () => {
  it("equals the record-based figures on random teams, twice over the same levels objects (property)", () => {
    fc.assert(
      fc.property(optionsArb, ({ byFunction, ...o }) => {
        const options: TeamFiguresOptions = {
          ...o,
          categoryOf: byFunction ? (id: string) => categoryOf[id] : categoryOf,
        };
        const expected = reference(options);
        expect(teamFigures(options)).toEqual(expected);
        // The second call reads the members' cached vectors.
        expect(teamFigures({ ...options, members: [...options.members].reverse() })).toEqual(
          reference({ ...options, members: [...options.members].reverse() }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("throws what the record-based functions throw, in the same order (property)", () => {
    const bad = fc.constantFrom(-1, 6, 1.5, Number.NaN, "3" as unknown as number);
    fc.assert(
      fc.property(
        optionsArb,
        fc.option(fc.tuple(fc.nat(), fc.constantFrom(...pool), bad)),
        fc.option(bad),
        fc.option(fc.tuple(fc.nat(), bad, fc.constantFrom(-1, 1.5))),
        fc.option(fc.constantFrom(0, -1, 1.5)),
        ({ byFunction: _, ...o }, badMember, badCoverage, badTarget, badMin) => {
          const members = o.members.map((m) => ({ ...m, levels: { ...m.levels } }));
          if (badMember && members.length) members[badMember[0] % members.length]!.levels[badMember[1]] = badMember[2];
          const target = [...o.target];
          if (badTarget && target.length) {
            const i = badTarget[0] % target.length;
            target[i] = { ...target[i]!, ...(badTarget[0] % 2 ? { level: badTarget[1] } : { needed: badTarget[2] }) };
          }
          const options: TeamFiguresOptions = {
            ...o,
            members,
            target,
            categoryOf,
            coverageLevel: badCoverage ?? o.coverageLevel,
            viewer: badMin !== null ? { id: "me", min: badMin } : o.viewer,
          };
          expect(outcome(() => teamFigures(options))).toEqual(outcome(() => reference(options)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("a plain member sees counts without holders, and rows too few colleagues rated are hidden", () => {
    const members: TeamMember[] = [
      { id: "me", name: "Me", levels: { linux: 5 } },
      { id: "ana", name: "Ana", levels: { linux: 4, sql: 1 } },
      { id: "ben", name: "Ben", levels: { linux: 3 } },
    ];
    const out = teamFigures({
      members,
      skillIds: ["linux", "sql"],
      categoryOf,
      coverageLevel: 3,
      target: [],
      viewer: { id: "me", min: 2 },
    });
    expect(out.aggregates.coverage).toEqual([{ skill: "linux", count: 3, holders: [], total: 3 }]);
    expect(out.aggregates.distribution).toEqual([{ category: "ops", counts: [0, 0, 0, 1, 1, 1], total: 3 }]);
    expect(out.hidden).toEqual({ coverage: 1, busFactor: 0, gap: 0, distribution: 1, total: 2 });
  });
});
