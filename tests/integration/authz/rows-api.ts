import { everyone, fromResponse, signedIn, type Expect, type MatrixRow, type Outcome } from "./matrix";
import type { ActorName, World } from "../../support/world";
import { createApiToken } from "@/lib/data/api-tokens";
import { DataError } from "@/lib/data/errors";
import { startReview } from "@/lib/data/review-writes";
import { getTaxonomy } from "@/lib/data/taxonomy";
import { toExportDocument } from "@/lib/taxonomy/load";
import type { ScopeName } from "@/lib/domain/api-scopes";
import * as me from "@/app/api/v1/me/route";
import * as myRatings from "@/app/api/v1/me/ratings/route";
import * as history from "@/app/api/v1/me/ratings/[skillId]/history/route";
import * as people from "@/app/api/v1/people/route";
import * as teams from "@/app/api/v1/teams/route";
import * as team from "@/app/api/v1/teams/[id]/route";
import * as matrix from "@/app/api/v1/teams/[id]/matrix/route";
import * as reviews from "@/app/api/v1/reviews/route";
import * as review from "@/app/api/v1/reviews/[id]/route";
import * as skills from "@/app/api/v1/skills/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as taxonomy from "@/app/api/v1/taxonomy/route";

/**
 * /api/v1 with tokens: each actor calls with a token of their own carrying the row's scopes (anonymous sends none:
 * "signin"), so a token sees exactly what its owner sees; a token without the scope is "forbidden" (403). Scopes only
 * administrators' tokens may carry (taxonomy:write, admin) cannot be given to the others: they call with a token
 * lacking them. Tokens are made once per actor and scope set (a person may hold 20).
 */

type Handler = (req: Request, ctx: { params?: Promise<unknown> }) => Promise<Response>;

const tokens = new Map<string, Promise<string>>();

/** The actor's token with `scopes`; with ["ratings:read"] instead when their account may not carry them. */
function tokenOf(w: World, as: Exclude<ActorName, "anonymous">, scopes: ScopeName[]): Promise<string> {
  const key = `${w.tag}:${as}:${scopes.join(",")}`;
  let t = tokens.get(key);
  if (!t) {
    const make = (s: ScopeName[]) =>
      createApiToken(w.actors[as], { name: `matrix ${s.join(" ")}`, kind: "personal", scopes: s, expiresInDays: 1 });
    t = make(scopes)
      .catch((e: unknown) =>
        e instanceof DataError && scopes[0] !== "ratings:read" ? make(["ratings:read"]) : Promise.reject(e),
      )
      .then((r) => r.token);
    tokens.set(key, t);
  }
  return t;
}

type Call = { method?: "GET" | "PUT"; path: string; params?: Record<string, string>; body?: unknown };

