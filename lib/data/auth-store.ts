import "server-only";
import type { Adapter } from "next-auth/adapters";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { db } from "./db";

/**
 * Everything next-auth (lib/auth) needs from the database, behind one module: lib/auth imports this file and no
 * other part of lib/data.
 */
export { clearSignInFailures, takeSignInSlot } from "./login-attempts";
export { createSession, endSession, findSessionActor, SESSION_MAX_AGE_S } from "./sessions";
export { markOidcEmailVerified, signInAllowed, verifyCredentials } from "./users";

/** next-auth's adapter wants a client up front; ours opens asynchronously, so each call awaits it. */
export function authAdapter(): Adapter {
  return new Proxy({} as Adapter, {
    get(_target, method: string) {
      return async (...args: unknown[]) => {
        const adapter = PrismaAdapter(await db()) as unknown as Record<string, (...a: unknown[]) => unknown>;
        return adapter[method]?.(...args);
      };
    },
  });
}
