"use server";
import { revalidatePages } from "@/lib/actions/revalidate";
import { createAction } from "@/lib/actions/safe-action";
import { deleteUser, resendVerificationFor, setAdmin } from "@/lib/data/user-admin";
import { flag, id, z } from "@/lib/validation";

export const setAdminAction = createAction(
  z.object({ userId: id("Person", 50), isAdmin: flag("Choose make admin or remove admin.") }),
  async ({ userId, isAdmin }, actor) => {
    await setAdmin(actor, userId, isAdmin);
    revalidatePages("/admin", "/admin/users");
    return { isAdmin };
  },
);

export const resendVerificationForAction = createAction(
  z.object({ userId: id("Person", 50) }),
  async ({ userId }, actor) => {
    await resendVerificationFor(actor, userId);
    revalidatePages("/admin", "/admin/users", "/admin/outbox");
    return {};
  },
);

export const deleteUserAction = createAction(z.object({ userId: id("Person", 50) }), async ({ userId }, actor) => {
  await deleteUser(actor, userId);
  revalidatePages("/admin", "/admin/users");
  return {};
});
