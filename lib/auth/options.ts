import type { NextAuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import CredentialsProvider from "next-auth/providers/credentials";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { env } from "@/lib/env";
import { db } from "@/lib/data/db";
import { checkLoginGate, recordLoginAttempt } from "@/lib/data/login-attempts";
import { acceptPendingInvitations, verifyCredentials } from "@/lib/data/users";
import { oidcProvider } from "./oidc";

export const WRONG_CREDENTIALS = "Email or password is incorrect.";

/** next-auth's adapter wants a client up front; ours opens asynchronously, so each call awaits it. */
function lazyPrismaAdapter(): Adapter {
  return new Proxy({} as Adapter, {
    get(_target, method: string) {
      return async (...args: unknown[]) => {
        const adapter = PrismaAdapter(await db()) as unknown as Record<string, (...a: unknown[]) => unknown>;
        return adapter[method]?.(...args);
      };
    },
  });
}

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const fwd = headers?.["x-forwarded-for"];
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(",")[0]?.trim();
  const real = headers?.["x-real-ip"];
  return first || (Array.isArray(real) ? real[0] : real) || "unknown";
}

export function buildAuthOptions(): NextAuthOptions {
  const e = env();
  const sso = oidcProvider(e);
  return {
    adapter: lazyPrismaAdapter(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    secret: e.NEXTAUTH_SECRET,
    useSecureCookies: (e.NEXTAUTH_URL ?? "").startsWith("https://"),
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const email = String(credentials?.email ?? "").trim().toLowerCase().slice(0, 320);
          const password = String(credentials?.password ?? "").slice(0, 200);
          if (!email || !password) throw new Error(WRONG_CREDENTIALS);
          const ip = clientIp(req?.headers as Record<string, string>);
          const gate = await checkLoginGate(email, ip);
          if (!gate.allowed) {
            throw new Error(`Too many sign-in attempts. Try again in ${gate.retryMinutes} minute${gate.retryMinutes === 1 ? "" : "s"}.`);
          }
          const user = await verifyCredentials(email, password);
          await recordLoginAttempt(email, ip, Boolean(user));
          if (!user) throw new Error(WRONG_CREDENTIALS);
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
      ...(sso ? [sso] : []),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user && typeof token.uid === "string") (session.user as { id?: string }).id = token.uid;
        return session;
      },
    },
    events: {
      async signIn({ user }) {
        // Invitations sent after sign-up are joined at the next sign-in.
        await acceptPendingInvitations({ id: user.id, isAdmin: false });
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
