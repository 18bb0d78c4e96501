/**
 * `npm run bench:scale` — scale-out on one machine: does a second app instance behind a load balancer add throughput?
 * Fresh database skillgap_load_scale (demo accounts + the load test's generated organisation of LOAD_PEOPLE), the
 * production build started as plain processes by scripts/start.ts (startApp), and haproxy (roundrobin, health check
 * on /api/health/ready, `retries 2` + `option redispatch` as in the image stage) in front. Three set-ups, each with
 * its own haproxy, measured with autocannon for LOAD_SECONDS (default 15) at 10 and 50 connections per route:
 *   1. one instance (plus `/ping` straight to the instance, so haproxy's own cost shows);
 *   2. two instances (the first one and a second), both straight to PostgreSQL;
 *   3. two other instances, both through PgBouncer in transaction mode (default_pool_size SCALE_PGBOUNCER_POOL,
 *      default 10).
 * All four instances stay up, and each route × connection count is measured for the three set-ups back to back, so a
 * change in the machine's other load hits them alike (an idle instance costs next to nothing).
 * During every run it records the CPU time of each instance, of the PostgreSQL backends serving the bench database,
 * of haproxy, PgBouncer and this process (the load generator), and of the whole machine, and samples pg_stat_activity (each instance connects with
 * its own application_name) and PgBouncer's SHOW POOLS for the peak connection counts. One next-auth sign-in (JWT
 * cookie, shared NEXTAUTH_SECRET) serves every instance. Writes the tables to docs/benchmarks.md.
 * Raw results go to .data/scale/results.json; SCALE_DOC_FROM=<that file> rewrites the doc section from them.
 * The instances run as shipped, render cache on (each keeps its own); SCALE_RENDER_CACHE=off renders every page.
 * Needs haproxy and pgbouncer (apt) and root (PgBouncer is run as the postgres user). Ports 3301-3304, 8401-8407, 6433.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { replaceSection } from "./bench-doc";
import { SERVER_URL, freshPostgresDatabase, machineLine, root, signIn, startApp, type App } from "./bench-server";
import { check, load, prepare, targetsFor, type Row, type Target } from "./load-common";

// SCALE_DOC_FROM=.data/scale/results.json rewrites the doc section from a saved run (its settings too), measuring nothing.
const saved = process.env.SCALE_DOC_FROM
  ? (JSON.parse(readFileSync(process.env.SCALE_DOC_FROM, "utf8")) as Saved)
  : null;
const people = saved?.settings.people ?? Number(process.env.LOAD_PEOPLE ?? 500);
const seconds = saved?.settings.seconds ?? Number(process.env.LOAD_SECONDS ?? 15);
const connectionLevels =
  saved?.settings.connectionLevels ?? (process.env.LOAD_CONNECTIONS ?? "10,50").split(",").map(Number);
const bouncerPool = saved?.settings.bouncerPool ?? Number(process.env.SCALE_PGBOUNCER_POOL ?? 10);
// The app as shipped has its render cache on (each process keeps its own); SCALE_RENDER_CACHE=off renders every page.
const renderCacheOff = saved?.settings.renderCacheOff ?? process.env.SCALE_RENDER_CACHE === "off";
const DB = "skillgap_load_scale";
const APP_PORTS = [3301, 3302, 3303, 3304];
const LB_PORTS = [8401, 8402, 8403];
const STATS_PORTS = [8405, 8406, 8407];
const BOUNCER_PORT = 6433;
/** What each instance may open: the Prisma adapter's pg.Pool (pg's default max, open.ts sets none) + pg-boss (lib/jobs.ts). */
const APP_POOL_MAX = 10;
const JOBS_POOL_MAX = 3;
const ROUTES = ["/ping", "/roles/platform-engineer", "/dashboard", "/teams/"];
const logDir = path.join(root, ".data", "scale");
const sbin = (name: string) => (existsSync(`/usr/sbin/${name}`) ? `/usr/sbin/${name}` : name);

type SetupKey = "one" | "two" | "bouncer";
const SETUPS: Record<SetupKey, string> = {
  one: "1 instance",
  two: "2 instances",
  bouncer: "2 instances via PgBouncer",
};
/** Cores used during one run, by process group; `machine` is the whole machine's busy time. */
type Cpu = Record<string, number> & { machine: number };
type Run = { setup: SetupKey; direct: boolean; row: Row; cpu: Cpu };
type Peaks = {
  perApp: Map<string, { total: number; boss: number }>;
  total: number;
  busy: number;
  bouncer?: { clients: number; waiting: number; servers: number; maxwaitMs: number };
};
type DocInput = {
  org: { people: number; ratings: number; reviews: number };
  load: number[];
  maxConnections: number;
  reserved: number;
  servers: Record<SetupKey, Server[]>;
  date: string;
};
/** One run's results as written to .data/scale/results.json. */
type Saved = DocInput & {
  settings: {
    people: number;
    seconds: number;
    connectionLevels: number[];
    bouncerPool: number;
    renderCacheOff: boolean;
  };
  runs: Run[];
  peaks: Record<SetupKey, Omit<Peaks, "perApp"> & { perApp: [string, { total: number; boss: number }][] }>;
};

// ---- processes ------------------------------------------------------------------------------------------------------

type Proc = { pid: number; stop: () => Promise<void> };

