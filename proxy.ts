import { withAuth } from "next-auth/middleware";

// Only redirects signed-out visitors to sign-in (and back afterwards). Who may see what is decided in lib/data.
export default withAuth({ pages: { signIn: "/signin" } });

export const config = {
  matcher: ["/dashboard/:path*", "/me/:path*", "/compare/:path*", "/teams/:path*", "/reviews/:path*", "/admin/:path*", "/account/:path*", "/plan/:path*"],
};
