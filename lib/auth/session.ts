import "server-only";
import { cache } from "react";
import { getServerSession, type Session } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { findSessionActor } from "@/lib/data/auth-store";
import { noteRequestUser } from "@/lib/observability";

/** The signed-in person: `verified` once they confirmed their email; `sessionId` is this browser's session row. */
export type SessionActor = {
  id: string;
  isAdmin: boolean;
  name: string | null;
  email: string;
  verified: boolean;
  sessionId: string;
};

/**
 * The actor behind a next-auth session: re-read from the database with the session row, so a deleted or
 * deactivated account, a sign-out elsewhere or a password change takes effect at the next request.
 */
export async function actorFromSession(session: Session | null): Promise<SessionActor | null> {
  const user = session?.user as { id?: unknown; sid?: unknown } | undefined;
  if (typeof user?.id !== "string" || typeof user.sid !== "string") return null;
  return findSessionActor(user.id, user.sid);
}

/**
 * The signed-in user. Memoised per request with React's cache: the nav and the page both ask, and each ask costs a
 * JWT decryption and a query. Outside a render (route handlers, tests) it simply runs.
 */
export const getActor = cache(async (): Promise<SessionActor | null> => {
  const actor = await actorFromSession(await getServerSession(authOptions()));
  if (actor) noteRequestUser(actor.id); // the request's log line names the user by id
  return actor;
});

/** The signed-in user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireActor(returnTo: string): Promise<SessionActor> {
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
