import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { session, sessionModule } from "../support/session-mock";
import { createWorld, type ActorName, type World } from "../support/world";
import {
  applyValuePlan,
  changedTables,
  dbWatcher,
  FUZZ_SEED,
  hostileString,
  hostileValue,
  LEAK,
  newTally,
  samePlace,
  summarise,
  summaryLine,
  valuePlanArb,
} from "../support/fuzz";
import * as health from "@/app/api/health/route";
import * as live from "@/app/api/health/live/route";
import * as ready from "@/app/api/health/ready/route";
import * as taxonomy from "@/app/api/v1/taxonomy/route";
import * as myExport from "@/app/api/me/export/route";
import * as myRatings from "@/app/api/me/ratings/route";
import * as teamMatrix from "@/app/api/teams/[id]/matrix/route";
import * as reports from "@/app/api/reports/route";
import * as unsubscribe from "@/app/api/unsubscribe/route";
import * as cycleCsv from "@/app/api/cycles/[id]/route";
import * as v1Me from "@/app/api/v1/me/route";
import * as v1MyRatings from "@/app/api/v1/me/ratings/route";
import * as v1History from "@/app/api/v1/me/ratings/[skillId]/history/route";
import * as v1People from "@/app/api/v1/people/route";
import * as v1Teams from "@/app/api/v1/teams/route";
import * as v1Team from "@/app/api/v1/teams/[id]/route";
import * as v1Matrix from "@/app/api/v1/teams/[id]/matrix/route";
import * as v1Reviews from "@/app/api/v1/reviews/route";
import * as v1Review from "@/app/api/v1/reviews/[id]/route";
import * as v1Skills from "@/app/api/v1/skills/route";
import * as v1OpenApi from "@/app/api/v1/openapi.json/route";
import { unsubscribeQuery } from "@/lib/data/notifications";
import { refreshLevelSummary } from "@/lib/data/rating-store";
import { createApiToken } from "@/lib/data/api-tokens";
import { resetEnvCache } from "@/lib/env";
import { loadTaxonomy } from "@/lib/taxonomy/load";
import type { ScopeName } from "@/lib/domain/api-scopes";

vi.mock("@/lib/auth/session", () => sessionModule);

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
type Handler = (req: Request, ctx: unknown) => Promise<Response>;

/** Every route handler module (the next-auth catch-all is next-auth's own). Each exported method needs a spec. */
const modules: Record<string, { path: string; mod: Record<string, unknown> }> = {
  health: { path: "/api/health", mod: health },
  live: { path: "/api/health/live", mod: live },
  ready: { path: "/api/health/ready", mod: ready },
  taxonomy: { path: "/api/v1/taxonomy", mod: taxonomy },
  myExport: { path: "/api/me/export", mod: myExport },
  myRatings: { path: "/api/me/ratings", mod: myRatings },
  teamMatrix: { path: "/api/teams/[id]/matrix", mod: teamMatrix },
  reports: { path: "/api/reports", mod: reports },
  // The signed link (u, k, t) is the spec's base input, in the [link] slot; hostile pairs are appended after it.
  unsubscribe: { path: "/api/unsubscribe?[link]", mod: unsubscribe },
  cycleCsv: { path: "/api/cycles/[id]", mod: cycleCsv },
  v1Me: { path: "/api/v1/me", mod: v1Me },
  v1MyRatings: { path: "/api/v1/me/ratings", mod: v1MyRatings },
  v1History: { path: "/api/v1/me/ratings/[skillId]/history", mod: v1History },
  v1People: { path: "/api/v1/people", mod: v1People },
  v1Teams: { path: "/api/v1/teams", mod: v1Teams },
  v1Team: { path: "/api/v1/teams/[id]", mod: v1Team },
  v1Matrix: { path: "/api/v1/teams/[id]/matrix", mod: v1Matrix },
  v1Reviews: { path: "/api/v1/reviews", mod: v1Reviews },
  v1Review: { path: "/api/v1/reviews/[id]", mod: v1Review },
  v1Skills: { path: "/api/v1/skills", mod: v1Skills },
  v1OpenApi: { path: "/api/v1/openapi.json", mod: v1OpenApi },
};

