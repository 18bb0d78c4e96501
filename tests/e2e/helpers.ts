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

/** The page's own alert (Next adds an empty route announcer with role=alert outside <main>). */
export function formAlert(page: Page) {
  return page.locator("main").getByRole("alert");
}

/**
 * Runs axe on the current page and fails on any serious or critical violation (WCAG 2.x A/AA rules).
 * Every page an e2e test visits goes through this once.
 */
export async function expectAccessible(page: Page, what?: string) {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  expect(bad, `axe violations on ${what ?? page.url()}`).toEqual([]);
}

/** The recharts surface of a chart wrapper (legend icons are svgs too). */
export function chartSurface(page: Page, testId: string) {
  return page.getByTestId(testId).locator('svg.recharts-surface[role="application"]').first();
}

/** Picks a level in the rating editor for one skill. */
export async function rate(page: Page, skillId: string, level: number) {
  await page.locator(`fieldset[data-skill="${skillId}"] input[type="radio"][value="${level}"]`).check({ force: true });
}
