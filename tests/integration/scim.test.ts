/**
 * SCIM 2.0 provisioning at /scim/v2, called through the route handler with real Requests and a real service token,
 * against the examples of RFC 7644: users and groups are created, found, patched, replaced and removed; deactivation
 * ends every session at once; a group linked to a team keeps the team's membership in step (managers stay); every
 * refusal is a SCIM Error message; parallel requests neither lose a member nor create a user twice.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";
import { DataError } from "@/lib/data/errors";
import { resetEnvCache } from "@/lib/env";
import { linkScimGroup, unlinkScimGroup } from "@/lib/data/scim-links";
import { findSessionActor } from "@/lib/data/sessions";
import { hashToken } from "@/lib/data/tokens";
import * as route from "@/app/scim/v2/[...path]/route";

const ORIGIN = "https://skillgap.example";
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Json = Record<string, any>;

let w: World;
let token: string;
/** The per-token limit (the environment is parsed once, so the cache is dropped after a change). */
function rateLimit(perMinute: number) {
  process.env.API_RATE_LIMIT_PER_MINUTE = String(perMinute);
  resetEnvCache();
}

beforeAll(async () => {
  rateLimit(100_000);
  w = await createWorld();
  token = (await createApiToken(w.actors.admin, { name: "IdP", kind: "service", scopes: ["admin"], expiresInDays: 30 }))
    .token;
});
afterAll(() => w.db.close());

/** One call to the route handler, as Next would make it for `${ORIGIN}/scim/v2${path}`. */
async function scim(
  method: Method,
  path: string,
  opts: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string> } = {},
) {
  const url = new URL(`${ORIGIN}/scim/v2${path}`);
  const segments = url.pathname.slice("/scim/v2/".length).split("/").filter(Boolean).map(decodeURIComponent);
  const bearer = opts.token === undefined ? token : opts.token;
  const hasBody = opts.body !== undefined || opts.raw !== undefined;
  const req = new Request(url, {
    method,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(hasBody ? { "content-type": "application/scim+json" } : {}),
      ...opts.headers,
    },
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const res = await route[method](req, { params: Promise.resolve({ path: segments }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : null) as Json };
}

const patch = (...Operations: Json[]) => ({ schemas: [PATCH_OP], Operations });
const q = (filter: string) => `filter=${encodeURIComponent(filter)}`;
const unique = () => randomBytes(3).toString("hex");

/** A SCIM error with this status and scimType, as application/scim+json. */
function expectError(r: Awaited<ReturnType<typeof scim>>, status: number, scimType?: string) {
  expect(r.status).toBe(status);
  expect(r.headers.get("content-type")).toBe("application/scim+json");
  expect(r.json.schemas).toEqual([ERROR]);
  expect(r.json.status).toBe(String(status));
  if (scimType) expect(r.json.scimType).toBe(scimType);
  expect(typeof r.json.detail).toBe("string");
  expect(JSON.stringify(r.json)).not.toMatch(/\bat .+\.(ts|js):\d+|Prisma/);
}

async function newUser(email = `u-${unique()}@example.com`, extra: Json = {}) {
  const r = await scim("POST", "/Users", { body: { schemas: [USER], userName: email, ...extra } });
  expect(r.status).toBe(201);
  return r.json;
}

async function newGroup(displayName = `Group ${unique()}`, memberIds: string[] = []) {
  const r = await scim("POST", "/Groups", {
    body: { schemas: [GROUP], displayName, members: memberIds.map((value) => ({ value })) },
  });
  expect(r.status).toBe(201);
  return r.json;
}

const memberIds = async (groupId: string) =>
  ((await scim("GET", `/Groups/${groupId}`)).json.members ?? []).map((m: Json) => m.value).sort();
const teamRoles = async (teamId: string) =>
  Object.fromEntries((await w.db.prisma.teamMembership.findMany({ where: { teamId } })).map((m) => [m.userId, m.role]));
const audits = (action: string, subjectId: string) =>
  w.db.prisma.auditLog.findMany({ where: { action, subjectId }, select: { actorId: true, teamId: true, data: true } });

describe("discovery (RFC 7644 §4)", () => {
  it("describes the service: PATCH and filter supported, bearer tokens, the User and Group resource types", async () => {
    const spc = await scim("GET", "/ServiceProviderConfig");
    expect(spc.status).toBe(200);
    expect(spc.headers.get("content-type")).toBe("application/scim+json");
    expect(spc.json).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 200 },
      bulk: { supported: false },
      sort: { supported: false },
      authenticationSchemes: [{ type: "oauthbearertoken" }],
      meta: { location: `${ORIGIN}/scim/v2/ServiceProviderConfig` },
    });
    const types = await scim("GET", "/ResourceTypes");
    expect(types.json.Resources.map((t: Json) => [t.name, t.endpoint])).toEqual([
      ["User", "/Users"],
      ["Group", "/Groups"],
    ]);
    expect((await scim("GET", "/ResourceTypes/Group")).json.meta.location).toBe(
      `${ORIGIN}/scim/v2/ResourceTypes/Group`,
    );
    const schema = await scim("GET", `/Schemas/${USER}`);
    expect(schema.json.id).toBe(USER);
    expect(schema.json.attributes.map((a: Json) => a.name)).toContain("userName");
    expectError(await scim("GET", "/Schemas/urn:nothing"), 404);
  });
});