/** Real unsubscribe links of the world's people, each kind and the digest. */
const validLink = (w: World) =>
  fc.constantFrom(
    ...(["member", "manager", "admin"] as const).flatMap((who) =>
      (["goal_due", "review_waiting", "cycle_deadline", "digest"] as const).map((k) =>
        unsubscribeQuery(w.actors[who].id, k),
      ),
    ),
  );

/** Links no one may use: altered, swapped between people or kinds, signed for nobody, or with a forged signature. */
const badLink = (w: World) => {
  const member = new URLSearchParams(unsubscribeQuery(w.actors.member.id, "goal_due"));
  const other = new URLSearchParams(unsubscribeQuery(w.actors.otherMember.id, "goal_due"));
  const t = member.get("t")!;
  const withParts = (parts: Record<string, string>) =>
    new URLSearchParams({ ...Object.fromEntries(member), ...parts }).toString();
  return fc.oneof(
    fc.constantFrom(
      "",
      unsubscribeQuery(`nobody-${w.tag}`, "goal_due"), // signed, but for no one
      withParts({ k: "review_waiting" }), // another kind under the member's signature
      withParts({ k: "not_a_kind" }),
      withParts({ u: w.actors.otherMember.id }), // another person under the member's signature
      withParts({ t: other.get("t")! }), // another person's signature
      withParts({ t: t.slice(0, -1) }),
      withParts({ t: `${t}A` }),
      withParts({ t: t.toUpperCase() }),
      withParts({ t: Buffer.from(t, "base64url").toString("base64") }),
      withParts({ t: "" }),
      `u=${w.actors.member.id}&k=goal_due`,
      `k=goal_due&t=${t}`,
    ),
    fc.tuple(fc.constantFrom("u", "k", "t"), hostileString).map(([part, v]) => withParts({ [part]: v })),
  );
};

/**
 * `token`: an /api/v1 route called with a real, valid token of the actor (every scope they may hold), so the fuzz
 * reaches the parsing and not only the 401; `keys`: query parameter names the route reads, mixed into the hostile ones.
 */
type Spec = {
  runs: number;
  params?: (w: World) => fc.Arbitrary<Record<string, string>>;
  token?: boolean;
  keys?: string[];
};
const PAGE_KEYS = ["limit", "cursor"];
/** A real cursor of another list, one of this list with a key it cannot have, and a forged one. */
const cursors = [
  Buffer.from(JSON.stringify({ l: "teams", k: ["a", "b"] })).toString("base64url"),
  Buffer.from(JSON.stringify({ l: "me.ratings", k: [{ $gt: "" }] })).toString("base64url"),
  Buffer.from(
    JSON.stringify({ l: "me.ratings.history", k: ["2026-01-01T00:00:00.000Z", "99999999999999999999"] }),
  ).toString("base64url"),
  Buffer.from(JSON.stringify({ l: "reviews", k: ["0000-00-00T00:00:00.000Z", "x"] })).toString("base64url"),
];
const teamId = (w: World) =>
  fc.oneof(fc.constantFrom(w.teamId, w.otherTeamId, `${w.teamId} `, w.teamId.toUpperCase()), hostileString);
