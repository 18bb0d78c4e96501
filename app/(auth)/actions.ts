"use server";
import { z } from "zod";
import { createAction, createPublicAction } from "@/lib/actions/safe-action";
import { registerAccount, requestPasswordReset, resendVerification, resetPassword, verifyEmail } from "@/lib/data/accounts";
import { requestIp } from "@/lib/auth/request-ip";

const email = z.string({ message: "Enter your email address." }).trim().min(1, "Enter your email address.").max(320, "Email is too long.").pipe(z.email("Enter a valid email address."));
const password = z.string({ message: "Enter a password." }).max(200, "Password must be at most 200 characters long.");
const token = z.string({ message: "The link is incomplete." }).min(1, "The link is incomplete.").max(200, "The link is invalid.");

const signUpSchema = z.object({
  name: z.string({ message: "Enter your name." }).trim().min(1, "Enter your name.").max(100, "Name must be at most 100 characters."),
  email,
  password,
});

/** Always answers "check your inbox" for a well-formed request, whether or not the address is registered. */
export const signUp = createPublicAction(signUpSchema, async (input) => registerAccount(input, await requestIp()));

export const forgotPasswordAction = createPublicAction(z.object({ email }), async (input) => {
  await requestPasswordReset(input.email, await requestIp());
  return { email: input.email };
});

export const resetPasswordAction = createPublicAction(z.object({ token, password }), async (input) => resetPassword(input.token, input.password));

export const verifyEmailAction = createPublicAction(z.object({ token }), async (input) => verifyEmail(input.token));

export const resendVerificationAction = createAction(z.unknown().transform(() => ({})), async (_input, actor) => resendVerification(actor));