/** A foreground child (haproxy -db, pgbouncer without -d) whose output goes to `log`; stop = SIGTERM, then SIGKILL. */
function daemon(cmd: string, args: string[], log: string): Proc {
  const out = openSync(log, "a");
  const proc = spawn(cmd, args, { stdio: ["ignore", out, out] });
  let exited = false;
  const done = new Promise<void>((resolve) =>
    proc.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  return {
    pid: proc.pid!,
    stop: async () => {
      if (exited) return;
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 5_000);
      await done;
      clearTimeout(timer);
    },
  };
}

async function until(what: string, ok: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await ok().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function withAppName(url: string, name: string) {
  const u = new URL(url);
  u.searchParams.set("application_name", name);
  return u.toString();
}

async function instance(n: number, port: number, url: string, appName: string): Promise<App> {
  console.log(`starting instance ${n} on port ${port} (${appName})…`);
  return startApp({
    port,
    database: { kind: "postgres", url: withAppName(url, appName) },
    log: path.join(logDir, `instance-${port}.log`),
    env: renderCacheOff ? { RENDER_CACHE: "off" } : {},
  });
}

type Server = { name: string; status: string; ok: number; downs: number };
type Lb = Proc & { base: string; servers: () => Promise<Server[]> };

/** haproxy as the image stage configures it (scripts/ci/image-stage.sh), with a CSV stats listener beside it. */
function haproxyConfig(port: number, statsPort: number, servers: number[]) {
  return [
    "global",
    "  maxconn 2048",
    "defaults",
    "  mode http",
    "  timeout connect 5s",
    "  timeout client 60s",
    "  timeout server 60s",
    "  retries 2",
    "  option redispatch",
    // A saturated instance answers its readiness check late (behind the queued requests; getReadiness gives up at 2 s
    // and answers 503), and with the image stage's settings (timeout = inter = 2 s, fall 3) haproxy takes it out: with
    // one instance, everything then gets 503. Here the check may take 10 s and must fail for a minute (fall 30): this
    // measures throughput, not the ejection policy. The stats report every ejection (chkdown).
    "  timeout check 10s",
    "frontend web",
    `  bind 127.0.0.1:${port}`,
    "  default_backend app",
    "backend app",
    "  balance roundrobin",
    "  option httpchk GET /api/health/ready",
    ...servers.map((p, i) => `  server app${i + 1} 127.0.0.1:${p} check inter 2s fall 30 rise 2`),
    "listen stats",
    `  bind 127.0.0.1:${statsPort}`,
    "  stats enable",
    "  stats uri /stats",
    "",
  ].join("\n");
}

async function startHaproxy(work: string, i: number, servers: number[]): Promise<Lb> {
  const cfg = path.join(work, `haproxy-${i}.cfg`);
  writeFileSync(cfg, haproxyConfig(LB_PORTS[i], STATS_PORTS[i], servers));
  const proc = daemon(sbin("haproxy"), ["-db", "-f", cfg], path.join(logDir, `haproxy-${i}.log`));
  const statsUrl = `http://127.0.0.1:${STATS_PORTS[i]}/stats;csv`;
  const lb: Lb = {
    ...proc,
    base: `http://127.0.0.1:${LB_PORTS[i]}`,
    servers: async () => {
      const [header, ...lines] = (await (await fetch(statsUrl)).text()).trim().split("\n");
      const cols = header.replace(/^# /, "").split(",");
      const at = (row: string[], c: string) => row[cols.indexOf(c)];
      return lines
        .map((l) => l.split(","))
        .filter((r) => at(r, "pxname") === "app" && !["FRONTEND", "BACKEND"].includes(at(r, "svname")))
        .map((r) => ({
          name: at(r, "svname"),
          status: at(r, "status"),
          ok: Number(at(r, "hrsp_2xx") || 0),
          downs: Number(at(r, "chkdown") || 0),
        }));
    },
  };
  await until("haproxy", async () => (await lb.servers()).every((s) => s.status === "UP"));
  return lb;
}

type Bouncer = Proc & { url: string; pool: () => Promise<Record<string, string>> };

/** PgBouncer in transaction mode in front of the bench database, as the image stage runs it, on BOUNCER_PORT. */
async function startPgBouncer(work: string): Promise<Bouncer> {
  const ini = path.join(work, "pgbouncer.ini");
  const users = path.join(work, "userlist.txt");
  writeFileSync(users, '"postgres" ""\n');
  writeFileSync(
    ini,
    [
      "[databases]",
      `${DB} = host=127.0.0.1 port=5432 dbname=${DB}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${BOUNCER_PORT}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${users}`,
      "admin_users = postgres",
      "pool_mode = transaction",
      "max_client_conn = 200",
      `default_pool_size = ${bouncerPool}`,
      "",
    ].join("\n"),
  );
  chmodSync(ini, 0o644);
  chmodSync(users, 0o644);
  // PgBouncer refuses to run as root: -u drops to the postgres user (the config must stay readable for it).
  const asUser = process.getuid?.() === 0 ? ["-u", "postgres"] : [];
  const proc = daemon(sbin("pgbouncer"), [...asUser, ini], path.join(logDir, "pgbouncer.log"));
  const url = `postgresql://postgres@127.0.0.1:${BOUNCER_PORT}/${DB}`;
  await until("pgbouncer", async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query("SELECT 1");
    await c.end();
    return true;
  });
  const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${BOUNCER_PORT}/pgbouncer` });
  await admin.connect();
  return {
    ...proc,
    url,
    pool: async () => {
      const r = await admin.query<Record<string, string>>("SHOW POOLS");
      return r.rows.find((p) => p.database === DB) ?? {};
    },
    stop: async () => {
      await admin.end().catch(() => undefined);
      await proc.stop();
    },
  };
}

// ---- what the machine does during a run -----------------------------------------------------------------------------

const HZ = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux

/** CPU ticks (utime + stime + reaped children's) and process group of every process, by pid. */
function processTicks(): Map<number, { pgrp: number; ticks: number }> {
  const out = new Map<number, { pgrp: number; ticks: number }>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${d}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    out.set(Number(d), { pgrp: Number(f[2]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
  }
  return out;
}

function machineTicks() {
  const [, ...v] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return total - v[3] - v[4]; // minus idle and iowait
}

type Watched = { instances: App[]; lb?: Proc; bouncer?: Proc };

/**
 * Runs `run` and measures the cores each party used meanwhile: each instance's process group (tsx → start.ts →
 * serve.mjs), the PostgreSQL backends serving the bench database (`backends`: their pids; the server's other
 * databases, used by other work on the machine, are left out), haproxy, PgBouncer, this process (autocannon), and the
 * machine; `other` is the machine's busy time none of them account for.
 */
async function measured(
  setup: SetupKey,
  direct: boolean,
  run: () => Promise<Row>,
  w: Watched,
  backends: () => Promise<number[]>,
): Promise<Run> {
  const groups = new Map(w.instances.map((a, i) => [a.pid, `instance ${i + 1}`]));
  const pids = new Map<number, string>();
  if (w.lb) pids.set(w.lb.pid, "haproxy");
  if (w.bouncer) pids.set(w.bouncer.pid, "pgbouncer");
  const before = await backends();
  const t0 = performance.now();
  const [p0, m0, s0] = [processTicks(), machineTicks(), process.cpuUsage()];
  const row = await run();
  const [p1, m1, s1] = [processTicks(), machineTicks(), process.cpuUsage(s0)];
  const wall = (performance.now() - t0) / 1000;
  for (const pid of [...before, ...(await backends())]) pids.set(pid, "postgres");
  const cpu = { machine: (m1 - m0) / HZ / wall } as Cpu;
  // Per process, so one that ends mid-run is only left out, never subtracted; one that starts counts from zero.
  for (const [pid, end] of p1) {
    const label = groups.get(end.pgrp) ?? pids.get(pid);
    if (label) cpu[label] = (cpu[label] ?? 0) + (end.ticks - (p0.get(pid)?.ticks ?? 0)) / HZ / wall;
  }
  cpu.autocannon = (s1.user + s1.system) / 1e6 / wall;
  const ours = Object.entries(cpu).reduce((n, [k, v]) => (k === "machine" ? n : n + v), 0);
  cpu.other = Math.max(0, cpu.machine - ours);
  return { setup, direct, row, cpu };
}

/** Which of the sampled connections belong to a set-up: its instances' application_name, or PgBouncer's connections. */
const DIRECT_APPS = ["skillgap-1", "skillgap-2"];
const appsOf: Record<SetupKey, (app: string) => boolean> = {
  one: (a) => a === "skillgap-1",
  two: (a) => DIRECT_APPS.includes(a),
  // PgBouncer's server connections carry the application_name of the last client it linked them to, or none yet.
  bouncer: (a) => !DIRECT_APPS.includes(a),
};

/**
 * The bench database's connections in pg_stat_activity (and PgBouncer's pool), sampled every 250 ms while a run is
 * going; each set-up keeps its own peaks, counting only its own connections.
 */
function connectionSampler(bouncer: Bouncer) {
  const peaks = Object.fromEntries(
    (Object.keys(SETUPS) as SetupKey[]).map((k) => [k, { perApp: new Map(), total: 0, busy: 0 } as Peaks]),
  ) as Record<SetupKey, Peaks>;
  const client = new pg.Client({ connectionString: SERVER_URL, application_name: "skillgap-scale-monitor" });
  const sample = async (setup: SetupKey) => {
    const r = await client.query<{ app: string; total: number; busy: number; boss: number }>(
      `SELECT coalesce(nullif(application_name, ''), '(none)') AS app, count(*)::int AS total,
              count(*) FILTER (WHERE state <> 'idle')::int AS busy,
              count(*) FILTER (WHERE query ILIKE '%pgboss%')::int AS boss
         FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' GROUP BY 1`,
      [DB],
    );
    const p = peaks[setup];
    const mine = r.rows.filter((x) => appsOf[setup](x.app));
    for (const x of mine) {
      const q = p.perApp.get(x.app) ?? { total: 0, boss: 0 };
      p.perApp.set(x.app, { total: Math.max(q.total, x.total), boss: Math.max(q.boss, x.boss) });
    }
    p.total = Math.max(
      p.total,
      mine.reduce((n, x) => n + x.total, 0),
    );
    p.busy = Math.max(
      p.busy,
      mine.reduce((n, x) => n + x.busy, 0),
    );
    if (setup === "bouncer") {
      const pool = await bouncer.pool();
      const n = (k: string) => Number(pool[k] ?? 0);
      const b = p.bouncer ?? { clients: 0, waiting: 0, servers: 0, maxwaitMs: 0 };
      p.bouncer = {
        clients: Math.max(b.clients, n("cl_active") + n("cl_waiting")),
        waiting: Math.max(b.waiting, n("cl_waiting")),
        servers: Math.max(b.servers, n("sv_active") + n("sv_idle") + n("sv_used") + n("sv_tested") + n("sv_login")),
        maxwaitMs: Math.max(b.maxwaitMs, n("maxwait") * 1000 + n("maxwait_us") / 1000),
      };
    }
  };
  return {
    peaks,
    /** The pids of the PostgreSQL backends connected to the bench database. */
    backends: async () =>
      (
        await client.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'",
          [DB],
        )
      ).rows.map((r) => r.pid),
    connect: () => client.connect(),
    end: () => client.end(),
    /** Runs `work`, sampling for `setup` until it ends. */
    during: async <T>(setup: SetupKey, work: () => Promise<T>): Promise<T> => {
      let busy: Promise<void> | undefined;
      const timer = setInterval(() => {
        busy ??= sample(setup)
          .catch((e: unknown) => console.error("connection sample failed:", e))
          .finally(() => (busy = undefined));
      }, 250);
      try {
        return await work();
      } finally {
        clearInterval(timer);
        await busy;
      }
    },
  };
}

