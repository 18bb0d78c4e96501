import "server-only";
import { openPrisma, type Db } from "./open";
import { databaseTarget } from "@/lib/env";

const globalForDb = globalThis as unknown as { skillgapDb?: Promise<Db> };

/** The process-wide Prisma client, created once (and reused across dev hot reloads). */
export function db(): Promise<Db> {
  globalForDb.skillgapDb ??= openPrisma(databaseTarget());
  return globalForDb.skillgapDb;
}
