/**
 * Shared by the benchmarks that need a large organisation (bench:finder, bench:reports): a fresh migrated database,
 * seeded by `seedLarge`, analysed, installed as the app's database, with a counter of the SQL statements sent.
 *
 * Seeding 5,000 people takes minutes. With BENCH_REUSE=1 a database this script seeded before (same name, same
 * size) is kept: migrations added since are applied, and the seed's summary is read back from `_bench_seeded`.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { applyMigrations } from "../../lib/data/migrate";
import { seedLarge } from "../seed-large";
import { freshPostgresDatabase, SERVER_URL } from "./bench-server";

type Seeded = Awaited<ReturnType<typeof seedLarge>>;

async function reusable(database: string, people: number): Promise<{ url: string; seeded: Seeded } | null> {
  if (process.env.BENCH_REUSE !== "1") return null;
  const u = new URL(SERVER_URL);
  u.pathname = `/${database}`;
  const c = new pg.Client({ connectionString: u.toString() });
  try {
    await c.connect();
    const r = await c.query<{ seeded: Seeded }>(`SELECT "seeded" FROM "_bench_seeded" WHERE "people" = $1`, [people]);
    return r.rows[0] ? { url: u.toString(), seeded: r.rows[0].seeded } : null;
  } catch {
    return null; // no such database, or not seeded by this script
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function seededOrganisation(database: string, people: number, prefix: string, skills = 0) {
  const kept = await reusable(database, people);
  const url = kept?.url ?? (await freshPostgresDatabase(database));
  await applyMigrations({ kind: "postgres", url });
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url }),
    log: [{ emit: "event", level: "query" }],
  });
  let queries = 0;
  (prisma as unknown as { $on: (e: string, cb: () => void) => void }).$on("query", () => void (queries += 1));
  const t0 = performance.now();
  const seeded = kept?.seeded ?? (await seedLarge(prisma, { people, skills, prefix }));
  const seedSeconds = (performance.now() - t0) / 1000;
  if (!kept) {
    await prisma.$executeRawUnsafe(`CREATE TABLE "_bench_seeded" ("people" int PRIMARY KEY, "seeded" jsonb NOT NULL)`);
    await prisma.$executeRawUnsafe(
      `INSERT INTO "_bench_seeded" VALUES ($1, $2::jsonb)`,
      people,
      JSON.stringify(seeded),
    );
    await prisma.$executeRawUnsafe("ANALYZE");
  }
  (globalThis as { skillgapDb?: Promise<PrismaClient> }).skillgapDb = Promise.resolve(prisma);
  return { prisma, seeded, seedSeconds, reused: Boolean(kept), queries: () => queries };
}
