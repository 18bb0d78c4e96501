/**
 * Start-up checks that turn bad configuration into one clear line instead of a stack trace.
 * Used by scripts/start.ts; each check throws PreflightError with the message to print.
 */
import { existsSync, readFileSync, statSync, readdirSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { parseEnv, databaseTarget, EnvError, type Env, type DatabaseTarget } from "../lib/env";

export class PreflightError extends Error {}

export function readConfig(source: Record<string, string | undefined>): { env: Env; target: DatabaseTarget } {
  try {
    const env = parseEnv(source);
    return { env, target: databaseTarget(env) };
  } catch (e) {
    if (e instanceof EnvError) throw new PreflightError(e.message);
    throw e;
  }
}

export function parsePort(value: string | undefined): number {
  if (value === undefined || value === "") return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new PreflightError(`PORT must be a whole number from 1 to 65535, got "${value}".`);
  return port;
}

/** Fails when something already listens on the port. */
export function checkPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE")
        reject(
          new PreflightError(
            `Port ${port} is already in use. Stop the process using it, or start on another port with PORT=${port + 1} npm start.`,
          ),
        );
      else if (err.code === "EACCES")
        reject(new PreflightError(`Port ${port} needs elevated rights. Use a port above 1024, e.g. PORT=3000.`));
      else reject(new PreflightError(`Cannot listen on port ${port}: ${err.message}`));
    });
    server.listen(port, () => server.close(() => resolve()));
  });
}

/** Connects once to the PostgreSQL server; creates the database when the server is up but it does not exist. */
export async function checkPostgres(url: string): Promise<void> {
  const u = new URL(url);
  const where = `${u.hostname}:${u.port || 5432}`;
  const dbName = decodeURIComponent(u.pathname.slice(1)) || "postgres";
  const tryConnect = async (connectionString: string) => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 4000 });
    client.on("error", () => {});
    try {
      await client.connect();
      return client;
    } catch (e) {
      await client.end().catch(() => {});
      throw e;
    }
  };
  try {
    const c = await tryConnect(url);
    await c.end();
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { code?: string };
    if (err.code === "3D000") {
      const admin = new URL(url);
      admin.pathname = "/postgres";
      const c = await tryConnect(admin.toString()).catch(() => null);
      if (!c)
        throw new PreflightError(
          `Database "${dbName}" does not exist on ${where}, and it could not be created. Create it with: createdb -h ${u.hostname} ${dbName}`,
        );
      await c.query(`CREATE DATABASE "${dbName.replaceAll('"', '""')}"`);
      await c.end();
      return;
    }
    if (err.code === "ECONNREFUSED" || err.code === "ETIMEDOUT" || /timeout/i.test(err.message)) {
      throw new PreflightError(
        `Cannot reach PostgreSQL at ${where} (${err.code ?? "timeout"}). Check that the server is running and that DATABASE_URL points at it.`,
      );
    }
    if (err.code === "ENOTFOUND" || err.code === "EAI_AGAIN")
      throw new PreflightError(`Cannot resolve the PostgreSQL host "${u.hostname}" from DATABASE_URL.`);
    if (err.code === "28P01" || err.code === "28000")
      throw new PreflightError(`PostgreSQL at ${where} refused the credentials in DATABASE_URL (${err.message}).`);
    throw new PreflightError(`Cannot connect to PostgreSQL at ${where}: ${err.message}`);
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockPath(dir: string) {
  return `${path.resolve(dir)}.lock`;
}

/**
 * PGlite is one process's database and nothing locks its folder, so we do: a lock file beside it holds the pid.
 * Fails when the folder is held by a live process, or exists but is not a database.
 */
export function checkPgliteFolder(dir: string): void {
  const abs = path.resolve(dir);
  if (existsSync(abs)) {
    if (!statSync(abs).isDirectory())
      throw new PreflightError(
        `The embedded database path ${abs} is a file, not a folder. Move it away or set PGLITE_DIR to another folder.`,
      );
    const entries = readdirSync(abs);
    if (entries.length > 0 && !entries.includes("PG_VERSION")) {
      throw new PreflightError(
        `The folder ${abs} is not a database (no PG_VERSION). Point PGLITE_DIR at an empty or database folder.`,
      );
    }
  }
  const lock = lockPath(abs);
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, "utf8").trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid)) {
      throw new PreflightError(
        `The embedded database ${abs} is in use by another process (pid ${pid}). Stop it first, or set PGLITE_DIR to another folder.`,
      );
    }
  }
}

export function acquirePgliteLock(dir: string): () => void {
  const abs = path.resolve(dir);
  mkdirSync(path.dirname(abs), { recursive: true });
  const lock = lockPath(abs);
  writeFileSync(lock, String(process.pid));
  return () => {
    try {
      if (readFileSync(lock, "utf8").trim() === String(process.pid)) rmSync(lock);
    } catch {
      /* already gone */
    }
  };
}

/** The demo secret, generated once and kept beside the embedded database. */
export function demoSecret(dir: string): string {
  const file = path.join(path.dirname(path.resolve(dir)), "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
