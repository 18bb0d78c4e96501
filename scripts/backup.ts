/**
 * `npm run backup -- [FILE]` and `npm run restore -- FILE`, for both databases (docs: README "Backups").
 * - PostgreSQL server (DATABASE_URL=postgresql://…): pg_dump's custom format, restored with pg_restore in one
 *   transaction into the database DATABASE_URL names (usually a new, empty one). Needs pg_dump/pg_restore of the
 *   server's major version or newer on PATH.
 * - Embedded PGlite (no DATABASE_URL): a gzipped tar of the data folder (PGlite's dumpDataDir), taken while the app
 *   is stopped (the folder's lock file says when it runs); restore creates the folder, which must not exist yet.
 * Both print one line on success and one line naming the problem on failure.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EnvError, databaseTarget, parseEnv } from "../lib/env";
import { PreflightError, acquirePgliteLock } from "./preflight";

class BackupError extends Error {}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
}

function tool(name: string, args: string[]) {
  const r = spawnSync(name, args, { encoding: "utf8" });
  if (r.error)
    throw new BackupError(`${name} is not installed (install the PostgreSQL client tools, e.g. postgresql-client)`);
  if (r.status !== 0) throw new BackupError(`${name} failed: ${(r.stderr || r.stdout).trim().split("\n")[0]}`);
}

async function backup(file?: string) {
  const target = databaseTarget(parseEnv(process.env));
  if (target.kind === "postgres") {
    const out = path.resolve(file ?? path.join("backups", `skillgap-${stamp()}.dump`));
    mkdirSync(path.dirname(out), { recursive: true });
    tool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", out, target.url]);
    return `backed up the PostgreSQL database to ${out}`;
  }
  if (target.dir === "memory") throw new BackupError("an in-memory database cannot be backed up");
  const out = path.resolve(file ?? path.join("backups", `skillgap-${stamp()}.tar.gz`));
  const release = acquirePgliteLock(target.dir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const db = await PGlite.create(target.dir);
    try {
      const blob = await db.dumpDataDir("gzip");
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, Buffer.from(await blob.arrayBuffer()));
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
  return `backed up the embedded database in ${target.dir} to ${out}`;
}

async function restore(file: string | undefined) {
  if (!file) throw new BackupError("name the backup file: npm run restore -- FILE");
  const from = path.resolve(file);
  if (!existsSync(from)) throw new BackupError(`no backup file at ${from}`);
  const target = databaseTarget(parseEnv(process.env));
  if (target.kind === "postgres") {
    tool("pg_restore", ["--single-transaction", "--no-owner", "--no-privileges", "--dbname", target.url, from]);
    return `restored ${from} into the PostgreSQL database`;
  }
  if (target.dir === "memory") throw new BackupError("cannot restore into an in-memory database");
  if (existsSync(target.dir) && readdirSync(target.dir).length > 0) {
    throw new BackupError(`${target.dir} is not empty; restore into a new folder (set PGLITE_DIR) and switch to it`);
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(target.dir, { loadDataDir: new Blob([readFileSync(from)]) });
  await db.query("SELECT 1");
  await db.close();
  return `restored ${from} into ${target.dir}`;
}

const [command, file] = process.argv.slice(2);
(command === "restore" ? restore(file) : backup(file)).then(
  (line) => console.log(`skillgap: ${line}`),
  (e: unknown) => {
    const known = e instanceof BackupError || e instanceof EnvError || e instanceof PreflightError;
    console.error(
      `skillgap: ${command ?? "backup"} failed: ${known ? e.message : e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
    );
    process.exit(1);
  },
);
