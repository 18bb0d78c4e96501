import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, signIn } from "./helpers";

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** The relative luminance (0–1) of an element's computed background colour, as the browser resolved it. */
async function backgroundLuminance(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el) => {
    // Let the browser convert whatever syntax the stylesheet used (oklch, lab, hex) to sRGB bytes.
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = getComputedStyle(el).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = [...ctx.getImageData(0, 0, 1, 1).data].map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
}

async function fitsTheScreen(page: Page, what: string) {
  const w = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(w.page, `${what} scrolls sideways`).toBeLessThanOrEqual(w.screen);
}

test.describe("on a phone (390 × 844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the nav folds into a Menu button that opens, closes on Escape and on navigation", async ({ page }) => {
    await signIn(page, "alex@skillgap.demo", DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
    const menu = nav(page).getByRole("button", { name: "Menu" });
    const dashboard = nav(page).getByRole("link", { name: "Dashboard" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toHaveAttribute("aria-controls", "site-menu");
    await expect(dashboard).toBeHidden();
    // The closed header is one row: logo and button.
    expect((await page.getByRole("banner").boundingBox())!.height).toBeLessThan(80);
    await fitsTheScreen(page, "the dashboard at 390 px");

    // Keyboard: Enter opens, Tab reaches the links, Escape closes and gives focus back to the button.
    // The menu is a client component: let the page hydrate before using it.
    await page.waitForLoadState("networkidle");
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(dashboard).toBeVisible();
    await expect(dashboard).toHaveAttribute("aria-current", "page");
    await page.keyboard.press("Tab");
    await expect(dashboard).toBeFocused();
    const links = page.locator("#site-menu").getByRole("link");
    const labels = await links.allInnerTexts();
    expect(labels).toEqual(
      expect.arrayContaining(["Dashboard", "My skills", "Compare", "Teams", "Invitations", "Reviews", "Roles"]),
    );
    for (const box of await links.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON())))
      expect(box.height, "menu links are 44 px touch targets").toBeGreaterThanOrEqual(44);
    // A vertical list: each link below the one before.
    const tops = await links.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    for (let i = 1; i < tops.length; i++) expect(tops[i]).toBeGreaterThan(tops[i - 1]);
    await expect(nav(page).getByRole("button", { name: "Sign out" })).toBeVisible();
    await fitsTheScreen(page, "the open menu at 390 px");
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(dashboard).toBeHidden();

    // Navigating through the menu closes it, and the new page is the current one.
    await menu.click();
    await nav(page).getByRole("link", { name: "Compare" }).click();
    await expect(page).toHaveURL(/\/compare/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 30_000 });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav(page).getByRole("link", { name: "Compare" })).toBeHidden();
    await menu.click();
    await expect(nav(page).getByRole("link", { name: "Compare" })).toHaveAttribute("aria-current", "page");
    await expect(nav(page).getByRole("link", { name: "Dashboard" })).not.toHaveAttribute("aria-current", "page");
  });

  test("the landing page, footer and skip link fit 360 px in light and dark mode", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await page.goto("/");
      await expect(page.getByRole("contentinfo")).toBeVisible();
      await fitsTheScreen(page, `the landing page at 360 px (${colorScheme})`);
      await page.keyboard.press("Tab");
      await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
      await fitsTheScreen(page, `the focused skip link at 360 px (${colorScheme})`);
      await nav(page).getByRole("button", { name: "Menu" }).click();
      await fitsTheScreen(page, `the open menu at 360 px (${colorScheme})`);
      await expectAccessible(page, `landing at 360 px with the menu open (${colorScheme})`);
    }
  });
});

