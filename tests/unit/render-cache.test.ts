/**
 * The render cache's pure parts: which requests may be answered from a stored rendering (cacheableAs), the key it is
 * stored under (renderKey), until when a personal rendering stays true (staleFrom against isStale, personalValidUntil),
 * and the server's byte store (lib/response-cache.mjs): script hashes, entries, the LRU store, the encoding choice.
 */
import { createHash } from "node:crypto";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cacheableAs,
  nextUtcMidnight,
  personalValidUntil,
  renderKey,
  staleFrom,
  type RenderRequest,
} from "@/lib/domain/render-cache";
import { isStale } from "@/lib/domain/history";
import {
  chooseEncoding,
  createStore,
  inlineScriptHashes,
  makeEntry,
  MAX_ENTRY_BYTES,
  type Entry,
} from "@/lib/response-cache.mjs";

const DAY = 86_400_000;
const req = (pathname: string, over: Partial<RenderRequest> = {}): RenderRequest => ({
  method: "GET",
  pathname,
  search: "",
  headers: {},
  ...over,
});

describe("cacheableAs", () => {
  it("takes only whole-page GET and HEAD requests without a query string", () => {
    for (const method of ["GET", "HEAD"]) expect(cacheableAs(req("/roles", { method }), false)).toBe("public");
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get"])
      expect(cacheableAs(req("/roles", { method }), false)).toBeNull();
    expect(cacheableAs(req("/roles", { search: "?q=1" }), false)).toBeNull();
    expect(cacheableAs(req("/dashboard", { search: "?view=confidence" }), true)).toBeNull();
    expect(cacheableAs(req("/dashboard", { search: "?" }), true)).toBeNull();
  });

  it("leaves client navigations, prefetches, actions, token calls and partial requests to Next", () => {
    for (const header of [
      "rsc",
      "next-router-prefetch",
      "next-router-state-tree",
      "next-action",
      "authorization",
      "range",
    ]) {
      expect(cacheableAs(req("/roles", { headers: { [header]: "1" } }), false), header).toBeNull();
      expect(cacheableAs(req("/dashboard", { headers: { [header]: "1" } }), true), header).toBeNull();
    }
    // Unrelated headers change nothing.
    expect(cacheableAs(req("/roles", { headers: { accept: "text/html", "user-agent": "x" } }), false)).toBe("public");
  });

  it("signed out: the public pages only", () => {
    for (const p of ["/", "/roles", "/roles/platform-engineer", "/skills", "/skills/linux", "/api/v1/taxonomy"])
      expect(cacheableAs(req(p), false), p).toBe("public");
    for (const p of [
      "/dashboard",
      "/me/skills",
      "/teams",
      "/roles/a/b",
      "/skills/linux/x",
      "/roles/",
      "/api/v1/me",
      "/api/v1/taxonomy/x",
      "/admin",
      "/notifications",
      "/invitations",
    ])
      expect(cacheableAs(req(p), false), p).toBeNull();
  });

  it("signed in: the dashboard and the role and skill lists, not a skill's own page", () => {
    for (const p of ["/dashboard", "/roles", "/roles/platform-engineer", "/skills"])
      expect(cacheableAs(req(p), true), p).toBe("personal");
    for (const p of ["/", "/skills/linux", "/api/v1/taxonomy", "/me/skills", "/teams", "/people", "/dashboard/x"])
      expect(cacheableAs(req(p), true), p).toBeNull();
  });
});

