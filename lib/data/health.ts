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

export type Readiness = { status: "ok" | "unavailable"; reason?: string };

/** Ready to take traffic: the database answers within `timeoutMs` and has every migration applied. */
export async function getReadiness(timeoutMs = 2_000): Promise<Readiness> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Readiness>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: "unavailable", reason: "the database did not answer in time" }),
      timeoutMs,
    );
  });
  const check = (async (): Promise<Readiness> => {
    try {
      await (
        await db()
      ).$queryRaw`SELECT 1`;
    } catch {
      return { status: "unavailable", reason: "the database does not answer" };
    }
    const { pending } = await migrationState(db);
    return pending.length === 0
      ? { status: "ok" }
      : { status: "unavailable", reason: `${pending.length} migration${pending.length === 1 ? "" : "s"} not applied` };
  })();
  try {
    return await Promise.race([check, late]);
  } finally {
    clearTimeout(timer);
  }
}
