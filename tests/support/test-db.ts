import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type TestDb = {
  prisma: PrismaClient;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  url?: string;
  queries: { count: number; log: string[] };
};

const LOG = { log: [{ emit: "event" as const, level: "query" as const }] };

/** Counts every SQL statement the client sends (for query-budget tests). */
function track(prisma: PrismaClient) {
  const queries = { count: 0, log: [] as string[] };
  (prisma as unknown as { $on: (e: "query", cb: (ev: { query: string }) => void) => void }).$on("query", (ev) => {
    queries.count += 1;
    queries.log.push(ev.query);
  });
  return queries;
}

const migrationsDir = path.resolve(import.meta.dirname, "../../prisma/migrations");

/** The migration scripts in order, exactly as `prisma migrate deploy` would apply them. */
export async function migrationScripts(): Promise<{ name: string; sql: string }[]> {
  const dirs = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return Promise.all(
    dirs.map(async (name) => ({ name, sql: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8") })),
  );
}

const bookkeeping = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL,
  logs TEXT, rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`;

async function applyAll(exec: (sql: string) => Promise<unknown>) {
  await exec(bookkeeping);
  for (const m of await migrationScripts()) {
    await exec(m.sql);
    await exec(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('${randomBytes(16).toString("hex")}', 'test', now(), '${m.name}', 1)`,
    );
  }
}

/**
 * A fresh, migrated database for one test file: a new database on the server when TEST_DATABASE_URL is set,
 * otherwise an in-memory PGlite. `close()` drops it.
 */
export async function createTestDb(): Promise<TestDb> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const pg = await import("pg");
    const name = `skillgap_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.default.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const client = new pg.default.Client({ connectionString: url.toString() });
    await client.connect();
    await applyAll((sql) => client.query(sql));
    await client.end();
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }), ...LOG });
    return {
      prisma,
      queries: track(prisma),
      kind: "postgres",
      url: url.toString(),
      close: async () => {
        await prisma.$disconnect();
        const dropper = new pg.default.Client({ connectionString: serverUrl });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await dropper.end();
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const pglite = await PGlite.create();
  await applyAll((sql) => pglite.exec(sql));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), ...LOG });
  return {
    prisma,
    queries: track(prisma),
    kind: "pglite",
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/** Points the app's data layer (lib/data/db.ts) at a test database. */
export function installAsAppDb(testDb: TestDb) {
  (globalThis as unknown as { skillgapDb?: Promise<PrismaClient> }).skillgapDb = Promise.resolve(testDb.prisma);
}

/** Runs one statement on the database at `url` (a throwaway connection) and returns its rows. */
export async function queryAt(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const pg = await import("pg");
  const client = new pg.default.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Empty databases on the TEST_DATABASE_URL server, for tests that migrate, restore or start a server into one:
 * `create()` makes one and returns its URL, `dropAll()` drops every one it made (call it in afterAll).
 */
export function emptyServerDatabases(prefix: string) {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const made: string[] = [];
  return {
    async create(): Promise<string> {
      const name = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
      await queryAt(serverUrl, `CREATE DATABASE "${name}"`);
      made.push(name);
      const u = new URL(serverUrl);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async dropAll(): Promise<void> {
      for (const name of made.splice(0)) await queryAt(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