const specs: Record<string, Spec> = {
  "health.GET": { runs: 25 },
  "live.GET": { runs: 10 },
  "ready.GET": { runs: 10 },
  "taxonomy.GET": { runs: 25 },
  "myExport.GET": { runs: 40 },
  "myRatings.GET": { runs: 40 },
  "reports.GET": { runs: 40 },
  // Public, signed links. A GET only redirects to the confirmation page, so it also gets real, valid links.
  "unsubscribe.GET": { runs: 40, params: (w) => fc.record({ link: fc.oneof(validLink(w), badLink(w)) }) },
  // Every POST must be refused (404) and change nothing: links that are forged, altered, another person's, or signed
  // for nobody. A valid link for a real person would be accepted and change NotificationPreference, which the
  // "nothing changes" rule of this loop does not allow (and the world has no stored preference to repeat).
  "unsubscribe.POST": { runs: 80, params: (w) => fc.record({ link: badLink(w) }) },
  // The one writer: hostile bodies never form a valid { ratings: [...] }, so it too must refuse without a change.
  "myRatings.PUT": { runs: 60 },
  // Next hands path params over as decoded strings, so the id is any string: real team ids among hostile ones.
  "teamMatrix.GET": {
    runs: 120,
    params: (w) =>
      fc.record({
        id: fc.oneof(fc.constantFrom(w.teamId, w.otherTeamId, `${w.teamId} `, w.teamId.toUpperCase()), hostileString),
      }),
  },
  // A cycle id is any string too: ids of other kinds (teams, people) among hostile ones.
  "cycleCsv.GET": {
    runs: 80,
    params: (w) =>
      fc.record({
        id: fc.oneof(fc.constantFrom(w.teamId, w.actors.member.id, `${w.teamId} `, "", "\u0000"), hostileString),
      }),
  },
  // /api/v1, with each actor's real token. The taxonomy PUT never receives a valid document here, so nothing changes.
  "taxonomy.PUT": { runs: 60, token: true },
  "v1Me.GET": { runs: 30, token: true },
  "v1MyRatings.GET": { runs: 60, token: true, keys: PAGE_KEYS },
  "v1MyRatings.PUT": { runs: 60, token: true },
  "v1History.GET": {
    runs: 60,
    token: true,
    keys: PAGE_KEYS,
    params: () => {
      const [a, b] = loadTaxonomy().skills.map((x) => x.id);
      return fc.record({ skillId: fc.oneof(fc.constantFrom(a, b, a.toUpperCase(), `${a} `, ""), hostileString) });
    },
  },
  "v1People.GET": { runs: 80, token: true, keys: [...PAGE_KEYS, "q", "skill", "minLevel"] },
  "v1Teams.GET": { runs: 60, token: true, keys: PAGE_KEYS },
  "v1Team.GET": { runs: 60, token: true, params: (w) => fc.record({ id: teamId(w) }) },
  "v1Matrix.GET": { runs: 60, token: true, params: (w) => fc.record({ id: teamId(w) }) },
  "v1Reviews.GET": { runs: 60, token: true, keys: PAGE_KEYS },
  "v1Review.GET": {
    runs: 40,
    token: true,
    params: (w) => fc.record({ id: fc.oneof(fc.constantFrom(w.teamId, "", "\u0000"), hostileString) }),
  },
  "v1Skills.GET": { runs: 60, keys: [...PAGE_KEYS, "category"] },
  "v1OpenApi.GET": { runs: 10 },
};
const RUNS_SCALE = Number(process.env.FUZZ_RUNS) ? Number(process.env.FUZZ_RUNS) / 60 : 1;

const headerName = fc.constantFrom(
  "content-type",
  "accept",
  "cookie",
  "x-forwarded-for",
  "x-forwarded-host",
  "authorization",
  "range",
  "if-none-match",
  "accept-language",
  "x-middleware-subrequest",
);

/** A request as hostile as fetch allows: odd methods and bodies, junk query strings and headers. */
const requestArbFor = (keys: string[] = []) =>
  fc.record({
    method: fc.constantFrom("GET", "GET", "GET", "HEAD", "POST", "DELETE"),
    query: fc.array(
      fc.tuple(
        keys.length ? fc.oneof(fc.constantFrom(...keys), hostileString) : hostileString,
        fc.oneof(
          hostileString,
          hostileValue.map((v) => summarise(v)),
          ...(keys.includes("cursor") ? [fc.constantFrom(...cursors)] : []),
        ),
      ),
      { maxLength: 4 },
    ),
    headers: fc.array(fc.tuple(headerName, hostileString), { maxLength: 3 }),
    body: fc.oneof(
      hostileString,
      hostileValue.map((v) => summarise(v)),
      fc.constant(`{"teamId":"x","isAdmin":true}`),
    ),
  });
const requestArb = requestArbFor();

