/**
 * Applies prisma/migrations to a database without the Prisma CLI, so the production image need not carry the CLI's
 * tree (about 250 MB) and a start does not spawn it. It keeps Prisma's own bookkeeping (`_prisma_migrations`, the same
 * columns and the same SHA-256 checksum of migration.sql), so `prisma migrate deploy` and `prisma migrate status`
 * agree with what it did, and it takes Prisma's advisory lock (72707369), so replicas that start together, or this
 * and the CLI, never apply the same migration twice.
 *
 * Each migration runs in its own transaction with its bookkeeping row: it is applied whole or not at all.
 * No "server-only": the start script and the migration job run it outside Next.
 */
import { createHash, randomUUID } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { DatabaseTarget } from "@/lib/env";
import { MIGRATIONS_DIR } from "./migrations";

/** Prisma Migrate's advisory lock key: the CLI takes the same lock, so the two exclude each other. */
export const PRISMA_MIGRATE_LOCK = 72707369;

/** The bookkeeping table exactly as Prisma creates it. */
const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The small part of a connection the runner needs: multi-statement SQL, and parameterised queries. */
export type SqlSession = {
  exec(sql: string): Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
};

export type Migration = { name: string; sql: string; checksum: string };

export class MigrationError extends Error {}

/** The migrations in `dir`, sorted by name, with Prisma's checksum (SHA-256 hex of migration.sql). */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    }),
  );
}

async function openSession(target: DatabaseTarget): Promise<SqlSession> {
  if (target.kind === "postgres") {
    const { Client } = await import("pg");
    const client = new Client({ connectionString: target.url });
    await client.connect();
    return {
      // No parameters: the simple query protocol, which runs a whole script.
      exec: async (sql) => void (await client.query(sql)),
      query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
      close: () => client.end(),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const db = target.dir === "memory" ? await PGlite.create() : await PGlite.create(target.dir);
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <R>(sql: string, params: unknown[] = []) => (await db.query<R>(sql, params)).rows,
    close: () => db.close(),
  };
}

/**
 * Applies every pending migration in `dir` and returns the names it applied (empty when the database was current).
 * Each migration is one transaction that first takes Prisma's lock as a transaction-level advisory lock, re-reads the
 * bookkeeping, and applies the next pending migration with its row. A transaction-level lock (not a session lock)
 * also holds through PgBouncer in transaction mode, where a session lock could be taken on one server connection and
 * never released. A migration that fails is rolled back and named in the error; one whose file changed after it was
 * applied is refused, as Prisma refuses it.
 */
export async function applyMigrations(
  target: DatabaseTarget | SqlSession,
  dir = MIGRATIONS_DIR,
): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(dir);
  const own = !("exec" in target);
  const db = own ? await openSession(target) : target;
  const applied: string[] = [];
  try {
    for (;;) {
      await db.exec("BEGIN");
      let next: Migration | undefined;
      try {
        await db.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_MIGRATE_LOCK]);
        await db.exec(BOOKKEEPING);
        const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
          `SELECT migration_name, checksum, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL`,
        );
        const failed = rows.find((r) => r.finished_at === null);
        if (failed) {
          throw new MigrationError(
            `migration ${failed.migration_name} failed earlier and is marked unfinished; resolve it with \`prisma migrate resolve\` first`,
          );
        }
        const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
        for (const m of migrations) {
          const had = done.get(m.name);
          if (had !== undefined && had !== m.checksum) {
            throw new MigrationError(`migration ${m.name} was changed after it was applied; restore its migration.sql`);
          }
        }
        next = migrations.find((m) => !done.has(m.name));
        if (next) {
          try {
            await db.exec(next.sql);
          } catch (e) {
            const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
            throw new MigrationError(`migration ${next.name} failed and was rolled back: ${why}`);
          }
          await db.query(
            `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, now(), $3, now(), 1)`,
            [randomUUID(), next.checksum, next.name],
          );
        }
        await db.exec("COMMIT");
      } catch (e) {
        await db.exec("ROLLBACK").catch(() => {});
        throw e;
      }
      if (!next) break;
      applied.push(next.name);
    }
  } finally {
    if (own) await db.close();
  }
  return { applied };
}
