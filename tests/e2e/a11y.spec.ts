import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, signIn } from "./helpers";

// Pages the journeys do not already scan. Each gets an axe pass: 0 serious or critical violations.
for (const path of ["/", "/signin", "/signup", "/skills", "/no-such-page"]) {
  test(`signed out: ${path} has no serious accessibility violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page, path);
  });
}

test("signed in as admin: account and admin pages have no serious accessibility violations", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "admin@skillgap.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/);
  await expectAccessible(page, "/dashboard (admin, demo history)");
  for (const path of ["/account", "/admin", "/me/skills", "/compare?a=platform-engineer&b=infrastructure-engineer"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page, path);
  }
});

test("the skip link moves keyboard focus to the main content", async ({ page }) => {
  await page.goto("/roles");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});
