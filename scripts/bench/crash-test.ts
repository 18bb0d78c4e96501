/**
 * `npm run bench:crash` — does an acknowledged rating write survive `kill -9`, and is any write half-applied?
 * For each backend (the PostgreSQL server: database skillgap_crash; embedded PGlite: a fresh folder under .data/crash):
 * start the production app with scripts/start.ts, sign in the five demo users, fire CRASH_WRITES (default 400)
 * rating saves (PUT /api/me/ratings, 4 skills each, CRASH_CONCURRENCY in flight), `kill -9` the server's process
 * group once a third are acknowledged, restart it (the same sessions must still work), stop it, then check in SQL:
 * every acknowledged write has all its history rows, no write has only some of them, and each current rating
 * points at the latest history row of its skill. Writes the counts to docs/benchmarks.md; exits 1 on any loss.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { closePrisma, openPrisma } from "../../lib/data/open";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/seed";
import { replaceSection } from "./bench-doc";
import { freshPostgresDatabase, machineLine, root, signIn, startApp, type AppOptions } from "./bench-server";

const WRITES = Number(process.env.CRASH_WRITES ?? 400);
const CONCURRENCY = Number(process.env.CRASH_CONCURRENCY ?? 16);
const SKILLS_PER_WRITE = 4;

type Write = { k: number; user: number; tag: string; ratings: { skillId: string; level: number; note: string }[] };
type Outcome = {
  sent: number;
  acked: Set<number>;
  rejected: number;
  failed: number;
  inFlightAtKill: number;
  ackedAtKill: number;
};
type Report = {
  backend: string;
  sent: number;
  acknowledged: number;
  inFlightAtKill: number;
  rejected: number;
  verified: number;
  lost: number;
  halfApplied: number;
  currentMismatches: number;
  postRestartWrite: boolean;
  unackedButApplied: number;
};

function plan(skillIds: string[], users: number, run: string): Write[] {
  let x = 7;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: WRITES }, (_, k) => {
    const picked = new Set<string>();
    while (picked.size < SKILLS_PER_WRITE) picked.add(skillIds[Math.floor(rnd() * skillIds.length)]);
    const tag = `crash:${run}:${k}`;
    return {
      k,
      user: k % users,
      tag,
      ratings: [...picked].map((skillId) => ({ skillId, level: Math.floor(rnd() * 6), note: tag })),
    };
  });
}

async function put(base: string, cookie: string, body: unknown) {
  return fetch(`${base}/api/me/ratings`, {
    method: "PUT",
    headers: { "Content-Type": "application/json", Cookie: cookie },
    body: JSON.stringify(body),
  });
}

/** The route's contract, checked before the burst: signed out → 401, bad input → 400 with field messages. */
async function checkContract(base: string, cookie: string) {
  const anon = await put(base, "", { ratings: [{ skillId: "x", level: 1 }] });
  if (anon.status !== 401) throw new Error(`signed-out PUT answered ${anon.status}, expected 401`);
  const bad = await put(base, cookie, { ratings: [{ skillId: "linux", level: 9 }] });
  const body = (await bad.json()) as { errors?: Record<string, string[]> };
  if (bad.status !== 400 || !body.errors?.["ratings.0.level"])
    throw new Error(`bad level answered ${bad.status} ${JSON.stringify(body)}, expected 400 with ratings.0.level`);
}

