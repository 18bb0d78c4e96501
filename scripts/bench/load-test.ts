/**
 * `npm run bench:load` — HTTP load test of the production build on the PostgreSQL server.
 * Fresh database skillgap_load (demo accounts + a generated organisation of LOAD_PEOPLE, default 500), the app started
 * by scripts/start.ts on port LOAD_PORT (default 3201; builds only when the build is stale) three times in one run:
 * render cache off (before), on (after), and on with a store too small to keep a page (every view changed). Real
 * next-auth sign-ins as the demo manager and admin, then autocannon for LOAD_SECONDS (default 10) at 10 and 50
 * connections per route. Any non-2xx answer (a redirect to /signin included) counts as an error. Writes one table to
 * docs/benchmarks.md with every route's ratio to `/ping` and, for personal pages, to the signed-in floor.
 */
import autocannon from "autocannon";
import { openPrisma, closePrisma } from "../../lib/data/open";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { replaceSection } from "./bench-doc";
import { freshPostgresDatabase, machineLine, root, signIn, startApp } from "./bench-server";
import { check, load, prepare, targetsFor, type Row, type Target } from "./load-common";
import path from "node:path";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";

const people = Number(process.env.LOAD_PEOPLE ?? 500);
const port = Number(process.env.LOAD_PORT ?? 3201);
const seconds = Number(process.env.LOAD_SECONDS ?? 10);
const connectionLevels = (process.env.LOAD_CONNECTIONS ?? "10,50").split(",").map(Number);
// LOAD_ONLY=/dashboard,/ping limits the routes (for profiling); the doc is then left alone.
const only = process.env.LOAD_ONLY?.split(",");

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

/** The app's three settings in one run: the render cache off ("before"), on ("after"), and on but never hit. */
type Phase = {
  id: "before" | "after" | "changed";
  label: string;
  env: Record<string, string>;
  routes: (t: Target) => boolean;
};
const PHASES: Phase[] = [
  { id: "before", label: "render cache off (before)", env: { RENDER_CACHE: "off" }, routes: () => true },
  { id: "after", label: "render cache on (after)", env: {}, routes: () => true },
  {
    // Every view rendered, stored and compressed, never answered from memory: the cost of a dashboard that changed
    // since its last view (a store smaller than one page keeps nothing).
    id: "changed",
    label: "render cache on, every view changed",
    env: { RENDER_CACHE_MB: "0.01" },
    routes: (t) => t.path === "/ping" || t.path === "/account/session-check" || t.path === "/dashboard",
  },
];
type PhaseRow = Row & { phase: Phase["id"] };

/** The manager's cookie for their own pages, the admin's for the organisation-wide ones. */
const cookieFor = (t: Target, c: { manager: string; admin: string }) =>
  /^\/(reports|people|cycles)/.test(t.path) ? c.admin : c.manager;

async function main() {
  const load0 = loadavg()[0];
  const url = await freshPostgresDatabase("skillgap_load");
  const { org, teamId } = await (async () => {
    // Migrate and seed once through a first start (cache off), then seed the organisation.
    const app = await startApp({
      port,
      database: { kind: "postgres", url },
      log: path.join(root, ".data", "load", "server.log"),
    });
    await app.stop();
    return prepare(url, people);
  })();
  console.log(`seeded ${org.people} people, ${org.ratings} rating rows, ${org.reviews} reviews`);
  const cycleId = await firstCycle(url);
  const targets = targetsFor(teamId, cycleId);
  const rows: PhaseRow[] = [];
  let breakdown: Awaited<ReturnType<typeof dashboardBreakdown>> | null = null;
  for (const phase of PHASES) {
    console.log(`\n${phase.label}: starting the app on port ${port}…`);
    const app = await startApp({
      port,
      database: { kind: "postgres", url },
      log: path.join(root, ".data", "load", "server.log"),
      env: phase.env,
    });
    try {
      const cookies = {
        manager: await signIn(app.base, "manager@skillgap.demo", DEMO_PASSWORD),
        admin: await signIn(app.base, "admin@skillgap.demo", DEMO_PASSWORD),
      };
      const mine = targets.filter(phase.routes).filter((x) => !only || only.some((o) => x.path.startsWith(o)));
      for (const t of mine) await check(app.base, t, cookieFor(t, cookies));
      if (phase.id === "before") {
        // The counting must catch a rejected cookie: a signed-out dashboard is a fast 307 to /signin.
        const dashboard = targets.find((t) => t.path === "/dashboard")!;
        const probe = await load(app.base, dashboard, "next-auth.session-token=invalid", 5, 2);
        if (probe.errors === 0) throw new Error("a rejected session cookie was not counted as an error");
        console.log(`check: with a bad cookie /dashboard gave ${probe.detail} → counted as ${probe.errors} errors`);
      }
      for (const t of mine) {
        await load(app.base, t, cookieFor(t, cookies), 10, 3); // warm-up, not recorded
        for (const c of connectionLevels) {
          const row = { ...(await load(app.base, t, cookieFor(t, cookies), c, seconds)), phase: phase.id };
          rows.push(row);
          console.log(
            `[${phase.id}] ${t.path} c=${c}: ${row.rps.toFixed(0)} req/s p50 ${row.p50} ms p99 ${row.p99} ms errors ${row.errors} (${row.detail})`,
          );
        }
      }
      if (phase.id === "before" && !only) breakdown = await dashboardBreakdown(app.base, cookies.manager, url);
    } finally {
      await app.stop();
    }
  }
  if (breakdown) console.log("dashboard breakdown", breakdown);
  if (only || !breakdown) console.log("LOAD_ONLY set: docs/benchmarks.md left unchanged");
  else await writeDoc(rows, targets, org, breakdown, [load0, loadavg()[0]]);
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  if (errors > 0) {
    console.error(`${errors} requests failed`);
    process.exitCode = 1;
  }
}

