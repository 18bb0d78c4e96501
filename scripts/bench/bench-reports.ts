/**
 * `npm run bench:reports` — server time and query count of the organisation report (`getOrgReport`) on a
 * `seed:large` organisation of 5,000 people × the shipped skills (about two years of history, squads of 8 plus one
 * team of everyone), on the PostgreSQL server (a fresh database; BENCH_REUSE=1 keeps one seeded before). Closed
 * quarters come from stored snapshots, or, on the first view for a set of people, from the append-only history with a
 * window function; both are timed. Writes a table to docs/benchmarks.md between markers. Targets (issue 17):
 * organisation report < 300 ms, one team's trend < 150 ms.
 */
import { performance } from "node:perf_hooks";
import { plural } from "../../lib/domain/plural";
import { replaceSection } from "./bench-doc";
import { machineLine } from "./bench-server";
import { seededOrganisation } from "./bench-org";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);

async function main() {
  const { prisma, seeded, seedSeconds, reused, queries } = await seededOrganisation(
    "skillgap_bench_reports",
    PEOPLE,
    "reports",
  );
  const { getOrgReport } = await import("../../lib/data/reports");
  const squad = await prisma.team.findFirstOrThrow({
    where: { name: { startsWith: "Squad 3 " } },
    select: { id: true },
  });
  const admin = { id: "bench-admin", isAdmin: true };
  const manager = { id: seeded.managerId, isAdmin: false };
  type Report = Awaited<ReturnType<typeof getOrgReport>>;
  // The first view for a new set of people computes the closed quarters from the history and stores them; every
  // later view reads them back. "cold" empties the store before each timed call (outside the timing).
  const cold = async () => void (await prisma.$executeRaw`DELETE FROM "ReportSnapshot"`);
  // Each process keeps the level summaries it parsed until their version moves (lib/data/reports.ts).
  const newProcess = async () =>
    (globalThis as { skillgapLevelCache?: Map<string, unknown> }).skillgapLevelCache?.clear();
  // 100 people change a level between two views: only their summaries are read again.
  const { appendRatings } = await import("../../lib/data/rating-store");
  const members = await prisma.teamMembership.findMany({
    where: { teamId: seeded.teamId, role: "member" },
    select: { userId: true },
    take: 1000,
  });
  let round = 0;
  const hundredChanged = async () => {
    round++;
    for (const m of members.slice((round % 10) * 100, (round % 10) * 100 + 100)) {
      const now = await prisma.currentRating.findUnique({
        where: { userId_skillId: { userId: m.userId, skillId: "linux" } },
        select: { level: true },
      });
      await prisma.$transaction((tx) =>
        appendRatings(tx, m.userId, [{ skillId: "linux", level: ((now?.level ?? 0) + 1) % 6 }], { source: "self" }),
      );
    }
  };
  const cases: [string, () => Promise<Report | unknown>, (() => Promise<void>)?][] = [
    ["reference: `SELECT 1` round trip", () => prisma.$queryRaw`SELECT 1`],
    ["organisation report, admin (every team), stored quarters", () => getOrgReport(admin)],
    ["organisation report, admin, after 100 people changed a level", () => getOrgReport(admin), hundredChanged],
    ["organisation report, admin, first view in a new app process", () => getOrgReport(admin), newProcess],
    [
      "organisation report, admin, first view after the people changed (quarters from the history)",
      () => getOrgReport(admin),
      cold,
    ],
    [
      `report of the team of all ${PEOPLE.toLocaleString("en")}, its manager`,
      () => getOrgReport(manager, { teamId: seeded.teamId }),
    ],
    ["one squad's report with its trend (7 members), admin", () => getOrgReport(admin, { teamId: squad.id })],
  ];
  const rows: string[] = [];
  for (const [name, fn, before] of cases) {
    await fn();
    await fn(); // warm: taxonomy cache, JIT, plan cache
    const times: number[] = [];
    let perCall = 0;
    let people = "";
    for (let i = 0; i < (before ? 7 : 15); i++) {
      await before?.();
      const q0 = queries();
      const s = performance.now();
      const out = (await fn()) as Partial<Report>;
      times.push(performance.now() - s);
      perCall = queries() - q0;
      if (typeof out?.peopleCount === "number")
        people = `${out.peopleCount.toLocaleString("en")} in ${plural(out.teams!.length, "team", "teams")}`;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    rows.push(`| ${name} | ${people || "—"} | ${perCall} | ${median.toFixed(1)} | ${times.at(-1)!.toFixed(1)} |`);
    console.log(rows.at(-1));
  }
  await prisma.$disconnect();
  const section = [
    `Machine: ${machineLine()}; PostgreSQL server on 127.0.0.1. Measured ${new Date().toISOString().slice(0, 10)}.`,
    `Command: \`npm run bench:reports\` (BENCH_PEOPLE=${PEOPLE}). Organisation: ${seeded.people.toLocaleString("en")} people × ${seeded.skills} skills, ${seeded.ratings.toLocaleString("en")} rating rows, ${reused ? "a database this script seeded earlier (BENCH_REUSE=1)" : `seeded in ${seedSeconds.toFixed(0)} s`}. Server time = the data function (all its queries and the domain's figures: coverage, team comparison, readiness for every role, single points of failure, trends at 8 quarter ends and today), median and max of 15 calls (7 for the first-view row). Targets: organisation report < 300 ms; one team's trend < 150 ms (the squad row is the whole report for that team, trend included).`,
    "",
    "Approach, both measured: (1) an SQL window function (LEAD) over the history, with width_bucket turning each row's validity into a range of points, one statement for all quarters — it sorts every rating row in scope (about 640,000 for the organisation), so it is the first-view row; (2) snapshots: a closed quarter never changes in an append-only history, so each closed quarter's histogram is stored once per set of people (ReportSnapshot, keyed by a hash of the people, the active skills and the date) and read back; 'Today' comes from the current levels, which appendRatings keeps as one row per person (PersonLevels, written in the rating transaction). The domain's figures run on typed level vectors, and each app process keeps the level summaries it parsed until their version moves.",
    "",
    "Before (the window function on every view, records keyed by skill id; same data, same machine, 2026-11-30): organisation report 3,332 ms median, the team of all 5,000 3,135 ms, one squad 33 ms.",
    "",
    "| call | people | queries per call | median ms | max ms |",
    "|---|---|---:|---:|---:|",
    ...rows,
  ].join("\n");
  await replaceSection("reports", "## Organisation report (issue 17)", section);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