/** Fires the writes CONCURRENCY at a time; calls `kill` once `killAfter` are acknowledged, then stops sending. */
async function burst(
  base: string,
  cookies: string[],
  writes: Write[],
  killAfter: number,
  kill: () => void,
): Promise<Outcome> {
  const o: Outcome = { sent: 0, acked: new Set(), rejected: 0, failed: 0, inFlightAtKill: 0, ackedAtKill: 0 };
  let next = 0;
  let inFlight = 0;
  let killed = false;
  const worker = async () => {
    while (!killed && next < writes.length) {
      const w = writes[next++];
      o.sent += 1;
      inFlight += 1;
      try {
        const r = await put(base, cookies[w.user], { ratings: w.ratings });
        if (r.ok) o.acked.add(w.k);
        else {
          o.rejected += 1;
          console.error(`write ${w.k}: HTTP ${r.status} ${(await r.text()).slice(0, 200)}`);
        }
      } catch {
        o.failed += 1; // connection reset by the kill: not acknowledged
      } finally {
        inFlight -= 1;
      }
      if (!killed && o.acked.size >= killAfter) {
        killed = true;
        o.inFlightAtKill = inFlight;
        o.ackedAtKill = o.acked.size;
        kill();
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return o;
}

async function verify(
  target: { kind: "postgres"; url: string } | { kind: "pglite"; dir: string },
  writes: Write[],
  o: Outcome,
  userIds: string[],
  run: string,
) {
  const prisma = await openPrisma(target);
  try {
    const rows = await prisma.rating.groupBy({
      by: ["note"],
      where: { note: { startsWith: `crash:${run}:` } },
      _count: { _all: true },
    });
    const count = new Map(rows.map((r) => [r.note, r._count._all]));
    let verified = 0;
    let lost = 0;
    let halfApplied = 0;
    let unackedButApplied = 0;
    for (const w of writes) {
      const n = count.get(w.tag) ?? 0;
      if (n !== 0 && n !== w.ratings.length) halfApplied += 1;
      if (o.acked.has(w.k)) {
        if (n === w.ratings.length) verified += 1;
        else lost += 1;
      } else if (n === w.ratings.length) unackedButApplied += 1; // committed, but the answer never arrived: allowed
    }
    // Each current rating must be the newest history row of its person and skill (same id, level and note).
    const mismatches = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "CurrentRating" c
       LEFT JOIN LATERAL (SELECT r.id, r.level, r.note FROM "Rating" r WHERE r."userId" = c."userId" AND r."skillId" = c."skillId"
                          ORDER BY r."createdAt" DESC, r.id DESC LIMIT 1) latest ON true
       WHERE c."userId" = ANY($1) AND (latest.id IS DISTINCT FROM c."ratingId" OR latest.level <> c.level OR latest.note IS DISTINCT FROM c.note)`,
      userIds,
    );
    const missingCurrent = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(DISTINCT (r."userId", r."skillId")) AS n FROM "Rating" r
       WHERE r."userId" = ANY($1) AND NOT EXISTS (SELECT 1 FROM "CurrentRating" c WHERE c."userId" = r."userId" AND c."skillId" = r."skillId")`,
      userIds,
    );
    return {
      verified,
      lost,
      halfApplied,
      unackedButApplied,
      currentMismatches: Number(mismatches[0].n) + Number(missingCurrent[0].n),
    };
  } finally {
    await closePrisma(prisma);
  }
}

async function runBackend(backend: "postgres" | "pglite", port: number): Promise<Report> {
  const database: AppOptions["database"] =
    backend === "postgres"
      ? { kind: "postgres", url: await freshPostgresDatabase("skillgap_crash") }
      : { kind: "pglite", dir: path.join(root, ".data", "crash", "db") };
  if (database.kind === "pglite") {
    rmSync(database.dir, { recursive: true, force: true });
    rmSync(`${database.dir}.lock`, { force: true });
  }
  const log = path.join(root, ".data", "crash", `${backend}.log`);
  console.log(`[${backend}] starting on port ${port}…`);
  let app = await startApp({ port, database, log });
  const run = Date.now().toString(36);
  let outcome: Outcome;
  let writes: Write[];
  let cookies: string[];
  try {
    cookies = [];
    for (const a of DEMO_ACCOUNTS) cookies.push(await signIn(app.base, a.email, DEMO_PASSWORD));
    await checkContract(app.base, cookies[0]);
    const taxonomy = (await (await fetch(`${app.base}/api/v1/taxonomy`)).json()) as { skills: { id: string }[] };
    writes = plan(
      taxonomy.skills.map((s) => s.id),
      cookies.length,
      run,
    );
    const a = app;
    outcome = await burst(app.base, cookies, writes, Math.floor(WRITES / 3), () => a.kill9());
    await app.exited;
    await app.gone();
    console.log(
      `[${backend}] killed with ${outcome.inFlightAtKill} writes in flight; sent ${outcome.sent}, acknowledged ${outcome.acked.size}`,
    );
  } catch (e) {
    app.kill9();
    throw e;
  }
  // Restart on the same data: PGlite must reopen its folder after the kill; JWT sessions must still be valid.
  app = await startApp({ port, database, log });
  let postRestartWrite = false;
  try {
    const r = await put(app.base, cookies[0], {
      ratings: [{ skillId: writes[0].ratings[0].skillId, level: 5, note: `after-restart:${run}` }],
    });
    postRestartWrite = r.ok;
  } finally {
    await app.stop();
  }
  const prisma = await openPrisma(database);
  const users = await prisma.user.findMany({
    where: { email: { in: DEMO_ACCOUNTS.map((x) => x.email) } },
    select: { id: true },
  });
  await closePrisma(prisma);
  const v = await verify(
    database,
    writes,
    outcome,
    users.map((u) => u.id),
    run,
  );
  const report: Report = {
    backend: backend === "postgres" ? "PostgreSQL server" : "embedded PGlite",
    sent: outcome.sent,
    acknowledged: outcome.acked.size,
    inFlightAtKill: outcome.inFlightAtKill,
    rejected: outcome.rejected,
    postRestartWrite,
    ...v,
  };
  console.log(`[${backend}]`, report);
  return report;
}

async function main() {
  const reports = [await runBackend("postgres", 3202), await runBackend("pglite", 3203)];
  const ok = (r: Report) =>
    r.lost === 0 && r.halfApplied === 0 && r.currentMismatches === 0 && r.rejected === 0 && r.postRestartWrite;
  const section = [
    `Machine: ${machineLine()}. Measured ${new Date().toISOString().slice(0, 10)}.`,
    `Command: \`npm run bench:crash\` (CRASH_WRITES=${WRITES}, CRASH_CONCURRENCY=${CONCURRENCY}). Production build started by scripts/start.ts; the five demo users ` +
      `signed in through next-auth; each write is one \`PUT /api/me/ratings\` (one \`saveMyRatings\` transaction) of ${SKILLS_PER_WRITE} skills tagged with a unique note. ` +
      "After a third of the writes were acknowledged (HTTP 200) the server's process group got `kill -9`; the app was restarted on the same data, " +
      "took one more write with the old session cookie, was stopped, and the database was checked in SQL.",
    "",
    "| backend | sent | acknowledged | in flight at kill | rejected (non-2xx) | verified | lost | half-applied | applied but unacknowledged | current ≠ latest history | write after restart |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ...reports.map(
      (r) =>
        `| ${r.backend} | ${r.sent} | ${r.acknowledged} | ${r.inFlightAtKill} | ${r.rejected} | ${r.verified} | ${r.lost} | ${r.halfApplied} | ${r.unackedButApplied} | ${r.currentMismatches} | ${r.postRestartWrite ? "ok" : "**failed**"} |`,
    ),
    "",
    '"Applied but unacknowledged" are writes that committed while their answer was lost in the kill; that is allowed (the client may retry and the save is idempotent for equal values). ' +
      `Result: ${reports.every(ok) ? "no acknowledged write lost, none half-applied, current ratings consistent, on both backends." : "**FAILED** — see the table."}`,
  ].join("\n");
  await replaceSection("crash", "## Crash safety (`npm run bench:crash`)", section);
  if (!reports.every(ok)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
