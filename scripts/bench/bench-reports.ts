/**
 * `npm run bench:reports` — server time and query count of the organisation report (`getOrgReport`) on a
 * `seed:large` organisation of 5,000 people × the shipped skills (about two years of history, squads of 8 plus one
 * team of everyone), on the PostgreSQL server (a fresh database). Trends come from the append-only history with a
 * window function (each history row valid until the person's next row for that skill), one statement for all
 * quarters. Writes a table to docs/benchmarks.md between markers. Targets (issue 17): organisation report < 300 ms,
 * one team's trend < 150 ms.
 */
import { performance } from "node:perf_hooks";
import { plural } from "../../lib/domain/plural";
import { replaceSection } from "./bench-doc";
import { machineLine } from "./bench-server";
import { seededOrganisation } from "./bench-org";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);

async function main() {
  const { prisma, seeded, seedSeconds, queries } = await seededOrganisation(
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
  const cases: [string, () => Promise<Report | unknown>][] = [
    ["reference: `SELECT 1` round trip", () => prisma.$queryRaw`SELECT 1`],
    ["organisation report, admin (every team)", () => getOrgReport(admin)],
    [
      `report of the team of all ${PEOPLE.toLocaleString("en")}, its manager`,
      () => getOrgReport(manager, { teamId: seeded.teamId }),
    ],
    ["one squad's report with its trend (7 members), admin", () => getOrgReport(admin, { teamId: squad.id })],
  ];
  const rows: string[] = [];
  for (const [name, fn] of cases) {
    await fn();
    await fn(); // warm: taxonomy cache, JIT, plan cache
    const times: number[] = [];
    let perCall = 0;
    let people = "";
    for (let i = 0; i < 15; i++) {
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
    `Command: \`npm run bench:reports\` (BENCH_PEOPLE=${PEOPLE}). Organisation: ${seeded.people.toLocaleString("en")} people × ${seeded.skills} skills, ${seeded.ratings.toLocaleString("en")} rating rows, seeded in ${seedSeconds.toFixed(0)} s. Server time = the data function (all its queries and the domain's figures: coverage, team comparison, readiness for every role, single points of failure, trends at 8 quarter ends and today), median and max of 15 warm calls. Targets: organisation report < 300 ms; one team's trend < 150 ms (the squad row is the whole report for that team, trend included). Approach: SQL window function (LEAD) over the history, with width_bucket turning each row's validity into a range of points, one statement for all quarters; snapshots maintained on write were not tried. The history statement sorts every rating row in scope (about 640,000 for the organisation), which dominates the organisation figure.`,
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
