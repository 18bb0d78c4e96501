/**
 * The token API (/api/v1) on a real database: tokens are refused with problem documents, a token never sees more than
 * its owner (nor more than its scopes allow), each route answers what its page shows, lists walk every row exactly once
 * by cursor even while rows are added, and every 200 matches the OpenAPI document.
 */
import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createWorld, type World } from "../support/world";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";
import type { ScopeName } from "@/lib/domain/api-scopes";
import type { SessionActor } from "@/lib/auth/session";
import { startReview, saveAssessment } from "@/lib/data/review-writes";
import { getTaxonomy } from "@/lib/data/taxonomy";
import { toExportDocument } from "@/lib/taxonomy/load";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { resetEnvCache } from "@/lib/env";
import { V1, type RouteSpec } from "@/lib/api/v1-routes";
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
import * as taxonomy from "@/app/api/v1/taxonomy/route";

type Handler = (req: Request, ctx: { params?: Promise<unknown> }) => Promise<Response>;
type Answer = {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { errors?: Record<string, string[]> };
};

let w: World;
let skillIds: string[];
/** The 200 schema of each operation, from the dereferenced document, as zod. */
const wire = new Map<string, z.ZodType>();

/** Requests a token may make per minute: high for this file, except where the limit itself is tested. */
function rateLimit(perMinute: string | undefined) {
  if (perMinute === undefined) delete process.env.API_RATE_LIMIT_PER_MINUTE;
  else process.env.API_RATE_LIMIT_PER_MINUTE = perMinute;
  resetEnvCache();
}

beforeAll(async () => {
  rateLimit("100000");
  w = await createWorld();
  skillIds = (await getTaxonomy()).skills.map((s) => s.id).sort();
  const doc = (await SwaggerParser.dereference(structuredClone(buildOpenApiDocument()) as never)) as unknown as {
    paths: Record<
      string,
      Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
    >;
  };
  for (const [p, item] of Object.entries(doc.paths))
    for (const [m, op] of Object.entries(item)) {
      const schema = op.responses["200"]?.content?.["application/json"]?.schema;
      if (schema) wire.set(`${m.toUpperCase()} ${p}`, z.fromJSONSchema(schema as never));
    }
});
afterAll(async () => {
  rateLimit(undefined);
  await w.db.close();
});

let n = 0;
async function tokenFor(actor: SessionActor, scopes: ScopeName[], expiresInDays = 30): Promise<string> {
  n += 1;
  return (await createApiToken(actor, { name: `t${n}`, kind: "personal", scopes, expiresInDays })).token;
}

/** A new verified person (with a session id, as the data layer's actors have). */
async function person(name: string, admin = false): Promise<SessionActor> {
  n += 1;
  const u = await w.db.prisma.user.create({
    data: {
      email: `${name}${n}-${w.tag}@test.local`,
      name: `${name} ${n} ${w.tag}`,
      isAdmin: admin,
      emailVerified: new Date(),
    },
  });
  return { id: u.id, isAdmin: admin, name: u.name, email: u.email, verified: true, sessionId: "none" };
}

/** Calls a handler as Next would; a 200 must match the operation's schema in the document. */
async function call(
  route: RouteSpec,
  handler: unknown,
  opts: { token?: string | null; path?: string; params?: Record<string, string>; body?: unknown; auth?: string } = {},
): Promise<Answer> {
  const headers = new Headers();
  if (opts.auth !== undefined) headers.set("authorization", opts.auth);
  else if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  if (opts.body !== undefined) headers.set("content-type", "application/json");
  const req = new Request(`http://localhost/api/v1${opts.path ?? route.path}`, {
    method: route.method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(opts.params ?? {}) });
  const body = (await res.json()) as Answer["body"];
  if (res.status === 200) {
    const schema = wire.get(`${route.method} ${route.path}`)!;
    const checked = schema.safeParse(body);
    expect(
      checked.success,
      `${route.method} ${route.path} answer matches the document: ${checked.error?.message}`,
    ).toBe(true);
  } else {
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(body).toMatchObject({ type: "about:blank", status: res.status, detail: expect.any(String) });
  }
  return { status: res.status, headers: res.headers, body };
}

