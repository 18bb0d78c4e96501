/**
 * API tokens: shown once and stored hashed; scopes bounded by the owner's rights; refused at once when revoked, expired,
 * or when the owner is deactivated or demoted; a per-token rate limit that holds under parallel requests.
 */
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { session, sessionModule } from "../support/session-mock";
import { createWorld, type World } from "../support/world";
import type { SessionActor } from "@/lib/auth/session";
import { DataError, NotFoundError } from "@/lib/data/errors";
import {
  MAX_ACTIVE_TOKENS,
  checkApiToken,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  type CreateTokenOptions,
} from "@/lib/data/api-tokens";
import { setUserActive } from "@/lib/data/accounts";
import { resetEnvCache } from "@/lib/env";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/(app)/account/tokens/actions";

vi.mock("@/lib/auth/session", () => sessionModule);

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());
afterEach(() => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
  resetEnvCache();
});

let n = 0;
async function person(opts: { admin?: boolean; verified?: boolean } = {}): Promise<SessionActor> {
  n += 1;
  const u = await w.db.prisma.user.create({
    data: {
      email: `tok${n}-${w.tag}@test.local`,
      name: `Token person ${n}`,
      isAdmin: opts.admin ?? false,
      emailVerified: opts.verified === false ? null : new Date(),
    },
  });
  return {
    id: u.id,
    isAdmin: u.isAdmin,
    name: u.name,
    email: u.email,
    verified: opts.verified !== false,
    sessionId: "",
  };
}

