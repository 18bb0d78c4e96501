/**
 * `npm run bench:lighthouse` — Lighthouse 12.2.3 on the phone preset (Lighthouse's default form factor: mobile, with
 * simulated throttling) for the landing page, a role page, the dashboard and a team page, categories performance,
 * accessibility and best-practices. Writes a table to docs/benchmarks.md (section "lighthouse").
 *
 * Lighthouse is not a dependency of the project: it runs through `npx --yes lighthouse@12.2.3` (pinned), so CI and
 * `npm ci` stay lean and only this script downloads it. It drives Debian's Chromium (CHROME_PATH, default
 * /usr/bin/chromium) with `--headless=new --no-sandbox`.
 *
 * The script does not start the server. Measure the production build, not `npm run dev` (dev numbers mean nothing):
 *
 *   PORT=3000 PGLITE_DIR=./.data/lighthouse npx tsx scripts/start.ts --fresh   # or `npm start` for ./.data/db
 *
 * scripts/start.ts builds when the build is missing or stale, creates, migrates and seeds the embedded PGlite
 * database with the demo accounts, and serves on PORT. Then, in another shell:
 *
 *   npm run bench:lighthouse                       # LIGHTHOUSE_URL defaults to http://localhost:3000
 *   npm run bench:lighthouse -- --dry-run          # print the table only; docs/benchmarks.md is left alone
 *
 * Environment: LIGHTHOUSE_URL (the server), LIGHTHOUSE_RUNS (runs per page, default 3; the run with the median
 * performance score is reported), CHROME_PATH. The dashboard is measured signed in as the demo member
 * alex@skillgap.demo, the team page as the demo manager (their "Platform Team (demo)"): the script signs in through
 * next-auth's credentials callback and passes the session cookie to Lighthouse with --extra-headers.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { replaceSection } from "./bench-doc";
import { root, signIn } from "./bench-server";

const LIGHTHOUSE = "lighthouse@12.2.3";
const base = (process.env.LIGHTHOUSE_URL ?? "http://localhost:3000").replace(/\/$/, "");
const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const chrome = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const dryRun = process.argv.includes("--dry-run");
const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;

type Target = { name: string; path: string; as?: string };
type Lhr = {
  lighthouseVersion: string;
  finalDisplayedUrl: string;
  runtimeError?: { code: string; message: string };
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { score: number | null; numericValue?: number; scoreDisplayMode: string; title: string }>;
};
type Result = { target: Target; lhr: Lhr; scores: Record<string, number | null> };

/** The demo team's page for the demo manager: the link on /teams, as a person would find it (no stored ids). */
async function teamPath(cookie: string): Promise<string> {
  const get = () => fetch(`${base}/teams`, { headers: { Cookie: cookie } });
  const html = await (await get().catch(get)).text();
  const m = /href="(\/teams\/[^"/]+)"[^>]*>Platform Team \(demo\)</.exec(html);
  if (!m) throw new Error(`no "Platform Team (demo)" link on ${base}/teams as the demo manager`);
  return m[1]!;
}

