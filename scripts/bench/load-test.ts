/**
 * `npm run bench:load` — HTTP load test of the production build on the PostgreSQL server.
 * Fresh database skillgap_load (demo accounts + a generated organisation of LOAD_PEOPLE, default 500), the app started
 * by scripts/start.ts on port LOAD_PORT (default 3201; builds only when the build is stale), a real next-auth sign-in
 * as the demo manager, then autocannon for LOAD_SECONDS (default 30) at 10 and 50 connections per route.
 * Any non-2xx answer (a redirect to /signin included) counts as an error. Writes a table to docs/benchmarks.md.
 */
import autocannon, { type Result } from "autocannon";
import { openPrisma, closePrisma } from "../../lib/data/open";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { seedLarge } from "../seed-large";
import { replaceSection } from "./bench-doc";
import { freshPostgresDatabase, machineLine, root, signIn, startApp } from "./bench-server";
import path from "node:path";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";

const people = Number(process.env.LOAD_PEOPLE ?? 500);
const port = Number(process.env.LOAD_PORT ?? 3201);
const seconds = Number(process.env.LOAD_SECONDS ?? 30);
const connectionLevels = (process.env.LOAD_CONNECTIONS ?? "10,50").split(",").map(Number);
// LOAD_ONLY=/dashboard,/ping limits the routes (for profiling); the doc is then left alone.
const only = process.env.LOAD_ONLY?.split(",");

type Target = { name: string; path: string; auth: boolean; marker: string };
type Row = {
  target: Target;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  detail: string;
};

async function prepare(url: string) {
  const prisma = await openPrisma({ kind: "postgres", url });
  try {
    // Shipped taxonomy only (no synthetic skills), so the demo accounts see the same catalogue as in production.
    const org = await seedLarge(prisma, { people, skills: 1, prefix: "load" });
    const manager = await prisma.user.findUniqueOrThrow({
      where: { email: "manager@skillgap.demo" },
      select: { id: true },
    });
    // Give the manager a current and a target role so the dashboard renders its full set of charts and plans.
    await prisma.user.update({
      where: { id: manager.id },
      data: { currentRoleId: "platform-engineer", targetRoleId: "platform-engineering-manager" },
    });
    const team = await prisma.team.findFirstOrThrow({ where: { name: "Platform Team (demo)" }, select: { id: true } });
    return { org, teamId: team.id };
  } finally {
    await closePrisma(prisma);
  }
}

/** One GET as the load generator will send it; the status must be 200 and the body must hold the page's marker. */
async function check(base: string, t: Target, cookie: string) {
  const r = await fetch(base + t.path, { redirect: "manual", headers: t.auth ? { Cookie: cookie } : {} });
  const body = await r.text();
  if (r.status !== 200 || !body.includes(t.marker))
    throw new Error(
      `${t.path}: HTTP ${r.status}, marker ${JSON.stringify(t.marker)} ${body.includes(t.marker) ? "found" : "missing"}`,
    );
}

function errorsOf(r: Result) {
  return r.errors + r.timeouts + r.non2xx;
}

async function load(base: string, t: Target, cookie: string, connections: number, duration: number): Promise<Row> {
  const r = await autocannon({
    url: base + t.path,
    connections,
    duration,
    timeout: 10,
    headers: t.auth ? { cookie } : {},
  });
  const codes = Object.entries(r.statusCodeStats ?? {})
    .map(([c, s]) => `${c}×${s.count}`)
    .join(" ");
  return {
    target: t,
    connections,
    rps: r["2xx"] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: errorsOf(r),
    detail: `${codes}${r.errors ? ` errors×${r.errors}` : ""}${r.timeouts ? ` timeouts×${r.timeouts}` : ""}`,
  };
}

/**
 * Where one dashboard request's time goes, without queueing: the HTTP latency at one connection, against the data
 * function alone (`getDashboard`: its queries + the domain computations) called in this process on the same database.
 */