const personal = (over: Partial<CreateTokenOptions> = {}): CreateTokenOptions => ({
  name: "script",
  kind: "personal",
  scopes: ["ratings:read"],
  expiresInDays: 30,
  ...over,
});
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe("createApiToken", () => {
  it("returns the token once and stores only its SHA-256, with a short prefix and the chosen scopes", async () => {
    const me = await person();
    const { token, summary } = await createApiToken(me, personal({ scopes: ["ratings:read", "teams:read"] }));
    expect(token).toMatch(/^sgp_[A-Za-z0-9_-]{43}$/);
    const row = await w.db.prisma.apiToken.findUniqueOrThrow({ where: { id: summary.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    expect(row.prefix).toBe(token.slice(0, 10));
    expect(summary.scopes).toEqual(["ratings:read", "teams:read"]);
    expect(summary.expiresAt!.getTime() - summary.createdAt.getTime()).toBeGreaterThan(29 * 86_400_000);
    const audit = await w.db.prisma.auditLog.findFirst({ where: { action: "api_token.created", subjectId: row.id } });
    expect(audit?.actorId).toBe(me.id);
  });

  it("refuses admin scopes to non-admins, service tokens to non-admins, no expiry on personal tokens, unconfirmed emails", async () => {
    const me = await person();
    const e1 = await refusal(createApiToken(me, personal({ scopes: ["admin"] })));
    expect(e1).toBeInstanceOf(DataError);
    expect((e1 as DataError).fieldErrors.scopes?.[0]).toMatch(/administrators/);
    expect(await refusal(createApiToken(me, personal({ scopes: ["taxonomy:write"] })))).toBeInstanceOf(DataError);
    expect(await refusal(createApiToken(me, personal({ kind: "service" })))).toBeInstanceOf(NotFoundError);
    const e2 = await refusal(createApiToken(me, personal({ expiresInDays: null })));
    expect((e2 as DataError).fieldErrors.expiresInDays).toBeDefined();
    const unverified = await person({ verified: false });
    expect(await refusal(createApiToken(unverified, personal()))).toBeInstanceOf(DataError);
    expect(await w.db.prisma.apiToken.count({ where: { userId: { in: [me.id, unverified.id] } } })).toBe(0);
  });

  it("an admin demoted a moment ago cannot make a service token (re-checked inside the transaction)", async () => {
    const admin = await person({ admin: true });
    await w.db.prisma.user.update({ where: { id: admin.id }, data: { isAdmin: false } });
    expect(await refusal(createApiToken(admin, personal({ kind: "service", scopes: ["admin"] })))).toBeInstanceOf(
      NotFoundError,
    );
  });

  it(`parallel creations never pass ${MAX_ACTIVE_TOKENS} active tokens per person`, async () => {
    const me = await person();
    const results = await Promise.allSettled(
      Array.from({ length: MAX_ACTIVE_TOKENS + 5 }, (_, i) => createApiToken(me, personal({ name: `t${i}` }))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_ACTIVE_TOKENS);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(DataError);
    expect(await w.db.prisma.apiToken.count({ where: { userId: me.id } })).toBe(MAX_ACTIVE_TOKENS);
  });
});

describe("checkApiToken", () => {
  it("acts as the owner, with admin rights only when the owner is an admin and the token has the admin scope", async () => {
    const admin = await person({ admin: true });
    const plain = await createApiToken(admin, personal({ scopes: ["teams:read"] }));
    const powerful = await createApiToken(admin, personal({ kind: "service", scopes: ["teams:read", "admin"] }));
    const a = await checkApiToken(plain.token, "teams:read");
    expect(a.ok && a.actor).toMatchObject({ id: admin.id, isAdmin: false, kind: "personal" });
    const b = await checkApiToken(powerful.token, "teams:read");
    expect(b.ok && b.actor).toMatchObject({ id: admin.id, isAdmin: true, kind: "service" });
  });

  it("answers 401 for garbage, unknown, revoked, expired tokens and deactivated owners; 403 for a missing scope", async () => {
    const me = await person();
    const { token, summary } = await createApiToken(me, personal());
    expect(await checkApiToken(null, "ratings:read")).toMatchObject({ ok: false, status: 401 });
    expect(await checkApiToken("sgp_nope", "ratings:read")).toMatchObject({ ok: false, status: 401 });
    expect(await checkApiToken(`sgp_${"A".repeat(43)}`, "ratings:read")).toMatchObject({ ok: false, status: 401 });
    expect(await checkApiToken(token, "ratings:write")).toMatchObject({ ok: false, status: 403 });
    expect(await checkApiToken(token, "ratings:read")).toMatchObject({ ok: true });
    // Expired: the same token checked a day after its expiry.
    const later = new Date(summary.expiresAt!.getTime() + 86_400_000);
    expect(await checkApiToken(token, "ratings:read", later)).toMatchObject({ ok: false, status: 401 });

    await setUserActive(w.actors.admin, me.id, false);
    expect(await checkApiToken(token, "ratings:read")).toMatchObject({ ok: false, status: 401 });
    await setUserActive(w.actors.admin, me.id, true);
    expect(await checkApiToken(token, "ratings:read")).toMatchObject({ ok: true });
    await revokeApiToken(me, summary.id);
    expect(await checkApiToken(token, "ratings:read")).toMatchObject({ ok: false, status: 401 });
  });

  it("a demoted owner's admin-scoped token loses its admin power at the next request", async () => {
    const admin = await person({ admin: true });
    const { token } = await createApiToken(admin, personal({ kind: "service", scopes: ["admin", "teams:read"] }));
    expect(await checkApiToken(token, "admin")).toMatchObject({ ok: true });
    await w.db.prisma.user.update({ where: { id: admin.id }, data: { isAdmin: false } });
    expect(await checkApiToken(token, "admin")).toMatchObject({ ok: false, status: 403 });
    const r = await checkApiToken(token, "teams:read");
    expect(r.ok && r.actor.isAdmin).toBe(false);
  });

  it("limits each token per minute, exactly, under parallel requests, and records when it was last used", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "4";
    resetEnvCache();
    const me = await person();
    const { token, summary } = await createApiToken(me, personal());
    const other = await createApiToken(me, personal({ name: "other" }));
    expect(summary.lastUsedAt).toBeNull();
    const results = await Promise.all(Array.from({ length: 9 }, () => checkApiToken(token, "ratings:read")));
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    const limited = results.filter((r) => !r.ok);
    expect(limited).toHaveLength(5);
    for (const r of limited) expect(r).toMatchObject({ status: 429, retryAfterSeconds: 60 });
    // Another token of the same person has its own budget.
    expect(await checkApiToken(other.token, "ratings:read")).toMatchObject({ ok: true });
    const row = await w.db.prisma.apiToken.findUniqueOrThrow({ where: { id: summary.id } });
    expect(row.lastUsedAt).not.toBeNull();
  });
});

describe("listing and revoking", () => {
  it("lists only the actor's own personal tokens; service tokens only for admins", async () => {
    const me = await person();
    const other = await person();
    await createApiToken(me, personal({ name: "mine" }));
    await createApiToken(other, personal({ name: "theirs" }));
    expect((await listApiTokens(me)).map((t) => t.name)).toEqual(["mine"]);
    expect(await refusal(listApiTokens(me, "service"))).toBeInstanceOf(NotFoundError);
    const admin = await person({ admin: true });
    await createApiToken(admin, personal({ kind: "service", name: "scim", scopes: ["admin"], expiresInDays: null }));
    const service = await listApiTokens(admin, "service");
    expect(service.some((t) => t.name === "scim" && t.expiresAt === null)).toBe(true);
    expect(service.every((t) => t.kind === "service")).toBe(true);
  });

  it("someone else's token is not found to a member; an admin may revoke anyone's (offboarding)", async () => {
    const me = await person();
    const curious = await person();
    const { summary, token } = await createApiToken(me, personal());
    expect(await refusal(revokeApiToken(curious, summary.id))).toBeInstanceOf(NotFoundError);
    expect(await refusal(revokeApiToken(curious, "\u0000"))).toBeInstanceOf(NotFoundError);
    expect(await checkApiToken(token, "ratings:read")).toMatchObject({ ok: true });
    await revokeApiToken(w.actors.admin, summary.id);
    expect(await checkApiToken(token, "ratings:read")).toMatchObject({ ok: false, status: 401 });
    const audit = await w.db.prisma.auditLog.findFirst({
      where: { action: "api_token.revoked", subjectId: summary.id },
    });
    expect(audit?.actorId).toBe(w.actors.admin.id);
  });
});

describe("token actions", () => {
  it("name the bad field and create nothing", async () => {
    session.actor = w.actors.member;
    const before = await w.db.prisma.apiToken.count();
    const noScopes = await createApiTokenAction({ kind: "personal", name: "x", expiresIn: "30" });
    expect(noScopes).toMatchObject({ ok: false, errors: { scopes: ["Choose at least one scope."] } });
    const badExpiry = await createApiTokenAction({
      kind: "personal",
      name: "x",
      scopes: "ratings:read",
      expiresIn: "9",
    });
    expect(badExpiry.ok).toBe(false);
    expect(!badExpiry.ok && badExpiry.errors.expiresIn).toBeDefined();
    const badScope = await createApiTokenAction({ kind: "personal", name: "x", scopes: ["root"], expiresIn: "30" });
    expect(!badScope.ok && Object.keys(badScope.errors)[0]).toMatch(/^scopes/);
    expect(await w.db.prisma.apiToken.count()).toBe(before);
  });

  it("create returns the token once; revoke of another person's token is not found", async () => {
    session.actor = w.actors.member;
    const made = await createApiTokenAction({
      kind: "personal",
      name: "from the page",
      scopes: ["ratings:read", "ratings:write"],
      expiresIn: "7",
    });
    expect(made.ok && made.data.token).toMatch(/^sgp_/);
    const row = await w.db.prisma.apiToken.findFirstOrThrow({
      where: { userId: w.actors.member.id, name: "from the page" },
    });
    session.actor = w.actors.otherMember;
    expect(await revokeApiTokenAction({ tokenId: row.id })).toMatchObject({ ok: false, status: 404 });
    session.actor = null;
    expect(await revokeApiTokenAction({ tokenId: row.id })).toMatchObject({ ok: false, status: 401 });
    expect((await w.db.prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).toBeNull();
  });
});
