import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";

test.use({ viewport: { width: 390, height: 844 } });

async function fitsThePhone(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main h1").first()).toBeVisible();
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.page, `${path} scrolls sideways at 390 px`).toBeLessThanOrEqual(widths.screen);
}

test("the account, invitation and mail pages fit a 390 px phone without sideways scrolling", async ({ page }) => {
  for (const path of [
    "/signup",
    "/signin",
    "/forgot-password",
    `/reset-password?token=${"x".repeat(43)}`,
    `/verify-email?token=${"x".repeat(43)}`,
  ]) {
    await fitsThePhone(page, path);
  }
  await signIn(page, "admin@skillgap.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/);
  for (const path of ["/account", "/invitations", "/admin/outbox"]) await fitsThePhone(page, path);
});