async function firstCycle(url: string): Promise<string | null> {
  const prisma = await openPrisma({ kind: "postgres", url });
  try {
    return (await prisma.reviewCycle.findFirst({ select: { id: true } }))?.id ?? null;
  } finally {
    await closePrisma(prisma);
  }
}

/** Each route's target, as the issue states it; null for pages without a throughput target. */
function targetOf(t: Target, phase: Phase["id"]): { against: "ping" | "floor"; ratio: number; text: string } | null {
  if (t.path === "/dashboard")
    return phase === "changed"
      ? { against: "floor", ratio: 0.5, text: "≥ 0.5 × floor (within 2× of it)" }
      : { against: "ping", ratio: 0.25, text: "≥ 0.25 × `/ping`" };
  if (!t.auth && t.path !== "/ping") return { against: "ping", ratio: 0.8, text: "≥ 0.8 × `/ping`" };
  return null;
}

async function writeDoc(
  rows: PhaseRow[],
  targets: Target[],
  org: { people: number; ratings: number; reviews: number },
  b: Awaited<ReturnType<typeof dashboardBreakdown>>,
  load: number[],
) {
  const find = (phase: Phase["id"], p: string, c: number) =>
    rows.find((r) => r.phase === phase && r.target.path === p && r.connections === c);
  const ratio = (r: PhaseRow | undefined, against: "ping" | "floor") => {
    if (!r) return null;
    const ref = find(r.phase, against === "ping" ? "/ping" : "/account/session-check", r.connections);
    return ref ? r.rps / ref.rps : null;
  };
  const fmt = (x: number | null) => (x === null ? "—" : x.toFixed(2));
  const lines = [
    `Machine: ${machineLine()}; PostgreSQL server on 127.0.0.1; autocannon runs on the same machine as the server (it takes part of the CPU). ` +
      `1-minute load average ${load[0].toFixed(1)} at the start and ${load[1].toFixed(1)} at the end of the run. Measured ${new Date().toISOString().slice(0, 10)}.`,
    `Command: \`npm run bench:load\` (LOAD_PEOPLE=${people}, LOAD_SECONDS=${seconds}, connections ${connectionLevels.join(" and ")}). Database: demo accounts + ${org.people} generated people, ${org.ratings.toLocaleString("en")} rating rows, ${org.reviews} reviews. ` +
      "One run, one database, one build; the app is started three times: with the render cache off (`RENDER_CACHE=off`, before), on (after), and on with a store too small to keep a page (`RENDER_CACHE_MB=0.01`: every dashboard view rendered, stored and compressed as after a change). " +
      "Each start has its own `/ping` and signed-in floor, so every ratio is within one setting. Signed in through next-auth as manager@skillgap.demo (admin@skillgap.demo for the organisation-wide pages). " +
      "Req/s counts 2xx answers only; errors = socket errors + timeouts + non-2xx. Each route had a 3 s warm-up.",
    "",
    "| route | conn. | before req/s | before × `/ping` | after req/s | after × `/ping` | after × floor | p50 / p99 ms after | target | verdict |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
  ];
  for (const t of targets)
    for (const c of connectionLevels) {
      const before = find("before", t.path, c);
      const after = find("after", t.path, c);
      if (!before && !after) continue;
      const target = targetOf(t, "after");
      const got = target ? ratio(after, target.against) : null;
      lines.push(
        `| ${t.name} | ${c} | ${before?.rps.toFixed(0) ?? "—"} | ${fmt(ratio(before, "ping"))} | ${after?.rps.toFixed(0) ?? "—"} | ${fmt(ratio(after, "ping"))} | ${t.auth ? fmt(ratio(after, "floor")) : "—"} | ${after ? `${after.p50} / ${after.p99}` : "—"} | ${target?.text ?? "—"} | ${target && got !== null ? (got >= target.ratio ? "met" : "**missed**") : "—"} |`,
      );
    }
  for (const c of connectionLevels) {
    const changed = find("changed", "/dashboard", c);
    if (!changed) continue;
    const target = targetOf(changed.target, "changed")!;
    const got = ratio(changed, "floor");
    lines.push(
      `| \`/dashboard\`, every view changed | ${c} | — | — | ${changed.rps.toFixed(0)} | ${fmt(ratio(changed, "ping"))} | ${fmt(got)} | ${changed.p50} / ${changed.p99} | ${target.text} | ${got !== null && got >= target.ratio ? "met" : "**missed**"} |`,
    );
  }
  lines.push(
    "",
    `Errors in the whole run: ${rows.reduce((n, r) => n + r.errors, 0)}.`,
    "",
    "Where one dashboard request's time goes when it is rendered (cache off, no queueing: one connection for 10 s):",
    "",
    "| measure | ms |",
    "|---|---:|",
    `| \`/dashboard\` HTTP latency p50 at 1 connection (${b.httpRps.toFixed(0)} req/s) | ${b.httpP50} |`,
    `| \`/ping\` HTTP latency p50 at 1 connection | ${b.pingP50} |`,
    `| \`getDashboard\` data function alone (queries + domain), median of 20 warm calls | ${b.dataMedian.toFixed(1)} |`,
    `| remainder: session (JWT decode, one user lookup) and React server rendering to HTML + RSC payload | ${Math.max(0, b.httpP50 - b.dataMedian).toFixed(1)} |`,
  );
  await replaceSection("load", "## HTTP load test (`npm run bench:load`)", lines.join("\n"));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
