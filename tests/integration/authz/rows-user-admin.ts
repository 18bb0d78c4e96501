import { adminOnly, fromAction, fromData, type MatrixRow } from "./matrix";
import type { ActorName, World } from "../../support/world";
import { deleteUserAction, resendVerificationForAction, setAdminAction } from "@/app/(app)/admin/users/actions";
import { searchUsers } from "@/lib/data/user-admin";
import { getAppSettings, setManagersMayCreateTeams } from "@/lib/data/settings";

/** A throwaway person for one cell, so a write that succeeds changes none of the matrix's own actors. */
async function stranger(w: World, as: ActorName, what: string, verified = true) {
  const email = `ua-${what}-${as}-${w.tag}-${Math.random().toString(36).slice(2, 8)}@test.local`;
  const u = await w.db.prisma.user.create({
    data: { email, name: `Stranger ${what}`, emailVerified: verified ? new Date() : null },
    select: { id: true },
  });
  return u.id;
}

export const userAdminRows: MatrixRow[] = [
  {
    name: "data searchUsers",
    run: (w, as) => fromData(w, as, (actor) => searchUsers(actor, { q: w.tag, filter: "all", page: 1 })),
    expect: adminOnly,
  },
  {
    name: "action setAdmin (promote a stranger)",
    run: async (w, as) =>
      fromAction(await setAdminAction({ userId: await stranger(w, as, "promote"), isAdmin: "true" })),
    expect: adminOnly,
  },
  {
    name: "action resendVerificationFor (an unverified stranger)",
    run: async (w, as) =>
      fromAction(await resendVerificationForAction({ userId: await stranger(w, as, "resend", false) })),
    expect: adminOnly,
  },
  {
    name: "action deleteUser (a stranger)",
    run: async (w, as) => fromAction(await deleteUserAction({ userId: await stranger(w, as, "delete") })),
    expect: adminOnly,
  },
  {
    name: "getAppSettings (/admin settings)",
    run: (w, as) => fromData(w, as, (a) => getAppSettings(a)),
    expect: adminOnly,
  },
  {
    name: "setManagersMayCreateTeams (leaves it off)",
    run: (w, as) => fromData(w, as, (a) => setManagersMayCreateTeams(a, false)),
    expect: adminOnly,
  },
];
