/**
 * Shared by the HTTP load tests (load-test.ts: one instance; scale-out.ts: instances behind haproxy): the seeded
 * organisation, the routes with the marker each answer must hold, and one autocannon run counted the same way.
 */
import autocannon, { type Result } from "autocannon";
import { openPrisma, closePrisma } from "../../lib/data/open";
import { seedLarge } from "../seed-large";

export type Target = { name: string; path: string; auth: boolean; marker: string };
export type Row = {
  target: Target;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Requests with no answer within autocannon's timeout (10 s); counted in `errors` too. */
  timeouts: number;
  detail: string;
};

/** On a migrated database with the demo accounts: a generated organisation of `people`, and the demo team's id. */
export async function prepare(url: string, people: number) {
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

/** The routes of the load test, each with a string its 200 answer must contain. */
export function targetsFor(teamId: string, cycleId: string | null): Target[] {
  return [
    { name: "reference: static `/ping`", path: "/ping", auth: false, marker: "ok" },
    {
      name: "reference: signed-in floor `/account/session-check`",
      path: "/account/session-check",
      auth: true,
      marker: 'data-testid="session-check"',
    },
    { name: "`/dashboard` (signed in)", path: "/dashboard", auth: true, marker: 'data-testid="fit-summary"' },
    { name: "`/` landing (public)", path: "/", auth: false, marker: "skillgap" },
    { name: "`/roles` (public)", path: "/roles", auth: false, marker: "Platform Engineer" },
    {
      name: "`/roles/platform-engineer` (public)",
      path: "/roles/platform-engineer",
      auth: false,
      marker: "Platform Engineer",
    },
    { name: "`/skills` (public)", path: "/skills", auth: false, marker: "Linux" },
    { name: "`/skills/linux` (public)", path: "/skills/linux", auth: false, marker: 'data-testid="skill-levels"' },
    { name: "`/api/v1/taxonomy` (JSON)", path: "/api/v1/taxonomy", auth: false, marker: '"skills"' },
    {
      name: "`/teams/<demo team>` audit (signed in)",
      path: `/teams/${teamId}`,
      auth: true,
      marker: "Platform Team (demo)",
    },
    { name: "`/reports` organisation report (admin)", path: "/reports", auth: true, marker: "<h1" },
    { name: "`/people` expert finder (admin)", path: "/people", auth: true, marker: "<h1" },
    ...(cycleId
      ? [{ name: "`/cycles/<cycle>` review cycle (admin)", path: `/cycles/${cycleId}`, auth: true, marker: "<h1" }]
      : [{ name: "`/cycles` review cycles (admin)", path: "/cycles", auth: true, marker: "<h1" }]),
  ];
}

/** One GET as the load generator will send it; the status must be 200 and the body must hold the page's marker. */
export async function check(base: string, t: Target, cookie: string) {
  const r = await fetch(base + t.path, { redirect: "manual", headers: t.auth ? { Cookie: cookie } : {} });
  const body = await r.text();
  if (r.status !== 200 || !body.includes(t.marker))
    throw new Error(
      `${t.path}: HTTP ${r.status}, marker ${JSON.stringify(t.marker)} ${body.includes(t.marker) ? "found" : "missing"}`,
    );
}

/** Failed requests: autocannon's `errors` (socket errors, and timeouts, which it counts there too) + non-2xx answers. */
export function errorsOf(r: Result) {
  return r.errors + r.non2xx;
}

/** autocannon on one route; req/s counts 2xx answers only, errors = socket errors + timeouts + non-2xx. */
export async function load(
  base: string,
  t: Target,
  cookie: string,
  connections: number,
  duration: number,
): Promise<Row> {
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
    timeouts: r.timeouts,
    detail: `${codes}${r.errors > r.timeouts ? ` errors×${r.errors - r.timeouts}` : ""}${r.timeouts ? ` timeouts×${r.timeouts}` : ""}`,
  };
}
