/**
 * Accounts made by an operator (`npm run user:create`), outside any request: no "server-only" here, and the caller
 * passes the client it opened. The same email normalisation and password rules as sign-up (createUser).
 */
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/common-passwords";
import { email as emailSchema } from "@/lib/validation";
import { DataError } from "./errors";
import type { Db } from "./open";

/** How every email is stored and looked up. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export type ProvisionUserOptions = { email: string; name?: string | null; password?: string | null; isAdmin?: boolean };
export type ProvisionedUser = { id: string; email: string; created: boolean; generatedPassword: string | null };

/**
 * Creates a verified account, or updates the existing one with that email: it becomes verified, an admin when asked
 * (never demoted), and gets the new password when one is given. Team invitations stay pending: joining a team is
 * always the person's own decision. Throws DataError (email, password) on bad input.
 */
export async function provisionUser(prisma: Db, input: ProvisionUserOptions): Promise<ProvisionedUser> {
  const parsed = emailSchema().safeParse(input.email);
  if (!parsed.success)
    throw new DataError(parsed.error.issues[0]!.message, { email: parsed.error.issues.map((i) => i.message) });
  const email = normaliseEmail(parsed.data);
  const generatedPassword = input.password ? null : randomBytes(12).toString("base64url");
  const password = input.password || generatedPassword!;
  const problem = passwordProblem(password, email);
  if (problem) throw new DataError(problem, { password: [problem] });
  const passwordHash = await hashPassword(password);
  const isAdmin = input.isAdmin ?? false;
  return prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({
      where: { email },
      select: { id: true, isAdmin: true, emailVerified: true },
    });
    if (existing) {
      await tx.user.update({
        where: { id: existing.id },
        data: {
          isAdmin: isAdmin || existing.isAdmin,
          emailVerified: existing.emailVerified ?? new Date(),
          ...(input.password ? { passwordHash } : {}),
        },
      });
      return { id: existing.id, email, created: false, generatedPassword: null };
    }
    const user = await tx.user.create({
      data: { email, name: input.name?.trim() || null, passwordHash, isAdmin, emailVerified: new Date() },
      select: { id: true },
    });
    return { id: user.id, email, created: true, generatedPassword };
  });
}
