"use server";
import { z } from "zod";
import { createAction } from "@/lib/actions/safe-action";
import { changePassword, deleteAccount, updateDisplayName } from "@/lib/data/users";

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
