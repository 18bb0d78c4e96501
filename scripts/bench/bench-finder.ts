/**
 * `npm run bench:finder` — server time and query count of the expert finder (`findExperts`) and the person profile
 * (`getPersonProfile`) on a `seed:large` organisation of 5,000 people × the shipped skills (about two years of
 * history, squads of 8, a third of the people findable by each setting, certifications and endorsements), on the
 * PostgreSQL server (a fresh database). Side by side, in the same run, the floor: one `SELECT 1` round trip through the
 * same client. Writes a table to docs/benchmarks.md between markers. Target (issue 16): finder < 50 ms.
 */
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { replaceSection } from "./bench-doc";
import { seededOrganisation } from "./bench-org";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);

async function main() {
  const { prisma, seeded, seedSeconds, queries } = await seededOrganisation("skillgap_bench_finder", PEOPLE, "finder");
  const { findExperts, getPersonProfile } = await import("../../lib/data/people");
  const member = await prisma.teamMembership.findFirstOrThrow({
    where: { role: "member", team: { name: { startsWith: "Squad 3 " } } },
    select: { userId: true },
  });
  const manager = { id: seeded.managerId, isAdmin: false };
  const plain = { id: member.userId, isAdmin: false };
  const oneSkill = { criteria: [{ skillId: "infrastructure-as-code", minLevel: 4 }], certificationId: null };
  const twoSkills = {
    criteria: [
      { skillId: "infrastructure-as-code", minLevel: 3 },
      { skillId: "container-orchestration", minLevel: 3 },
    ],
    certificationId: "cka",
  };
  const cases: [string, () => Promise<unknown>][] = [
    ["reference: `SELECT 1` round trip", () => prisma.$queryRaw`SELECT 1`],
    ["finder, manager of all 5,000: Terraform ≥ 4", () => findExperts(manager, oneSkill)],
    ["finder, manager: two skills ≥ 3 + CKA", () => findExperts(manager, twoSkills)],
    ["finder, plain member (sees teammates + 'organisation'): Terraform ≥ 4", () => findExperts(plain, oneSkill)],
    ["profile, manager opens a member", () => getPersonProfile(manager, member.userId)],
  ];
  const rows: string[] = [];
  for (const [name, fn] of cases) {
    await fn();
    await fn(); // warm: taxonomy cache, JIT, plan cache
    const times: number[] = [];
    let perCall = 0;
    let results = "";
    for (let i = 0; i < 15; i++) {
      const q0 = queries();
      const s = performance.now();
      const out = (await fn()) as { total?: number };
      times.push(performance.now() - s);
      perCall = queries() - q0;
      if (typeof out?.total === "number") results = out.total.toLocaleString("en");
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    rows.push(`| ${name} | ${results || "—"} | ${perCall} | ${median.toFixed(1)} | ${times.at(-1)!.toFixed(1)} |`);
    console.log(rows.at(-1));
  }
  await prisma.$disconnect();
  const section = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, PostgreSQL server on 127.0.0.1. Measured ${new Date().toISOString().slice(0, 10)}.`,
    `Command: \`npm run bench:finder\` (BENCH_PEOPLE=${PEOPLE}). Organisation: ${seeded.people.toLocaleString("en")} people × ${seeded.skills} skills, ${seeded.ratings.toLocaleString("en")} rating rows, seeded in ${seedSeconds.toFixed(0)} s. Server time = the data function (all its queries and ranking), median and max of 15 warm calls. Target: finder < 50 ms.`,
    "",
    "| call | people found | queries per call | median ms | max ms |",
    "|---|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
  await replaceSection("finder", "## Expert finder and profile (issue 16)", section);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
