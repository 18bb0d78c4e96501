/**
 * `npm run bench:bundle` — first-load JavaScript per page of the production build, gzipped, against a budget.
 * Builds first when .next is missing or stale (same fingerprint as `npm start`). For each page it takes the chunks
 * the browser loads before the page is interactive: the root main files from .next/build-manifest.json plus every
 * entry chunk in the page's client reference manifest (.next/server/app/<route>/page_client-reference-manifest.js:
 * root layout, not-found/error boundaries, the page); gzips each file with zlib and sums. Checks that recharts
 * (recognised by its `recharts-surface` class name) is only loaded, up front or lazily, by pages that draw a
 * recharts chart (a chart module importing "recharts", imported from the page's folder or its layouts).
 * Exits 1 when a page is over budget or recharts leaks; writes the table to docs/benchmarks.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { replaceSection } from "./bench-doc";
import { buildIsCurrent, markBuilt } from "../build-fingerprint";

const root = path.resolve(import.meta.dirname, "..", "..");
const next = path.join(root, ".next");
const KB = 1024;

/** Budgets in kB of gzipped first-load JS; pages not listed get DEFAULT_BUDGET. */
const BUDGETS: Record<string, number> = {
  "/dashboard": 250,
  "/compare": 250,
  "/teams/[id]": 250,
  "/reviews/[id]": 250,
  "/roles/[id]": 250,
};
const DEFAULT_BUDGET = 180;

function ensureBuild() {
  if (process.argv.includes("--no-build") || buildIsCurrent()) return;
  console.log("building (sources changed since the last build)…");
  const r = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
  markBuilt();
}

function findManifests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return findManifests(p);
    return e.name === "page_client-reference-manifest.js" ? [p] : [];
  });
}

type ClientManifest = { entryJSFiles?: Record<string, string[]> };

function readClientManifest(file: string): { entry: string; manifest: ClientManifest } {
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, ClientManifest> } };
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
  const all = sandbox.globalThis.__RSC_MANIFEST ?? {};
  const [entry] = Object.keys(all);
  return { entry, manifest: all[entry] };
}

const gzCache = new Map<string, { raw: number; gz: number; recharts: boolean; text: string }>();
function chunkSize(rel: string) {
  let s = gzCache.get(rel);
  if (!s) {
    const buf = readFileSync(path.join(next, rel));
    s = {
      raw: buf.length,
      gz: gzipSync(buf).length,
      recharts: buf.includes("recharts-surface"),
      text: buf.toString("utf8"),
    };
    gzCache.set(rel, s);
  }
  return s;
}

/** Chunks holding recharts code, loaded with the page or on demand (named by a first-load chunk's loader). */
function rechartsLoading(firstLoad: string[], rechartsChunks: string[]): "first load" | "lazy" | "no" {
  if (firstLoad.some((c) => chunkSize(c).recharts)) return "first load";
  const names = rechartsChunks.map((c) => path.basename(c));
  return firstLoad.some((c) => names.some((n) => chunkSize(c).text.includes(n))) ? "lazy" : "no";
}

/** Source files of the page's own folder and its layouts' folders that import a recharts-based chart. */
function importsRecharts(entry: string): boolean {
  const chartDir = path.join(root, "components", "charts");
  const source = (f: string) => readFileSync(path.join(chartDir, f), "utf8");
  const direct = readdirSync(chartDir)
    .filter((f) => source(f).includes('from "recharts"'))
    .map((f) => f.replace(/\.tsx?$/, ""));
  // A chart counts when it imports recharts itself or through a sibling it loads (e.g. bars.tsx → import("./bars-plot")).
  const rechartsCharts = readdirSync(chartDir)
    .filter((f) => direct.some((d) => f === `${d}.tsx` || source(f).includes(`"./${d}"`)))
    .map((f) => f.replace(/\.tsx?$/, ""));
  const pageDir = path.join(root, "app", path.dirname(entry));
  const files = readdirSync(pageDir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.join(pageDir, e.name));
  for (let d = pageDir; d.startsWith(path.join(root, "app")); d = path.dirname(d)) {
    for (const f of ["layout.tsx", "template.tsx"]) if (existsSync(path.join(d, f))) files.push(path.join(d, f));
  }
  return files.some((f) => rechartsCharts.some((c) => readFileSync(f, "utf8").includes(`components/charts/${c}"`)));
}