function buildRequest(
  path: string,
  r: { method: string; query: [string, string][]; headers: [string, string][]; body: string },
  token: string | null = null,
): Request {
  const url = new URL(`http://localhost${path}`);
  for (const [k, v] of r.query) url.searchParams.append(k, v);
  const headers = new Headers();
  if (token) headers.set("authorization", `Bearer ${token}`);
  // fetch refuses header values outside Latin-1 or with control characters; a real client cannot send those either.
  for (const [k, v] of r.headers) {
    try {
      headers.append(k, v.slice(0, 8_000));
    } catch {
      /* not sendable */
    }
  }
  const hasBody = r.method === "POST" || r.method === "DELETE";
  return new Request(url, { method: r.method, headers, body: hasBody ? r.body : undefined });
}

let w: World;
/** Each actor's token for /api/v1, with every scope they may hold. */
const tokens: Partial<Record<ActorName, string>> = {};
beforeAll(async () => {
  w = await createWorld();
  const prisma = w.db.prisma;
  // Fuzzing is many requests a minute per token: the per-token limit is not what is under test here.
  process.env.API_RATE_LIMIT_PER_MINUTE = "100000";
  resetEnvCache();
  for (const as of ["member", "manager", "otherManager", "admin"] as const) {
    const scopes: ScopeName[] = ["ratings:read", "ratings:write", "teams:read", "reviews:read"];
    if (as === "admin") scopes.push("taxonomy:write", "admin");
    const { token } = await createApiToken(w.actors[as], { name: "fuzz", kind: "personal", scopes, expiresInDays: 1 });
    tokens[as] = token;
  }
  // "Last used" is written at most once a minute; set ahead, it is not rewritten during the run (no row may change).
  await prisma.apiToken.updateMany({ data: { lastUsedAt: new Date(Date.now() + 86_400_000) } });
  // Something to export: ratings for the member, so the CSV and matrix have rows with text in them.
  await prisma.user.update({
    where: { id: w.actors.member.id },
    data: { name: `=cmd|' /C calc'!A0 <script>alert(1)</script> ${w.tag}` },
  });
  const skills = await prisma.skill.findMany({ take: 3, select: { id: true } });
  for (const [i, s] of skills.entries()) {
    const rating = await prisma.rating.create({
      data: { userId: w.actors.member.id, skillId: s.id, level: i + 1, note: `'; DROP TABLE "User";-- ${i}` },
    });
    await prisma.currentRating.create({
      data: {
        userId: w.actors.member.id,
        skillId: s.id,
        level: i + 1,
        note: `"><img src=x onerror=alert(1)>`,
        ratingId: rating.id,
        updatedAt: new Date(),
      },
    });
  }
  // The summary the team matrix reads its levels from, as appendRatings would keep it.
  await refreshLevelSummary(prisma, w.actors.member.id);
});
afterAll(async () => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
  resetEnvCache();
  await w.db.close();
});

const tally = newTally();
const valueTally = newTally();
const actorNames: ActorName[] = ["anonymous", "member", "manager", "otherManager", "admin"];

/**
 * How an /api/v1 token route may refuse besides naming a field: 401 when no token went out or a fuzzed Authorization
 * header spoilt it; 403 only where the actor's token cannot carry the scope (the taxonomy import, admins only).
 */
type TokenCall = { route: string; authSpoilt: boolean };

