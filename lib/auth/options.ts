import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { log } from "@/lib/observability";
import {
  authAdapter,
  clearSignInFailures,
  createSession,
  endSession,
  markOidcEmailVerified,
  SESSION_MAX_AGE_S,
  signInAllowed,
  takeSignInSlot,
  verifyCredentials,
} from "@/lib/data/auth-store";
import { clientIp, headerGetter } from "./client-ip";
import { oidcProvider } from "./oidc";
import { SIGN_IN_CODES } from "./sign-in-errors";

// The same rules as everywhere else: a NUL or an absurd length never reaches the database.
const credentialsSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(3)
    .max(320)
    .pipe(z.email())
    .refine((v) => !/[\u0000\uD800-\uDFFF]/.test(v)),
  password: z.string().min(1).max(200),
});

/** The browser's User-Agent, for the account page's list of sessions; null outside a request. */
async function userAgent(): Promise<string | null> {
  try {
    const { headers } = await import("next/headers");
    return (await headers()).get("user-agent");
  } catch {
    return null;
  }
}

export function buildAuthOptions(): NextAuthOptions {
  const e = env();
  const sso = oidcProvider(e);
  return {
    adapter: authAdapter(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    secret: e.NEXTAUTH_SECRET,
    useSecureCookies: (e.NEXTAUTH_URL ?? "").startsWith("https://"),
    pages: { signIn: "/signin", error: "/signin" },
    // One JSON line per event, without stack traces: a forged or foreign cookie (JWT_SESSION_ERROR) is routine noise.
    logger: {
      error(code, metadata) {
        const m = metadata as { message?: unknown; error?: { message?: unknown } } | undefined;
        const message = String(m?.error?.message ?? m?.message ?? "").split("\n")[0];
        log()[code === "JWT_SESSION_ERROR" ? "warn" : "error"]({ code, message }, "auth");
      },
      warn(code) {
        log().warn({ code }, "auth");
      },
      debug() {},
    },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse({ email: credentials?.email, password: credentials?.password });
          if (!parsed.success) throw new Error(SIGN_IN_CODES.credentials);
          const { email, password } = parsed.data;
          const ip = clientIp(
            headerGetter(req?.headers as Record<string, string | string[] | undefined>),
            env().TRUSTED_PROXY_HOPS,
          );
          const slot = await takeSignInSlot(email, ip);
          if (!slot.allowed) throw new Error(`${SIGN_IN_CODES.tooMany}-${slot.retryMinutes}`);
          const user = await verifyCredentials(email, password);
          if (!user) throw new Error(SIGN_IN_CODES.credentials);
          await clearSignInFailures(email, ip);
          // Only someone who knows the password learns that the account is deactivated.
          if (user.deactivated) throw new Error(SIGN_IN_CODES.deactivated);
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
      ...(sso ? [sso] : []),
    ],
    callbacks: {
      async signIn({ user }) {
        // SSO accounts too: a deactivated account gets no session.
        if (!user?.id) return false;
        return (await signInAllowed(user.id)) ? true : `/signin?error=${SIGN_IN_CODES.deactivated}`;
      },
      async jwt({ token, user }) {
        if (user) {
          const sid = await createSession(user.id, await userAgent());
          token.uid = user.id;
          token.sid = sid ?? undefined;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && typeof token.uid === "string")
          Object.assign(session.user, { id: token.uid, sid: token.sid });
        return session;
      },
    },
    events: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return;
        const verified = (profile as { email_verified?: unknown } | undefined)?.email_verified;
        if (verified === true || verified === "true" || env().OIDC_TRUST_UNVERIFIED_EMAIL)
          await markOidcEmailVerified(user.id);
      },
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid);
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