// ---- the runs -------------------------------------------------------------------------------------------------------

function line(r: Run) {
  const cpu = Object.entries(r.cpu)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(", ");
  return `[${r.direct ? "direct" : SETUPS[r.setup]}] ${r.row.target.path} c=${r.row.connections}: ${r.row.rps.toFixed(0)} req/s p50 ${r.row.p50} ms p99 ${r.row.p99} ms errors ${r.row.errors} (${r.row.detail}); cores: ${cpu}`;
}

async function main() {
  if (saved) {
    const peaks = Object.fromEntries(
      Object.entries(saved.peaks).map(([k, p]) => [k, { ...p, perApp: new Map(p.perApp) }]),
    ) as Record<SetupKey, Peaks>;
    await writeDoc(saved.runs, peaks, saved);
    console.log(`docs/benchmarks.md rewritten from ${process.env.SCALE_DOC_FROM}`);
    return;
  }
  const load0 = loadavg()[0];
  mkdirSync(logDir, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), "skillgap-scale-"));
  chmodSync(work, 0o755);
  const cleanup: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    while (cleanup.length) await cleanup.pop()!().catch((e: unknown) => console.error("cleanup:", e));
  };
  const onSignal = () => void stopAll().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  cleanup.push(async () => rmSync(work, { recursive: true, force: true }));

  const url = await freshPostgresDatabase(DB);
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  const setting = async (name: string) =>
    Number(
      (await admin.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = $1", [name])).rows[0]
        .setting,
    );
  const maxConnections = await setting("max_connections");
  const reserved = await setting("superuser_reserved_connections");
  await admin.end();
  console.log(`database ${url}; logs in ${logDir}`);
  try {
    // Every process of the three set-ups is started first, one after another, and stays up: the set-ups are then
    // measured back to back per route, so a change in the machine's other load hits all three alike.
    const i1 = await instance(1, APP_PORTS[0], url, "skillgap-1");
    cleanup.push(i1.stop);
    const { org, teamId } = await prepare(url, people);
    console.log(`seeded ${org.people} people, ${org.ratings} rating rows, ${org.reviews} reviews`);
    const i2 = await instance(2, APP_PORTS[1], url, "skillgap-2");
    cleanup.push(i2.stop);
    const bouncer = await startPgBouncer(work);
    cleanup.push(bouncer.stop);
    const b1 = await instance(3, APP_PORTS[2], bouncer.url, "skillgap-pgb-1");
    cleanup.push(b1.stop);
    const b2 = await instance(4, APP_PORTS[3], bouncer.url, "skillgap-pgb-2");
    cleanup.push(b2.stop);
    const lbs: Record<SetupKey, Lb> = {
      one: await startHaproxy(work, 0, [APP_PORTS[0]]),
      two: await startHaproxy(work, 1, [APP_PORTS[0], APP_PORTS[1]]),
      bouncer: await startHaproxy(work, 2, [APP_PORTS[2], APP_PORTS[3]]),
    };
    for (const lb of Object.values(lbs)) cleanup.push(lb.stop);
    const watched: Record<SetupKey, Watched> = {
      one: { instances: [i1], lb: lbs.one },
      two: { instances: [i1, i2], lb: lbs.two },
      bouncer: { instances: [b1, b2], lb: lbs.bouncer, bouncer },
    };

    const targets = targetsFor(teamId, null).filter((t) => ROUTES.some((r) => t.path === r || t.path.startsWith(r)));
    const cookie = await signIn(lbs.one.base, "manager@skillgap.demo", DEMO_PASSWORD);
    const dashboard = targets.find((t) => t.path === "/dashboard")!;
    const probe = await load(lbs.one.base, dashboard, "next-auth.session-token=invalid", 5, 2);
    if (probe.errors === 0) throw new Error("a rejected session cookie was not counted as an error");
    console.log(`check: with a bad cookie /dashboard gave ${probe.detail} → counted as ${probe.errors} errors`);
    // Every route answers on every instance (twice through each two-instance haproxy: roundrobin reaches both).
    for (const lb of Object.values(lbs))
      for (const t of targets) for (let i = 0; i < 2; i++) await check(lb.base, t, cookie);

    const runs: Run[] = [];
    const sampler = connectionSampler(bouncer);
    await sampler.connect();
    cleanup.push(sampler.end);
    // The one-instance run and the two-instance run both load instance 1: PgBouncer's set-up runs between them.
    const setups: SetupKey[] = ["one", "bouncer", "two"];
    for (const t of targets) {
      for (const s of setups) await load(lbs[s].base, t, cookie, 10, 3); // warm-up, not recorded
      for (const c of connectionLevels) {
        if (t.path === "/ping") {
          // haproxy's own cost: the same instance without it, right before the run through it.
          const run = await measured(
            "one",
            true,
            () => load(i1.base, t, cookie, c, seconds),
            { instances: [i1] },
            sampler.backends,
          );
          runs.push(run);
          console.log(line(run));
        }
        for (const s of setups) {
          const run = await sampler.during(s, () =>
            measured(s, false, () => load(lbs[s].base, t, cookie, c, seconds), watched[s], sampler.backends),
          );
          runs.push(run);
          console.log(line(run));
        }
      }
    }
    const servers = {} as Record<SetupKey, Server[]>;
    for (const s of setups) servers[s] = await lbs[s].servers();
    console.log("haproxy servers (2xx answers, health-check downs):", servers);
    const peaks = sampler.peaks;
    for (const [k, p] of Object.entries(peaks))
      console.log(
        `connections [${k}]: peak ${p.total} (${p.busy} busy)`,
        Object.fromEntries(p.perApp),
        p.bouncer ?? "",
      );
    const doc: DocInput = {
      org,
      load: [load0, loadavg()[0]],
      maxConnections,
      reserved,
      servers,
      date: new Date().toISOString().slice(0, 10),
    };
    const results: Saved = {
      ...doc,
      settings: { people, seconds, connectionLevels, bouncerPool, renderCacheOff },
      runs,
      peaks: Object.fromEntries(
        Object.entries(peaks).map(([k, p]) => [k, { ...p, perApp: [...p.perApp] }]),
      ) as Saved["peaks"],
    };
    writeFileSync(path.join(logDir, "results.json"), JSON.stringify(results, null, 1));
    await writeDoc(runs, peaks, doc);
    const errors = runs.reduce((n, r) => n + r.row.errors, 0);
    if (errors > 0) {
      console.error(`${errors} requests failed`);
      process.exitCode = 1;
    }
  } finally {
    await stopAll();
  }
}

