/**
 * The production server as an operator runs it, on PostgreSQL: `npm start`'s script on the build the suite made,
 * on a fresh database, with metrics on their own port. It checks the request id, the JSON log lines (no emails),
 * the Prometheus metrics, the health probes, and a graceful stop: SIGTERM while requests are in flight cuts none.
 * Runs only where a PostgreSQL server is reachable (CI starts one; E2E_POSTGRES_URL overrides the address).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "../..");
const ADMIN_URL = process.env.E2E_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const PORT = 3105;
const METRICS_PORT = 3106;
const base = `http://127.0.0.1:${PORT}`;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function postgresReachable(): Promise<boolean> {
  try {
    await admin("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

test.describe.serial("the production server on PostgreSQL", () => {
  const dbName = `skillgap_server_${Date.now()}_${randomBytes(3).toString("hex")}`;
  let server: ChildProcess;
  let out = "";
  let exit: Promise<number | null>;

  test.beforeAll(async () => {
    test.skip(!(await postgresReachable()), "no PostgreSQL server to run against");
    test.setTimeout(300_000);
    await admin(`CREATE DATABASE "${dbName}"`);
    const u = new URL(ADMIN_URL);
    u.pathname = `/${dbName}`;
    server = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: u.toString(),
        NEXTAUTH_SECRET: "server-spec-secret-server-spec-secret",
        NEXTAUTH_URL: base,
        PORT: String(PORT),
        METRICS_PORT: String(METRICS_PORT),
        LOG_FORMAT: "json",
        SEED_DEMO: "1",
        // The suite's web server built the app; this start must use that build, never make its own.
        SKILLGAP_PREBUILT: "1",
      } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a failed run can stop the script and the server it spawned together.
      detached: true,
    });
    server.stdout!.on("data", (d) => (out += d));
    server.stderr!.on("data", (d) => (out += d));
    exit = new Promise((resolve) => server.on("exit", (code) => resolve(code)));
    await expect
      .poll(
        async () => {
          try {
            return (await fetch(`${base}/api/health/ready`)).status;
          } catch {
            return 0;
          }
        },
        { timeout: 240_000, intervals: [500] },
      )
      .toBe(200);
  });

  test.afterAll(async () => {
    if (server?.pid && server.exitCode === null) {
      try {
        process.kill(-server.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
  });

  test("probes: live without the database, ready with it, and the full health report", async () => {
    const live = await fetch(`${base}/api/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok" });
    const health = await (await fetch(`${base}/api/health`)).json();
    expect(health).toMatchObject({ status: "ok", database: "postgres", migrations: { applied: true } });
    expect(out).not.toMatch(/building the app/);
  });

  test("every response carries a request id; a well-formed one from the proxy is kept", async () => {
    const fresh = await fetch(`${base}/roles`);
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const given = await fetch(`${base}/roles`, { headers: { "x-request-id": "ingress-abc-12345" } });
    expect(given.headers.get("x-request-id")).toBe("ingress-abc-12345");
    const hostile = await fetch(`${base}/roles`, { headers: { "x-request-id": "bad id <script>" } });
    expect(hostile.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("logs are JSON lines with the request id, route pattern and user id, and no email or query string", async () => {
    // Sign in through next-auth (credentials), then load a signed-in page with the cookie.
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
    const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
      body: new URLSearchParams({
        csrfToken,
        email: "alex@skillgap.demo",
        password: "skillgap-demo-2026",
        json: "true",
      }),
    });
    const cookies = [jar, ...(signIn.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0])].join("; ");
    expect(cookies).toMatch(/session-token=/);
    const page = await fetch(`${base}/skills/infrastructure-as-code?secret=do-not-log-me`, {
      headers: { cookie: cookies, "x-request-id": "trace-me-0001" },
    });
    expect(page.status).toBe(200);
    await expect.poll(() => out.includes('"requestId":"trace-me-0001"')).toBe(true);
    const line = out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.requestId === "trace-me-0001" && l.msg === "request")!;
    expect(line).toMatchObject({ level: "info", route: "/skills/[id]", status: 200, method: "GET" });
    expect(line.userId).toEqual(expect.any(String));
    expect(out).not.toContain("do-not-log-me");
    // (The start script's banner lists the demo sign-ins on purpose; the log lines never carry an address.)
    const logLines = out.split("\n").filter((l) => l.startsWith("{"));
    expect(logLines.length).toBeGreaterThan(3);
    expect(logLines.filter((l) => /@skillgap\.demo/.test(l))).toEqual([]);
  });

  test("metrics: only on the metrics port, with request, database, process and product series", async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const res = await fetch(`http://127.0.0.1:${METRICS_PORT}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(
      /skillgap_http_request_duration_seconds_bucket\{[^}]*route="\/skills\/\[id\]"[^}]*status="200"/,
    );
    expect(text).toMatch(/skillgap_db_query_duration_seconds_count\{statement="select"\} [1-9]/);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^skillgap_users [1-9]/m);
    expect(text).toMatch(/^skillgap_rated_skills [1-9]/m);
    expect(text).toMatch(/^skillgap_open_reviews \d/m);
  });

  test("SIGTERM while requests are in flight: every request the server took completes, then it exits 0", async () => {
    const metric = async (name: string) => {
      const text = await (await fetch(`http://127.0.0.1:${METRICS_PORT}/metrics`)).text();
      return Number(new RegExp(`^${name} (\\d+)`, "m").exec(text)?.[1] ?? 0);
    };
    const N = 80;
    // A query string keeps each request out of the render cache: each one is rendered, so some are still in flight.
    const sent = Array.from({ length: N }, (_, i) =>
      fetch(`${base}/roles/platform-engineer?sigterm=${i}`, {
        headers: { "x-request-id": `sigterm-${String(i).padStart(4, "0")}` },
      }).then(
        async (r) => ({ id: i, status: r.status, whole: (await r.text()).includes("</html>") }),
        () => ({ id: i, status: 0, whole: false }),
      ),
    );
    // Stop while the server holds requests it has not answered yet.
    await expect.poll(() => metric("skillgap_http_requests_in_flight"), { intervals: [20] }).toBeGreaterThan(10);
    server.kill("SIGTERM");
    const results = await Promise.all(sent);
    expect(await exit).toBe(0);
    const lines = out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { msg: string; requestId?: string; status?: number; inFlight?: number });
    const stopping = lines.find((l) => l.msg === "stopping: finishing requests in flight")!;
    expect(stopping.inFlight).toBeGreaterThan(0);
    expect(lines.some((l) => l.msg === "stopped")).toBe(true);
    // Every request the server received was answered whole with 200, including those in flight at SIGTERM.
    // Connections it had not yet taken when the listener closed are refused (a client retries another replica).
    const taken = new Set(
      lines
        .filter((l) => l.msg === "request" && l.requestId?.startsWith("sigterm-"))
        .map((l) => Number(l.requestId!.slice(8))),
    );
    expect(taken.size).toBeGreaterThanOrEqual(stopping.inFlight!);
    expect(results.filter((r) => taken.has(r.id) && (r.status !== 200 || !r.whole))).toEqual([]);
    expect(lines.filter((l) => l.msg === "request" && l.requestId?.startsWith("sigterm-") && l.status !== 200)).toEqual(
      [],
    );
  });
});