async function dashboardBreakdown(base: string, cookie: string, url: string) {
  const serial = await autocannon({ url: `${base}/dashboard`, connections: 1, duration: 10, headers: { cookie } });
  const serialPing = await autocannon({ url: `${base}/ping`, connections: 1, duration: 5 });
  const prisma = await openPrisma({ kind: "postgres", url });
  try {
    (globalThis as { skillgapDb?: Promise<unknown> }).skillgapDb = Promise.resolve(prisma);
    const { getDashboard } = await import("../../lib/data/dashboard");
    const me = await prisma.user.findUniqueOrThrow({ where: { email: "manager@skillgap.demo" }, select: { id: true } });
    const actor = { id: me.id, isAdmin: false };
    const times: number[] = [];
    for (let i = 0; i < 25; i++) {
      const t0 = performance.now();
      await getDashboard(actor);
      if (i >= 5) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return {
      httpP50: serial.latency.p50,
      httpRps: serial["2xx"] / serial.duration,
      pingP50: serialPing.latency.p50,
      dataMedian: times[Math.floor(times.length / 2)],
    };
  } finally {
    await closePrisma(prisma);
  }
}

async function main() {
  const load0 = loadavg()[0];
  const url = await freshPostgresDatabase("skillgap_load");
  console.log(`database ${url}; starting the app on port ${port} (builds first if the build is stale)…`);
  const app = await startApp({
    port,
    database: { kind: "postgres", url },
    log: path.join(root, ".data", "load", "server.log"),
  });
  try {
    const { org, teamId } = await prepare(url);
    console.log(`seeded ${org.people} people, ${org.ratings} rating rows, ${org.reviews} reviews`);
    const cookie = await signIn(app.base, "manager@skillgap.demo", DEMO_PASSWORD);
    const targets: Target[] = [
      { name: "reference: static `/ping`", path: "/ping", auth: false, marker: "ok" },
      {
        name: "reference: signed-in floor `/account/session-check`",
        path: "/account/session-check",
        auth: true,
        marker: 'data-testid="session-check"',
      },
      { name: "`/dashboard` (signed in)", path: "/dashboard", auth: true, marker: 'data-testid="fit-summary"' },
      {
        name: "`/teams/<demo team>` audit (signed in)",
        path: `/teams/${teamId}`,
        auth: true,
        marker: "Platform Team (demo)",
      },
      {
        name: "`/roles/platform-engineer` (public)",
        path: "/roles/platform-engineer",
        auth: false,
        marker: "Platform Engineer",
      },
      { name: "`/skills/linux` (public)", path: "/skills/linux", auth: false, marker: 'data-testid="skill-levels"' },
      { name: "`/api/v1/taxonomy` (JSON)", path: "/api/v1/taxonomy", auth: false, marker: '"skills"' },
    ];
    for (const t of targets) await check(app.base, t, cookie);
    // The counting must catch a rejected cookie: a signed-out dashboard is a fast 307 to /signin, which has to show as errors.
    const dashboard = targets.find((t) => t.path === "/dashboard")!;
    const probe = await load(app.base, dashboard, "next-auth.session-token=invalid", 5, 2);
    if (probe.errors === 0) throw new Error("a rejected session cookie was not counted as an error");
    console.log(`check: with a bad cookie /dashboard gave ${probe.detail} → counted as ${probe.errors} errors`);

    const rows: Row[] = [];
    for (const t of targets.filter((x) => !only || only.some((o) => x.path.startsWith(o)))) {
      await load(app.base, t, cookie, 10, 5); // warm-up, not recorded
      for (const c of connectionLevels) {
        const row = await load(app.base, t, cookie, c, seconds);
        rows.push(row);
        console.log(
          `${t.path} c=${c}: ${row.rps.toFixed(0)} req/s p50 ${row.p50} ms p99 ${row.p99} ms errors ${row.errors} (${row.detail})`,
        );
      }
    }
    const breakdown = await dashboardBreakdown(app.base, cookie, url);
    console.log("dashboard breakdown", breakdown);
    if (only) console.log("LOAD_ONLY set: docs/benchmarks.md left unchanged");
    else await writeDoc(rows, org, breakdown, [load0, loadavg()[0]]);
    const errors = rows.reduce((n, r) => n + r.errors, 0);
    if (errors > 0) {
      console.error(`${errors} requests failed`);
      process.exitCode = 1;
    }
  } finally {
    await app.stop();
  }
}

async function writeDoc(
  rows: Row[],
  org: { people: number; ratings: number; reviews: number },
  b: Awaited<ReturnType<typeof dashboardBreakdown>>,
  load: number[],
) {
  const ref = (c: number) => rows.find((r) => r.target.path === "/ping" && r.connections === c)!.rps;
  const floor = (c: number) => rows.find((r) => r.target.path === "/account/session-check" && r.connections === c)?.rps;
  /** Personal pages against the signed-in floor (the session and the layout, nothing else). */
  const vsFloor = (r: Row) => {
    const f = floor(r.connections);
    return r.target.auth && f ? (r.rps / f).toFixed(2) : "—";
  };
  const dash50 = rows.find((r) => r.target.path === "/dashboard" && r.connections === 50);
  const dash = rows.filter((r) => r.target.path === "/dashboard");
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  const lines = [
    `Machine: ${machineLine()}; PostgreSQL server on 127.0.0.1; autocannon runs on the same machine as the server (it takes part of the CPU). ` +
      `The machine is shared: 1-minute load average ${load[0].toFixed(1)} at the start and ${load[1].toFixed(1)} at the end of the run (other builds and tests), so absolute numbers are pessimistic and noisy. Measured ${new Date().toISOString().slice(0, 10)}.`,
    `Command: \`npm run bench:load\` (LOAD_PEOPLE=${people}, LOAD_SECONDS=${seconds}). Database: demo accounts + ${org.people} generated people, ${org.ratings.toLocaleString("en")} rating rows, ${org.reviews} reviews. ` +
      "Signed in as manager@skillgap.demo through next-auth (CSRF + credentials callback); one session cookie for all connections. " +
      "Req/s counts 2xx answers only; errors = socket errors + timeouts + non-2xx (a redirect to /signin would count). Each route had a 5 s warm-up.",
    "",
    "| route | connections | req/s | × reference | × signed-in floor | p50 ms | p99 ms | errors | status codes |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ...rows.map(
      (r) =>
        `| ${r.target.name} | ${r.connections} | ${r.rps.toFixed(0)} | ${(r.rps / ref(r.connections)).toFixed(2)} | ${vsFloor(r)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.detail} |`,
    ),
    "",
    "Targets:",
    `- dashboard ≥ 0.5 × reference throughput: ${dash.map((r) => `${(r.rps / ref(r.connections)).toFixed(2)} × at ${r.connections} connections`).join(", ")} — ${verdict(dash.every((r) => r.rps >= 0.5 * ref(r.connections)))}`,
    `- p99 < 100 ms at 50 connections (dashboard): ${dash50 ? `${dash50.p99} ms — ${verdict(dash50.p99 < 100)}` : "not measured"}`,
    `- 0 errors: ${rows.reduce((n, r) => n + r.errors, 0)} — ${verdict(rows.every((r) => r.errors === 0))}`,
    "",
    "Where one dashboard request's time goes (no queueing: one connection for 10 s):",
    "",
    "| measure | ms |",
    "|---|---:|",
    `| \`/dashboard\` HTTP latency p50 at 1 connection (${b.httpRps.toFixed(0)} req/s) | ${b.httpP50} |`,
    `| \`/ping\` HTTP latency p50 at 1 connection | ${b.pingP50} |`,
    `| \`getDashboard\` data function alone (queries + domain), median of 20 warm calls | ${b.dataMedian.toFixed(1)} |`,
    `| remainder: session (JWT decode twice: proxy + page, one user lookup) and React server rendering to HTML + RSC payload | ${Math.max(0, b.httpP50 - b.dataMedian).toFixed(1)} |`,
    "",
    ...explain(rows, b, ref),
  ];
  await replaceSection("load", "## HTTP load test (`npm run bench:load`)", lines.join("\n"));
}

