/**
 * `npm run bench:team` — server time and query count of the team audit page's data function for teams of
 * 50, 500 and 2,000 members × 150 skills, on the PostgreSQL server (BENCH_DATABASE_URL, default a fresh database
 * on postgresql://postgres@127.0.0.1:5432). Writes a table to docs/benchmarks.md between markers.
 */
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { seedLarge } from "../seed-large";
import { replaceSection } from "./bench-doc";
import { freshMigratedDatabase } from "./bench-server";

const sizes = (process.env.BENCH_SIZES ?? "50,500,2000").split(",").map(Number);

async function main() {
  const rows: string[] = [];
  for (const people of sizes) {
    const url = await freshMigratedDatabase(`skillgap_bench_${people}`);
    const prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: url }),
      log: [{ emit: "event", level: "query" }],
    });
    let queries = 0;
    (prisma as unknown as { $on: (e: string, cb: () => void) => void }).$on("query", () => void (queries += 1));
    const t0 = performance.now();
    const seeded = await seedLarge(prisma, { people, skills: 150, prefix: "bench" });
    const seedSeconds = (performance.now() - t0) / 1000;
    (globalThis as { skillgapDb?: Promise<PrismaClient> }).skillgapDb = Promise.resolve(prisma);
    const { getTeamAudit } = await import("../../lib/data/team-audit");
    const actor = { id: seeded.managerId, isAdmin: false };
    await getTeamAudit(actor, seeded.teamId); // warm-up (taxonomy cache, JIT)
    const times: number[] = [];
    let perCall = 0;
    for (let i = 0; i < 10; i++) {
      const q0 = queries;
      const s = performance.now();
      await getTeamAudit(actor, seeded.teamId);
      times.push(performance.now() - s);
      perCall = queries - q0;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    rows.push(
      `| ${people} | ${seeded.skills} | ${seeded.ratings.toLocaleString("en")} | ${perCall} | ${median.toFixed(1)} | ${times[times.length - 1].toFixed(1)} | ${seedSeconds.toFixed(1)} |`,
    );
    console.log(rows.at(-1));
    await prisma.$disconnect();
  }
  const section = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, PostgreSQL server on 127.0.0.1. Measured ${new Date().toISOString().slice(0, 10)}.`,
    "Command: `npm run bench:team` (BENCH_SIZES=50,500,2000). Server time = `getTeamAudit` (all queries + domain aggregates), median and max of 10 warm calls.",
    "",
    "| members | skills | rating rows | queries per call | median ms | max ms | seed s |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
  await replaceSection("team-audit", "## Team audit page (issue 7)", section);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
