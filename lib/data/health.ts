import "server-only";
import { db } from "./db";
import { migrationState } from "./migrations";
import { databaseTarget } from "@/lib/env";

export type Health = {
  status: "ok" | "degraded";
  database: "postgres" | "pglite";
  migrations: { applied: boolean; expected: number; applied_count: number; pending: string[] };
};

/** Database kind and migration state; public, so it reveals no data. */
export async function getHealth(): Promise<Health> {
  const { expected, appliedCount, pending } = await migrationState(db);
  const applied = pending.length === 0;
  return {
    status: applied ? "ok" : "degraded",
    database: databaseTarget().kind,
    migrations: { applied, expected: expected.length, applied_count: appliedCount, pending },
  };
}