/** Calls the handler as `as` with a token of `scopes` (none for anonymous, or when `scopes` is null). */
async function asToken(
  w: World,
  as: ActorName,
  scopes: ScopeName[] | null,
  handler: unknown,
  call: Call,
): Promise<Outcome> {
  const headers = new Headers();
  if (as !== "anonymous" && scopes) headers.set("authorization", `Bearer ${await tokenOf(w, as, scopes)}`);
  if (call.body !== undefined) headers.set("content-type", "application/json");
  const req = new Request(`http://localhost/api/v1${call.path}`, {
    method: call.method ?? "GET",
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  return fromResponse(await (handler as Handler)(req, { params: Promise.resolve(call.params ?? {}) }));
}

const reviewsOf = new Map<string, Promise<string>>();
/** One open review of the member, by their manager, per world (any earlier open one is closed, as rows-reviews does). */
function memberReview(w: World): Promise<string> {
  let r = reviewsOf.get(w.tag);
  if (!r) {
    r = (async () => {
      const p = w.db.prisma;
      await p.review.updateMany({
        where: {
          subjectId: w.actors.member.id,
          state: { in: ["self_assessment", "manager_assessment", "discussion"] },
        },
        data: { state: "acknowledged" },
      });
      await p.user.update({ where: { id: w.actors.member.id }, data: { currentRoleId: "infrastructure-engineer" } });
      const started = await startReview(w.actors.manager, {
        teamId: w.teamId,
        subjectId: w.actors.member.id,
        period: `api ${w.tag}`,
        dueDate: new Date(Date.now() + 14 * 86_400_000),
      });
      return started.id;
    })();
    reviewsOf.set(w.tag, r);
  }
  return r;
}

/** The member's team as each actor's token sees it: its people and manager; admins only with the `admin` scope. */
const teamReaders: Expect = {
  anonymous: "signin",
  member: "ok",
  otherMember: "notfound",
  manager: "ok",
  otherManager: "notfound",
  admin: "notfound",
};
const withAdminScope: Expect = { ...teamReaders, admin: "ok" };
const forbidden = signedIn("forbidden");
const adminToken: Expect = { ...forbidden, admin: "ok" };

const firstSkill = async () => (await getTaxonomy()).skills[0].id;

/** One row per operation and scope set; `without` is a scope set lacking the one needed. */
const tokenRoute = (
  name: string,
  scopes: ScopeName[],
  handler: unknown,
  call: (w: World) => Promise<Call> | Call,
  expect: Expect,
  without: ScopeName[] = ["ratings:read"],
): MatrixRow[] => [
  {
    name: `${name} [${scopes.join(", ")}]`,
    run: async (w, as) => asToken(w, as, scopes, handler, await call(w)),
    expect,
  },
  {
    name: `${name} [token without ${scopes[0]}]`,
    run: async (w, as) => asToken(w, as, without, handler, await call(w)),
    expect: forbidden,
  },
];

export const apiRows: MatrixRow[] = [
  {
    name: "GET /api/v1/me [any scope]",
    run: (w, as) => asToken(w, as, ["reviews:read"], me.GET, { path: "/me" }),
    expect: signedIn("ok"),
  },
  ...tokenRoute(
    "GET /api/v1/me/ratings",
    ["ratings:read"],
    myRatings.GET,
    () => ({ path: "/me/ratings" }),
    signedIn("ok"),
    ["teams:read"],
  ),
  ...tokenRoute(
    "PUT /api/v1/me/ratings (own rating)",
    ["ratings:write"],
    myRatings.PUT,
    async () => ({
      method: "PUT",
      path: "/me/ratings",
      body: { ratings: [{ skillId: await firstSkill(), level: 2 }] },
    }),
    signedIn("ok"),
  ),
  ...tokenRoute(
    "GET /api/v1/me/ratings/{skillId}/history",
    ["ratings:read"],
    history.GET,
    async () => {
      const skillId = await firstSkill();
      return { path: `/me/ratings/${skillId}/history`, params: { skillId } };
    },
    signedIn("ok"),
    ["teams:read"],
  ),
  ...tokenRoute("GET /api/v1/people", ["teams:read"], people.GET, () => ({ path: "/people" }), signedIn("ok")),
  ...tokenRoute("GET /api/v1/teams", ["teams:read"], teams.GET, () => ({ path: "/teams" }), signedIn("ok")),
  ...tokenRoute(
    "GET /api/v1/teams/{id} (member's team)",
    ["teams:read"],
    team.GET,
    (w) => ({ path: `/teams/${w.teamId}`, params: { id: w.teamId } }),
    teamReaders,
  ),
  {
    name: "GET /api/v1/teams/{id} (member's team) [teams:read, admin]",
    run: (w, as) =>
      asToken(w, as, as === "admin" ? ["teams:read", "admin"] : ["teams:read"], team.GET, {
        path: `/teams/${w.teamId}`,
        params: { id: w.teamId },
      }),
    expect: withAdminScope,
  },
  ...tokenRoute(
    "GET /api/v1/teams/{id}/matrix (member's team)",
    ["teams:read"],
    matrix.GET,
    (w) => ({ path: `/teams/${w.teamId}/matrix`, params: { id: w.teamId } }),
    teamReaders,
  ),
  {
    name: "GET /api/v1/teams/{id}/matrix (member's team) [teams:read, admin]",
    run: (w, as) =>
      asToken(w, as, as === "admin" ? ["teams:read", "admin"] : ["teams:read"], matrix.GET, {
        path: `/teams/${w.teamId}/matrix`,
        params: { id: w.teamId },
      }),
    expect: withAdminScope,
  },
  ...tokenRoute("GET /api/v1/reviews", ["reviews:read"], reviews.GET, () => ({ path: "/reviews" }), signedIn("ok")),
  ...tokenRoute(
    "GET /api/v1/reviews/{id} (the member's, by their manager)",
    ["reviews:read"],
    review.GET,
    async (w) => {
      const id = await memberReview(w);
      return { path: `/reviews/${id}`, params: { id } };
    },
    teamReaders,
  ),
  {
    name: "GET /api/v1/reviews/{id} (the member's, by their manager) [reviews:read, admin]",
    run: async (w, as) => {
      const id = await memberReview(w);
      const scopes: ScopeName[] = as === "admin" ? ["reviews:read", "admin"] : ["reviews:read"];
      return asToken(w, as, scopes, review.GET, { path: `/reviews/${id}`, params: { id } });
    },
    expect: withAdminScope,
  },
  ...tokenRoute(
    "PUT /api/v1/taxonomy (the active taxonomy again)",
    ["taxonomy:write"],
    taxonomy.PUT,
    async () => ({ method: "PUT", path: "/taxonomy", body: toExportDocument(await getTaxonomy()) }),
    adminToken,
  ),
  {
    name: "GET /api/v1/skills (public, token or not)",
    run: (w, as) => asToken(w, as, ["ratings:read"], skills.GET, { path: "/skills" }),
    expect: everyone("ok"),
  },
  {
    name: "GET /api/v1/openapi.json (public)",
    run: (w, as) => asToken(w, as, null, openapi.GET, { path: "/openapi.json" }),
    expect: everyone("ok"),
  },
];
