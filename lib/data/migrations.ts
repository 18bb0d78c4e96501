/**
 * Which migrations the database has applied: one check for `npm start` (migrate before serving) and the health route.
 * No "server-only": the start script runs it outside Next with the client it opened.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Db } from "./open";

export type MigrationState = { expected: string[]; appliedCount: number; pending: string[] };

/** The repository's prisma/migrations, from the working directory the app and the scripts start in. */
export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/**
 * Migrations in `dir` and which of them the database has not applied yet (sorted). A database without Prisma's
 * bookkeeping table, or one that cannot be opened (`prisma` may be a function that opens it) or queried, has applied none.
 */
export async function migrationState(prisma: Db | (() => Promise<Db>), dir = MIGRATIONS_DIR): Promise<MigrationState> {
  const expected = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  try {
    const client = typeof prisma === "function" ? await prisma() : prisma;
    const rows = await client.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const done = new Set(rows.map((r) => r.migration_name));
    return { expected, appliedCount: done.size, pending: expected.filter((m) => !done.has(m)) };
  } catch {
    return { expected, appliedCount: 0, pending: expected };
  }
}
