import { readdirSync } from "node:fs";
import path from "node:path";
import type { Db } from "../lib/data/open";

const dir = path.resolve(import.meta.dirname, "..", "prisma", "migrations");

/** Names of migrations in prisma/migrations that the database has not applied yet. */
export async function pendingMigrations(prisma: Db): Promise<string[]> {
  const expected = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  try {
    const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Set(rows.map((r) => r.migration_name));
    return expected.filter((m) => !done.has(m));
  } catch {
    return expected; // no bookkeeping table: a new database
  }
}
