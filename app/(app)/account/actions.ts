"use server";
import { revalidatePages } from "@/lib/actions/revalidate";
import { createAction } from "@/lib/actions/safe-action";
import { changePassword, deleteAccount, updateDisplayName } from "@/lib/data/users";
import { signOutEverywhere } from "@/lib/data/accounts";
import { findabilitySchema, setFindability } from "@/lib/data/people";
import { endMySession } from "@/lib/data/sessions";
import { id, noInput, password, requiredText, z } from "@/lib/validation";

export const updateNameAction = createAction(
  z.object({ name: requiredText(100, "Name", "Enter a name.") }),
  async ({ name }, actor) => {
    await updateDisplayName(actor, name);
    // The name shows on the account page and in the navigation of every signed-in page.
    revalidatePages("/account", "/dashboard");
    return { name };
  },
);

export const changePasswordAction = createAction(
  // An account without a password yet (signed up through SSO) has no current one to send.
  z.object({
    currentPassword: password("Current password", "Enter your current password.")
      .optional()
      .transform((v) => v ?? ""),
    newPassword: password("New password"),
  }),
  async ({ currentPassword, newPassword }, actor) => {
    await changePassword(actor, currentPassword, newPassword);
    revalidatePages("/account");
    return null;
  },
);

export const deleteAccountAction = createAction(
  z.object({ confirmEmail: requiredText(320, "Email", "Type your email address to confirm.") }),
  async ({ confirmEmail }, actor) => {
    await deleteAccount(actor, confirmEmail);
    // No revalidation: this browser signs out next (see account-forms.tsx), and re-rendering a signed-in page for
    // an account that no longer exists would only race that with a redirect to sign-in.
    return null;
  },
);

/** Ends every session of this account, this browser's included. */
export const signOutEverywhereAction = createAction(noInput(), async (_input, actor) => {
  const ended = await signOutEverywhere(actor);
  // No revalidation, as for deleting the account: this browser's session is gone and it signs out next.
  return { ended };
});

/** Ends one of the actor's other sessions (a browser they no longer use). */
export const endSessionAction = createAction(
  z.object({ sessionId: id("Session", 50) }),
  async ({ sessionId }, actor) => {
    await endMySession(actor, sessionId);
    revalidatePages("/account");
    return { ended: 1 };
  },
);

/** "Who can find you": the setting the finder and the profile page follow. */
export const setFindabilityAction = createAction(findabilitySchema, async ({ findableBy }, actor) => {
  await setFindability(actor, findableBy);
  revalidatePages("/account", "/people", `/people/${actor.id}`);
  return { findableBy };
});
