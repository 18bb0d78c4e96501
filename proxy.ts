import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { decodablePath } from "@/lib/search-params";

// Only redirects signed-out visitors to sign-in (and back afterwards). Who may see what is decided in lib/data.
const auth = withAuth({ pages: { signIn: "/signin" } });

/** The signed-in areas (the first entries of `config.matcher`). */
const SIGNED_IN = /^\/(?:dashboard|me|compare|teams|reviews|admin|account|plan)(?:\/|$)/;

const BAD_PATH = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request</title></head><body><main><h1>Bad request</h1><p>This address is not valid. <a href="/">Go to the start page</a>.</p></main></body></html>`;

export default function proxy(req: NextRequest, event: NextFetchEvent) {
  // Such a path names nothing, but Next's router fails on it with a bare 500 when it falls on a dynamic segment
  // (vercel/next.js#92527), so it is answered here, before routing.
  if (!decodablePath(req.nextUrl.pathname)) return new NextResponse(BAD_PATH, { status: 400, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
  if (SIGNED_IN.test(req.nextUrl.pathname)) return auth(req as NextRequestWithAuth, event);
  return NextResponse.next();
}

export const config = {
  matcher: [
    "/dashboard/:path*", "/me/:path*", "/compare/:path*", "/teams/:path*", "/reviews/:path*", "/admin/:path*", "/account/:path*", "/plan/:path*",
    // Every other route with a dynamic segment, for the encoding check only (tests/unit/proxy.test.ts lists them from app/).
    "/skills/:path*", "/roles/:path*", "/invitations/:path*", "/api/teams/:path*", "/api/auth/:path*",
  ],
};