async function main() {
  ensureBuild();
  const buildManifest = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const routes = JSON.parse(readFileSync(path.join(next, "app-path-routes-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  const staticDir = path.join(next, "static", "chunks");
  const rechartsChunks = readdirSync(staticDir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => `static/chunks/${f}`)
    .filter((c) => chunkSize(c).recharts);
  const rows: {
    route: string;
    chunks: number;
    raw: number;
    gz: number;
    budget: number;
    recharts: "first load" | "lazy" | "no";
    wantsRecharts: boolean;
  }[] = [];
  for (const file of findManifests(path.join(next, "server", "app"))) {
    const { entry, manifest } = readClientManifest(file);
    const route = routes[entry] ?? entry;
    if (route.startsWith("/_")) continue; // framework error pages
    const chunks = new Set([...buildManifest.rootMainFiles, ...Object.values(manifest.entryJSFiles ?? {}).flat()]);
    const sizes = [...chunks].map(chunkSize);
    rows.push({
      route,
      chunks: chunks.size,
      raw: sizes.reduce((n, s) => n + s.raw, 0),
      gz: sizes.reduce((n, s) => n + s.gz, 0),
      budget: BUDGETS[route] ?? DEFAULT_BUDGET,
      recharts: rechartsLoading([...chunks], rechartsChunks),
      wantsRecharts: importsRecharts(entry),
    });
  }
  if (rows.length === 0)
    throw new Error("no page client reference manifests found under .next/server/app — is this a Next 16 build?");
  rows.sort((a, b) => a.route.localeCompare(b.route));
  const over = rows.filter((r) => r.gz > r.budget * KB);
  const leaks = rows.filter((r) => r.recharts !== "no" && !r.wantsRecharts);
  const missing = rows.filter((r) => r.recharts === "no" && r.wantsRecharts);
  const table = [
    "| page | chunks | JS raw kB | JS gzip kB | budget kB | recharts | page draws a recharts chart | verdict |",
    "|---|---:|---:|---:|---:|---|---|---|",
    ...rows.map(
      (r) =>
        `| \`${r.route}\` | ${r.chunks} | ${(r.raw / KB).toFixed(1)} | ${(r.gz / KB).toFixed(1)} | ${r.budget} | ${r.recharts} | ${r.wantsRecharts ? "yes" : "no"} | ${r.gz > r.budget * KB ? "**over budget**" : r.recharts !== "no" && !r.wantsRecharts ? "**recharts leak**" : "ok"} |`,
    ),
  ];
  console.log(table.join("\n"));
  const shared = buildManifest.rootMainFiles.map(chunkSize).reduce((n, s) => n + s.gz, 0);
  await replaceSection(
    "bundle",
    "## Bundle budget (`npm run bench:bundle`)",
    [
      `Measured ${new Date().toISOString().slice(0, 10)} on the production build (Next ${readNextVersion()}, turbopack).`,
      "Command: `npm run bench:bundle` (builds first when the sources changed). First-load JS = the root main files " +
        `(${(shared / KB).toFixed(1)} kB gzip, shared by every page) + every entry chunk in the page's client reference manifest; each file gzipped with zlib (level 6). ` +
        `Budget: 250 kB for pages with charts, ${DEFAULT_BUDGET} kB for the rest. recharts is detected in a chunk by its \`recharts-surface\` class name ` +
        `(${rechartsChunks.map((c) => `${(chunkSize(c).gz / KB).toFixed(1)} kB`).join(" + ")} gzip); "lazy" = not in the first load, fetched by the page's chart components after hydration (\`next/dynamic\`, \`ssr: false\`).`,
      "",
      ...table,
      "",
      `Result: ${over.length === 0 && leaks.length === 0 ? "every page within budget; recharts only on pages that draw recharts charts." : `**${over.length} over budget, ${leaks.length} recharts leaks.**`}` +
        (missing.length
          ? ` (${missing.map((r) => r.route).join(", ")} import a chart but no recharts chunk was found: check the detection.)`
          : ""),
    ].join("\n"),
  );
  if (over.length || leaks.length) {
    console.error(`${over.length} page(s) over budget, ${leaks.length} page(s) load recharts without a chart`);
    process.exitCode = 1;
  }
}

function readNextVersion(): string {
  return (
    JSON.parse(readFileSync(path.join(root, "node_modules", "next", "package.json"), "utf8")) as { version: string }
  ).version;
}

await main();
