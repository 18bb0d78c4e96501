"use server";
import { createAction, createPublicAction } from "@/lib/actions/safe-action";
import { revalidatePages } from "@/lib/actions/revalidate";
import {
  registerAccount,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  verifyEmail,
} from "@/lib/data/accounts";
import { requestIp } from "@/lib/auth/request-ip";
import { email, noInput, password, requiredText, token, z } from "@/lib/validation";

const signUpSchema = z.object({
  name: requiredText(100, "Name", "Enter your name."),
  email: email(),
  password: password(),
});

// Every mail sent is listed in the admin outbox; new accounts in the admin's list of people.
const OUTBOX = "/admin/outbox";

/** Always answers "check your inbox" for a well-formed request, whether or not the address is registered. */
export const signUp = createPublicAction(signUpSchema, async (input) => {
  const sent = await registerAccount(input, await requestIp());
  revalidatePages("/admin", OUTBOX);
  return sent;
});

export const forgotPasswordAction = createPublicAction(z.object({ email: email() }), async (input) => {
  await requestPasswordReset(input.email, await requestIp());
  revalidatePages(OUTBOX);
  return { email: input.email };
});

export const resetPasswordAction = createPublicAction(
  z.object({ token: token(), password: password("New password") }),
  async (input) => {
    const done = await resetPassword(input.token, input.password);
    revalidatePages("/account");
    return done;
  },
);

export const verifyEmailAction = createPublicAction(z.object({ token: token() }), async (input) => {
  const verified = await verifyEmail(input.token);
  revalidatePages("/account", "/dashboard", "/invitations");
  return verified;
});

export const resendVerificationAction = createAction(noInput(), async (_input, actor) => {
  const sent = await resendVerification(actor);
  revalidatePages("/account", OUTBOX);
  return sent;
});
