import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { findActor } from "@/lib/data/users";

export type SessionActor = { id: string; isAdmin: boolean; name: string | null; email: string };

/**
 * The signed-in user (re-read from the database, so a deleted account or a revoked admin takes effect at once).
 * Memoised per request with React's cache: the nav and the page both ask, and each ask costs a JWT decryption and a
 * query. Outside a render (route handlers, tests) it simply runs.
 */
export const getActor = cache(async (): Promise<SessionActor | null> => {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return findActor(id);
});

/** The signed-in user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireActor(returnTo: string): Promise<SessionActor> {
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
