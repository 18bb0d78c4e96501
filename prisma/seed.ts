/**
 * Idempotent seed: the taxonomy from lib/taxonomy's data files, and (for the embedded demo database) demo
 * accounts with a few months of rating history. Run with `npm run db:seed` (add --demo on a server).
 */
import { pathToFileURL } from "node:url";
import type { Db } from "../lib/data/open";
import { applyTaxonomy, lockSeed } from "../lib/data/taxonomy-sync";
import { appendRatings } from "../lib/data/rating-store";
import { hashPassword } from "../lib/auth/password";
import { loadTaxonomy } from "../lib/taxonomy/load";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../lib/demo-accounts";

// Kept importable from here for the scripts; the list itself lives in lib/ so the landing page can show it.
export { DEMO_ACCOUNTS, DEMO_PASSWORD };

const DAY = 86_400_000;

/** Demo history: starting levels ~5 months ago, then a few improvements, so charts have a trend. */
function demoHistory(seedNo: number, skillIds: string[]) {
  const steps: { at: Date; entries: { skillId: string; level: number }[] }[] = [];
  const now = Date.now();
  let x = 1234 + seedNo * 97;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const levels = new Map<string, number>();
  const picked = skillIds.filter(() => rnd() < 0.55);
  steps.push({
    at: new Date(now - 150 * DAY),
    entries: picked.map((s) => {
      const l = Math.min(4, Math.floor(rnd() * 4) + (seedNo === 0 ? 1 : 0));
      levels.set(s, l);
      return { skillId: s, level: l };
    }),
  });
  for (const daysAgo of [110, 75, 40, 12]) {
    const entries = picked
      .filter(() => rnd() < 0.25)
      .flatMap((s) => {
        const l = Math.min(5, (levels.get(s) ?? 0) + 1);
        levels.set(s, l);
        return [{ skillId: s, level: l }];
      });
    steps.push({ at: new Date(now - daysAgo * DAY), entries });
  }
  return steps;
}

export async function seed(prisma: Db, opts: { demo: boolean }): Promise<string> {
  const taxonomy = loadTaxonomy();
  const result = await applyTaxonomy(prisma, taxonomy, "seed");
  const parts = [
    `taxonomy ${result.version} ${result.changed ? "applied" : "unchanged"} (${result.skills} skills, ${result.roles} roles)`,
  ];
  if (!opts.demo) return parts.join("; ");

  const demoEmails = DEMO_ACCOUNTS.map((a) => a.email);
  const present = await prisma.user.count({ where: { email: { in: demoEmails } } });
  if (present === DEMO_ACCOUNTS.length) return [...parts, "demo accounts present"].join("; ");
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const skillIds = taxonomy.skills.map((s) => s.id);
  // Replicas starting together all get here: the lock makes one create the accounts, and the others find them.
  const created = await prisma.$transaction(
    async (tx) => {
      await lockSeed(tx);
      const existing = await tx.user.findMany({ where: { email: { in: demoEmails } }, select: { email: true } });
      const have = new Set(existing.map((e) => e.email));
      const users = [];
      for (const [i, a] of DEMO_ACCOUNTS.entries()) {
        if (have.has(a.email)) continue;
        const u = await tx.user.create({
          data: {
            email: a.email,
            name: a.name,
            passwordHash,
            isAdmin: a.role === "admin",
            emailVerified: new Date(),
            currentRoleId: a.role === "member" ? "infrastructure-engineer" : null,
            targetRoleId: a.role === "member" ? "platform-engineer" : null,
          },
        });
        users.push({ ...a, id: u.id, i });
        for (const step of demoHistory(i, skillIds)) {
          await appendRatings(tx, u.id, step.entries, { source: "self", at: step.at });
        }
      }
      const ids = Object.fromEntries(users.map((u) => [u.role === "member" ? u.email : u.role, u.id]));
      if (ids.manager && !(await tx.team.findFirst({ where: { name: "Platform Team (demo)" } }))) {
        const team = await tx.team.create({
          data: { name: "Platform Team (demo)", description: "Demo team for trying the audit pages." },
        });
        const members = users.filter((u) => u.role === "member");
        await tx.teamMembership.createMany({
          data: [
            { teamId: team.id, userId: ids.manager, role: "manager" },
            ...members.map((m) => ({ teamId: team.id, userId: m.id, role: "member" as const })),
          ],
        });
        await tx.teamTargetRole.createMany({
          data: [
            { teamId: team.id, roleId: "platform-engineer", count: 2 },
            { teamId: team.id, roleId: "site-reliability-engineer", count: 1 },
          ],
        });
      }
      return users.length;
    },
    { timeout: 120_000 },
  );
  return [...parts, created ? `demo accounts created (${created})` : "demo accounts present"].join("; ");
}

async function main() {
  const { openPrisma, closePrisma } = await import("../lib/data/open");
  const { databaseTarget, parseEnv } = await import("../lib/env");
  const target = databaseTarget(parseEnv(process.env));
  const prisma = await openPrisma(target);
  try {
    const demo = process.argv.includes("--demo") || (target.kind === "pglite" && !process.argv.includes("--no-demo"));
    console.log(await seed(prisma, { demo }));
  } finally {
    await closePrisma(prisma);
  }
}

// Run as a command (`tsx prisma/seed.ts`), not when imported, and not inside the image's bundled start script
// (where every bundled module shares the bundle's import.meta.url).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href && /seed\.ts$/.test(process.argv[1] ?? "")) {
  main().catch((e: unknown) => {
    console.error(`seed failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