describe("the document's answer schemas", () => {
  it("catch an answer that differs from the document (so the check on every 200 below can fail)", () => {
    const page = wire.get("GET /me/ratings")!;
    expect(page.safeParse({ data: [], nextCursor: null }).success).toBe(true);
    expect(page.safeParse({ data: [{ skillId: "x", level: 9 }], nextCursor: null }).success).toBe(false);
    expect(page.safeParse({ data: [], nextCursor: null, extra: true }).success).toBe(false);
    expect(wire.size).toBe(14);
  });
});

describe("refusing tokens", () => {
  it("answers 401 problem+json with WWW-Authenticate for no, garbage, unknown, revoked and expired tokens and a deactivated owner", async () => {
    const owner = await person("refused");
    const revoked = await tokenFor(owner, ["ratings:read"]);
    await revokeApiToken(owner, (await w.db.prisma.apiToken.findFirstOrThrow({ where: { userId: owner.id } })).id);
    const expired = await tokenFor(owner, ["ratings:read"]);
    await w.db.prisma.apiToken.updateMany({
      where: { userId: owner.id, revokedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const gone = await person("gone");
    const goneToken = await tokenFor(gone, ["ratings:read"]);
    await w.db.prisma.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    const cases: { token?: string | null; auth?: string }[] = [
      { token: null },
      { auth: "Bearer" },
      { auth: "Basic dXNlcjpwYXNz" },
      { auth: "Bearer not-a-token" },
      { token: `sgp_${"A".repeat(43)}` },
      { token: revoked },
      { token: expired },
      { token: goneToken },
    ];
    for (const c of cases) {
      const r = await call(V1.myRatings, myRatings.GET, c);
      expect(r.status, JSON.stringify(c)).toBe(401);
      expect(r.headers.get("www-authenticate")).toBe('Bearer realm="skillgap"');
      expect(r.body.title).toBe("Unauthorized");
    }
  });

  it("answers 403 when the token lacks the scope, whatever its owner may do", async () => {
    const readOnly = await tokenFor(w.actors.member, ["ratings:read"]);
    const put = await call(V1.putMyRatings, myRatings.PUT, {
      token: readOnly,
      body: { ratings: [{ skillId: skillIds[0], level: 2 }] },
    });
    expect(put.status).toBe(403);
    expect(put.body.detail).toMatch(/ratings:write/);
    const teamsOnly = await tokenFor(w.actors.member, ["teams:read"]);
    expect((await call(V1.myRatings, myRatings.GET, { token: teamsOnly })).status).toBe(403);
    expect((await call(V1.reviews, reviews.GET, { token: teamsOnly })).status).toBe(403);
    const adminNoWrite = await tokenFor(w.actors.admin, ["admin", "teams:read"]);
    const doc = toExportDocument(await getTaxonomy());
    expect((await call(V1.putTaxonomy, taxonomy.PUT, { token: adminNoWrite, body: doc })).status).toBe(403);
  });

  it("refuses taxonomy:write once the owner is no longer an administrator", async () => {
    const admin = await person("demoted", true);
    const token = await tokenFor(admin, ["taxonomy:write"]);
    await w.db.prisma.user.update({ where: { id: admin.id }, data: { isAdmin: false } });
    const doc = toExportDocument(await getTaxonomy());
    const r = await call(V1.putTaxonomy, taxonomy.PUT, { token, body: doc });
    expect(r.status).toBe(403);
  });

  it("limits each token per minute: of 8 parallel requests with a limit of 5, exactly 5 pass, the rest 429 with Retry-After", async () => {
    const owner = await person("busy");
    const token = await tokenFor(owner, ["ratings:read"]);
    const other = await tokenFor(owner, ["ratings:read"]);
    rateLimit("5");
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, () => call(V1.me, me.GET, { token })));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
      const limited = answers.filter((a) => a.status === 429);
      expect(limited).toHaveLength(3);
      for (const a of limited) expect(Number(a.headers.get("retry-after"))).toBeGreaterThan(0);
      // The limit is the token's: another token of the same person still works.
      expect((await call(V1.me, me.GET, { token: other })).status).toBe(200);
    } finally {
      rateLimit("100000");
    }
    const row = await w.db.prisma.apiToken.findFirstOrThrow({
      where: { userId: owner.id },
      orderBy: { createdAt: "asc" },
    });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });
});

