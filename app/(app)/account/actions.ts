"use server";
import { revalidatePages } from "@/lib/actions/revalidate";
import { z } from "zod";
import { createAction } from "@/lib/actions/safe-action";
import { changePassword, deleteAccount, updateDisplayName } from "@/lib/data/users";
import { signOutEverywhere } from "@/lib/data/accounts";
import { endMySession } from "@/lib/data/sessions";

export const updateNameAction = createAction(
  z.object({ name: z.string().trim().min(1, "Enter a name.").max(100, "Name must be at most 100 characters.") }),
  async ({ name }, actor) => {
    await updateDisplayName(actor, name);
    return { name };
  },
);

export const changePasswordAction = createAction(
  z.object({
    currentPassword: z.string().max(200, "Password must be at most 200 characters long."),
    newPassword: z.string().max(200, "Password must be at most 200 characters long."),
  }),
  async ({ currentPassword, newPassword }, actor) => {
    await changePassword(actor, currentPassword, newPassword);
    return null;
  },
);

export const deleteAccountAction = createAction(
  z.object({ confirmEmail: z.string().trim().min(1, "Type your email address to confirm.").max(320, "Email is too long.") }),
  async ({ confirmEmail }, actor) => {
    await deleteAccount(actor, confirmEmail);
    return null;
  },
);

/** Ends every session of this account, this browser's included. */
export const signOutEverywhereAction = createAction(z.unknown().transform(() => ({})), async (_input, actor) => ({ ended: await signOutEverywhere(actor) }));

/** Ends one of the actor's other sessions (a browser they no longer use). */
export const endSessionAction = createAction(z.object({ sessionId: z.string({ message: "Session is missing." }).trim().min(1, "Session is missing.").max(50, "Session is missing.") }), async ({ sessionId }, actor) => {
  await endMySession(actor, sessionId);
  revalidatePages("/account");
  return { ended: 1 };
});
