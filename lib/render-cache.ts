import "server-only";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";
import { STALE_MONTHS } from "@/lib/data/ratings";
import { globalVersion, personalDeadlines, viewerVersions } from "@/lib/data/render-versions";
import { cacheableAs, personalValidUntil, renderKey, type RenderRequest } from "@/lib/domain/render-cache";

/**
 * The app's half of the render cache: the production server (scripts/serve.mjs, with lib/response-cache.mjs) asks
 * `renderCacheKey` for each request's key before handing the request to Next, answers from a stored rendering under
 * that key if it has one, and otherwise stores what Next renders. The key holds every version the page depends on
 * (lib/data/render-versions.ts), read from the database for this request, so a write on any replica changes it at
 * once. For signed-in requests the same query re-checks the session exactly as the page would; when the session
 * does not stand, there is no key and Next answers (a redirect to sign-in).
 *
 * Signed-out pages take the "global" version from a copy at most RENDER_CACHE_GLOBAL_MS old (default 500 ms), so a
 * stream of anonymous requests costs no query each; any signed-in request that reads a newer one updates the copy.
 */

export type RenderCacheLookup = {
  key: string;
  /** The signed-in person, for the request's log line. */
  userId?: string;
  /** Until when (epoch ms) a rendering made now stays true; asked only when the rendering is stored. */
  validUntil: () => Promise<number>;
};

const globalTtlMs = () => {
  const v = Number(process.env.RENDER_CACHE_GLOBAL_MS || 500);
  return Number.isFinite(v) && v >= 0 ? v : 500;
};
let global: { value: bigint; at: number } | null = null;
let reading: Promise<bigint> | null = null;

function noteGlobal(v: string, at: number) {
  const value = BigInt(v);
  if (!global || value > global.value) global = { value, at };
  else global.at = Math.max(global.at, at);
}

async function currentGlobal(now: number): Promise<string> {
  if (global && now - global.at < globalTtlMs()) return String(global.value);
  reading ??= globalVersion()
    .then((v) => {
      noteGlobal(v, now);
      return global!.value;
    })
    .finally(() => {
      reading = null;
    });
  return String(await reading);
}

function parseCookies(header: string | string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (Array.isArray(header) ? header.join(";") : (header ?? "")).split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

const NEVER = () => Promise.resolve(Number.POSITIVE_INFINITY);

/** The request's cache key, or null when it must render (see lib/domain/render-cache.ts cacheableAs). */
export async function renderCacheKey(r: RenderRequest): Promise<RenderCacheLookup | null> {
  const e = env();
  const secureCookie = (e.NEXTAUTH_URL ?? "").startsWith("https://");
  const cookieName = secureCookie ? "__Secure-next-auth.session-token" : "next-auth.session-token";
  const cookies = parseCookies(r.headers["cookie"]);
  const hasSession = [...cookies.keys()].some((k) => k.startsWith(cookieName));
  const as = cacheableAs(r, hasSession);
  if (!as) return null;
  const now = Date.now();
  if (as === "public") {
    return { key: renderKey(r.pathname, { kind: "public", global: await currentGlobal(now) }), validUntil: NEVER };
  }
  const token = await getToken({
    req: { cookies, headers: {} } as never,
    secret: e.NEXTAUTH_SECRET,
    secureCookie,
    cookieName,
    logger: { error() {}, warn() {}, debug() {} } as never,
  });
  const userId = typeof token?.uid === "string" ? token.uid : null;
  const sessionId = typeof token?.sid === "string" ? token.sid : null;
  if (!userId || !sessionId) return null;
  const versions = await viewerVersions(userId, sessionId, new Date(now));
  if (!versions) return null;
  noteGlobal(versions.global, now);
  return {
    key: renderKey(r.pathname, { kind: "personal", userId, ...versions }),
    userId,
    validUntil: async () =>
      personalValidUntil(now, { ...(await personalDeadlines(userId, new Date(now))), staleMonths: STALE_MONTHS }),
  };
}