function lighthouse(url: string, cookie: string | undefined, dir: string, n: number): Lhr {
  const out = path.join(dir, `run-${n}.json`);
  const args = [
    "--yes",
    LIGHTHOUSE,
    url,
    "--output=json",
    `--output-path=${out}`,
    `--only-categories=${CATEGORIES.join(",")}`,
    "--chrome-flags=--headless=new --no-sandbox",
    "--quiet",
  ];
  if (cookie) {
    const headers = path.join(dir, "headers.json");
    writeFileSync(headers, JSON.stringify({ Cookie: cookie }));
    args.push(`--extra-headers=${headers}`);
  }
  const r = spawnSync("npx", args, {
    cwd: root,
    env: { ...process.env, CHROME_PATH: chrome },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (r.status !== 0)
    throw new Error(`lighthouse ${url} failed (exit ${r.status}): ${(r.stderr || r.stdout).slice(-2000)}`);
  const lhr = JSON.parse(readFileSync(out, "utf8")) as Lhr;
  if (lhr.runtimeError) throw new Error(`lighthouse ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  // A lost session would measure the sign-in page instead; refuse that.
  if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) {
    throw new Error(`lighthouse ${url} ended on ${lhr.finalDisplayedUrl}`);
  }
  return lhr;
}

function score(lhr: Lhr, cat: string): number | null {
  const s = lhr.categories[cat]?.score;
  return s == null ? null : Math.round(s * 100);
}

/** Audits that count towards a category's score and did not pass, for the note under the table. */
function failing(lhr: Lhr, cat: string): string[] {
  return (lhr.categories[cat]?.auditRefs ?? [])
    .filter((r) => r.weight > 0)
    .map((r) => ({ id: r.id, a: lhr.audits[r.id] }))
    .filter(({ a }) => a && (a.scoreDisplayMode === "error" || (a.score !== null && a.score < 1)))
    .map(({ id, a }) => (a!.scoreDisplayMode === "error" ? `${id} (audit error)` : id));
}

function machine(): string {
  const nproc = execFileSync("nproc", { encoding: "utf8" }).trim();
  // Debian's chromium wrapper prints a shell warning on stderr; the version is the first line of stdout.
  const chromium = spawnSync(chrome, ["--version"], { encoding: "utf8" }).stdout.split("\n")[0]!.trim();
  return `${nproc} CPUs (nproc), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${chromium}`;
}

const fmt = (n: number | null) => (n == null ? "n/a" : String(n));
const ms = (lhr: Lhr, id: string) => {
  const v = lhr.audits[id]?.numericValue;
  return v == null ? "n/a" : `${(v / 1000).toFixed(2)} s`;
};

async function main() {
  // A busy server may miss one health check: give it a minute before giving up.
  for (let i = 0; ; i++) {
    const health = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
    if (health?.ok) break;
    if (i >= 6) throw new Error(`no server at ${base} (GET /api/health); start one first (see this file's header)`);
    await new Promise((r) => setTimeout(r, 5_000));
  }
  const cookies: Record<string, string> = {
    "alex@skillgap.demo": await signIn(base, "alex@skillgap.demo", DEMO_PASSWORD),
    "manager@skillgap.demo": await signIn(base, "manager@skillgap.demo", DEMO_PASSWORD),
  };
  const targets: Target[] = [
    { name: "landing", path: "/" },
    { name: "role page", path: "/roles/platform-engineer" },
    { name: "dashboard (member)", path: "/dashboard", as: "alex@skillgap.demo" },
    {
      name: "team page (manager)",
      path: await teamPath(cookies["manager@skillgap.demo"]!),
      as: "manager@skillgap.demo",
    },
  ];

  const dir = mkdtempSync(path.join(tmpdir(), "skillgap-lighthouse-"));
  const results: Result[] = [];
  try {
    for (const t of targets) {
      const cookie = t.as ? cookies[t.as] : undefined;
      const url = base + t.path;
      // One plain request first, so a lazily compiled or cold route is not what gets measured.
      // (A kept-alive connection the server closed during the long Lighthouse run fails once: try again.)
      const warm = () => fetch(url, { headers: cookie ? { Cookie: cookie } : {} });
      await warm()
        .catch(warm)
        .catch(() => undefined); // only a warm-up: Lighthouse's own load is what counts
      const all: Lhr[] = [];
      for (let i = 0; i < runs; i++) {
        const n = results.length * runs + i;
        let lhr: Lhr;
        try {
          lhr = lighthouse(url, cookie, dir, n);
        } catch (e) {
          // NO_FCP and page-load timeouts happen now and then on a busy machine: one more try before giving up.
          console.log(
            `${t.name} run ${i + 1}: ${e instanceof Error ? e.message.slice(0, 300) : String(e)}; trying again`,
          );
          lhr = lighthouse(url, cookie, dir, n);
        }
        all.push(lhr);
        console.log(
          `${t.name} run ${i + 1}/${runs}: ${CATEGORIES.map((c) => `${c} ${fmt(score(lhr, c))}`).join(", ")}`,
        );
      }
      all.sort((a, b) => (score(a, "performance") ?? 0) - (score(b, "performance") ?? 0));
      const lhr = all[Math.floor(all.length / 2)]!;
      results.push({ target: t, lhr, scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(lhr, c)])) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const header =
    "| page | path | performance | accessibility | best-practices | LCP | TBT | CLS |\n" +
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |";
  const rows = results.map(({ target: t, lhr, scores }) => {
    const cls = lhr.audits["cumulative-layout-shift"]?.numericValue;
    const tbt = lhr.audits["total-blocking-time"]?.numericValue;
    const shown = t.path.startsWith("/teams/") ? "/teams/…" : t.path;
    return `| ${t.name} | \`${shown}\` | ${CATEGORIES.map((c) => fmt(scores[c])).join(" | ")} | ${ms(lhr, "largest-contentful-paint")} | ${tbt == null ? "n/a" : `${Math.round(tbt)} ms`} | ${cls == null ? "n/a" : cls.toFixed(3)} |`;
  });
  const notes = results.flatMap(({ target: t, lhr }) =>
    CATEGORIES.flatMap((c) => {
      const f = failing(lhr, c);
      return f.length ? [`- ${t.name}, ${c}: ${f.map((id) => `\`${id}\``).join(", ")}`] : [];
    }),
  );
  const a11yMet = results.every((r) => r.scores.accessibility === 100);
  const perfMet = results.every((r) => (r.scores.performance ?? 0) >= 90);
  const version = results[0]!.lhr.lighthouseVersion;
  const when = new Date().toISOString().slice(0, 10);
  const body = [
    `Command: \`npm run bench:lighthouse\` (\`scripts/bench/lighthouse.ts\`: \`npx --yes ${LIGHTHOUSE}\`, Lighthouse ${version}, ` +
      `phone preset = Lighthouse's default mobile form factor with simulated throttling; Chromium with ` +
      `\`--headless=new --no-sandbox\`), against the production build served by \`scripts/start.ts\` on the embedded ` +
      `demo database at ${base}. Each page runs ${runs} time${runs === 1 ? "" : "s"}; the run with the median performance ` +
      `score is shown. The dashboard is signed in as the demo member, the team page as the demo manager (session cookie ` +
      `via \`--extra-headers\`).`,
    `Machine: ${machine()}. Measured ${when}; 1-minute load average ${loadavg()[0]!.toFixed(1)} at the end.`,
    "",
    header,
    ...rows,
    "",
    `Targets: accessibility 100 on every page (${a11yMet ? "met" : "not met"}), performance ≥ 90 on every page (${perfMet ? "met" : "not met"}).`,
    ...(notes.length ? ["", "Audits that did not pass (in the reported run):", "", ...notes] : []),
    "",
  ].join("\n");

  if (dryRun) {
    console.log(`\n--dry-run: docs/benchmarks.md left alone. The section would read:\n\n${body}`);
    return;
  }
  await replaceSection("lighthouse", "## Lighthouse, phone preset (issue 14)", body);
  console.log("\nwrote the lighthouse section of docs/benchmarks.md");
}

main().catch((e: unknown) => {
  const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : "";
  console.error(`${e instanceof Error ? e.message : String(e)}${cause}`);
  process.exit(1);
});
