/**
 * A path segment that is not valid percent-encoded UTF-8 on a dynamic route ("/skills/%E0%A4%A") made Next's router
 * fail with a bare 500 in production (vercel/next.js#92527). proxy.ts answers such a path with a 400 before routing;
 * this checks it does so for every dynamic route in app/, and that everything else goes on as before.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { NextRequest, type NextFetchEvent } from "next/server";
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { beforeAll, describe, expect, it } from "vitest";
import proxy, { config } from "@/proxy";

const appDir = path.resolve(import.meta.dirname, "../../app");

/** Every route with a dynamic segment, as a URL pattern ("/skills/[id]"), read from the app directory. */
function dynamicRoutes(dir = appDir, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`; // route groups add nothing to the URL
      out.push(...dynamicRoutes(path.join(dir, entry.name), prefix + segment));
    } else if (/^(page|route)\.tsx?$/.test(entry.name) && prefix.includes("[")) out.push(prefix);
  }
  return out;
}

const BAD = ["%", "%ZZ", "%E0%A4%A", "%C0%AF", "%ED%A0%80", "%FF"];
const matchers = config.matcher.map((m) => getPathMatch(m));
const run = async (url: string): Promise<Response> => {
  const res = await proxy(new NextRequest(new URL(url, "http://localhost:3100")), {} as NextFetchEvent);
  if (!res) throw new Error(`no response for ${url}`);
  return res;
};

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= "unit-test-secret-unit-test-secret";
});

describe("proxy.ts: undecodable paths", () => {
  const routes = dynamicRoutes();

  it("finds the app's dynamic routes", () => {
    expect(routes).toEqual(
      expect.arrayContaining(["/skills/[id]", "/roles/[id]", "/teams/[id]", "/reviews/[id]", "/api/teams/[id]/matrix"]),
    );
  });

  for (const route of dynamicRoutes()) {
    it(`${route}: every bad encoding is matched by the proxy and answered 400`, async () => {
      for (const bad of BAD) {
        const url = route.replace(/\[\[?(?:\.\.\.)?\w+\]\]?/g, bad);
        expect(
          matchers.some((m) => m(url) !== false),
          `config.matcher misses ${url}`,
        ).toBe(true);
        const res = await run(url);
        expect(res.status, url).toBe(400);
        expect(await res.text()).toContain("This address is not valid.");
      }
    });
  }

  it("lets good paths through: public pages untouched, signed-in areas to sign-in", async () => {
    const skill = await run("/skills/linux");
    expect(skill.headers.get("x-middleware-next")).toBe("1");
    const encoded = await run("/skills/%2500%F0%9F%98%80");
    expect(encoded.headers.get("x-middleware-next")).toBe("1");
    const team = await run("/teams/abc");
    expect(team.status).toBe(307);
    expect(team.headers.get("location")).toContain("/signin?callbackUrl=");
  });
});

describe("proxy.ts: Content-Security-Policy with a script nonce", () => {
  const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

  it("gives every page a policy with a fresh nonce and no 'unsafe-inline' for scripts, and hands Next the same policy", async () => {
    const [a, b] = [await run("/"), await run("/skills/linux")];
    const [ca, cb] = [a.headers.get("content-security-policy"), b.headers.get("content-security-policy")];
    expect(nonceOf(ca)).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(nonceOf(ca)).not.toBe(nonceOf(cb));
    const scripts = /script-src ([^;]+)/.exec(ca!)![1];
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).toContain("'strict-dynamic'");
    expect(ca).toContain("frame-ancestors 'none'");
    // NextResponse.next({ request: { headers } }) passes the request's new headers on as x-middleware-request-*.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(ca);
  });

  it("the matcher covers pages and API routes, not build assets", () => {
    const covered = (url: string) => matchers.some((m) => m(url) !== false);
    expect(covered("/")).toBe(true);
    expect(covered("/signin")).toBe(true);
    expect(covered("/invitations/abc")).toBe(true);
    expect(covered("/_next/static/chunks/app.js")).toBe(false);
    expect(covered("/ping")).toBe(false);
    expect(covered("/api/health")).toBe(false);
    expect(covered("/api/health/live")).toBe(false);
    expect(covered("/api/health/ready")).toBe(false);
    expect(covered("/api/health/other")).toBe(true);
    expect(covered("/pingpong")).toBe(true);
  });

  it("the emailed invitation link opens signed out; the inbox needs sign-in", async () => {
    expect((await run("/invitations/abcdefghijklmnopqrstuvwxyz")).headers.get("x-middleware-next")).toBe("1");
    expect((await run("/invitations")).status).toBe(307);
  });
});

describe("proxy.ts: oversized bodies", () => {
  it("answers 413 with a message naming the limit, before Next would fail with a bare 500", async () => {
    const req = new NextRequest(new URL("/admin", "http://localhost:3100"), {
      method: "POST",
      headers: { "content-length": String(50 * 1024 * 1024), "next-action": "abc" },
    });
    const res = (await proxy(req, {} as NextFetchEvent))!;
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: "Request too large (max 12 MB).",
      errors: { body: ["Request too large (max 12 MB)."] },
    });
  });
});

describe("proxy.ts: machine clients get their protocol's errors", () => {
  const oversized = (path: string) =>
    new NextRequest(new URL(path, "http://localhost:3100"), {
      method: "POST",
      headers: { "content-length": String(50 * 1024 * 1024) },
    });

  it("SCIM: an oversized body or an undecodable path is a SCIM Error message", async () => {
    const big = (await proxy(oversized("/scim/v2/Users"), {} as NextFetchEvent))!;
    expect(big.status).toBe(413);
    expect(big.headers.get("content-type")).toBe("application/scim+json");
    expect(await big.json()).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "413",
      detail: "Request too large (max 12 MB).",
    });
    const bad = (await proxy(
      new NextRequest(new URL("http://localhost:3100/scim/v2/Users/%E0%A4%A")),
      {} as NextFetchEvent,
    ))!;
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/scim+json");
  });

  it("/api/v1: the same refusals are RFC 9457 problems", async () => {
    const big = (await proxy(oversized("/api/v1/me/ratings"), {} as NextFetchEvent))!;
    expect(big.status).toBe(413);
    expect(big.headers.get("content-type")).toBe("application/problem+json");
    expect(await big.json()).toMatchObject({ status: 413, title: "Content Too Large" });
    const bad = (await proxy(
      new NextRequest(new URL("http://localhost:3100/api/v1/teams/%E0%A4%A")),
      {} as NextFetchEvent,
    ))!;
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: 400, detail: "This address is not valid." });
  });
});