/** Why the targets are met or missed, computed from this run's numbers. */
function explain(rows: Row[], b: Awaited<ReturnType<typeof dashboardBreakdown>>, ref: (c: number) => number): string[] {
  const at = (p: string, c: number) => rows.find((r) => r.target.path.startsWith(p) && r.connections === c);
  const d50 = at("/dashboard", 50);
  const p50 = at("/ping", 50);
  if (!d50 || !p50) return [];
  const perRequest = 1000 / d50.rps;
  return [
    "Reading the numbers:",
    `- **Throughput.** The reference is a prebuilt response served from memory; the dashboard is rendered for one person on every request ` +
      `(session, ${b.dataMedian.toFixed(1)} ms of data function, then React renders the page and its RSC payload). At 50 connections one instance completes a dashboard ` +
      `every ${perRequest.toFixed(0)} ms of wall time on this 2-core machine shared with PostgreSQL and the load generator. Half the reference throughput would mean ` +
      `${(0.5 * ref(50)).toFixed(0)} dashboards/s, about ${(1000 / (0.5 * ref(50))).toFixed(1)} ms each: not reachable by server rendering in one Node process; ` +
      "it is reached by running more instances (the app is stateless, see scaling.md), not by this page. A V8 CPU profile of the server under this load " +
      "(`node --cpu-prof node_modules/next/dist/bin/next start`) puts most busy time in React's server renderer and garbage collection; Prisma and next-auth's JWT decryption are small shares.",
    `- **Latency at 50 connections is queueing.** With requests served one after another, p50 ≈ connections ÷ throughput = 50 ÷ ${d50.rps.toFixed(0)} ≈ ${(50000 / d50.rps).toFixed(0)} ms ` +
      `(measured ${d50.p50} ms). p99 < 100 ms with 50 requests in flight needs > ${(50 / 0.1).toFixed(0)} req/s from the instance; ` +
      `${p50.p99 < 100 ? "only" : "even"} the static reference, at ${p50.rps.toFixed(0)} req/s, ${p50.p99 < 100 ? "stays under it" : "misses it"} here (p99 ${p50.p99} ms). ` +
      "For the dashboard the target needs roughly (50 × per-request CPU) of cores, or a lower concurrency per instance behind the load balancer.",
    "- **Changes made after profiling:** the session lookup (nav + page) and the taxonomy version check (metadata + page) are memoised per request with React's `cache`, " +
      "removing a JWT decryption and a user query from every signed-in page and a duplicate version query from pages whose metadata reads the taxonomy; the charts' recharts code no longer ships with the first load (see the bundle budget).",
  ];
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
