import "server-only";
import { closePrisma, openPrisma, type Db } from "./open";
import { databaseTarget } from "@/lib/env";
import { observeQuery } from "@/lib/observability";

const globalForDb = globalThis as unknown as { skillgapDb?: Promise<Db>; skillgapCloseDb?: () => Promise<void> };

/**
 * The process-wide Prisma client, created once (and reused across dev hot reloads). Every statement is timed for
 * the metrics. The server (scripts/serve.mjs) closes it through `skillgapCloseDb` when it stops.
 */
export function db(): Promise<Db> {
  if (!globalForDb.skillgapDb) {
    const opening = openPrisma(databaseTarget(), { onQuery: observeQuery });
    globalForDb.skillgapDb = opening;
    globalForDb.skillgapCloseDb = async () => closePrisma(await opening);
  }
  return globalForDb.skillgapDb;
}
