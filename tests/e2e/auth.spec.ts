import { expect, test } from "@playwright/test";
import {
  PASSWORD,
  expectAccessible,
  formAlert,
  linkIn,
  mailTo,
  signIn,
  signOut,
  signUp,
  signUpUnverified,
  uniqueEmail,
  verifyFromMail,
} from "./helpers";

test("sign up, sign out, sign in again", async ({ page }) => {
  const email = uniqueEmail("auth");
  await signUp(page, "Robin Auth", email);
  await expect(page.getByRole("heading", { name: "My skills" })).toBeVisible();
  await signOut(page);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole("link", { name: "Robin Auth" })).toBeVisible();
});

test("sign-up refuses a common password and says why", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Weak");
  await page.getByLabel("Email").fill(uniqueEmail("weak"));
  await page.getByLabel("Password", { exact: true }).fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toContainText("most commonly used");
});

test("a wrong password and an unknown email give the same message", async ({ page }) => {
  const email = uniqueEmail("wrong");
  await signUp(page, "Wrong Pw", email);
  await signOut(page);
  await signIn(page, email, "not the password at all");
  await expect(formAlert(page)).toHaveText("Email or password is incorrect.");
  const wrongPassword = await formAlert(page).textContent();
  await signIn(page, uniqueEmail("nobody"), "not the password at all");
  await expect(formAlert(page)).toHaveText(wrongPassword ?? "(no message)");
});

test("six quick wrong attempts are rate-limited with a retry time", async ({ page }) => {
  const email = uniqueEmail("limit");
  await signUp(page, "Limited", email);
  await signOut(page);
  for (let i = 0; i < 5; i++) {
    await signIn(page, email, `wrong password ${i}`);
    await expect(formAlert(page)).toHaveText("Email or password is incorrect.");
  }
  await signIn(page, email, `wrong password 6`);
  await expect(formAlert(page)).toContainText(
    /Too many sign-in attempts\. Try again in \d+ minutes?, or reset your password\./,
  );
  // even the right password is refused while the limit holds
  await signIn(page, email, PASSWORD);
  await expect(formAlert(page)).toContainText("Too many sign-in attempts");
});

test("a signed-out visit to a private page goes to sign-in and back after", async ({ page }) => {
  const email = uniqueEmail("back");
  await signUp(page, "Come Back", email);
  await signOut(page);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
});

test("the session check (the load test's signed-in floor) names the visitor, and sends a signed-out one to sign in", async ({
  page,
}) => {
  await page.goto("/account/session-check");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=(%2F|\/)account(%2F|\/)session-check/);
  const email = uniqueEmail("floor");
  await signUp(page, "Floor Check", email);
  await page.goto("/account/session-check");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Signed in as Floor Check");
});

test("no SSO button when OIDC is not configured", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: /Sign in with/ })).toHaveCount(0);
});

test("a member gets not found for the admin page", async ({ page }) => {
  await signUp(page, "Not Admin", uniqueEmail("notadmin"));
  const res = await page.goto("/admin");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("sign-up sends a confirmation mail over SMTP; the account is unconfirmed until its link is used once", async ({
  page,
}) => {
  const email = uniqueEmail("verify");
  await signUpUnverified(page, "Vera Verify", email);
  await expectAccessible(page, "sign-up: check your inbox");
  // Unconfirmed: may sign in and rate, and the account page says what is missing.
  await signIn(page, email, PASSWORD, "/account");
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("is not confirmed yet")).toBeVisible();
  const [mail] = await mailTo(email, /Confirm your email/);
  expect(mail!.html).toContain("skillgap");
  const link = linkIn(mail!, "/verify-email");
  await page.goto(link);
  await expectAccessible(page, "verify email");
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("status")).toContainText(`${email} is confirmed`);
  await page.goto("/account");
  await expect(page.getByText(`Your email address ${email} is confirmed.`)).toBeVisible();
  // Single use: the same link again is refused.
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(formAlert(page)).toContainText("invalid, expired or already used");
});