describe("renderKey", () => {
  const personal = (userId: string, user = "1", email = "0", global = "5") =>
    ({ kind: "personal", userId, user, email, global }) as const;
  it("differs by viewer, by each version and by path", () => {
    const keys = [
      renderKey("/dashboard", personal("a")),
      renderKey("/dashboard", personal("b")),
      renderKey("/dashboard", personal("a", "2")),
      renderKey("/dashboard", personal("a", "1", "1")),
      renderKey("/dashboard", personal("a", "1", "0", "6")),
      renderKey("/roles", personal("a")),
      renderKey("/roles", { kind: "public", global: "5" }),
      renderKey("/roles", { kind: "public", global: "6" }),
      renderKey("/skills", { kind: "public", global: "5" }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(renderKey("/dashboard", personal("a"))).toBe(renderKey("/dashboard", personal("a")));
  });
  it("never gives a signed-out key to a signed-in viewer", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (id, v, path) => {
        expect(renderKey(path, personal(id, v, v, v))).not.toBe(renderKey(path, { kind: "public", global: v }));
      }),
      { seed: 20261201, numRuns: 200 },
    );
  });
});

describe("nextUtcMidnight", () => {
  it("is the next UTC midnight, strictly after now", () => {
    const t = Date.UTC(2026, 0, 31, 23, 59, 59, 999);
    expect(nextUtcMidnight(t)).toBe(Date.UTC(2026, 1, 1));
    expect(nextUtcMidnight(Date.UTC(2026, 1, 1))).toBe(Date.UTC(2026, 1, 2));
  });
});

describe("staleFrom agrees with isStale", () => {
  // Dates near month ends (28–31) and month starts, where calendar months are uneven.
  const instant = fc
    .record({
      y: fc.integer({ min: 1999, max: 2040 }),
      m: fc.integer({ min: 0, max: 11 }),
      d: fc.oneof(fc.integer({ min: 27, max: 31 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 31 })),
      ms: fc.oneof(fc.constant(0), fc.constant(DAY - 1), fc.integer({ min: 0, max: DAY - 1 })),
    })
    .map(({ y, m, d, ms }) => Date.UTC(y, m, d) + ms);

  it("the returned instant is the first stale millisecond after now (property)", () => {
    fc.assert(
      fc.property(
        instant,
        fc.oneof(fc.integer({ min: 0, max: 400 * DAY }), fc.integer({ min: 150 * DAY, max: 200 * DAY })),
        fc.integer({ min: 0, max: 14 }),
        (at, ahead, months) => {
          const now = at + ahead;
          const t = staleFrom(new Date(at), now, months);
          if (t === null) {
            expect(isStale(new Date(at), new Date(now), months)).toBe(true);
            return;
          }
          expect(t).toBeGreaterThan(now);
          expect(isStale(new Date(at), new Date(t), months)).toBe(true);
          expect(isStale(new Date(at), new Date(t - 1), months)).toBe(false);
        },
      ),
      { seed: 4242, numRuns: 3000 },
    );
  });

  it("month ends: Aug 31 is stale six months later from Mar 1 (Feb is short)", () => {
    const at = new Date(Date.UTC(2025, 7, 31, 12));
    const t = staleFrom(at, at.getTime(), 6)!;
    expect(isStale(at, new Date(t), 6)).toBe(true);
    expect(isStale(at, new Date(t - 1), 6)).toBe(false);
    expect(new Date(t).toISOString().slice(0, 7)).toMatch(/^2026-0[23]$/);
  });
});

