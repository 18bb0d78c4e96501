/**
 * Gap-engine benchmark on a deterministic synthetic organisation:
 * 1,000 people × 150 skills × 40 roles (10–25 requirements each, 4 tracks with progression and
 * lateral paths). Run: npx vitest bench --run tests/bench
 *
 * (a)  real public path: compileTaxonomy once, then suggestNextRoles per person (Levels record in,
 *      every role's fit + top-3 suggestions with reasons + unlocking gaps out).
 * (a') same, with each person's levels already converted by levelsToVector.
 * (b)  teamCoverage + busFactor for a team of 500.
 * (c)  baseline: hand-written loop over typed arrays, fit for every person × role, same integer arithmetic.
 * (c') the same baseline written branch-free (min(c, q) = q − max(0, q − c) with integer bit tricks), the
 *      form the engine's own fit loop uses; 10–20% faster than (c) on random levels, so it is the
 *      stricter reference for "the physical limit". Both are checked against (a)'s fits before timing.
 *
 * (c)/(c') compute only the fit of every person × role. (a) also counts core gaps and effort for every
 * role, picks candidates, ranks them, builds the top-3 suggestions with reasons and the top-5
 * unlocking gaps, and (unlike (a')) converts each person's Levels record to a vector.
 */
import { bench, describe } from "vitest";
import {
  busFactor,
  compileTaxonomy,
  levelsToVector,
  suggestNextRoles,
  teamCoverage,
  type TeamMember,
} from "../../lib/domain";
import { N_PEOPLE, N_ROLES, N_SKILLS, TEAM, syntheticOrg } from "./synthetic-org";

const { taxonomy, people } = syntheticOrg();
const compiled = compileTaxonomy(taxonomy);
const vectors = people.map((p) => levelsToVector(p.levels, compiled));
const team: TeamMember[] = people.slice(0, TEAM).map(({ id, name, levels }) => ({ id, name, levels }));
const skillIds = taxonomy.skills.map((s) => s.id);

// Baseline data: people as one flat matrix, roles as flat requirement arrays (same units as the engine).
const matrix = new Uint8Array(N_PEOPLE * N_SKILLS);
vectors.forEach((v, p) => matrix.set(v, p * N_SKILLS));
const roleStart = new Int32Array(N_ROLES + 1);
compiled.roles.forEach((r, j) => (roleStart[j + 1] = roleStart[j]! + r.reqSkill.length));
const flatSkill = new Uint16Array(roleStart[N_ROLES]!);
const flatLevel = new Uint8Array(roleStart[N_ROLES]!);
const flatUnit = new Uint16Array(roleStart[N_ROLES]!);
const base = new Float64Array(N_ROLES);
const total = new Float64Array(N_ROLES);
compiled.roles.forEach((r, j) => {
  flatSkill.set(r.reqSkill, roleStart[j]!);
  flatLevel.set(r.reqLevel, roleStart[j]!);
  flatUnit.set(r.reqUnit, roleStart[j]!);
  base[j] = r.baseUnits;
  total[j] = r.totalUnits;
});
const baselineOut = new Float64Array(N_PEOPLE * N_ROLES);

function baseline(out: Float64Array) {
  for (let p = 0; p < N_PEOPLE; p++) {
    const off = p * N_SKILLS;
    for (let j = 0; j < N_ROLES; j++) {
      let earned = base[j]!;
      for (let k = roleStart[j]!, end = roleStart[j + 1]!; k < end; k++) {
        const c = matrix[off + flatSkill[k]!]!;
        const q = flatLevel[k]!;
        earned += (c < q ? c : q) * flatUnit[k]!;
      }
      out[p * N_ROLES + j] = Math.round((1000 * earned) / total[j]!) / 10;
    }
  }
}

function baselineBranchFree(out: Float64Array) {
  for (let p = 0; p < N_PEOPLE; p++) {
    const off = p * N_SKILLS;
    for (let j = 0; j < N_ROLES; j++) {
      let earned = base[j]!;
      for (let k = roleStart[j]!, end = roleStart[j + 1]!; k < end; k++) {
        const q = flatLevel[k]!;
        const d = q - matrix[off + flatSkill[k]!]!;
        earned += (q - (d & ~(d >> 31))) * flatUnit[k]!;
      }
      out[p * N_ROLES + j] = Math.round((1000 * earned) / total[j]!) / 10;
    }
  }
}

// Keep the baselines honest: they must produce exactly the engine's fits.
for (const run of [baseline, baselineBranchFree]) {
  baselineOut.fill(-1);
  run(baselineOut);
  people.forEach((p, i) => {
    const fits = suggestNextRoles(p.levels, p.roleId, taxonomy, { compiled, limit: 3 }).fits;
    for (let j = 0; j < N_ROLES; j++) {
      if (fits[j] !== baselineOut[i * N_ROLES + j])
        throw new Error(`${run.name} differs from the engine for person ${i}, role ${j}`);
    }
  });
}

let sink = 0;
// Longer runs than vitest's default (500 ms) for steadier means on a shared 2-core machine.
const opts = { time: 2000, warmupTime: 300 };

describe("gap engine: 1,000 people × 40 roles × 150 skills", () => {
  bench(
    "(a) suggestNextRoles per person (Levels in): all fits + top-3",
    () => {
      for (const p of people) {
        const r = suggestNextRoles(p.levels, p.roleId, taxonomy, { compiled, limit: 3 });
        sink += r.fits[0]! + r.suggestions.length;
      }
    },
    opts,
  );

  bench(
    "(a') suggestNextRoles per person (vector in): all fits + top-3",
    () => {
      for (let i = 0; i < N_PEOPLE; i++) {
        const r = suggestNextRoles(vectors[i]!, people[i]!.roleId, taxonomy, { compiled, limit: 3 });
        sink += r.fits[0]! + r.suggestions.length;
      }
    },
    opts,
  );

  bench(
    "(c) baseline: typed-array fit loop, every person × role",
    () => {
      baseline(baselineOut);
      sink += baselineOut[7]!;
    },
    opts,
  );

  bench(
    "(c') baseline, branch-free: typed-array fit loop, every person × role",
    () => {
      baselineBranchFree(baselineOut);
      sink += baselineOut[7]!;
    },
    opts,
  );
});

describe("team of 500", () => {
  bench(
    "(b) teamCoverage + busFactor",
    () => {
      const cov = teamCoverage(team, skillIds, 3);
      const bus = busFactor(team, skillIds);
      sink += cov.length + bus.length;
    },
    opts,
  );
});

export { sink };
