import { expect, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

export const DEMO_PASSWORD = "skillgap-demo-2026";
export const PASSWORD = "a sturdy passphrase 2026";

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${randomBytes(3).toString("hex")}@e2e.test`;
}

/** Signs up through the real form; ends on the "My skills" page. */
export async function signUp(page: Page, name: string, email: string, password = PASSWORD) {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/me\/skills/);
}

/** Signs in through the real form. */
export async function signIn(page: Page, email: string, password = PASSWORD, callbackPath?: string) {
  await page.goto(callbackPath ? `/signin?callbackUrl=${encodeURIComponent(callbackPath)}` : "/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
}
