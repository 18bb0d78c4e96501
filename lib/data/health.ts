import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { db } from "./db";
import { databaseTarget } from "@/lib/env";

export type Health = {
  status: "ok" | "degraded";
  database: "postgres" | "pglite";
  migrations: { applied: boolean; expected: number; applied_count: number; pending: string[] };
};

/** Database kind and migration state; public, so it reveals no data. */
export async function getHealth(): Promise<Health> {
  const kind = databaseTarget().kind;
  const dir = path.join(process.cwd(), "prisma", "migrations");
  const expected = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  try {
    const client = await db();
    const rows = await client.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const done = new Set(rows.map((r) => r.migration_name));
    const pending = expected.filter((m) => !done.has(m)).sort();
    return {
      status: pending.length === 0 ? "ok" : "degraded",
      database: kind,
      migrations: { applied: pending.length === 0, expected: expected.length, applied_count: done.size, pending },
    };
  } catch {
    return {
      status: "degraded",
      database: kind,
      migrations: { applied: false, expected: expected.length, applied_count: 0, pending: expected },
    };
  }
}