/** Why a response breaks the contract, or null. */
async function problemWith(res: unknown, as: ActorName, tokenCall?: TokenCall): Promise<string | null> {
  if (!(res instanceof Response)) return `returned ${summarise(res)}`;
  const text = await res.text();
  if (res.status >= 500) return `HTTP ${res.status}: ${summarise(text)}`;
  if (LEAK.test(text)) return `leaked a stack trace or internals: ${summarise(text)}`;
  if (res.status < 400) return null;
  let body: { error?: unknown; detail?: unknown; errors?: Record<string, unknown> };
  try {
    body = JSON.parse(text);
  } catch {
    return `HTTP ${res.status} with a body that is not JSON: ${summarise(text)}`;
  }
  // /api/v1 answers RFC 9457 problem documents: the message is `detail`.
  const problemJson = res.headers.get("content-type") === "application/problem+json";
  if (tokenCall && !problemJson) return `HTTP ${res.status} that is not application/problem+json`;
  const error = problemJson ? body.detail : body.error;
  if (typeof error !== "string" || !error.trim()) return `HTTP ${res.status} without an error message`;
  if (res.status === 401) return as === "anonymous" || tokenCall?.authSpoilt ? null : `401 for signed-in ${as}`;
  if (res.status === 403)
    return tokenCall?.route === "taxonomy.PUT" && as !== "admin" ? null : `403 for ${as}: ${summarise(error)}`;
  if (res.status === 404)
    return error === "Not found." ? null : `404 that is not the generic not-found: ${summarise(error)}`;
  if (!body.errors || Object.keys(body.errors).length === 0)
    return `HTTP ${res.status} names no field: ${summarise(error)}`;
  return null;
}

