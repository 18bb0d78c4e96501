/**
 * Shared by the load and crash tests: a fresh database on the local PostgreSQL server, the app started exactly as
 * `npm start` starts it (scripts/start.ts: migrate, seed, build when stale, `next start`) in its own process group,
 * and a real next-auth sign-in that returns the session cookie.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import pg from "pg";

export const root = path.resolve(import.meta.dirname, "..", "..");
export const SERVER_URL =
  process.env.BENCH_PG_URL ?? process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Drops and recreates `name` on the local server; returns its URL. Refuses names outside skillgap_load/crash/bench. */
export async function freshPostgresDatabase(name: string): Promise<string> {
  if (!/^skillgap_(load|crash|bench)[a-z0-9_]*$/.test(name)) throw new Error(`refusing to recreate database "${name}"`);
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh database (freshPostgresDatabase) with every migration applied; returns its URL. */
export async function freshMigratedDatabase(name: string): Promise<string> {
  const url = await freshPostgresDatabase(name);
  const { migrationScripts } = await import("../../tests/support/test-db");
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  for (const m of await migrationScripts()) await c.query(m.sql);
  await c.end();
  return url;
}

export type AppOptions = {
  port: number;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };
  log: string;
  /** Extra environment for the app (e.g. RENDER_CACHE=off). */
  env?: Record<string, string>;
};
export type App = {
  base: string;
  pid: number;
  proc: ChildProcess;
  exited: Promise<number | null>;
  /** `kill -9` the whole process group (tsx, start.ts, next start). */
  kill9: () => void;
  /** Resolves when no process of the group is left (killed processes are reaped), as a supervisor would wait. */
  gone: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Starts `tsx scripts/start.ts` detached (its own process group, so `kill -9 -pgid` takes the Next server with it)
 * and waits until /api/health answers 200. Output goes to `log`. The first start may build (about a minute).
 */
export async function startApp(o: AppOptions): Promise<App> {
  mkdirSync(path.dirname(o.log), { recursive: true });
  const out = openSync(o.log, "a");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(o.port),
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: `http://localhost:${o.port}`,
    NEXTAUTH_SECRET: "benchmark-secret-not-for-production-0123456789",
    SEED_DEMO: "1",
    ...o.env,
  };
  delete env.NODE_OPTIONS;
  if (o.database.kind === "postgres") {
    env.DATABASE_URL = o.database.url;
  } else {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = o.database.dir;
  }
  const proc = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", out, out],
  });
  const pid = proc.pid!;
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const base = `http://127.0.0.1:${o.port}`;
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    if (gone) throw new Error(`the app exited during start-up; see ${o.log}`);
    if (Date.now() > deadline) throw new Error(`the app did not become healthy within 10 minutes; see ${o.log}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* already gone */
    }
  };
  const groupGone = async () => {
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(-pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`process group ${pid} still present 20 s after the kill`);
  };
  return {
    base,
    pid,
    proc,
    exited,
    gone: groupGone,
    kill9: () => signalGroup("SIGKILL"),
    stop: async () => {
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
      await new Promise((r) => setTimeout(r, 300)); // let the Next child release the port
      signalGroup("SIGKILL");
    },
  };
}

/**
 * Signs in through next-auth's credentials callback (CSRF token + cookie, as the browser does) and returns the
 * Cookie header to send. Throws unless /api/auth/session then names the expected user.
 */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keep(csrfRes);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/dashboard`, json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.endsWith("next-auth.session-token"))) {
    throw new Error(`sign-in as ${email} failed: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  }
  const session = (await (await fetch(`${base}/api/auth/session`, { headers: { Cookie: cookie() } })).json()) as {
    user?: { email?: string };
  };
  if (session.user?.email !== email) throw new Error(`sign-in as ${email}: the session cookie was not accepted`);
  const only = [...jar].filter(([k]) => k.endsWith("next-auth.session-token"));
  return only.map(([k, v]) => `${k}=${v}`).join("; ");
}

/** One line describing the machine, for the benchmark doc. */
export function machineLine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`;
}