// ---- the doc --------------------------------------------------------------------------------------------------------

const f0 = (n: number | undefined) => (n === undefined ? "—" : n.toFixed(0));
const f2 = (n: number | undefined) => (n === undefined ? "—" : n.toFixed(2));

async function writeDoc(runs: Run[], peaks: Record<SetupKey, Peaks>, o: DocInput) {
  const find = (setup: SetupKey, p: string, c: number, direct = false) =>
    runs.find((r) => r.setup === setup && r.direct === direct && r.row.target.path === p && r.row.connections === c);
  const paths = [...new Set(runs.filter((r) => !r.direct).map((r) => r.row.target.path))];
  const nameOf = (p: string) => runs.find((r) => r.row.target.path === p)!.row.target.name;
  const lat = (r?: Run) => (r ? `${r.row.p50} / ${r.row.p99}` : "—");
  const ratio = (a?: Run, b?: Run) => (a && b && a.row.rps > 0 ? (b.row.rps / a.row.rps).toFixed(2) : "—");
  const errs = (...rs: (Run | undefined)[]) => rs.map((r) => (r ? String(r.row.errors) : "—")).join(" / ");

  const throughput = [
    "| route | conn. | 1 instance req/s | p50 / p99 ms | 2 instances req/s | p50 / p99 ms | 2 ÷ 1 | 2 via PgBouncer req/s | p50 / p99 ms | errors (1 / 2 / PgB) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ...connectionLevels.map((c) => {
      const d = find("one", "/ping", c, true);
      return `| \`/ping\` straight to the instance (no haproxy) | ${c} | ${f0(d?.row.rps)} | ${lat(d)} | | | | | | ${errs(d)} |`;
    }),
    ...paths.flatMap((p) =>
      connectionLevels.map((c) => {
        const [a, b, x] = (["one", "two", "bouncer"] as const).map((s) => find(s, p, c));
        return `| ${nameOf(p)} | ${c} | ${f0(a?.row.rps)} | ${lat(a)} | ${f0(b?.row.rps)} | ${lat(b)} | ${ratio(a, b)} | ${f0(x?.row.rps)} | ${lat(x)} | ${errs(a, b, x)} |`;
      }),
    ),
  ];

  const top = Math.max(...connectionLevels);
  const cpuCols = ["instance 1", "instance 2", "postgres", "haproxy", "pgbouncer", "autocannon", "other", "machine"];
  const order = (r: Run) => (r.direct ? 0 : ["one", "two", "bouncer"].indexOf(r.setup) + 1);
  const cpuRows = paths.flatMap((p) =>
    runs.filter((r) => r.row.connections === top && r.row.target.path === p).sort((a, b) => order(a) - order(b)),
  );
  const cpuTable = [
    `| route (${top} connections) | set-up | instance 1 | instance 2 | PostgreSQL | haproxy | PgBouncer | autocannon | rest of the machine | machine busy (of 2) |`,
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...cpuRows.map(
      (r) =>
        `| ${r.direct ? "`/ping` (direct)" : nameOf(r.row.target.path)} | ${SETUPS[r.setup]} | ${cpuCols.map((k) => f2(r.cpu[k])).join(" | ")} |`,
    ),
  ];

  const perInstance = (p: Peaks) =>
    [...p.perApp]
      .filter(([k]) => k.startsWith("skillgap-"))
      .map(([k, v]) => `${k}: ${v.total} (${v.boss} pg-boss)`)
      .join(", ");
  const perMax = APP_POOL_MAX + JOBS_POOL_MAX;
  const usable = o.maxConnections - o.reserved;
  const b = peaks.bouncer.bouncer;
  const connTable = [
    "| set-up | peak server connections PostgreSQL saw (bench database) | of them running a statement | per instance, peak (pg-boss among them) | PgBouncer: client connections / waiting clients / server connections, peak |",
    "|---|---:|---:|---|---|",
    `| 1 instance | ${peaks.one.total} | ${peaks.one.busy} | ${perInstance(peaks.one)} | — |`,
    `| 2 instances | ${peaks.two.total} | ${peaks.two.busy} | ${perInstance(peaks.two)} | — |`,
    `| 2 instances via PgBouncer (default_pool_size ${bouncerPool}) | ${peaks.bouncer.total} | ${peaks.bouncer.busy} | (PgBouncer's server connections are shared) | ${b ? `${b.clients} / ${b.waiting} / ${b.servers} (longest wait ${b.maxwaitMs.toFixed(0)} ms)` : "—"} |`,
  ];
  const ns = [1, 2, 4, 8, 16];
  const budget = [
    "| instances N | server connections, straight to PostgreSQL (N × " +
      perMax +
      ") | through PgBouncer: clients (N × " +
      perMax +
      ") → server connections |",
    "|---:|---:|---|",
    ...ns.map(
      (n) =>
        `| ${n} | ${n * perMax}${n * perMax > usable ? ` (over the ${usable} available)` : ""} | ${n * perMax} → at most ${bouncerPool} |`,
    ),
  ];

  const split = (k: SetupKey) => o.servers[k].map((x) => x.ok).join(" / ");
  const downs = Object.values(o.servers)
    .flat()
    .reduce((n, x) => n + x.downs, 0);
  const lines = [
    `Machine: ${machineLine()}; PostgreSQL 127.0.0.1, haproxy ${haproxyVersion()}, PgBouncer ${pgbouncerVersion()}, autocannon, and the app instances all on the same 2 cores. ` +
      `The machine was shared: 1-minute load average ${o.load[0].toFixed(1)} at the start and ${o.load[1].toFixed(1)} at the end (other builds and tests; see "rest of the machine" below), so the numbers are noisy. Measured ${o.date}.`,
    `Command: \`npm run bench:scale\` (LOAD_PEOPLE=${people}, LOAD_SECONDS=${seconds}${renderCacheOff ? ", SCALE_RENDER_CACHE=off" : ""}). ` +
      (renderCacheOff
        ? "Render cache off (`RENDER_CACHE=off`): every page is rendered per request. "
        : "Render cache on, as shipped: a signed-in page costs the session check and one query for its key, then comes from memory; each instance keeps its own cache, so each renders a page once. `SCALE_RENDER_CACHE=off` measures rendering instead. ") +
      `Same database as the load test (demo accounts + ${o.org.people} generated people, ${o.org.ratings.toLocaleString("en")} rating rows). ` +
      "Instances are plain processes (`scripts/start.ts` → `scripts/serve.mjs`, one production build, ports 3301-3304) behind haproxy (roundrobin, health check on `/api/health/ready`, `retries 2`, `option redispatch`), one haproxy per set-up. " +
      "All four instances stay up through the run (an idle one costs next to nothing), and each route × connection count is measured for the three set-ups back to back, so a change in the machine's other load hits all three alike. " +
      `One next-auth sign-in through haproxy as the demo manager; the JWT cookie is accepted by every instance (shared NEXTAUTH_SECRET). Each route had a 3 s warm-up; req/s counts 2xx answers only; errors = socket errors + timeouts + non-2xx. haproxy split the 2xx answers ${split("two")} between the two instances (${split("bouncer")} via PgBouncer); its health checks (\`timeout check 10s\`, \`fall 30\`: tolerant on purpose, see below) took an instance out ${downs} time${downs === 1 ? "" : "s"} during the runs.`,
    "",
    throughput,
    "",
    ...timeoutNote(runs),
    `CPU in cores (CPU seconds ÷ wall seconds) during each run at ${top} connections, from /proc: each instance's process group, the PostgreSQL backends serving the bench database (not the server's other databases), haproxy, PgBouncer, this script (autocannon), and the rest of the machine (other work, not ours):`,
    "",
    cpuTable,
    "",
    "Database connections (pg_stat_activity sampled every 250 ms during the runs; each instance connects with its own `application_name` in DATABASE_URL):",
    "",
    connTable,
    "",
    `Each instance opens up to ${perMax} connections: the Prisma adapter's pg.Pool (pg's default \`max\` of ${APP_POOL_MAX}; lib/data/open.ts sets none, and node-postgres takes no pool size from the URL) plus pg-boss's pool of ${JOBS_POOL_MAX} (lib/jobs.ts). This server has max_connections ${o.maxConnections}, ${o.reserved} of them reserved for superusers:`,
    "",
    budget,
    "",
    ...explain(runs, peaks, { perMax, usable }),
  ];
  await replaceSection(
    "scale-out",
    "## Scale-out: one instance vs two behind haproxy (`npm run bench:scale`)",
    lines.flat().join("\n"),
  );
}