test.describe("on a desktop (1280 × 800)", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("the admin's nav (ten links, notifications, name, Sign out) is one row, and marks the current page", async ({
    page,
  }) => {
    await signIn(page, "admin@skillgap.demo", DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
    await expect(nav(page).getByRole("button", { name: "Menu" })).toBeHidden();
    const items = nav(page).locator("#site-menu").locator("a, button");
    const labels = await items.allInnerTexts();
    for (const name of [
      "Dashboard",
      "My skills",
      "Compare",
      "Teams",
      "People",
      "Invitations",
      "Reviews",
      "Roles",
      "Skills",
    ])
      expect(labels).toContain(name);
    expect(labels).toContain("Admin");
    expect(labels).toContain("Sign out");
    await expect(nav(page).getByRole("link", { name: /^Notifications/ })).toBeVisible();
    expect(labels).toHaveLength(13);
    const tops = await items.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(new Set(tops).size, `nav items share one row (tops: ${tops.join(", ")})`).toBe(1);
    expect((await page.getByRole("banner").boundingBox())!.height).toBeLessThan(80);
    await expect(nav(page).getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
    await nav(page).getByRole("link", { name: "Teams" }).click();
    await expect(page).toHaveURL(/\/teams$/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 30_000 });
    await expect(nav(page).getByRole("link", { name: "Teams" })).toHaveAttribute("aria-current", "page");
    await expect(nav(page).getByRole("link", { name: "Dashboard" })).not.toHaveAttribute("aria-current", "page");
  });
});

test("the landing page offers Sign up and Sign in, and the demo sign-ins only in the embedded demo", async ({
  page,
  request,
}) => {
  const health = await (await request.get("/api/health")).json();
  await page.goto("/");
  const main = page.locator("main");
  await expect(main.getByRole("link", { name: "Sign up" })).toHaveAttribute("href", "/signup");
  await expect(main.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/signin");
  await expect(main.getByRole("link", { name: "Browse roles" })).toHaveAttribute("href", "/roles");
  await expect(main.getByRole("link", { name: "Browse skills" })).toHaveAttribute("href", "/skills");
  for (const use of ["Personal career planning", "Team audits", "Manager reviews"])
    await expect(main.getByRole("heading", { name: use })).toBeVisible();
  const note = page.getByRole("complementary", { name: "Demo sign-ins" });
  if (health.database === "pglite") {
    await expect(note).toBeVisible();
    for (const text of ["admin@skillgap.demo", "manager@skillgap.demo", "alex@skillgap.demo", DEMO_PASSWORD])
      await expect(note).toContainText(text);
  } else {
    expect(health.database).toBe("postgres");
    await expect(note).toHaveCount(0);
    await expect(page.getByText(DEMO_PASSWORD)).toHaveCount(0);
  }

  // Signed in, the way forward is the dashboard, and the sign-in note is gone.
  await signIn(page, "alex@skillgap.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  await page.goto("/");
  await expect(main.getByRole("link", { name: "Dashboard" })).toHaveAttribute("href", "/dashboard");
  await expect(main.getByRole("link", { name: "Sign up" })).toHaveCount(0);
  await expect(note).toHaveCount(0);
});

test("the favicon is served as SVG and linked from every page", async ({ page, request }) => {
  const res = await request.get("/icon.svg");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("image/svg+xml");
  expect(await res.text()).toContain("<svg");
  await page.goto("/roles");
  await expect(page.locator('head link[rel="icon"][href*="icon.svg"]')).toHaveCount(1);
  // The same mark sits beside the name in the nav.
  await expect(nav(page).getByRole("link", { name: "skillgap" }).locator("svg")).toBeVisible();
});

test("dark mode follows the system setting, with no contrast failures on the landing page and the dashboard", async ({
  page,
}) => {
  await page.goto("/");
  expect(await backgroundLuminance(page, "body"), "light body").toBeGreaterThan(0.8);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await backgroundLuminance(page, "body"), "dark body").toBeLessThan(0.05);
  expect(await backgroundLuminance(page, "body > header"), "dark header").toBeLessThan(0.05);
  await expectAccessible(page, "landing (dark)");

  await signIn(page, "alex@skillgap.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The charts load after the page (lazily): let them arrive before axe looks.
  await page.waitForLoadState("networkidle");
  expect(await backgroundLuminance(page, "body"), "dark dashboard").toBeLessThan(0.05);
  await expectAccessible(page, "dashboard (dark)");
  // Print stays dark on white whatever the screen's scheme.
  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  expect(await backgroundLuminance(page, "body"), "printed body").toBeGreaterThan(0.8);
});
