/**
 * Sign-in limits and revocable sessions through the real next-auth code: the credentials provider's authorize, the
 * jwt/session callbacks, a JWT encoded with next-auth's own encoder and read back by getServerSession. No session mock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getServerSession } from "next-auth";
import { encode } from "next-auth/jwt";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { createWorld, type World } from "../support/world";
import { resetEnvCache } from "@/lib/env";
import { buildAuthOptions } from "@/lib/auth/options";
import { actorFromSession } from "@/lib/auth/session";
import { clientIp } from "@/lib/auth/client-ip";
import { hashPassword } from "@/lib/auth/password";
import { setUserActive, signOutEverywhere } from "@/lib/data/accounts";
import { changePassword, deleteAccount } from "@/lib/data/users";

const SECRET = "integration-secret-integration-secret";
const PW = "the right passphrase 1";
let w: World;
beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.TRUSTED_PROXY_HOPS = "0";
  resetEnvCache();
  w = await createWorld();
});
afterAll(() => w.db.close());

const options = () => buildAuthOptions();
function authorize(
  email: string,
  password: string,
  headers: Record<string, string> = { "x-skillgap-peer": "192.0.2.10" },
) {
  const provider = options().providers.find((p) => p.id === "credentials") as CredentialsConfig;
  return provider.options.authorize!({ email, password }, { headers, body: {}, query: {}, method: "POST" });
}
const outcome = (r: PromiseSettledResult<unknown>) =>
  r.status === "fulfilled" ? "ok" : String((r.reason as Error).message).replace(/-\d+$/, "");

async function person(tag: string) {
  const email = `${tag}-${w.tag}-${Math.random().toString(36).slice(2, 7)}@s.test`;
  const u = await w.db.prisma.user.create({
    data: { email, name: tag, passwordHash: await hashPassword(PW), emailVerified: new Date() },
  });
  return { id: u.id, email, isAdmin: false };
}

/** Signs in through authorize + the jwt callback, and returns the session cookie next-auth would set. */
async function signIn(email: string) {
  const user = (await authorize(email, PW)) as { id: string };
  const token = await options().callbacks!.jwt!({
    token: { sub: user.id },
    user: user as never,
    account: null,
    trigger: "signIn",
  } as never);
  return encode({ token, secret: SECRET });
}
/** The actor the app sees for a request carrying this cookie: getServerSession (real JWT decode) + the actor lookup. */
async function actorFor(cookie: string) {
  const req = {
    headers: { cookie: `next-auth.session-token=${cookie}` },
    cookies: { "next-auth.session-token": cookie },
  };
  const res = { getHeader: () => undefined, setHeader: () => undefined };
  const session = await getServerSession(req as never, res as never, options());
  return actorFromSession(session);
}

describe("sign-in limits hold under parallel attempts", () => {
  it("40 parallel wrong passwords for one account: at most 5 reach the password check", async () => {
    const p = await person("race");
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => authorize(p.email, `wrong guess ${i}`)),
    );
    const checked = results.filter((r) => outcome(r) === "CredentialsSignin").length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(checked).toBeGreaterThan(0);
    expect(results.filter((r) => outcome(r) === "TooManyAttempts")).toHaveLength(40 - checked);
  });

  it("rotating X-Forwarded-For does not reset the limit: with no trusted proxy the socket's peer is the client", async () => {
    const p = await person("xff");
    const first = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        authorize(p.email, "wrong", { "x-skillgap-peer": "192.0.2.20", "x-forwarded-for": `203.0.113.${i}` }),
      ),
    );
    expect(first.map(outcome)).toEqual(Array(5).fill("CredentialsSignin"));
    const settled = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        authorize(p.email, "wrong", { "x-skillgap-peer": "192.0.2.20", "x-forwarded-for": `198.51.100.${i}` }),
      ),
    );
    expect(settled.every((r) => outcome(r) === "TooManyAttempts")).toBe(true);
  });

  it("another address is not locked out by an attacker's failures, and the owner's right password still works there", async () => {
    const p = await person("lockout");
    await Promise.allSettled(
      Array.from({ length: 10 }, () => authorize(p.email, "wrong", { "x-skillgap-peer": "192.0.2.66" })),
    );
    await expect(authorize(p.email, PW, { "x-skillgap-peer": "192.0.2.77" })).resolves.toMatchObject({ id: p.id });
  });

  it("successful sign-ins do not fill the address's bucket: 60 people behind one office address, 10 at a time, all get in", async () => {
    const people = await Promise.all(Array.from({ length: 60 }, (_, i) => person(`office${i}`)));
    const outcomes: string[] = [];
    for (let i = 0; i < people.length; i += 10) {
      const batch = await Promise.allSettled(
        people.slice(i, i + 10).map((p) => authorize(p.email, PW, { "x-skillgap-peer": "192.0.2.99" })),
      );
      outcomes.push(...batch.map(outcome));
    }
    expect(outcomes).toEqual(Array(60).fill("ok"));
  });

  it("a NUL or a lone surrogate in the email is an ordinary wrong sign-in, never a database error", async () => {
    await expect(authorize("a\u0000b@example.com", "whatever")).rejects.toThrow(/^CredentialsSignin$/);
    await expect(authorize("a\uD800b@example.com", "whatever")).rejects.toThrow(/^CredentialsSignin$/);
  });

  it("the client address: peer when no proxy is trusted, else counted from the right of X-Forwarded-For", () => {
    const h =
      (xff: string | null, peer = "10.0.0.9") =>
      (name: string) =>
        name === "x-forwarded-for" ? xff : name === "x-skillgap-peer" ? peer : null;
    expect(clientIp(h("1.1.1.1"), 0)).toBe("10.0.0.9");
    expect(clientIp(h("1.1.1.1, 2.2.2.2"), 1)).toBe("2.2.2.2");
    expect(clientIp(h("6.6.6.6, 1.1.1.1, 2.2.2.2"), 2)).toBe("1.1.1.1");
    expect(clientIp(h(null), 1)).toBe("10.0.0.9");
    expect(clientIp(() => null, 0)).toBe("unknown");
  });
});

