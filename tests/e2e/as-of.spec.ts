import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, signIn, signUp, uniqueEmail } from "./helpers";

// Time travel: the "as of" selector on the dashboard and the team page. Ratings saved here are all "now", so the
// past is any day before today: it holds none of them.
const SLOW = { timeout: 60_000 };
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function fitsWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

test("a member sees nothing rated before their first rating, today's levels today, and a message for a bad date", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page, "Ada As-of", uniqueEmail("as-of"));
  await page.getByLabel("Current role").selectOption("infrastructure-engineer");
  await page.getByLabel("Target role").selectOption("platform-engineer");
  await page.getByRole("button", { name: "Save roles" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Roles saved." })).toBeVisible(SLOW);
  // Two saves: history rows at two moments, both today.
  for (const level of [2, 4]) {
    const saved = await page.request.put("/api/me/ratings", {
      data: {
        ratings: [
          { skillId: "containers", level },
          { skillId: "linux", level },
        ],
      },
      timeout: 120_000,
    });
    expect(saved.status()).toBe(200);
  }

  await page.goto("/dashboard");
  const selector = page.getByTestId("as-of-selector");
  await expect(selector).toBeVisible(SLOW);
  await expect(page.getByTestId("as-of")).toHaveCount(0); // today: no banner
  await expect(page.getByTestId("fit-summary")).not.toContainText("You are 0%");

  // Yesterday, before either save: nothing rated, and a way back.
  const yesterday = day(-1);
  await selector.getByLabel("Or any date").fill(yesterday);
  await selector.getByRole("button", { name: "Show this date" }).click();
  await expect(page).toHaveURL(new RegExp(`asOf=${yesterday}`));
  const banner = page.getByTestId("as-of");
  await expect(banner).toContainText("Showing your skills as of");
  await expect(page.getByTestId("as-of-empty")).toContainText("Not rated yet");
  await expect(page.getByTestId("fit-summary")).toContainText("You are 0%");
  await expect(page.getByTestId("suggestions")).toHaveCount(0);
  expect(await fitsWidth(page)).toBe(true);
  await expectAccessible(page, "/dashboard as of yesterday at 390 px");

  // The latest quarter end, from the select: also before the ratings.
  await page.getByLabel("End of a quarter").selectOption({ index: 1 });
  await selector.getByRole("button", { name: "Show the end of this quarter" }).click();
  await expect(page).toHaveURL(/asOf=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByTestId("as-of-empty")).toBeVisible();

  // Back to today: the levels as rated now.
  await banner.getByRole("link", { name: "back to today" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("as-of")).toHaveCount(0);
  await expect(page.getByTestId("fit-summary")).not.toContainText("You are 0%");

  // Today chosen explicitly is today.
  await page.goto(`/dashboard?asOf=${day(0)}`);
  await expect(page.getByTestId("as-of")).toHaveCount(0);

  // Bad dates: a message on the date field, today's figures, never an error page.
  for (const [value, message] of [
    ["1899-12-31", "between 1900 and 9999"],
    [day(3), "today or earlier"],
    ["2026-02-30", "not a real date"],
    ["yesterday", "must be a date like"],
  ]) {
    const res = await page.goto(`/dashboard?asOf=${encodeURIComponent(value)}`);
    expect(res?.status(), value).toBe(200);
    const field = page.getByLabel("Or any date");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#as-of-date-error")).toContainText(message);
    await expect(page.getByTestId("as-of")).toHaveCount(0);
  }
});

test("the demo manager looks at the team before any rating and comes back to today", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "manager@skillgap.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/, SLOW);
  await page.goto("/teams");
  await page.getByRole("link", { name: "Platform Team (demo)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Platform Team (demo)" })).toBeVisible(SLOW);
  const teamUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("heat-map")).toBeVisible();

  await page.goto(`${teamUrl}?asOf=1900-01-01`);
  const banner = page.getByTestId("as-of");
  await expect(banner).toContainText("Showing the team's levels and figures as of 1 Jan 1900");
  await expect(page.getByTestId("as-of-empty")).toContainText("Not rated yet");
  await expect(page.getByTestId("team-empty")).toBeVisible();
  await expect(page.getByTestId("heat-map")).toHaveCount(0);

  await banner.getByRole("link", { name: "back to today" }).click();
  await expect(page).toHaveURL(new RegExp(`${teamUrl}$`));
  await expect(page.getByTestId("as-of")).toHaveCount(0);
  await expect(page.getByTestId("heat-map")).toBeVisible();

  const res = await page.goto(`${teamUrl}?asOf=${encodeURIComponent("<script>")}`);
  expect(res?.status()).toBe(200);
  await expect(page.locator("#as-of-date-error")).toContainText("must be a date like");
  await expect(page.getByTestId("heat-map")).toBeVisible();
});
