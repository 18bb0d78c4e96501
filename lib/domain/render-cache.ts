/**
 * The render cache's rules (pure): which requests may be answered from a stored rendering, the key a stored
 * rendering is found under, and until when it stays true when the page depends on the clock. The cache itself is in
 * lib/response-cache.mjs (the server keeps the bytes); lib/render-cache.ts reads the versions and the session.
 */
import { isStale } from "./history";

/** Pages the same for every signed-out visitor until the taxonomy, certifications or settings change. */
const PUBLIC = /^\/(?:roles(?:\/[^/]+)?|skills(?:\/[^/]+)?|api\/v1\/taxonomy)?$/;
/**
 * Pages that, signed in, show only the person's own data (besides the taxonomy): the dashboard, and the role and
 * skill lists under the signed-in navigation. A skill's own page is left out: signed in, it lists colleagues who can
 * help, which depends on other people's data.
 */
const PERSONAL = /^\/(?:dashboard|roles(?:\/[^/]+)?|skills)$/;

export type RenderRequest = {
  method: string;
  pathname: string;
  /** The query string with its "?", or "". */
  search: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
};

/**
 * Whether a request may be answered from the cache, and as whom: "public" (no session cookie at all), "personal"
 * (a session cookie, to be checked), or null. Only whole-page GETs without a query string: client-side navigations
 * (RSC), prefetches, server actions, conditional or partial requests, and API calls with a token render as usual.
 */
export function cacheableAs(r: RenderRequest, hasSessionCookie: boolean): "public" | "personal" | null {
  if (r.method !== "GET" && r.method !== "HEAD") return null;
  if (r.search !== "") return null;
  const h = r.headers;
  if (h["rsc"] || h["next-router-prefetch"] || h["next-router-state-tree"] || h["next-action"]) return null;
  if (h["authorization"] || h["range"]) return null;
  if (hasSessionCookie) return PERSONAL.test(r.pathname) ? "personal" : null;
  return PUBLIC.test(r.pathname) ? "public" : null;
}

/** The key a rendering is stored under: the path and every version its content depends on. */
export function renderKey(
  pathname: string,
  viewer:
    | { kind: "public"; global: string }
    | { kind: "personal"; userId: string; user: string; email: string; global: string },
): string {
  return viewer.kind === "public"
    ? `public|${viewer.global}|${pathname}`
    : `personal|${viewer.userId}|${viewer.user}|${viewer.email}|${viewer.global}|${pathname}`;
}

const DAY_MS = 86_400_000;

/** The next UTC midnight after `now`: dates shown ("today", days left, months ago) change there. */
export function nextUtcMidnight(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
}

/**
 * The first instant after `now` at which a rating made at `at` counts as stale (lib/domain/history.ts isStale), or
 * null when it already does. Found by bisection on the clock, so it agrees with isStale to the millisecond however
 * month lengths fall.
 */
export function staleFrom(at: Date, now: number, months: number): number | null {
  if (isStale(at, new Date(now), months)) return null;
  let lo = now; // not stale
  let hi = at.getTime() + (months + 1) * 31 * DAY_MS; // stale
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (isStale(at, new Date(mid), months)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Until when a personal rendering made at `now` stays true: the next UTC midnight, the moment one of the person's
 * ratings turns stale, or the moment one of their open invitations expires, whichever comes first. Everything else a
 * page shows changes only through a write, which changes the key.
 */
export function personalValidUntil(
  now: number,
  deadlines: { ratedAt: readonly Date[]; staleMonths: number; invitationExpiries: readonly Date[] },
): number {
  let until = nextUtcMidnight(now);
  for (const at of deadlines.ratedAt) {
    const t = staleFrom(at, now, deadlines.staleMonths);
    if (t !== null && t < until) until = t;
  }
  for (const e of deadlines.invitationExpiries) {
    const t = e.getTime();
    if (t > now && t < until) until = t;
  }
  return until;
}