describe("Users", () => {
  it("creates a verified account without a password from the §3.3 example, with Location and an absolute meta.location", async () => {
    const r = await scim("POST", "/Users", {
      body: {
        schemas: [USER],
        userName: "bjensen@example.com",
        externalId: "bjensen",
        name: { formatted: "Ms. Barbara J Jensen III", familyName: "Jensen", givenName: "Barbara" },
      },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get("content-type")).toBe("application/scim+json");
    const id = r.json.id as string;
    expect(r.headers.get("location")).toBe(`${ORIGIN}/scim/v2/Users/${id}`);
    expect(r.json).toMatchObject({
      schemas: [USER],
      userName: "bjensen@example.com",
      externalId: "bjensen",
      name: { formatted: "Ms. Barbara J Jensen III" },
      active: true,
      emails: [{ value: "bjensen@example.com", primary: true }],
      meta: { resourceType: "User", location: `${ORIGIN}/scim/v2/Users/${id}` },
    });
    const row = await w.db.prisma.user.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      email: "bjensen@example.com",
      name: "Ms. Barbara J Jensen III",
      externalId: "bjensen",
    });
    expect(row.passwordHash).toBeNull();
    expect(row.emailVerified).toBeInstanceOf(Date);
    expect(row.isAdmin).toBe(false);
    expect(await audits("scim.user.created", id)).toEqual([
      { actorId: w.actors.admin.id, teamId: null, data: { active: true } },
    ]);

    const got = await scim("GET", `/Users/${id}`);
    expect(got.status).toBe(200);
    expect(got.json).toEqual(r.json);
  });

  it("refuses a userName that is not an email address (the literal §3.3 'bjensen'), and given+family name make the name", async () => {
    expectError(await scim("POST", "/Users", { body: { schemas: [USER], userName: "bjensen" } }), 400, "invalidValue");
    expectError(await scim("POST", "/Users", { body: { schemas: [USER], name: { formatted: "No user name" } } }), 400);
    const u = await newUser(`  Mixed.${unique()}@Example.COM `, { name: { givenName: "Ada", familyName: "Lovelace" } });
    expect(u.userName).toBe(u.userName.trim().toLowerCase());
    expect(u.name).toEqual({ formatted: "Ada Lovelace" });
  });

  it("finds people with the §3.4.2.2 filters it supports, pages stably and refuses the rest as invalidFilter", async () => {
    const bj = (await scim("GET", `/Users?${q('userName eq "bjensen@example.com"')}`)).json;
    expect(bj.schemas).toEqual([LIST]);
    expect(bj).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(bj.Resources[0].userName).toBe("bjensen@example.com");
    const one = async (filter: string) =>
      (await scim("GET", `/Users?${q(filter)}`)).json.Resources.map((u: Json) => u.userName);
    expect(await one('UserName EQ "BJensen@Example.com"')).toEqual(["bjensen@example.com"]);
    expect(await one('externalId eq "bjensen"')).toEqual(["bjensen@example.com"]);
    expect(await one('emails.value eq "bjensen@example.com"')).toEqual(["bjensen@example.com"]);
    expect(await one('emails[value eq "bjensen@example.com"]')).toEqual(["bjensen@example.com"]);
    expect(await one('userName sw "bjensen@" and meta.lastModified gt "2011-05-13T04:42:34Z"')).toEqual([
      "bjensen@example.com",
    ]);
    expect(await one('userName eq "bjensen@example.com" and not (active eq false)')).toEqual(["bjensen@example.com"]);
    expect(await one('externalId eq "nobody"')).toEqual([]);

    const tag = unique();
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await newUser(`page-${tag}-${i}@example.com`)).id);
    const page = await scim("GET", `/Users?${q(`userName sw "page-${tag}"`)}&startIndex=2&count=2`);
    expect(page.json).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(page.json.Resources.map((u: Json) => u.id)).toEqual(made.slice(1, 3));
    const last = await scim("GET", `/Users?${q(`userName sw "page-${tag}"`)}&startIndex=5&count=10`);
    expect(last.json.Resources.map((u: Json) => u.id)).toEqual([made[4]]);
    const none = await scim("GET", `/Users?${q(`userName co "${tag}"`)}&count=0`);
    expect(none.json).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    const either = await scim(
      "GET",
      `/Users?${q(`userName eq "page-${tag}-0@example.com" or userName ew "${tag}-4@example.com"`)}`,
    );
    expect(either.json.Resources.map((u: Json) => u.id)).toEqual([made[0], made[4]]);
    const only = await scim("GET", `/Users?${q(`userName sw "page-${tag}"`)}&attributes=userName`);
    expect(Object.keys(only.json.Resources[0]).sort()).toEqual(["id", "userName"]);

    for (const bad of [
      'userName eq "x" and (',
      "userName zz 1",
      'name.familyName co "O\'Malley"', // valid SCIM, but not an attribute we can search
      'emails[type eq "work" and value co "@example.com"]',
      "title pr",
      "userName eq 42",
      'meta.created gt "yesterday"',
      `userName eq "${"\\".repeat(60)}`, // scimmy's lexer would backtrack for minutes
      `userName eq "${"a".repeat(2000)}"`,
    ])
      expectError(await scim("GET", `/Users?${q(bad)}`), 400, "invalidFilter");
    expectError(await scim("GET", "/Users?filter="), 400, "invalidFilter");
    expectError(await scim("GET", "/Users?startIndex=abc"), 400, "invalidValue");
    expectError(await scim("GET", "/Users?attributes=userName,,,"), 400, "invalidFilter");
  });

  it("POST /Users/.search (§3.4.3) answers like GET with a filter", async () => {
    const r = await scim("POST", "/Users/.search", {
      body: {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        filter: 'userName eq "bjensen@example.com"',
        attributes: ["userName"],
        startIndex: 1,
        count: 10,
      },
    });
    expect(r.status).toBe(200);
    expect(r.json.Resources).toEqual([expect.objectContaining({ userName: "bjensen@example.com" })]);
    expectError(await scim("POST", "/Users/.search", { body: { schemas: ["nope"] } }), 400);
  });

  it("PATCH replace active false deactivates at once: their sessions end; active true brings them back", async () => {
    const u = await newUser();
    const session = await w.db.prisma.session.create({
      data: { userId: u.id, sessionToken: `t-${u.id}`, expires: new Date(Date.now() + 86_400_000) },
    });
    expect(await findSessionActor(u.id, session.id)).not.toBeNull();

    const off = await scim("PATCH", `/Users/${u.id}`, { body: patch({ op: "replace", path: "active", value: false }) });
    expect(off.status).toBe(200);
    expect(off.json.active).toBe(false);
    expect(await w.db.prisma.session.count({ where: { userId: u.id } })).toBe(0);
    expect(await findSessionActor(u.id, session.id)).toBeNull();
    expect((await w.db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).deactivatedAt).toBeInstanceOf(Date);
    expect(await audits("scim.user.deactivated", u.id)).toEqual([
      { actorId: w.actors.admin.id, teamId: null, data: null },
    ]);
    // The same again changes nothing: 204 No Content.
    expect(
      (await scim("PATCH", `/Users/${u.id}`, { body: patch({ op: "replace", path: "active", value: false }) })).status,
    ).toBe(204);

    // Entra ID's spelling: a capitalised op and the boolean as a string.
    const on = await scim("PATCH", `/Users/${u.id}`, { body: patch({ op: "Replace", path: "active", value: "True" }) });
    expect(on.json.active).toBe(true);
    // Okta's spelling: a path-less replace.
    await scim("PATCH", `/Users/${u.id}`, { body: patch({ op: "replace", value: { active: false } }) });
    expect((await scim("GET", `/Users/${u.id}`)).json.active).toBe(false);
    expect(await audits("scim.user.reactivated", u.id)).toHaveLength(1);
  });

  it("PATCH changes the name and the userName (the email address); a taken userName is 409 uniqueness", async () => {
    const u = await newUser(undefined, { name: { formatted: "Old Name" }, externalId: `ext-${unique()}` });
    const email = `renamed-${unique()}@example.com`;
    const r = await scim("PATCH", `/Users/${u.id}`, {
      body: patch(
        { op: "replace", path: "name.givenName", value: "Barbara" },
        { op: "replace", path: "name.familyName", value: "Jensen" },
        { op: "replace", path: "userName", value: email },
      ),
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ userName: email, name: { formatted: "Barbara Jensen" } });
    const row = await w.db.prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row).toMatchObject({ email, name: "Barbara Jensen" });
    expect(await audits("scim.user.updated", u.id)).toEqual([
      { actorId: w.actors.admin.id, teamId: null, data: { fields: ["userName", "name"] } },
    ]);
    const removed = await scim("PATCH", `/Users/${u.id}`, { body: patch({ op: "remove", path: "externalId" }) });
    expect(removed.json.externalId).toBeUndefined();

    const taken = await scim("PATCH", `/Users/${u.id}`, {
      body: patch({ op: "replace", path: "userName", value: "bjensen@example.com" }),
    });
    expectError(taken, 409, "uniqueness");
    expect((await w.db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).email).toBe(email);
    expectError(
      await scim("PATCH", `/Users/${u.id}`, { body: patch({ op: "replace", path: "nope", value: 1 }) }),
      400,
      "invalidPath",
    );
    expectError(await scim("PATCH", `/Users/${u.id}`, { body: { Operations: [] } }), 400);
  });

  it("PUT replaces what it states (§3.5.1) and leaves out what it omits (active stays as it was)", async () => {
    const u = await newUser(undefined, { externalId: `put-${unique()}` });
    await scim("PATCH", `/Users/${u.id}`, { body: patch({ op: "replace", path: "active", value: false }) });
    const email = `babs-${unique()}@jensen.org`;
    const r = await scim("PUT", `/Users/${u.id}`, {
      body: {
        schemas: [USER],
        id: u.id,
        userName: email,
        name: { formatted: "Ms. Barbara J Jensen III", familyName: "Jensen", givenName: "Barbara", middleName: "Jane" },
        roles: [],
        userType: "Employee",
        emails: [{ value: email }, { value: "babs@jensen.org" }],
      },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: u.id, userName: email, externalId: u.externalId, active: false });
    expect(r.json.name.formatted).toBe("Ms. Barbara J Jensen III");
    expectError(
      await scim("PUT", "/Users/nobody", { body: { schemas: [USER], userName: `x-${unique()}@example.com` } }),
      404,
    );
  });

  it("DELETE deactivates, ends sessions and detaches the externalId, keeping the account and its history", async () => {
    const ext = `del-${unique()}`;
    const u = await newUser(undefined, { externalId: ext });
    await w.db.prisma.session.create({
      data: { userId: u.id, sessionToken: `t-${u.id}`, expires: new Date(Date.now() + 86_400_000) },
    });
    const r = await scim("DELETE", `/Users/${u.id}`);
    expect(r.status).toBe(204);
    const row = await w.db.prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.deactivatedAt).toBeInstanceOf(Date);
    expect(row.externalId).toBeNull();
    expect(await w.db.prisma.session.count({ where: { userId: u.id } })).toBe(0);
    // The externalId is free for someone else; the person can be found again by userName and brought back.
    await newUser(undefined, { externalId: ext });
    const again = await scim("GET", `/Users?${q(`userName eq "${u.userName}"`)}`);
    expect(again.json.Resources[0]).toMatchObject({ id: u.id, active: false });
    expect(await audits("scim.user.deleted", u.id)).toHaveLength(1);
  });

  it("the token's owner cannot deactivate themself through it", async () => {
    const me = w.actors.admin.id;
    expectError(
      await scim("PATCH", `/Users/${me}`, { body: patch({ op: "replace", path: "active", value: false }) }),
      400,
    );
    expectError(await scim("DELETE", `/Users/${me}`), 400);
    expect((await w.db.prisma.user.findUniqueOrThrow({ where: { id: me } })).deactivatedAt).toBeNull();
  });

  it("a userName or externalId that is taken is 409 uniqueness; an existing self-signed-up account is not taken over", async () => {
    const taken = await scim("POST", "/Users", { body: { schemas: [USER], userName: w.actors.member.email } });
    expectError(taken, 409, "uniqueness");
    expect((await w.db.prisma.user.findUniqueOrThrow({ where: { id: w.actors.member.id } })).externalId).toBeNull();
    expectError(
      await scim("POST", "/Users", {
        body: { schemas: [USER], userName: `x-${unique()}@example.com`, externalId: "bjensen" },
      }),
      409,
      "uniqueness",
    );
  });

  it("two parallel creates of one userName: one 201, the others 409, one account", async () => {
    const email = `race-${unique()}@example.com`;
    const results = await Promise.all(
      Array.from({ length: 4 }, () => scim("POST", "/Users", { body: { schemas: [USER], userName: email } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expectError(r, 409, "uniqueness");
    expect(await w.db.prisma.user.count({ where: { email } })).toBe(1);
  });
});

describe("Groups", () => {
  it("creates, finds by displayName (members left out on request) and reads a group", async () => {
    const bj = (await scim("GET", `/Users?${q('userName eq "bjensen@example.com"')}`)).json.Resources[0];
    const name = `Tour Guides ${unique()}`;
    const g = await newGroup(name, [bj.id]);
    expect(g).toMatchObject({
      schemas: [GROUP],
      displayName: name,
      members: [{ value: bj.id, display: "Ms. Barbara J Jensen III", $ref: `${ORIGIN}/scim/v2/Users/${bj.id}` }],
      meta: { location: `${ORIGIN}/scim/v2/Groups/${g.id}` },
    });
    const found = await scim("GET", `/Groups?${q(`displayName eq "${name}"`)}&excludedAttributes=members`);
    expect(found.json.totalResults).toBe(1);
    expect(found.json.Resources[0].members).toBeUndefined();
    expect(
      (await scim("GET", `/Groups?${q(`members[value eq "${bj.id}"]`)}`)).json.Resources.map((x: Json) => x.id),
    ).toContain(g.id);
    expect((await scim("GET", `/Users/${bj.id}`)).json.groups).toContainEqual(
      expect.objectContaining({ value: g.id, display: name }),
    );
    expectError(await scim("POST", "/Groups", { body: { schemas: [GROUP], members: [] } }), 400, "invalidValue");
    expectError(
      await scim("POST", "/Groups", { body: { schemas: [GROUP], displayName: "x", members: [{ value: "nobody" }] } }),
      400,
      "invalidValue",
    );
    expectError(
      await scim("POST", "/Groups", {
        body: { schemas: [GROUP], displayName: "x", members: [{ value: g.id, type: "Group" }] },
      }),
      400,
      "invalidValue",
    );
  });

  it("PATCH adds members (§3.5.2.1), removes one by a value filter and all of them (§3.5.2.2), replaces them (§3.5.2.3)", async () => {
    const [a, b, c] = [await newUser(), await newUser(), await newUser()];
    const g = await newGroup();
    const add = await scim("PATCH", `/Groups/${g.id}`, {
      body: patch({
        op: "add",
        path: "members",
        value: [{ display: "Babs Jensen", $ref: `${ORIGIN}/scim/v2/Users/${a.id}`, value: a.id }, { value: b.id }],
      }),
    });
    expect(add.status).toBe(200);
    expect(await memberIds(g.id)).toEqual([a.id, b.id].sort());
    expect(await audits("scim.group.members", g.id)).toEqual([
      {
        actorId: w.actors.admin.id,
        teamId: null,
        data: { added: [a.id, b.id], removed: [], addedCount: 2, removedCount: 0 },
      },
    ]);

    await scim("PATCH", `/Groups/${g.id}`, { body: patch({ op: "remove", path: `members[value eq "${a.id}"]` }) });
    expect(await memberIds(g.id)).toEqual([b.id]);
    // Removing someone who is not a member changes nothing.
    expect(
      (await scim("PATCH", `/Groups/${g.id}`, { body: patch({ op: "remove", path: `members[value eq "${a.id}"]` }) }))
        .status,
    ).toBe(204);
    // Entra ID's removal: the value list instead of a path filter.
    await scim("PATCH", `/Groups/${g.id}`, {
      body: patch({ op: "Remove", path: "members", value: [{ value: b.id }] }),
    });
    expect(await memberIds(g.id)).toEqual([]);

    await scim("PATCH", `/Groups/${g.id}`, {
      body: patch({ op: "add", path: "members", value: [{ value: a.id }, { value: b.id }] }),
    });
    await scim("PATCH", `/Groups/${g.id}`, { body: patch({ op: "remove", path: "members" }) });
    expect(await memberIds(g.id)).toEqual([]);

    await scim("PATCH", `/Groups/${g.id}`, { body: patch({ op: "add", path: "members", value: [{ value: a.id }] }) });
    const replaced = await scim("PATCH", `/Groups/${g.id}`, {
      body: patch({ op: "replace", path: "members", value: [{ value: b.id }, { value: c.id }] }),
    });
    expect(replaced.json.members.map((m: Json) => m.value).sort()).toEqual([b.id, c.id].sort());
    const renamed = await scim("PATCH", `/Groups/${g.id}`, {
      body: patch({ op: "Replace", value: { id: g.id, displayName: "Renamed by Entra" } }),
    });
    expect(renamed.json.displayName).toBe("Renamed by Entra");

    expectError(
      await scim("PATCH", `/Groups/${g.id}`, {
        body: patch({ op: "add", path: "members", value: [{ value: "nobody" }] }),
      }),
      400,
      "invalidValue",
    );
    expectError(
      await scim("PATCH", `/Groups/${g.id}`, {
        body: patch({ op: "remove", path: `members[value eq "${"\\".repeat(60)}` }),
      }),
      400,
      "invalidPath",
    );
    expect(await memberIds(g.id)).toEqual([b.id, c.id].sort());
  });

  it("PUT replaces the name and, when listed, the members; DELETE removes the group", async () => {
    const [a, b] = [await newUser(), await newUser()];
    const g = await newGroup(undefined, [a.id]);
    const renamed = await scim("PUT", `/Groups/${g.id}`, { body: { schemas: [GROUP], displayName: "Only renamed" } });
    expect(renamed.json).toMatchObject({ displayName: "Only renamed", members: [{ value: a.id }] });
    const put = await scim("PUT", `/Groups/${g.id}`, {
      body: { schemas: [GROUP], displayName: "Put", members: [{ value: b.id }] },
    });
    expect(put.json.members.map((m: Json) => m.value)).toEqual([b.id]);
    expect((await scim("DELETE", `/Groups/${g.id}`)).status).toBe(204);
    expectError(await scim("GET", `/Groups/${g.id}`), 404);
    expect(await w.db.prisma.scimGroupMember.count({ where: { groupId: g.id } })).toBe(0);
  });

  it("two parallel PATCHes adding different members to one group both land", async () => {
    const team = await w.db.prisma.team.create({ data: { name: `Parallel ${unique()}` } });
    const g = await newGroup();
    await linkScimGroup(w.actors.admin, { groupId: g.id, teamId: team.id });
    const people = await Promise.all(Array.from({ length: 6 }, () => newUser()));
    const results = await Promise.all(
      people.map((p) =>
        scim("PATCH", `/Groups/${g.id}`, { body: patch({ op: "add", path: "members", value: [{ value: p.id }] }) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(people.map(() => 200));
    expect(await memberIds(g.id)).toEqual(people.map((p) => p.id).sort());
    expect(Object.keys(await teamRoles(team.id)).sort()).toEqual(people.map((p) => p.id).sort());
  });
});

describe("groups linked to teams", () => {
  it("a linked group's changes follow into the team: added people become members, removed members leave, managers stay", async () => {
    const [newcomer, manager, member, later] = [await newUser(), await newUser(), await newUser(), await newUser()];
    const team = await w.db.prisma.team.create({ data: { name: `Platform ${unique()}` } });
    await w.db.prisma.teamMembership.create({ data: { teamId: team.id, userId: manager.id, role: "manager" } });
    const g = await newGroup(undefined, [newcomer.id, manager.id, member.id]);
    // Not linked yet: nothing reaches the team.
    expect(await teamRoles(team.id)).toEqual({ [manager.id]: "manager" });

    const linked = await linkScimGroup(w.actors.admin, { groupId: g.id, teamId: team.id });
    expect(linked).toEqual({ team: { id: team.id, name: team.name }, joined: 2 });
    expect(await teamRoles(team.id)).toEqual({
      [newcomer.id]: "member",
      [manager.id]: "manager",
      [member.id]: "member",
    });
    expect(await audits("scim.group.linked", g.id)).toEqual([
      { actorId: w.actors.admin.id, teamId: team.id, data: { groupId: g.id, created: false, joined: 2 } },
    ]);

    await scim("PATCH", `/Groups/${g.id}`, {
      body: patch(
        { op: "remove", path: `members[value eq "${manager.id}"]` },
        { op: "remove", path: `members[value eq "${member.id}"]` },
        { op: "add", path: "members", value: [{ value: later.id }] },
      ),
    });
    expect(await teamRoles(team.id)).toEqual({
      [newcomer.id]: "member",
      [manager.id]: "manager",
      [later.id]: "member",
    });
    const [row] = (await audits("scim.group.members", g.id)).slice(-1);
    expect(row).toMatchObject({ teamId: team.id, data: { team: { joined: 1, left: 1 } } });

    // A PUT that lists members is a replacement, and follows too.
    await scim("PUT", `/Groups/${g.id}`, {
      body: { schemas: [GROUP], displayName: g.displayName, members: [{ value: later.id }] },
    });
    expect(await teamRoles(team.id)).toEqual({ [manager.id]: "manager", [later.id]: "member" });

    await unlinkScimGroup(w.actors.admin, g.id);
    await scim("PATCH", `/Groups/${g.id}`, { body: patch({ op: "remove", path: "members" }) });
    expect(await teamRoles(team.id)).toEqual({ [manager.id]: "manager", [later.id]: "member" });

    // Deleting a linked group keeps the team and its people.
    await linkScimGroup(w.actors.admin, { groupId: g.id, teamId: team.id });
    await scim("DELETE", `/Groups/${g.id}`);
    expect(await teamRoles(team.id)).toEqual({ [manager.id]: "manager", [later.id]: "member" });
  });

  it("creates a team named after the group, and never links one team to two groups", async () => {
    const a = await newUser();
    const name = `Site Reliability ${unique()}`;
    const g = await newGroup(name, [a.id]);
    const { team } = await linkScimGroup(w.actors.admin, { groupId: g.id, teamId: "new" });
    expect(team.name).toBe(name);
    expect(await teamRoles(team.id)).toEqual({ [a.id]: "member" });
    const other = await newGroup(name);
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e,
      );
    expect(await refusal(linkScimGroup(w.actors.admin, { groupId: other.id, teamId: team.id }))).toBeInstanceOf(
      DataError,
    );
    expect(await refusal(linkScimGroup(w.actors.admin, { groupId: other.id, teamId: "new" }))).toBeInstanceOf(
      DataError,
    );
    expect(await refusal(linkScimGroup(w.actors.admin, { groupId: g.id, teamId: w.teamId }))).toBeInstanceOf(DataError);
    expect(await w.db.prisma.scimGroup.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ teamId: null });
  });
});

describe("refusals", () => {
  /** A token row as if minted while its owner was an administrator (they no longer are, or never were). */
  async function forgedAdminToken(userId: string) {
    const t = `sgp_${randomBytes(32).toString("base64url")}`;
    await w.db.prisma.apiToken.create({
      data: {
        userId,
        kind: "personal",
        name: "old",
        prefix: t.slice(0, 10),
        tokenHash: hashToken(t),
        scopes: ["admin"],
      },
    });
    return t;
  }

  it("no token, a bad or revoked token: 401; a token without the admin scope, or a non-admin's: 403", async () => {
    const none = await scim("GET", "/Users", { token: null });
    expectError(none, 401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectError(await scim("GET", "/Users", { token: "sgs_not-a-real-token" }), 401);
    expectError(
      await scim("GET", "/Users", { headers: { authorization: "Basic YWRtaW46YWRtaW4=" }, token: null }),
      401,
    );

    const personal = await createApiToken(w.actors.admin, {
      name: "read",
      kind: "personal",
      scopes: ["ratings:read"],
      expiresInDays: 30,
    });
    expectError(await scim("GET", "/Users", { token: personal.token }), 403);
    const memberToken = await createApiToken(w.actors.member, {
      name: "m",
      kind: "personal",
      scopes: ["ratings:read"],
      expiresInDays: 30,
    });
    expectError(await scim("GET", "/Users", { token: memberToken.token }), 403);
    const forged = await forgedAdminToken(w.actors.member.id);
    const before = await w.db.prisma.user.count();
    expectError(
      await scim("POST", "/Users", { token: forged, body: { schemas: [USER], userName: `f-${unique()}@example.com` } }),
      403,
    );
    expect(await w.db.prisma.user.count()).toBe(before);

    const revoked = await createApiToken(w.actors.admin, {
      name: "gone",
      kind: "service",
      scopes: ["admin"],
      expiresInDays: 30,
    });
    await revokeApiToken(w.actors.admin, revoked.summary.id);
    expectError(await scim("GET", "/Users", { token: revoked.token }), 401);
  });

  it("too many requests: 429 with Retry-After, as a SCIM error", async () => {
    const t = await createApiToken(w.actors.admin, {
      name: "burst",
      kind: "service",
      scopes: ["admin"],
      expiresInDays: 30,
    });
    rateLimit(2);
    try {
      expect((await scim("GET", "/ServiceProviderConfig", { token: t.token })).status).toBe(200);
      expect((await scim("GET", "/ServiceProviderConfig", { token: t.token })).status).toBe(200);
      const r = await scim("GET", "/ServiceProviderConfig", { token: t.token });
      expectError(r, 429);
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      rateLimit(100_000);
    }
  });

  it("bad bodies, unknown ids, paths and methods are SCIM errors and change nothing", async () => {
    const before = await w.db.prisma.user.count();
    expectError(await scim("POST", "/Users", { raw: "{not json" }), 400, "invalidSyntax");
    expectError(await scim("POST", "/Users", { raw: "" }), 400, "invalidSyntax");
    expectError(await scim("POST", "/Users", { raw: "[]" }), 400, "invalidSyntax");
    expectError(
      await scim("POST", "/Users", { body: { schemas: [GROUP], userName: "a@example.com" } }),
      400,
      "invalidSyntax",
    );
    expectError(
      await scim("POST", "/Users", {
        raw: JSON.stringify({ userName: "a@example.com" }),
        headers: { "content-type": "text/plain" },
      }),
      415,
    );
    expectError(
      await scim("POST", "/Users", {
        body: { schemas: [USER], userName: `n-${unique()}@example.com`, name: { formatted: "a\u0000b" } },
      }),
      400,
      "invalidValue",
    );
    expect(await w.db.prisma.user.count()).toBe(before);

    for (const m of ["GET", "PUT", "PATCH", "DELETE"] as const) {
      const body =
        m === "PUT"
          ? { schemas: [USER], userName: `z-${unique()}@example.com` }
          : m === "PATCH"
            ? patch({ op: "replace", path: "active", value: false })
            : undefined;
      expectError(await scim(m, "/Users/cnotarealid0000000000000", { body }), 404);
      expectError(
        await scim(m, "/Groups/cnotarealid0000000000000", {
          body: m === "PUT" ? { schemas: [GROUP], displayName: "x" } : body,
        }),
        404,
      );
    }
    expectError(await scim("GET", `/Users/${encodeURIComponent('x" or "1"="1')}`), 404);
    expectError(await scim("GET", "/Nope"), 404);
    expectError(await scim("GET", "/Users/a/b"), 404);
    expectError(await scim("GET", "/Me"), 501);
    const post = await scim("POST", "/ServiceProviderConfig", { body: {} });
    expectError(post, 405);
    expect(post.headers.get("allow")).toBe("GET");
    expectError(await scim("DELETE", "/Users"), 405);
    expect(await w.db.prisma.user.count()).toBe(before);
  });
});