describe("fuzzing every route handler", () => {
  it("has a spec for every exported method", () => {
    const exported = Object.entries(modules).flatMap(([m, { mod }]) =>
      Object.keys(mod)
        .filter((k) => METHODS.includes(k))
        .map((k) => `${m}.${k}`),
    );
    expect(exported.sort()).toEqual(Object.keys(specs).sort());
  });

  for (const [name, spec] of Object.entries(specs)) {
    it(`${name}: no 500, no stack trace, rejections name a field or are 401/404, nothing changes`, async () => {
      const [m, method] = name.split(".");
      const { path, mod } = modules[m];
      const handler = mod[method] as Handler;
      const errorLog = vi.spyOn(console, "error").mockImplementation(() => {});
      const failures: string[] = [];
      let n = 0;
      let pastTheToken = 0;
      const dbState = dbWatcher(w.db);
      let before = await dbState();
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...actorNames),
            spec.keys ? requestArbFor(spec.keys) : requestArb,
            spec.params ? spec.params(w) : fc.constant({}),
            async (as, r, params) => {
              n += 1;
              session.actor = w.actor(as);
              const concrete = path.replace(
                /\[(\w+)\]/g,
                (_, p: string) => (params as Record<string, string>)[p] ?? "",
              );
              const describe = `as ${as} ${r.method} ${summarise(concrete)} params ${summarise(params)} query ${summarise(r.query)}`;
              errorLog.mockClear();
              let problem: string | null;
              const token = spec.token ? (tokens[as] ?? null) : null;
              const tokenCall = spec.token
                ? { route: name, authSpoilt: r.headers.some(([h]) => h === "authorization") }
                : undefined;
              try {
                const res = await handler(buildRequest(concrete, r, token), { params: Promise.resolve(params) });
                if (token && res.status !== 401) pastTheToken += 1;
                problem = await problemWith(res, as, tokenCall);
              } catch (e) {
                problem = `threw ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : summarise(e)}`;
              }
              if (!problem && errorLog.mock.calls.length)
                problem = `logged an unexpected error: ${String(errorLog.mock.calls[0][1] ?? errorLog.mock.calls[0][0]).slice(0, 200)}`;
              // No fuzzed call, accepted or refused, may change a row (the PUT never receives a valid body here).
              const after = await dbState();
              const changed = changedTables(before.sums, after.sums);
              before = after;
              if (changed.length) problem = `${problem ? `${problem}; ` : ""}changed ${changed.join(", ")}`;
              if (problem) failures.push(`${name} [run ${n}] ${describe}: ${problem}`);
            },
          ),
          { seed: FUZZ_SEED, numRuns: Math.round(spec.runs * RUNS_SCALE), endOnFailure: true },
        );
      } finally {
        errorLog.mockRestore();
        session.actor = null;
      }
      tally.inputs += n;
      tally.byTarget[name] = n;
      tally.failures.push(...failures);
      expect(failures.slice(0, 15), `${failures.length} failures`).toEqual([]);
      // The tokens work: most token calls got past the 401 to the route's own parsing.
      if (spec.token) expect(pastTheToken, "token calls past the 401").toBeGreaterThan(n / 3);
    });
  }

  // Right shape, hostile values: a well-formed JSON body with the fields the form sends, hostile values in one to three
  // of them (NUL, half a surrogate pair, 100k characters, javascript: links, 1e21, NaN…), sometimes the list 501×.
  // The same for PUT /api/v1/me/ratings, with the member's token: the same schema must refuse the same way.
  const valueTargets = [
    { target: "myRatings.PUT", handler: myRatings.PUT as Handler, url: "/api/me/ratings", token: false },
    { target: "v1MyRatings.PUT", handler: v1MyRatings.PUT as Handler, url: "/api/v1/me/ratings", token: true },
  ];
  for (const { target, handler, url, token } of valueTargets)
    it(`${target}: right shape, hostile values — no 500, refusals name the field and change nothing`, async () => {
      const skillIds = (
        await w.db.prisma.skill.findMany({ take: 20, orderBy: { id: "asc" }, select: { id: true } })
      ).map((s) => s.id);
      const errorLog = vi.spyOn(console, "error").mockImplementation(() => {});
      const failures: string[] = [];
      const dbState = dbWatcher(w.db);
      let n = 0;
      try {
        await fc.assert(
          fc.asyncProperty(valuePlanArb, async (plan) => {
            n += 1;
            session.actor = w.actors.member;
            const base = {
              ratings: [
                {
                  skillId: skillIds[n % skillIds.length],
                  level: n % 6,
                  note: "from fuzz",
                  evidenceUrl: "https://example.com/x",
                  wantsToGrow: n % 2 === 0,
                },
              ],
            };
            const applied = applyValuePlan(base, { ...plan, formData: false });
            const body = JSON.stringify(applied.payload, (_k, v) => (typeof v === "bigint" ? String(v) : v));
            const before = await dbState();
            errorLog.mockClear();
            let problem: string | null;
            let refused = true;
            try {
              const res = await handler(
                new Request(`http://localhost${url}`, {
                  method: "PUT",
                  headers: {
                    "content-type": "application/json",
                    ...(token ? { authorization: `Bearer ${tokens.member}` } : {}),
                  },
                  body,
                }),
                {},
              );
              refused = res.status >= 400;
              const copy = res.clone();
              problem = await problemWith(res, "member", token ? { route: target, authSpoilt: false } : undefined);
              if (!problem && refused) {
                const keys = Object.keys(((await copy.json()) as { errors: Record<string, string[]> }).errors);
                const spoilt = applied.paths ?? [];
                if (!keys.some((k) => k === "body" || spoilt.some((p) => samePlace(k, p))))
                  problem = `HTTP ${res.status} names ${keys.join(", ")} instead of ${spoilt.join(", ")}`;
              }
            } catch (e) {
              problem = `threw ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : summarise(e)}`;
            }
            if (!problem && errorLog.mock.calls.length)
              problem = `logged an unexpected error: ${String(errorLog.mock.calls[0][1] ?? errorLog.mock.calls[0][0]).slice(0, 200)}`;
            if (refused) {
              const changed = changedTables(before.sums, (await dbState()).sums);
              if (changed.length) problem = `${problem ? `${problem}; ` : ""}refused but changed ${changed.join(", ")}`;
            }
            if (problem) failures.push(`${target} (values) [run ${n}] ${applied.describe}: ${problem}`);
          }),
          { seed: FUZZ_SEED, numRuns: Math.round(120 * RUNS_SCALE), endOnFailure: true },
        );
      } finally {
        errorLog.mockRestore();
        session.actor = null;
      }
      valueTally.inputs += n;
      valueTally.byTarget[target] = n;
      valueTally.failures.push(...failures);
      expect(failures.slice(0, 15), `${failures.length} failures`).toEqual([]);
    });

  afterAll(() => {
    console.log(summaryLine("route handlers", tally, "handlers"));
    console.log(summaryLine("route handlers, right shape with hostile values", valueTally, "handlers"));
  });
});
