/**
 * GET fuzzing of every page against the production server: hostile query strings (repeated keys, `x[]`, bad percent
 * encodings, NUL, 8k values) on every page, and hostile dynamic segments (NUL, undecodable bytes, 10k characters,
 * `..%2F`, unicode) on every dynamic route, signed out and signed in as the demo admin. No answer may be a 5xx or
 * carry a stack trace or a driver error. Pages are listed from app/ so a new page is fuzzed without editing this file.
 * Requests are raw (Playwright's request context, redirects not followed), a few at a time; each run logs its count.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";

const appDir = path.resolve(import.meta.dirname, "../../app");

/** Page routes from app/**\/page.tsx, as URL patterns ("/skills/[id]"); route groups "(x)" add nothing to the URL. */
function pageRoutes(dir = appDir, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== "api")
      out.push(
        ...pageRoutes(path.join(dir, entry.name), prefix + (/^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`)),
      );
    else if (entry.name === "page.tsx") out.push(prefix || "/");
  }
  return out.sort();
}

const ROUTES = pageRoutes();
const STATIC = ROUTES.filter((r) => !r.includes("["));
// Dynamic pages, plus the one dynamic route handler a browser can GET.
const DYNAMIC = [...ROUTES.filter((r) => r.includes("[")), "/api/teams/[id]/matrix"];

const huge = "a".repeat(8_000);
/** Query strings every page gets, raw as they go on the wire. */
const QUERIES = [
  "?q=a&q=b",
  "?page=1&page=2&category=all&category=x&sort=total&sort=name&gaps=1&gaps=0&cols=coverage&cols=x",
  "?x[]=1&x[]=2&q[]=a&a[]=b&callbackUrl[]=/x",
  "?q=%&a=%&b=%&page=%&token=%&callbackUrl=%&error=%",
  "?q=%ZZ&a=%ZZ&page=%ZZ&token=%ZZ&callbackUrl=%ZZ",
  "?q=%E0%A4%A&b=%C0%AF&token=%ED%A0%80&error=%E0%A4%A",
  "?q=%00&a=%00&b=%00&page=%00&token=%00&callbackUrl=%00&error=%00&welcome=%00",
  "?%=%&%%=%%&=&&==&%00=%00",
  `?q=${huge}&a=${huge.slice(0, 2_000)}`,
  "?page=-1&page=99999999999999999999999&category=..%2F..%2F&a=constructor&b=__proto__",
  "?callbackUrl=%2F%2Fevil.example&callbackUrl=javascript:alert(1)&error=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "?q=%F0%9F%98%80%E2%80%AE&token=%EF%BD%94&welcome=1&welcome=2",
];
/** Values for a dynamic segment, raw as they go on the wire. */
const SEGMENTS = [
  "%00",
  "a%00b",
  "%",
  "%25",
  "%ZZ",
  "%E0%A4%A",
  "%C0%AF",
  "%ED%A0%80",
  "..%2F..%2Fetc%2Fpasswd",
  "..%5C..%5Cwindows",
  "x".repeat(10_000),
  "%F0%9F%98%80",
  "%EF%BD%89%EF%BD%84",
  "'%20OR%20'1'%3D'1",
  "__proto__",
  "%20",
];

/** What must never reach a client: a stack frame, a Prisma or driver error, an error's own text. */
const LEAKS = [
  /\bat [^\s<>"]+ \(?[^\s<>"]*\.(?:js|mjs|cjs|ts|tsx):\d+/,
  /\.js:\d+:\d+/,
  /PrismaClient/,
  /DriverAdapterError/,
  /invalid byte sequence/,
  /\b(?:Type|Range|Reference|Syntax|URI)?Error: /,
];

type Tally = { requests: number; failures: string[] };

/** GETs each path (a few at a time) and records every 5xx or leak. */
async function sweep(request: APIRequestContext, paths: string[], as: string, tally: Tally) {
  const queue = [...paths];
  const worker = async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
      tally.requests += 1;
      const label = `${as} GET ${p.length > 120 ? `${p.slice(0, 100)}…(${p.length} chars)` : p}`;
      try {
        const res = await request.get(p, { maxRedirects: 0, failOnStatusCode: false, timeout: 30_000 });
        const body = await res.text();
        if (res.status() >= 500) tally.failures.push(`${label}: HTTP ${res.status()} ${body.slice(0, 120)}`);
        const leak = LEAKS.find((re) => re.test(body));
        if (leak) tally.failures.push(`${label}: HTTP ${res.status()} body matches ${leak}: ${body.match(leak)?.[0]}`);
      } catch (e) {
        tally.failures.push(`${label}: request failed: ${String(e).slice(0, 200)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/** The first id the list page links to ("/teams" → an id from `/teams/<id>`), or null when it lists none. */
async function firstLinkedId(request: APIRequestContext, list: string): Promise<string | null> {
  const html = await (await request.get(list, { maxRedirects: 0, failOnStatusCode: false })).text();
  return new RegExp(`href="${list}/([^"/?#]+)"`).exec(html)?.[1] ?? null;
}

/** Every static page × every query, and every dynamic route × every hostile segment (and × every query on a real id). */
async function pathsFor(request: APIRequestContext): Promise<string[]> {
  const paths = STATIC.flatMap((r) => QUERIES.map((q) => `${r}${q}`));
  for (const route of DYNAMIC) {
    paths.push(...SEGMENTS.map((s) => route.replace(/\[[^\]]+\]/, s)));
    const list = route.slice(0, route.indexOf("/["));
    const real = list.startsWith("/api") ? null : await firstLinkedId(request, list);
    if (real) paths.push(...QUERIES.map((q) => `${route.replace(/\[[^\]]+\]/, real)}${q}`));
  }
  return paths;
}

function report(tally: Tally, what: string) {
  console.log(`fuzz-get: ${tally.requests} requests ${what}, ${tally.failures.length} failures`);
  test.info().annotations.push({ type: "requests", description: `${tally.requests} (${what})` });
  expect(tally.failures.slice(0, 20), `${tally.failures.length} failures`).toEqual([]);
}

test.describe("GET fuzzing: no 5xx and no stack trace on any page, for any query string or path segment", () => {
  test("finds the pages to fuzz", () => {
    expect(STATIC).toEqual(
      expect.arrayContaining([
        "/",
        "/skills",
        "/roles",
        "/signin",
        "/dashboard",
        "/teams",
        "/reviews",
        "/compare",
        "/me/skills",
        "/admin",
        "/account",
      ]),
    );
    expect(DYNAMIC).toEqual(expect.arrayContaining(["/skills/[id]", "/roles/[id]", "/teams/[id]", "/reviews/[id]"]));
  });

  test("signed out", async ({ request }) => {
    const tally: Tally = { requests: 0, failures: [] };
    await sweep(request, await pathsFor(request), "signed out", tally);
    report(tally, "signed out");
  });

  test("signed in as the demo admin", async ({ page }) => {
    await signIn(page, "admin@skillgap.demo", DEMO_PASSWORD, "/dashboard");
    await expect(page).toHaveURL(/\/dashboard/);
    // page.request shares the browser context's cookies: the same session the form just created.
    const tally: Tally = { requests: 0, failures: [] };
    await sweep(page.request, await pathsFor(page.request), "signed in", tally);
    report(tally, "signed in as admin");
  });

  test("undecodable segments answer 400 or 404, not a redirect or a page", async ({ request }) => {
    for (const p of ["/skills/%E0%A4%A", "/roles/%", "/teams/%ZZ", "/reviews/%C0%AF", "/api/teams/%ZZ/matrix"]) {
      const res = await request.get(p, { maxRedirects: 0, failOnStatusCode: false });
      expect([400, 404], p).toContain(res.status());
    }
  });
});
