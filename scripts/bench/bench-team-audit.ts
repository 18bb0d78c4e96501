/**
 * `npm run bench:team` — server time and query count of the team audit page's data function for teams of
 * 50, 500 and 2,000 members × 150 skills, on the PostgreSQL server (BENCH_DATABASE_URL, default a fresh database
 * per size on postgresql://postgres@127.0.0.1:5432; BENCH_REUSE=1 keeps one this script seeded before: migrations
 * added since are applied, the seed's summary is read back from `_bench_seeded`). Writes a table to
 * docs/benchmarks.md between markers. Targets: 2,000 members < 150 ms, 500 members < 50 ms (manager, warm).
 */
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { replaceSection } from "./bench-doc";
import { seededOrganisation } from "./bench-org";

const sizes = (process.env.BENCH_SIZES ?? "50,500,2000").split(",").map(Number);
async function timed(n: number, queries: () => number, fn: () => Promise<unknown>, before?: () => void) {
  const times: number[] = [];
  let perCall = 0;
  for (let i = 0; i < n; i++) {
    before?.();
    const q0 = queries();
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
    perCall = queries() - q0;
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times.at(-1)!, perCall };
}

async function main() {
  const rows: string[] = [];
  let reusedAll = true;
  for (const people of sizes) {
    const database = `skillgap_bench_${people}`;
    // The shared seeding (scripts/bench/bench-org.ts): BENCH_REUSE=1 reuses a database seeded before, migrated up.
    const { prisma, seeded, seedSeconds, reused, queries } = await seededOrganisation(database, people, "bench", 150);
    reusedAll &&= reused;
    const { getTeamAudit } = await import("../../lib/data/team-audit");
    const manager = { id: seeded.managerId, isAdmin: false };
    const member = await prisma.teamMembership.findFirstOrThrow({
      where: { teamId: seeded.teamId, role: "member" },
      select: { userId: true },
    });
    const plain = { id: member.userId, isAdmin: false };
    // Each app process keeps the level summaries it parsed until their version moves (lib/data/team-audit.ts).
    const newProcess = () => (globalThis as { skillgapLevelCache?: Map<string, unknown> }).skillgapLevelCache?.clear();
    const q = queries;
    await getTeamAudit(manager, seeded.teamId); // warm-up (taxonomy cache, JIT)
    await getTeamAudit(plain, seeded.teamId);
    const warm = await timed(10, q, () => getTeamAudit(manager, seeded.teamId));
    const first = await timed(5, q, () => getTeamAudit(manager, seeded.teamId), newProcess);
    const asMember = await timed(10, q, () => getTeamAudit(plain, seeded.teamId));
    rows.push(
      `| ${people} | ${seeded.skills} | ${seeded.ratings.toLocaleString("en")} | ${warm.perCall} | ${warm.median.toFixed(1)} | ${warm.max.toFixed(1)} | ${first.median.toFixed(1)} | ${asMember.median.toFixed(1)} | ${reused ? "reused" : seedSeconds.toFixed(1)} |`,
    );
    console.log(rows.at(-1));
    await prisma.$disconnect();
  }
  const section = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, PostgreSQL server on 127.0.0.1. Measured ${new Date().toISOString().slice(0, 10)}.`,
    `Command: \`npm run bench:team\` (BENCH_SIZES=${sizes.join(",")}${reusedAll ? ", BENCH_REUSE=1: databases this script seeded earlier" : ""}). Server time = \`getTeamAudit\` (all queries + domain aggregates) as the team's manager, median and max of 10 warm calls; "first view" = median of 5 calls each after emptying the per-process level cache (a new app process); "member" = a plain member's view (aggregates only), median of 10 warm calls. Targets: 2,000 members < 150 ms, 500 members < 50 ms.`,
    "",
    "| members | skills | rating rows | queries per call | median ms | max ms | first view ms | member ms | seed s |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    "Approach: each member's levels come from the one-row summary appendRatings keeps (PersonLevels), parsed once per app process and version — a repeated view reads only the version numbers, with the team; the evidence is read sparsely (ratings confirmed by a manager or citing a certification, visible endorsements per level) instead of a sub-query per cell; the figures are computed in one pass over Int8Array level columns (lib/domain/team-figures.ts, property-tested against the record-based functions). At 2,000 members what remains (CPU profile) is building the 180,000 cells of the matrix the page returns (~30 ms), the team query with names (~15–20 ms), the levels-and-evidence statement (~15 ms, a filtered scan of CurrentRating) and the figures (~8 ms); the max is the garbage collector (a mark-compact of those matrices about every 13th call, ~170 ms). tests/integration/team-audit-scale.test.ts checks the result against the previous implementation after random writes.",
    "",
    "Before (2026-11-23, same command and machine): one SQL statement aggregated every member's CurrentRating rows into JSON with their evidence (a sub-query per cell), and each figure re-read every member's levels record.",
    "",
    "| members | skills | rating rows | queries per call | median ms | max ms | seed s |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    "| 50 | 150 | 13,745 | 4 | 34.8 | 58.6 | 7.2 |",
    "| 500 | 150 | 137,405 | 4 | 192.2 | 232.1 | 37.2 |",
    "| 2000 | 150 | 549,603 | 4 | 615.2 | 1406.8 | 152.9 |",
  ].join("\n");
  await replaceSection("team-audit", "## Team audit page (issue 7)", section);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
