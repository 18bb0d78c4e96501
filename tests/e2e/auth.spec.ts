import { expect, test } from "@playwright/test";
import { PASSWORD, formAlert, signIn, signOut, signUp, uniqueEmail } from "./helpers";

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
  await expect(formAlert(page)).toContainText(/Too many sign-in attempts\. Try again in \d+ minutes?\./);
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
