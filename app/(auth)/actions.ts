"use server";
import { z } from "zod";
import { createPublicAction } from "@/lib/actions/safe-action";
import { createUser } from "@/lib/data/users";

const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Name must be at most 100 characters."),
  email: z.string().trim().max(320, "Email is too long.").pipe(z.email("Enter a valid email address.")),
  password: z.string().max(200, "Password must be at most 200 characters long."),
});

export const signUp = createPublicAction(signUpSchema, async (input) => {
  const user = await createUser(input);
  return { email: user.email };
});
