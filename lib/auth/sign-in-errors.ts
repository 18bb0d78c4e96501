/**
 * The only messages the sign-in page shows. next-auth passes an error code through the URL (?error=…) and in the
 * client's result; any code we do not know becomes the generic message, so the page never echoes text from a URL.
 */
export const WRONG_CREDENTIALS = "Email or password is incorrect.";

export const SIGN_IN_CODES = {
  credentials: "CredentialsSignin",
  tooMany: "TooManyAttempts",
  deactivated: "AccountDeactivated",
} as const;

export function signInErrorMessage(code: string | null | undefined): string {
  if (!code) return "Sign-in failed. Please try again.";
  if (code === SIGN_IN_CODES.credentials) return WRONG_CREDENTIALS;
  const tooMany = /^TooManyAttempts-(\d{1,4})$/.exec(code);
  if (tooMany) {
    const minutes = Math.min(1440, Math.max(1, Number(tooMany[1])));
    return `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or reset your password.`;
  }
  if (code === SIGN_IN_CODES.deactivated) return "This account has been deactivated. Ask an administrator.";
  if (code === "OAuthAccountNotLinked") return "This email is already registered with a password. Sign in with it.";
  if (code === "AccessDenied") return "Sign-in was refused for this account.";
  if (code === "SessionRequired") return "Please sign in to continue.";
  return "Sign-in failed. Please try again.";
}
