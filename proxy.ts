import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/csp";
import { decodablePath } from "@/lib/search-params";
import { ACTION_BODY_LIMIT_MB, MB } from "@/lib/upload-limits";

/**
 * Runs before every request except static assets:
 *   1. a path that cannot be percent-decoded answers 400 here, because Next's router fails on it with a bare 500 when
 *      it falls on a dynamic segment (vercel/next.js#92527);
 *   2. every response gets a Content-Security-Policy with a fresh script nonce (lib/csp.ts); Next applies the nonce
 *      to its scripts because the request carries the same header;
 *   3. a body declared larger than the largest any form or route accepts answers 413 with a plain message (Next would
 *      answer an over-limit server action with a bare 500);
 *   4. signed-out visitors of the signed-in areas are redirected to sign-in (and back afterwards). Who may see what
 *      is decided in lib/data, not here.
 */

/** The signed-in areas. */
const SIGNED_IN = /^\/(?:dashboard|me|compare|teams|reviews|admin|account|invitations)(?:\/|$)/;

const BAD_PATH = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request</title></head><body><main><h1>Bad request</h1><p>This address is not valid. <a href="/">Go to the start page</a>.</p></main></body></html>`;

/** Machine clients get their protocol's error format: SCIM Error messages, or RFC 9457 problems for /api/v1. */
function apiKind(path: string): "scim" | "v1" | null {
  if (path.startsWith("/scim/")) return "scim";
  if (path.startsWith("/api/v1/")) return "v1";
  return null;
}

function apiRefusal(kind: "scim" | "v1", status: number, detail: string): NextResponse {
  const body =
    kind === "scim"
      ? { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: String(status), detail }
      : { type: "about:blank", title: status === 413 ? "Content Too Large" : "Bad Request", status, detail };
  return new NextResponse(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": kind === "scim" ? "application/scim+json" : "application/problem+json",
      "Cache-Control": "no-store",
    },
  });
}

function withPolicy(req: NextRequest): NextResponse {
  const csp = contentSecurityPolicy(newNonce(), process.env.NODE_ENV === "development");
  const headers = new Headers(req.headers);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

const auth = withAuth((req) => withPolicy(req), { pages: { signIn: "/signin" } });

export default function proxy(req: NextRequest, event: NextFetchEvent) {
  const api = apiKind(req.nextUrl.pathname);
  if (!decodablePath(req.nextUrl.pathname)) {
    if (api) return apiRefusal(api, 400, "This address is not valid.");
    return new NextResponse(BAD_PATH, {
      status: 400,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  if (Number(req.headers.get("content-length") ?? 0) > ACTION_BODY_LIMIT_MB * MB) {
    const error = `Request too large (max ${ACTION_BODY_LIMIT_MB} MB).`;
    if (api) return apiRefusal(api, 413, error);
    return NextResponse.json(
      { error, errors: { body: [error] } },
      { status: 413, headers: { "Cache-Control": "no-store" } },
    );
  }
  // /invitations/<token> is the emailed link: it must open signed out too.
  if (SIGNED_IN.test(req.nextUrl.pathname) && !/^\/invitations\/[^/]+$/.test(req.nextUrl.pathname))
    return auth(req as NextRequestWithAuth, event);
  return withPolicy(req);
}

export const config = {
  // Everything but build assets: pages need the nonce, and every dynamic route needs the encoding check.
  // /ping (the benchmarks' static reference) and /api/health (probes) are fixed paths that render no HTML: they skip it.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|ping$|api/health(?:/live|/ready)?$).*)"],
};