describe("personalValidUntil", () => {
  const now = Date.UTC(2026, 5, 10, 9, 30);
  const midnight = Date.UTC(2026, 5, 11);
  it("is the next UTC midnight when nothing turns earlier", () => {
    expect(personalValidUntil(now, { ratedAt: [], staleMonths: 6, invitationExpiries: [] })).toBe(midnight);
    expect(
      personalValidUntil(now, {
        ratedAt: [new Date(Date.UTC(2026, 5, 1)), new Date(Date.UTC(2025, 0, 1))], // fresh, already stale
        staleMonths: 6,
        invitationExpiries: [new Date(now - 1), new Date(now), new Date(midnight + 1)], // gone, now, after midnight
      }),
    ).toBe(midnight);
  });
  it("is the moment a rating turns stale, when that comes first", () => {
    const ratedAt = new Date(Date.UTC(2025, 11, 10, 15)); // stale at 2026-06-10T15:00 plus a millisecond
    const stale = staleFrom(ratedAt, now, 6)!;
    expect(stale).toBeGreaterThan(now);
    expect(stale).toBeLessThan(midnight);
    expect(personalValidUntil(now, { ratedAt: [ratedAt], staleMonths: 6, invitationExpiries: [] })).toBe(stale);
    expect(isStale(ratedAt, new Date(stale), 6)).toBe(true);
    expect(isStale(ratedAt, new Date(stale - 1), 6)).toBe(false);
  });
  it("is the moment an open invitation expires, when that comes first", () => {
    const expiry = new Date(now + 3_600_000);
    const ratedAt = new Date(Date.UTC(2025, 11, 10, 15));
    expect(personalValidUntil(now, { ratedAt: [], staleMonths: 6, invitationExpiries: [expiry] })).toBe(
      expiry.getTime(),
    );
    expect(personalValidUntil(now, { ratedAt: [ratedAt], staleMonths: 6, invitationExpiries: [expiry] })).toBe(
      expiry.getTime(),
    );
  });
});

describe("inlineScriptHashes", () => {
  const sha = (s: string) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;
  it("hashes each inline script's text, in order, once each; scripts with src are skipped", () => {
    const a = 'self.__next_f.push([1,"caf\u00e9 \\u003c/b"])';
    const b = "\n  console.log(1);\n";
    const html = `<html><head><script src="/_next/a.js" async></script><script nonce="n1">${a}</script>
      <SCRIPT type="module">${b}</SCRIPT ><script nonce="n2">${a}</script><script SRC='/x.js'>ignored()</script>
      <script></script></head></html>`;
    expect(inlineScriptHashes(html)).toEqual([sha(a), sha(b), sha("")]);
    expect(inlineScriptHashes("<p>no scripts</p>")).toEqual([]);
  });
});

describe("makeEntry", () => {
  const page = (body: string, headers: Record<string, string | string[] | number | undefined> = {}) => ({
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8", ...headers },
    body: Buffer.from(body),
  });
  const html = `<html><script nonce="abc">go()</script><script src="/c.js"></script></html>`;

  it("refuses what must not be stored", async () => {
    expect(await makeEntry({ ...page(html), status: 404 }, 1)).toBeNull();
    expect(await makeEntry({ ...page(html), status: 304 }, 1)).toBeNull();
    expect(await makeEntry(page(html, { "set-cookie": ["a=1"] }), 1)).toBeNull();
    expect(await makeEntry(page(html, { "Set-Cookie": "a=1" }), 1)).toBeNull();
    expect(await makeEntry(page(html, { "content-type": "image/png" }), 1)).toBeNull();
    expect(await makeEntry(page(html, { "content-type": "text/x-component" }), 1)).toBeNull();
    expect(await makeEntry(page(html, { "content-encoding": "gzip" }), 1)).toBeNull();
    expect(await makeEntry(page("x".repeat(MAX_ENTRY_BYTES + 1)), 1)).toBeNull();
    expect(await makeEntry(page("x".repeat(1000)), 1)).not.toBeNull();
  });

  it("keeps the page's own headers, drops per-response ones, and builds a hash policy without a nonce", async () => {
    const e = (await makeEntry(
      page(html, {
        "Content-Length": 99,
        date: "Mon",
        etag: '"x"',
        "x-request-id": "r1",
        "content-security-policy": "script-src 'nonce-abc'",
        "transfer-encoding": "chunked",
        connection: "keep-alive",
        "x-render-cache": "miss",
        "Cache-Control": "private, no-store",
        vary: "RSC",
        "x-empty": undefined,
      }),
      12345,
    ))!;
    expect(e).not.toBeNull();
    expect(Object.keys(e.headers).sort()).toEqual(["cache-control", "content-type", "vary"]);
    expect(e.headers.vary).toBe("RSC, Accept-Encoding");
    expect(e.csp).toContain(`'sha256-${createHash("sha256").update("go()").digest("base64")}'`);
    expect(e.csp).not.toMatch(/nonce/);
    expect(e.validUntil).toBe(12345);
    expect(gunzipSync(e.gzip).toString()).toBe(html);
    expect(brotliDecompressSync(e.br).toString()).toBe(html);
    expect(e.identity.toString()).toBe(html);
    expect(e.bytes).toBe(e.identity.length + e.gzip.length + e.br.length);
  });

  it("stores JSON without a script policy", async () => {
    const e = (await makeEntry(
      { status: 200, headers: { "content-type": "application/json" }, body: Buffer.from('{"a":1}') },
      1,
    ))!;
    expect(e.csp).toBeNull();
    expect(e.headers.vary).toBe("Accept-Encoding");
  });
});

