import { PrismaClient } from "@/lib/generated/prisma/client";
import type { DatabaseTarget } from "@/lib/env";

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const embedded = new WeakMap<Db, { close: () => Promise<void> }>();

/** Opens a Prisma client on the PostgreSQL server (adapter-pg) or on embedded PGlite. */
export async function openPrisma(
  target: DatabaseTarget,
  opts: { log?: boolean; onQuery?: (sql: string, ms: number) => void } = {},
): Promise<Db> {
  const log = [
    ...(opts.log ? [{ emit: "stdout" as const, level: "query" as const }] : []),
    ...(opts.onQuery ? [{ emit: "event" as const, level: "query" as const }] : []),
  ];
  let client: Db;
  if (target.kind === "postgres") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url }), log });
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const pg = target.dir === "memory" ? await PGlite.create() : await PGlite.create(target.dir);
    client = new PrismaClient({ adapter: new PrismaPGlite(pg), log });
    embedded.set(client, pg);
  }
  const onQuery = opts.onQuery;
  if (onQuery) {
    (client as unknown as { $on: (e: "query", cb: (ev: { query: string; duration: number }) => void) => void }).$on(
      "query",
      (ev) => onQuery(ev.query, ev.duration),
    );
  }
  return client;
}

/** Disconnects, and for PGlite also closes the database so the process can exit and the folder is released. */
export async function closePrisma(client: Db): Promise<void> {
  await client.$disconnect();
  await embedded.get(client)?.close();
}
