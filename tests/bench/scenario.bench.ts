/**
 * Scenario recomputation (issue 17): target < 20 ms for a team of 500. Pure domain code on the synthetic
 * organisation (150 skills, 40 roles). Run: npx vitest bench --run tests/bench/scenario.bench.ts
 *
 * (a) teamScenario: coverage, bus factor and team gap before and after removing 3 members, plus successors for
 *     every skill only they hold, against a target derived from a mix of 10 roles.
 * (a') the same with 250 members removed, so that many skills lose every holder and need successors.
 * (b) personalScenario: one person's fit, suggestions and reachable roles before and after raising 3 skills.
 */
import { bench, describe } from "vitest";
import { deriveTeamTarget, type TeamMember } from "../../lib/domain";
import { personalScenario, teamScenario } from "../../lib/domain/scenario";
import { TEAM, syntheticOrg } from "./synthetic-org";

const { taxonomy, people } = syntheticOrg();
const team: TeamMember[] = people.slice(0, TEAM).map(({ id, name, levels }) => ({ id, name, levels }));
const skillIds = taxonomy.skills.map((s) => s.id);
const target = deriveTeamTarget(
  taxonomy.roles.slice(0, 10).map((r) => ({ roleId: r.id, count: 5 })),
  taxonomy,
);
const without = [team[0]!.id, team[250]!.id, team[499]!.id];
const half = team.filter((_, i) => i % 2 === 0).map((m) => m.id);
const raises = skillIds.slice(0, 3).map((skill) => ({ skill, level: 5 }));

describe(`scenarios (team of ${TEAM}, ${skillIds.length} skills, ${taxonomy.roles.length} roles)`, () => {
  bench("(a) teamScenario: 3 members removed", () => {
    teamScenario(team, { without, target, skillIds, coverageLevel: 3 });
  });
  bench("(a') teamScenario: half the team removed (many lost skills, successors for each)", () => {
    teamScenario(team, { without: half, target, skillIds, coverageLevel: 3 });
  });
  bench("(b) personalScenario: 3 skills raised", () => {
    personalScenario(people[0]!.levels, raises, {
      currentRoleId: taxonomy.roles[0]!.id,
      targetRoleId: taxonomy.roles[3]!.id,
      taxonomy,
    });
  });
});
