import type { SessionActor } from "@/lib/auth/session";

/** The actor the mocked session returns; tests set it before each call. */
export const session: { actor: SessionActor | null } = { actor: null };

export const sessionModule = {
  getActor: async () => session.actor,
  requireActor: async () => {
    if (!session.actor) throw new Error("redirect to sign-in");
    return session.actor;
  },
};
