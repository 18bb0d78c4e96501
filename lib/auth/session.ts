import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { findActor } from "@/lib/data/users";

export type SessionActor = { id: string; isAdmin: boolean; name: string | null; email: string };

/** The signed-in user (re-read from the database, so a deleted account or a revoked admin takes effect at once). */
export async function getActor(): Promise<SessionActor | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return findActor(id);
}

/** The signed-in user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireActor(returnTo: string): Promise<SessionActor> {
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