test("sign-up with a registered address answers the same and mails the owner instead", async ({ page }) => {
  const email = uniqueEmail("twice");
  await signUpUnverified(page, "First Owner", email);
  await signUpUnverified(page, "Second Try", email);
  await mailTo(email, /You already have an account/);
});

test("forgot password: the same answer for any address; the mailed link resets once and ends other sessions", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("reset");
  await signUp(page, "Reese Reset", email);
  const other = await (await browser.newContext()).newPage();
  await signIn(other, email, PASSWORD, "/account");
  await expect(other).toHaveURL(/\/account$/);

  const anon = await (await browser.newContext()).newPage();
  await anon.goto("/forgot-password");
  await expectAccessible(anon, "forgot password");
  await anon.getByLabel("Email").fill(uniqueEmail("nobody"));
  await anon.getByRole("button", { name: "Send me a reset link" }).click();
  const unknownAnswer = (await anon.getByRole("status").textContent())?.replace(/\S+@\S+/, "<address>");
  await anon.goto("/forgot-password");
  await anon.getByLabel("Email").fill(email);
  await anon.getByRole("button", { name: "Send me a reset link" }).click();
  expect((await anon.getByRole("status").textContent())?.replace(/\S+@\S+/, "<address>")).toBe(unknownAnswer);

  const [mail] = await mailTo(email, /Choose a new password/);
  const link = linkIn(mail!, "/reset-password");
  await anon.goto(link);
  await anon.getByLabel("New password").fill("a brand new passphrase 77");
  await anon.getByRole("button", { name: "Set new password" }).click();
  await expect(anon.getByRole("status")).toContainText("every earlier sign-in has ended");

  // Both earlier sessions are over.
  await other.goto("/account");
  await expect(other).toHaveURL(/\/signin/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
  // The old password is gone, the new one works, and the link does not work twice.
  await signIn(page, email, PASSWORD);
  await expect(formAlert(page)).toHaveText("Email or password is incorrect.");
  await signIn(page, email, "a brand new passphrase 77");
  await expect(page).toHaveURL(/\/dashboard/);
  await anon.goto(link);
  await anon.getByLabel("New password").fill("yet another passphrase 88");
  await anon.getByRole("button", { name: "Set new password" }).click();
  await expect(formAlert(anon)).toContainText("invalid, expired or already used");
});

test("sign out everywhere ends a second browser's session at once", async ({ page, browser }) => {
  const email = uniqueEmail("everywhere");
  await signUp(page, "Evan Everywhere", email);
  const second = await (await browser.newContext()).newPage();
  await signIn(second, email, PASSWORD, "/me/skills");
  await expect(second).toHaveURL(/\/me\/skills/);
  await page.goto("/account");
  await expect(page.getByText("(this browser)")).toBeVisible();
  await expectAccessible(page, "account with sessions");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin/);
  // The second browser still holds its cookie, but the session behind it is gone.
  const res = await second.goto("/me/skills");
  await expect(second).toHaveURL(/\/signin/);
  expect(res?.status()).toBeLessThan(500);
  const api = await second.request.get("/api/me/export");
  expect(api.status()).toBe(401);
});

test("the sign-in page never shows text from its URL", async ({ page }) => {
  await page.goto("/signin?error=Your%20account%20is%20locked.%20Call%20%2B1-555-0100%20now");
  await expect(formAlert(page)).toHaveText("Sign-in failed. Please try again.");
  await page.goto("/signin?error=a&error=b");
  await expect(formAlert(page)).toHaveText("Sign-in failed. Please try again.");
});

test("a NUL in the sign-in email is an ordinary wrong sign-in, with no database text", async ({ page }) => {
  const res = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const post = await page.request.post("/api/auth/callback/credentials", {
    form: { email: "a\u0000b@example.com", password: "whatever it is", csrfToken, json: "true" },
    maxRedirects: 0,
  });
  expect(post.status()).toBeLessThan(500);
  const body = await post.text();
  expect(body).not.toMatch(/prisma|invalid byte sequence|0x00|stack/i);
  expect(post.headers().location ?? "").not.toMatch(/prisma|byte sequence/i);
});