describe("sessions end at once (real next-auth JWT, no session mock)", () => {
  it("a session works, then 'sign out everywhere' ends all of them", async () => {
    const p = await person("everywhere");
    const [a, b] = [await signIn(p.email), await signIn(p.email)];
    expect((await actorFor(a))?.id).toBe(p.id);
    expect((await actorFor(b))?.id).toBe(p.id);
    await signOutEverywhere(p);
    expect(await actorFor(a)).toBeNull();
    expect(await actorFor(b)).toBeNull();
  });

  it("sign-out ends only that session", async () => {
    const p = await person("signout");
    const [a, b] = [await signIn(p.email), await signIn(p.email)];
    const sa = await actorFor(a);
    await options().events!.signOut!({ token: { sid: sa!.sessionId } } as never);
    expect(await actorFor(a)).toBeNull();
    expect((await actorFor(b))?.id).toBe(p.id);
  });

  it("a password change ends every other session and keeps the one that made it", async () => {
    const p = await person("pwchange");
    const [a, b] = [await signIn(p.email), await signIn(p.email)];
    const actorA = (await actorFor(a))!;
    await changePassword(actorA, PW, "a completely new passphrase");
    expect((await actorFor(a))?.id).toBe(p.id);
    expect(await actorFor(b)).toBeNull();
  });

  it("the current-password check is throttled: 40 parallel guesses, at most 5 checked", async () => {
    const p = await person("pwguess");
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => changePassword(p, `guess ${i}`, "a completely new passphrase")),
    );
    const checked = results.filter(
      (r) => r.status === "rejected" && /not correct/.test((r.reason as Error).message),
    ).length;
    expect(checked).toBeLessThanOrEqual(5);
  });

  it("deactivation ends sessions at once and refuses new sign-ins; deletion too", async () => {
    const p = await person("deactivated");
    const a = await signIn(p.email);
    await setUserActive(w.actors.admin, p.id, false);
    expect(await actorFor(a)).toBeNull();
    await expect(authorize(p.email, PW)).rejects.toThrow(/AccountDeactivated/);
    await setUserActive(w.actors.admin, p.id, true);
    const b = await signIn(p.email);
    expect((await actorFor(b))?.id).toBe(p.id);
    await deleteAccount(p, p.email);
    expect(await actorFor(b)).toBeNull();
  });

  it("a forged or foreign cookie gives no actor", async () => {
    const p = await person("forged");
    const forged = await encode({ token: { uid: p.id, sid: "made-up" }, secret: SECRET });
    expect(await actorFor(forged)).toBeNull();
    const other = await encode({ token: { uid: p.id, sid: "x" }, secret: "another-secret-another-secret-1234" });
    expect(await actorFor(other)).toBeNull();
  });
});

describe("single sign-on trusts an address only when the provider verified it", () => {
  const ssoSignIn = (userId: string, profile: Record<string, unknown>) =>
    options().events!.signIn!({
      user: { id: userId } as never,
      account: { provider: "oidc", type: "oauth", providerAccountId: "x" } as never,
      profile: profile as never,
      isNewUser: true,
    });
  const verified = async (id: string) =>
    (await w.db.prisma.user.findUniqueOrThrow({ where: { id } })).emailVerified !== null;

  it("email_verified false or missing leaves the account unverified (no invitations, no teams)", async () => {
    const u = await w.db.prisma.user.create({ data: { email: `sso-no-${w.tag}@s.test` } });
    await ssoSignIn(u.id, { email: u.email, email_verified: false });
    await ssoSignIn(u.id, { email: u.email });
    expect(await verified(u.id)).toBe(false);
  });

  it("email_verified true verifies it", async () => {
    const u = await w.db.prisma.user.create({ data: { email: `sso-yes-${w.tag}@s.test` } });
    await ssoSignIn(u.id, { email: u.email, email_verified: true });
    expect(await verified(u.id)).toBe(true);
  });

  it("OIDC_TRUST_UNVERIFIED_EMAIL=1 trusts an IdP that never sends the claim", async () => {
    process.env.OIDC_TRUST_UNVERIFIED_EMAIL = "1";
    resetEnvCache();
    try {
      const u = await w.db.prisma.user.create({ data: { email: `sso-trust-${w.tag}@s.test` } });
      await ssoSignIn(u.id, { email: u.email });
      expect(await verified(u.id)).toBe(true);
    } finally {
      delete process.env.OIDC_TRUST_UNVERIFIED_EMAIL;
      resetEnvCache();
    }
  });

  it("a deactivated SSO account gets no session", async () => {
    const u = await w.db.prisma.user.create({ data: { email: `sso-off-${w.tag}@s.test`, deactivatedAt: new Date() } });
    expect(await options().callbacks!.signIn!({ user: { id: u.id } as never, account: null })).toMatch(
      /AccountDeactivated/,
    );
  });
});