describe("createStore", () => {
  const entry = (bytes: number, validUntil = Number.POSITIVE_INFINITY) =>
    ({
      headers: {},
      csp: null,
      identity: Buffer.alloc(0),
      gzip: Buffer.alloc(0),
      br: Buffer.alloc(0),
      validUntil,
      bytes,
    }) as Entry;

  it("evicts the least recently used entries once the bytes exceed the bound", () => {
    const s = createStore({ maxBytes: 300 });
    s.set("a", entry(100));
    s.set("b", entry(100));
    s.set("c", entry(100));
    expect(s.bytes).toBe(300);
    expect(s.get("a")).not.toBeNull(); // a is now the most recently used; b the least
    s.set("d", entry(100));
    expect(s.get("b")).toBeNull();
    expect(s.get("a")).not.toBeNull();
    expect(s.get("c")).not.toBeNull();
    expect(s.get("d")).not.toBeNull();
    expect(s.stats.evicted).toBe(1);
    s.set("big", entry(250)); // pushes out the older entries, least recently used first, until it fits
    expect(s.size).toBe(1);
    expect(s.bytes).toBe(250);
    expect(s.stats.evicted).toBe(4);
    s.set("huge", entry(301)); // larger than the store: never kept, nothing evicted for it
    expect(s.get("huge")).toBeNull();
    expect(s.get("big")).not.toBeNull();
    s.set("big", entry(10)); // replacing counts the bytes once
    expect(s.bytes).toBe(10);
    expect(s.size).toBe(1);
  });

  it("drops an entry once its validUntil has come (injected clock), and counts hits and misses", () => {
    let now = 1000;
    const s = createStore({ maxBytes: 1000, now: () => now });
    s.set("k", entry(10, 2000));
    expect(s.get("k")).not.toBeNull();
    now = 1999;
    expect(s.get("k")).not.toBeNull();
    now = 2000;
    expect(s.get("k")).toBeNull();
    expect(s.size).toBe(0);
    expect(s.bytes).toBe(0);
    expect(s.get("nothing")).toBeNull();
    expect(s.stats).toMatchObject({ hits: 2, misses: 2, stored: 1 });
    s.set("x", entry(10));
    s.clear();
    expect(s.size).toBe(0);
    expect(s.bytes).toBe(0);
  });
});

describe("chooseEncoding", () => {
  it("prefers brotli, then gzip, honours q=0 refusals and *", () => {
    expect(chooseEncoding(undefined)).toBe("identity");
    expect(chooseEncoding("")).toBe("identity");
    expect(chooseEncoding("identity")).toBe("identity");
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip")).toBe("gzip");
    expect(chooseEncoding("GZIP;q=0.5")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("br; q=0, gzip;q=0")).toBe("identity");
    expect(chooseEncoding("br;q=0.0, gzip;q=0.000")).toBe("identity");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("br;q=0, *")).toBe("gzip");
    expect(chooseEncoding("*;q=0")).toBe("identity");
    expect(chooseEncoding("*;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("deflate")).toBe("identity");
  });
});
