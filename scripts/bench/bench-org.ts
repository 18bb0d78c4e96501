/**
 * Shared by the benchmarks that need a large organisation (bench:finder, bench:reports): a fresh migrated database,
 * seeded by `seedLarge`, analysed, installed as the app's database, with a counter of the SQL statements sent.
 */
import { performance } from "node:perf_hooks";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { seedLarge } from "../seed-large";
import { freshMigratedDatabase } from "./bench-server";

export async function seededOrganisation(database: string, people: number, prefix: string) {
  const url = await freshMigratedDatabase(database);
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url }),
    log: [{ emit: "event", level: "query" }],
  });
  let queries = 0;
  (prisma as unknown as { $on: (e: string, cb: () => void) => void }).$on("query", () => void (queries += 1));
  const t0 = performance.now();
  const seeded = await seedLarge(prisma, { people, skills: 0, prefix });
  const seedSeconds = (performance.now() - t0) / 1000;
  await prisma.$executeRawUnsafe("ANALYZE");
  (globalThis as { skillgapDb?: Promise<PrismaClient> }).skillgapDb = Promise.resolve(prisma);
  return { prisma, seeded, seedSeconds, queries: () => queries };
}