describe("GET /me", () => {
  it("says who the token acts for, its scopes and expiry, with any scope", async () => {
    const token = await tokenFor(w.actors.manager, ["reviews:read"], 7);
    const r = await call(V1.me, me.GET, { token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: w.actors.manager.id, email: w.actors.manager.email, actsAsAdmin: false });
    const t = r.body.token as { scopes: string[]; expiresAt: string; kind: string };
    expect(t).toMatchObject({ scopes: ["reviews:read"], kind: "personal" });
    expect(new Date(t.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const adminToken = await tokenFor(w.actors.admin, ["admin"]);
    expect((await call(V1.me, me.GET, { token: adminToken })).body.actsAsAdmin).toBe(true);
    const plainAdmin = await tokenFor(w.actors.admin, ["ratings:read"]);
    expect((await call(V1.me, me.GET, { token: plainAdmin })).body.actsAsAdmin).toBe(false);
  });
});

describe("ratings", () => {
  it("saves through the form's schema, lists current ratings and the history newest first", async () => {
    const owner = await person("rater");
    const token = await tokenFor(owner, ["ratings:read", "ratings:write"]);
    const [a, b] = skillIds;
    const first = await call(V1.putMyRatings, myRatings.PUT, {
      token,
      body: {
        ratings: [
          { skillId: a, level: 2, note: "from a script" },
          { skillId: b, level: 4, wantsToGrow: true },
        ],
      },
    });
    expect(first).toMatchObject({ status: 200, body: { changed: 2 } });
    await call(V1.putMyRatings, myRatings.PUT, { token, body: { ratings: [{ skillId: a, level: 3 }] } });
    const list = await call(V1.myRatings, myRatings.GET, { token });
    expect(list.body.data).toEqual([
      expect.objectContaining({ skillId: a, level: 3, note: null, source: "self", stale: false }),
      expect.objectContaining({ skillId: b, level: 4, wantsToGrow: true }),
    ]);
    expect(list.body.nextCursor).toBeNull();
    const h = await call(V1.ratingHistory, history.GET, {
      token,
      path: `/me/ratings/${a}/history`,
      params: { skillId: a },
    });
    expect((h.body.data as { level: number; note: string | null }[]).map((e) => [e.level, e.note])).toEqual([
      [3, null],
      [2, "from a script"],
    ]);
    const unknown = await call(V1.ratingHistory, history.GET, { token, params: { skillId: "no-such-skill" } });
    expect(unknown.status).toBe(404);
    expect((await call(V1.ratingHistory, history.GET, { token, params: { skillId: "\u0000" } })).status).toBe(404);
  });

  it("refuses a bad save naming the field, and changes nothing (all or nothing)", async () => {
    const owner = await person("careful");
    const token = await tokenFor(owner, ["ratings:write"]);
    const count = () => w.db.prisma.rating.count({ where: { userId: owner.id } });
    const cases: [unknown, string][] = [
      [
        {
          ratings: [
            { skillId: skillIds[0], level: 3 },
            { skillId: skillIds[1], level: 9 },
          ],
        },
        "ratings.1.level",
      ],
      [{ ratings: [{ skillId: skillIds[0], level: 3, evidenceUrl: "javascript:alert(1)" }] }, "ratings.0.evidenceUrl"],
      [
        {
          ratings: [
            { skillId: skillIds[0], level: 3 },
            { skillId: "no-such-skill", level: 1 },
          ],
        },
        "ratings.1.skillId",
      ],
      [{ ratings: [] }, "ratings"],
      [{ ratings: [{ skillId: `a\u0000b`, level: 1 }] }, "ratings.0.skillId"],
      [[1, 2], "_form"],
    ];
    for (const [body, field] of cases) {
      const r = await call(V1.putMyRatings, myRatings.PUT, { token, body });
      expect(r.status, field).toBe(400);
      expect(Object.keys(r.body.errors ?? {}), field).toContain(field);
    }
    expect(await count()).toBe(0);
  });
});

describe("paging", () => {
  it("walks every rating exactly once with limit 2, even when one is added between pages", async () => {
    const owner = await person("pager");
    const token = await tokenFor(owner, ["ratings:read", "ratings:write"]);
    const chosen = skillIds.slice(0, 20).filter((_, i) => i % 4 === 1); // 5 skills with gaps between them
    await call(V1.putMyRatings, myRatings.PUT, {
      token,
      body: { ratings: chosen.map((s) => ({ skillId: s, level: 1 })) },
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: Answer = await call(V1.myRatings, myRatings.GET, {
        token,
        path: `/me/ratings?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      });
      expect(r.status).toBe(200);
      const data = r.body.data as { skillId: string }[];
      expect(data.length).toBeLessThanOrEqual(2);
      seen.push(...data.map((d) => d.skillId));
      cursor = r.body.nextCursor as string | null;
      // After the first page, rate a skill that sorts before the cursor and one after it.
      if (pages++ === 0)
        await call(V1.putMyRatings, myRatings.PUT, {
          token,
          body: {
            ratings: [
              { skillId: skillIds[0], level: 2 },
              { skillId: skillIds[19], level: 2 },
            ],
          },
        });
    } while (cursor);
    for (const s of chosen)
      expect(
        seen.filter((x) => x === s),
        s,
      ).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(skillIds[19]);
    expect(seen).not.toContain(skillIds[0]);
  });

  it("walks a history newest first and teams by name, each row once, while rows are added", async () => {
    const owner = await person("walker");
    const token = await tokenFor(owner, ["ratings:read", "ratings:write", "teams:read"]);
    const s = skillIds[3];
    for (let level = 0; level < 5; level++)
      await call(V1.putMyRatings, myRatings.PUT, { token, body: { ratings: [{ skillId: s, level }] } });
    const levels: number[] = [];
    let cursor: string | null = null;
    let first = true;
    do {
      const r: Answer = await call(V1.ratingHistory, history.GET, {
        token,
        path: `/me/ratings/${s}/history?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        params: { skillId: s },
      });
      levels.push(...(r.body.data as { level: number }[]).map((e) => e.level));
      cursor = r.body.nextCursor as string | null;
      if (first) await call(V1.putMyRatings, myRatings.PUT, { token, body: { ratings: [{ skillId: s, level: 5 }] } });
      first = false;
    } while (cursor);
    expect(levels).toEqual([4, 3, 2, 1, 0]);

    const names = ["Delta", "Alpha", "Echo", "Charlie", "Bravo"].map((x) => `${x} ${w.tag}`);
    for (const name of names) {
      const t = await w.db.prisma.team.create({ data: { name } });
      await w.db.prisma.teamMembership.create({ data: { teamId: t.id, userId: owner.id } });
    }
    const seen: string[] = [];
    cursor = null;
    first = true;
    do {
      const r: Answer = await call(V1.teams, teams.GET, {
        token,
        path: `/teams?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      });
      seen.push(...(r.body.data as { name: string }[]).map((t) => t.name));
      cursor = r.body.nextCursor as string | null;
      if (first) {
        // One team sorting before the cursor, one after it.
        for (const name of [`Aardvark ${w.tag}`, `Zulu ${w.tag}`]) {
          const t = await w.db.prisma.team.create({ data: { name } });
          await w.db.prisma.teamMembership.create({ data: { teamId: t.id, userId: owner.id } });
        }
      }
      first = false;
    } while (cursor);
    expect(seen).toEqual([...[...names].sort(), `Zulu ${w.tag}`]);
  });

  it("refuses a cursor it did not issue, another list's cursor and a limit off 1–100, naming the parameter", async () => {
    const token = await tokenFor(w.actors.member, ["ratings:read", "teams:read"]);
    const teamsPage = await call(V1.teams, teams.GET, { token, path: "/teams?limit=1" });
    const foreign = Buffer.from(JSON.stringify({ l: "teams", k: ["x", "y"] })).toString("base64url");
    const bad = [
      ["cursor=abc", "cursor"],
      ["cursor=%00", "cursor"],
      [`cursor=${foreign}`, "cursor"],
      [`cursor=${Buffer.from("{}").toString("base64url")}`, "cursor"],
      [`cursor=${"A".repeat(5000)}`, "cursor"],
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["limit=ten", "limit"],
      ["limit=1&limit=2", "limit"],
    ];
    for (const [q, field] of bad) {
      const r = await call(V1.myRatings, myRatings.GET, { token, path: `/me/ratings?${q}` });
      expect(r.status, q).toBe(400);
      expect(Object.keys(r.body.errors ?? {}), q).toEqual([field]);
    }
    // A real cursor of the teams list is refused by the ratings list.
    const own = teamsPage.body.nextCursor;
    if (own)
      expect((await call(V1.myRatings, myRatings.GET, { token, path: `/me/ratings?cursor=${own}` })).status).toBe(400);
  });
});

describe("people", () => {
  it("shows exactly whom the finder would show, filtered by name and skill", async () => {
    const skill = skillIds[5];
    const rate = (userId: string, level: number) =>
      w.db.prisma.rating.create({ data: { userId, skillId: skill, level } }).then((r) =>
        w.db.prisma.currentRating.create({
          data: { userId, skillId: skill, level, ratingId: r.id, updatedAt: new Date() },
        }),
      );
    await rate(w.actors.manager.id, 4);
    await rate(w.actors.otherMember.id, 5);
    const token = await tokenFor(w.actors.member, ["teams:read"]);
    const all = await call(V1.people, people.GET, { token, path: `/people?q=${w.tag}` });
    const ids = (all.body.data as { id: string }[]).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([w.actors.member.id, w.actors.manager.id]));
    expect(ids).not.toContain(w.actors.otherMember.id); // another team, findable by their teams only
    expect(ids).not.toContain(w.actors.otherManager.id);
    const skilled = await call(V1.people, people.GET, { token, path: `/people?skill=${skill}&minLevel=4` });
    expect(skilled.body.data).toEqual([
      { id: w.actors.manager.id, name: w.actors.manager.name, level: 4, isMe: false },
    ]);
    expect((await call(V1.people, people.GET, { token, path: `/people?skill=${skill}&minLevel=5` })).body.data).toEqual(
      [],
    );
    const noSkill = await call(V1.people, people.GET, { token, path: "/people?minLevel=3" });
    expect(noSkill.status).toBe(400);
    expect(Object.keys(noSkill.body.errors!)).toEqual(["minLevel"]);
    const unknown = await call(V1.people, people.GET, { token, path: "/people?skill=no-such-skill" });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.errors!)).toEqual(["skill"]);
  });
});

describe("teams", () => {
  it("lists only the owner's teams; an admin's token sees every team only with the admin scope", async () => {
    const ids = async (token: string) =>
      ((await call(V1.teams, teams.GET, { token, path: "/teams?limit=100" })).body.data as { id: string }[]).map(
        (t) => t.id,
      );
    const member = await ids(await tokenFor(w.actors.member, ["teams:read"]));
    expect(member).toContain(w.teamId);
    expect(member).not.toContain(w.otherTeamId);
    const plainAdmin = await ids(await tokenFor(w.actors.admin, ["teams:read"]));
    expect(plainAdmin).not.toContain(w.teamId);
    expect(plainAdmin).not.toContain(w.otherTeamId);
    const admin = await ids(await tokenFor(w.actors.admin, ["teams:read", "admin"]));
    expect(admin).toEqual(expect.arrayContaining([w.teamId, w.otherTeamId]));
  });

  it("shows a team and its matrix as the team page does, and another team as not found", async () => {
    const memberToken = await tokenFor(w.actors.member, ["teams:read"]);
    const managerToken = await tokenFor(w.actors.manager, ["teams:read"]);
    const own = { params: { id: w.teamId }, path: `/teams/${w.teamId}` };
    const asMember = await call(V1.team, team.GET, { token: memberToken, ...own });
    expect(asMember.body).toMatchObject({ id: w.teamId, myRole: "member", canSeeCells: false, people: [] });
    const asManager = await call(V1.team, team.GET, { token: managerToken, ...own });
    expect(asManager.body).toMatchObject({ myRole: "manager", canSeeCells: true });
    expect((asManager.body.people as unknown[]).length).toBe(2);

    const cells = await call(V1.teamMatrix, matrix.GET, { token: managerToken, ...own });
    expect(cells.body.matrix).toMatchObject({ rows: [expect.objectContaining({ userId: w.actors.member.id })] });
    const figures = await call(V1.teamMatrix, matrix.GET, { token: memberToken, ...own });
    expect(figures.status).toBe(200);
    expect(figures.body.matrix).toBeNull();

    for (const [token, handler, route] of [
      [memberToken, matrix.GET, V1.teamMatrix],
      [managerToken, matrix.GET, V1.teamMatrix],
      [memberToken, team.GET, V1.team],
      [await tokenFor(w.actors.admin, ["teams:read"]), matrix.GET, V1.teamMatrix],
    ] as const) {
      const r = await call(route, handler, { token, params: { id: w.otherTeamId } });
      expect(r.status).toBe(404);
      expect(r.body.detail).toBe("Not found.");
    }
    const adminToken = await tokenFor(w.actors.admin, ["teams:read", "admin"]);
    const asAdmin = await call(V1.teamMatrix, matrix.GET, { token: adminToken, params: { id: w.otherTeamId } });
    expect(asAdmin.body).toMatchObject({ canSeeCells: true });
  });
});

describe("reviews", () => {
  it("lists and opens only reviews the owner may open, keeping the other side's levels hidden until the reveal", async () => {
    // A review covers the skills of the person's role.
    const role = (await getTaxonomy()).roles[0].id;
    await w.db.prisma.user.update({ where: { id: w.actors.member.id }, data: { currentRoleId: role } });
    const r = await startReview(w.actors.manager, {
      teamId: w.teamId,
      subjectId: w.actors.member.id,
      period: `API ${w.tag}`,
      dueDate: new Date(Date.now() + 14 * 86_400_000),
    });
    const line = (await w.db.prisma.reviewSkill.findFirstOrThrow({ where: { reviewId: r.id } })).skillId;
    await saveAssessment(w.actors.manager, r.id, r.version, [{ skillId: line, level: 4 }]);
    const version = (await w.db.prisma.review.findUniqueOrThrow({ where: { id: r.id } })).version;
    await saveAssessment(w.actors.member, r.id, version, [{ skillId: line, level: 2 }]);
    const open = (token: string) =>
      call(V1.review, review.GET, { token, params: { id: r.id }, path: `/reviews/${r.id}` });
    const lineOf = (a: Answer) =>
      (a.body.lines as { skillId: string; selfLevel: number | null; managerLevel: number | null }[]).find(
        (l) => l.skillId === line,
      );

    const subject = await open(await tokenFor(w.actors.member, ["reviews:read"]));
    expect(subject.body).toMatchObject({ side: "subject", revealed: false, comments: [] });
    expect(lineOf(subject)).toMatchObject({ selfLevel: 2, managerLevel: null });
    const manager = await open(await tokenFor(w.actors.manager, ["reviews:read"]));
    expect(manager.body.side).toBe("manager");
    expect(lineOf(manager)).toMatchObject({ selfLevel: null, managerLevel: 4 });

    for (const who of ["otherMember", "otherManager"] as const) {
      const token = await tokenFor(w.actors[who], ["reviews:read"]);
      expect((await open(token)).status).toBe(404);
      const listed = await call(V1.reviews, reviews.GET, { token });
      expect((listed.body.data as { id: string }[]).map((x) => x.id)).not.toContain(r.id);
    }
    // An administrator's token sees it only with the admin scope (then as an observer, blind like the page).
    expect((await open(await tokenFor(w.actors.admin, ["reviews:read"]))).status).toBe(404);
    const observer = await open(await tokenFor(w.actors.admin, ["reviews:read", "admin"]));
    expect(observer.body.side).toBe("observer");
    expect(lineOf(observer)).toMatchObject({ selfLevel: null, managerLevel: null });

    const mine = await call(V1.reviews, reviews.GET, { token: await tokenFor(w.actors.member, ["reviews:read"]) });
    expect(mine.body.data).toEqual([
      expect.objectContaining({ id: r.id, side: "subject", state: "self_assessment", period: `API ${w.tag}` }),
    ]);
  });
});

describe("taxonomy and skills", () => {
  it("lists skills publicly, by id, a page at a time", async () => {
    const first = await call(V1.skills, skills.GET, { path: "/skills?limit=3" });
    expect((first.body.data as { id: string }[]).map((s) => s.id)).toEqual(skillIds.slice(0, 3));
    const next = await call(V1.skills, skills.GET, { path: `/skills?limit=3&cursor=${first.body.nextCursor}` });
    expect((next.body.data as { id: string }[]).map((s) => s.id)).toEqual(skillIds.slice(3, 6));
    const t = await getTaxonomy();
    const category = t.categories[0].id;
    const inCategory = await call(V1.skills, skills.GET, { path: `/skills?category=${category}&limit=100` });
    expect((inCategory.body.data as { category: string }[]).every((s) => s.category === category)).toBe(true);
  });

  it("imports a document as the admin page does: problems listed by place and nothing changed, or applied", async () => {
    const token = await tokenFor(w.actors.admin, ["taxonomy:write"]);
    const doc = toExportDocument(await getTaxonomy());
    const versions = () => w.db.prisma.taxonomyVersion.count();
    const before = await versions();
    const same = await call(V1.putTaxonomy, taxonomy.PUT, { token, body: doc });
    expect(same).toMatchObject({ status: 200, body: { changed: false } });

    const broken = structuredClone(doc);
    broken.version = `${doc.version}-broken`;
    broken.roles[0].requirements[0].skill = "no-such-skill";
    (broken.skills[1] as { name: unknown }).name = 42;
    const bad = await call(V1.putTaxonomy, taxonomy.PUT, { token, body: broken });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors!)).toEqual(
      expect.arrayContaining(["skills.1.name", "roles.0.requirements.0.skill"]),
    );
    expect(await versions()).toBe(before);
    expect((await call(V1.putTaxonomy, taxonomy.PUT, { token, body: "not a document" })).status).toBe(400);

    const next = structuredClone(doc);
    next.version = `${doc.version}-api-${w.tag}`;
    next.skills.push({
      ...structuredClone(next.skills[0]),
      id: `zz-api-${w.tag}`,
      name: `API skill ${w.tag}`,
      aliases: [],
      prerequisites: [],
    });
    const applied = await call(V1.putTaxonomy, taxonomy.PUT, { token, body: next });
    expect(applied).toMatchObject({ status: 200, body: { changed: true, version: next.version } });
    expect(await versions()).toBe(before + 1);
    const listed = await call(V1.skills, skills.GET, { path: `/skills?limit=100&cursor=${encodeURIComponent("")}` });
    expect(listed.status).toBe(200);
    const exported = await taxonomy.GET();
    expect(((await exported.json()) as { skills: { id: string }[] }).skills.map((s) => s.id)).toContain(
      `zz-api-${w.tag}`,
    );
  });
});