/** Where the errors come from, when there are any. */
function timeoutNote(runs: Run[]): string[] {
  const errors = runs.reduce((n, r) => n + r.row.errors, 0);
  const timeouts = runs.reduce((n, r) => n + r.row.timeouts, 0);
  if (errors === 0) return [];
  return [
    `Errors: ${timeouts} of the ${errors} are autocannon's 10 s timeouts (a request still queued after 10 s)${errors > timeouts ? `; the other ${errors - timeouts} are socket errors or non-2xx answers (see the console output for the status codes)` : ", no error answers"}.`,
    "",
  ];
}

function haproxyVersion() {
  return versionOf(sbin("haproxy"), ["-v"], /version (\S+)/);
}
function pgbouncerVersion() {
  return versionOf(sbin("pgbouncer"), ["--version"], /PgBouncer (\S+)/);
}
function versionOf(cmd: string, args: string[], re: RegExp) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return re.exec(`${r.stdout ?? ""}${r.stderr ?? ""}`)?.[1] ?? "?";
}

/** What the ratio shows and what it cannot, from this run's numbers. */
function explain(runs: Run[], peaks: Record<SetupKey, Peaks>, k: { perMax: number; usable: number }): string[] {
  const top = Math.max(...connectionLevels);
  const pick = (s: SetupKey, prefix: string, c = top, direct = false) =>
    runs.find(
      (r) => r.setup === s && r.direct === direct && r.row.connections === c && r.row.target.path.startsWith(prefix),
    );
  const short: [string, string][] = [
    ["/ping", "`/ping`"],
    ["/roles/", "role page"],
    ["/dashboard", "dashboard"],
    ["/teams/", "team audit"],
  ];
  const direct = pick("one", "/ping", top, true);
  const viaLb = pick("one", "/ping");
  const d2 = pick("two", "/dashboard");
  const dx = pick("bouncer", "/dashboard");
  const t2 = pick("two", "/teams/");
  const tx = pick("bouncer", "/teams/");
  if (!direct || !viaLb || !d2) return [];
  const times = (a?: Run, b?: Run) => (a && b && a.row.rps > 0 ? `×${(b.row.rps / a.row.rps).toFixed(2)}` : "—");
  const inst = (r: Run, n: number) => r.cpu[`instance ${n}`] ?? 0;
  const lower = connectionLevels.filter((c) => c !== top);

  // Per route: what limited the one-instance run, and what two instances did with the CPU.
  const limits: { name: string; loop: boolean; text: string }[] = [];
  for (const [p, name] of short) {
    const r1 = pick("one", p);
    const r2 = pick("two", p);
    if (!r1 || !r2) continue;
    const a = inst(r1, 1);
    const gen = r1.cpu.autocannon;
    const m = r1.cpu.machine;
    const loop = a >= 0.8;
    const why = loop
      ? m < 1.8
        ? `its event loop was full (${f2(a)} cores) with ${f2(2 - m)} core idle`
        : `its event loop was full (${f2(a)} cores) and the machine too (${f2(m)} of 2)`
      : gen >= a
        ? `the load generator used at least as much CPU (${f2(gen)} cores) as the instance (${f2(a)}), haproxy ${f2(r1.cpu.haproxy)}`
        : m >= 1.8
          ? `the machine was full (${f2(m)} of 2, other work ${f2(r1.cpu.other)}) before the instance (${f2(a)})`
          : `neither the instance (${f2(a)} cores) nor the machine (${f2(m)} of 2) was full`;
    limits.push({
      name,
      loop,
      text:
        `  - ${name}: ${f0(r1.row.rps)} → ${f0(r2.row.rps)} req/s (${times(r1, r2)}). With one instance ${why}; ` +
        `two instances used ${f2(inst(r2, 1) + inst(r2, 2))} cores together, the machine ${f2(r2.cpu.machine)} of 2.`,
    });
  }
  const loopRoutes = limits.filter((l) => l.loop).map((l) => l.name);
  const otherRoutes = limits.filter((l) => !l.loop).map((l) => l.name);

  // CPU per request of the two personal pages, one instance: what a deployment on separate machines would inherit.
  const perRequest = (p: string) => {
    const r = pick("one", p);
    if (!r || r.row.rps <= 0) return null;
    const node = (inst(r, 1) / r.row.rps) * 1000;
    const db = (r.cpu.postgres / r.row.rps) * 1000;
    return { node, db };
  };
  const costs = (
    [
      ["/teams/", "team audit"],
      ["/dashboard", "dashboard"],
    ] as const
  )
    .map(([p, name]) => ({ name, c: perRequest(p) }))
    .filter((x): x is { name: "team audit" | "dashboard"; c: { node: number; db: number } } => x.c !== null)
    .map(
      ({ name, c }) =>
        `${name}: ${c.node.toFixed(1)} ms of Node CPU and ${c.db.toFixed(1)} ms of PostgreSQL CPU per request, so about ${f0(1000 / c.node)} req/s per instance core and ${f0(1000 / c.db)} per PostgreSQL core (PostgreSQL is the limit after about ${(c.node / c.db).toFixed(1)} one-core instances)`,
    );
  const lbLoss = 1 - viaLb.row.rps / direct.row.rps;
  return [
    "Reading the numbers:",
    `- **What the ratio shows.** Two instances ÷ one: at ${top} connections ${short.map(([p, n]) => `${n} ${times(pick("one", p), pick("two", p))}`).join(", ")}` +
      `${lower.map((c) => `; at ${c}: ${short.map(([p, n]) => `${n} ${times(pick("one", p, c), pick("two", p, c))}`).join(", ")}`).join("")} (×2.00 would be perfect scaling). ` +
      "A Node process runs the app's JavaScript on one event loop, so one instance can use about one core (a little more with V8's background GC threads); a second instance helps only if that core was the limit and the machine has CPU left. " +
      `Per route at ${top} connections:`,
    ...limits.map((l) => l.text),
    "  - In short: " +
      (loopRoutes.length
        ? `one Node process was the bottleneck for ${loopRoutes.join(" and ")}, and the second instance could only take the CPU the machine had left. `
        : "no route was limited by one Node process here. ") +
      (otherRoutes.length
        ? `For ${otherRoutes.join(" and ")} the limit was the machine (load generator, haproxy, PostgreSQL, other work), and the ratio measures this box, not the app. `
        : "") +
      "With PostgreSQL, haproxy and autocannon on the same two cores, two instances cannot double anything here.",
    `- **What it cannot show.** How throughput grows on separate machines, where each instance has its own cores; the app keeps no state in the process (JWT sessions; the job queue and rate limits are in PostgreSQL), so nothing in it stops that. ` +
      `What carries over is the CPU per request (one instance, ${top} connections): ${costs.join("; ")}. ` +
      "Rough figures: CPU time under contention is inflated, and only PostgreSQL's backends are counted (not its WAL writer, checkpointer or autovacuum).",
    `- **haproxy's own cost.** \`/ping\` at ${top} connections: ${f0(direct.row.rps)} req/s straight to the instance, ${f0(viaLb.row.rps)} through haproxy ` +
      `(${lbLoss >= 0 ? `${(100 * lbLoss).toFixed(0)} % fewer` : `${(-100 * lbLoss).toFixed(0)} % more: no measurable cost to the instance`}; p99 ${direct.row.p99} → ${viaLb.row.p99} ms), haproxy itself using ${f2(viaLb.cpu.haproxy)} cores` +
      `${Math.max(direct.cpu.other, viaLb.cpu.other) > 0.5 ? ` (other work took ${f2(direct.cpu.other)} and ${f2(viaLb.cpu.other)} cores during these two runs, so the difference is mostly noise)` : ""}. ` +
      "On a machine this small haproxy's CPU comes out of the same two cores; next to a rendered page it is small.",
    `- **Connections.** Peaks measured: ${peaks.one.total} server connections with one instance, ${peaks.two.total} with two (ceiling ${k.perMax} per instance), although at most ${peaks.two.busy} were running a statement at any sample. ` +
      `N instances straight to PostgreSQL can open ${k.perMax} × N, so from ${Math.floor(k.usable / k.perMax) + 1} instances on they could exhaust max_connections here and new connections would be refused. ` +
      `Through PgBouncer in transaction mode PostgreSQL saw ${peaks.bouncer.total} server connections for ${peaks.bouncer.bouncer?.clients ?? "?"} client connections, and that stays ≤ default_pool_size (${bouncerPool}) however many instances connect; ` +
      `${dx ? `throughput through it vs straight: dashboard ${f0(dx.row.rps)} vs ${f0(d2.row.rps)} req/s${tx && t2 ? `, team audit ${f0(tx.row.rps)} vs ${f0(t2.row.rps)}` : ""} (PgBouncer itself ${f2(dx.cpu.pgbouncer)} cores, longest client wait for a server ${peaks.bouncer.bouncer?.maxwaitMs.toFixed(0) ?? "?"} ms)` : "the dashboard was not measured through it"}. ` +
      "Nothing in the app had to change for transaction mode: node-postgres (under Prisma's pg adapter) sends unnamed statements unless given a statement name generator, Prisma's transactions are BEGIN…COMMIT on one connection, and the migration lock is transaction-scoped (`pg_advisory_xact_lock`). " +
      `What PgBouncer does not change is each instance's own pool: its queries still queue for its ${APP_POOL_MAX} connections.`,
    "- **Health checks under saturation.** In trial runs with the image stage's check settings (timeout = inter = 2 s, fall 3), haproxy took a saturated instance out: " +
      "its `/api/health/ready` waits behind the queued requests, so it answered 503 after getReadiness's 2 s limit or not within the check's timeout (haproxy: `Layer7 timeout … 0 active servers left`). " +
      "With one instance haproxy then answered 503 to every request; with several, the load moves to the others, which can then fail their checks too. " +
      'The checks here are tolerant for that reason; a deployment wants the same (a check timeout and `fall` longer than a burst of saturation), or readiness stops meaning "the database is reachable" under load.',
  ];
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
