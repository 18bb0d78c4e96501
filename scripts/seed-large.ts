/**
 * `npm run seed:large -- --people N [--skills 150] [--prefix bench]`
 * Generates a realistic organisation for benchmarks: N people with 2–4 entries of rating history each, one large
 * team holding all of them (for the audit-page benchmark), teams of 8 with a manager each, a target profile, and
 * completed reviews for about a fifth of the people. Bulk inserts; deterministic (seeded PRNG).
 * With --skills above the shipped count, synthetic skills are added to the taxonomy (benchmark databases only).
 */
import { parseArgs } from "node:util";
import type { Db } from "../lib/data/open";
import { applyTaxonomy } from "../lib/data/taxonomy-sync";
import { loadTaxonomy } from "../lib/taxonomy/load";
import { hashPassword } from "../lib/auth/password";
import type { Taxonomy } from "../lib/domain/types";
import { runCli, withCliDb } from "./cli-db";

export function withSyntheticSkills(t: Taxonomy, total: number): Taxonomy {
  const extra = Math.max(0, total - t.skills.length);
  const cats = t.categories.filter((c) => c.kind === "technical");
  const skills = Array.from({ length: extra }, (_, i) => ({
    id: `synthetic-skill-${i + 1}`, name: `Synthetic skill ${i + 1}`, category: cats[i % cats.length].id,
    description: "A generated skill used only to size benchmark databases.", tools: [], aliases: [], prerequisites: [], sources: ["ours"],
  }));
  return { ...t, version: `${t.version}+bench${total}`, skills: [...t.skills, ...skills] };
}

export async function seedLarge(prisma: Db, opts: { people: number; skills: number; prefix: string }) {
  let x = 42;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const base = loadTaxonomy();
  const taxonomy = opts.skills > base.skills.length ? withSyntheticSkills(base, opts.skills) : base;
  await applyTaxonomy(prisma, taxonomy, "seed:large");
  const skillIds = taxonomy.skills.map((s) => s.id);
  const roleIds = taxonomy.roles.filter((r) => r.kind === "ic").map((r) => r.id);
  const passwordHash = await hashPassword("benchmark-password-2026");
  const run = `${opts.prefix}-${Date.now().toString(36)}`;
  const users = Array.from({ length: opts.people }, (_, i) => ({
    id: `${run}-u${i}`, email: `${run}-u${i}@bench.local`, name: `Person ${i} (${run})`, passwordHash,
    currentRoleId: roleIds[i % roleIds.length], targetRoleId: roleIds[(i + 3) % roleIds.length],
  }));
  const manager = { id: `${run}-mgr`, email: `${run}-mgr@bench.local`, name: `Manager (${run})`, passwordHash };
  for (let i = 0; i < users.length; i += 1000) await prisma.user.createMany({ data: users.slice(i, i + 1000) });
  await prisma.user.create({ data: manager });

  const now = Date.now();
  const ratings: { userId: string; skillId: string; level: number; source: string; createdAt: Date }[] = [];
  const current: { userId: string; skillId: string; level: number; source: string; ratingId: bigint; updatedAt: Date }[] = [];
  for (const u of users) {
    for (const s of skillIds) {
      if (rnd() > 0.6) continue;
      let level = Math.floor(rnd() * 4);
      const steps = 1 + Math.floor(rnd() * 3);
      for (let k = 0; k < steps; k++) {
        level = Math.min(5, level + (k ? 1 : 0));
        ratings.push({ userId: u.id, skillId: s, level, source: "self", createdAt: new Date(now - (steps - k) * 45 * 86_400_000 - rnd() * 86_400_000) });
      }
    }
  }
  for (let i = 0; i < ratings.length; i += 5000) {
    const rows = await prisma.rating.createManyAndReturn({ data: ratings.slice(i, i + 5000), select: { id: true, userId: true, skillId: true, level: true, createdAt: true } });
    for (const r of rows) current.push({ userId: r.userId, skillId: r.skillId, level: r.level, source: "self", ratingId: r.id, updatedAt: r.createdAt });
  }
  const latest = new Map<string, (typeof current)[number]>();
  for (const c of current) {
    const k = `${c.userId}|${c.skillId}`;
    const prev = latest.get(k);
    if (!prev || prev.updatedAt <= c.updatedAt) latest.set(k, c);
  }
  const cur = [...latest.values()];
  for (let i = 0; i < cur.length; i += 5000) await prisma.currentRating.createMany({ data: cur.slice(i, i + 5000) });

  const big = await prisma.team.create({ data: { name: `Large team ${opts.people} (${run})` } });
  await prisma.teamMembership.createMany({ data: [{ teamId: big.id, userId: manager.id, role: "manager" }, ...users.map((u) => ({ teamId: big.id, userId: u.id, role: "member" }))] });
  await prisma.teamTargetRole.createMany({ data: [{ teamId: big.id, roleId: "platform-engineer", count: Math.ceil(opts.people / 3) }, { teamId: big.id, roleId: "site-reliability-engineer", count: Math.ceil(opts.people / 6) }] });
  for (let t = 0; t * 8 < users.length; t++) {
    const team = await prisma.team.create({ data: { name: `Squad ${t} (${run})` } });
    await prisma.teamMembership.createMany({ data: users.slice(t * 8, t * 8 + 8).map((u, i) => ({ teamId: team.id, userId: u.id, role: i === 0 ? "manager" : "member" })) });
  }
  const reviewed = users.filter(() => rnd() < 0.2);
  for (const u of reviewed) {
    const skills = skillIds.slice(0, 8);
    await prisma.review.create({
      data: {
        teamId: big.id, subjectId: u.id, managerId: manager.id, period: "2026 H1", dueDate: new Date(now - 120 * 86_400_000), state: "acknowledged",
        summary: "Generated review.", completedAt: new Date(now - 125 * 86_400_000), acknowledgedAt: new Date(now - 124 * 86_400_000),
        skills: { createMany: { data: skills.map((skillId) => ({ skillId, selfLevel: 3, managerLevel: 2, agreedLevel: 2 })) } },
      },
    });
  }
  return { teamId: big.id, managerId: manager.id, people: users.length, ratings: ratings.length, reviews: reviewed.length, skills: skillIds.length };
}

if (process.argv[1]?.endsWith("seed-large.ts")) {
  runCli(async () => {
    const { values } = parseArgs({ options: { people: { type: "string", default: "500" }, skills: { type: "string", default: "150" }, prefix: { type: "string", default: "bench" } }, allowPositionals: true });
    const people = Number(values.people);
    const skills = Number(values.skills);
    if (!Number.isInteger(people) || people < 1 || people > 100_000) throw new Error("--people must be a whole number from 1 to 100000");
    if (!Number.isInteger(skills) || skills < 1 || skills > 1000) throw new Error("--skills must be a whole number from 1 to 1000");
    const r = await withCliDb((prisma) => seedLarge(prisma, { people, skills, prefix: values.prefix! }));
    console.log(`Seeded ${r.people} people, ${r.ratings} rating rows, ${r.reviews} reviews over ${r.skills} skills; large team id ${r.teamId}, manager id ${r.managerId}.`);
  });
}
