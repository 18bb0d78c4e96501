import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD, expectAccessible, signIn } from "./helpers";

const roles = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../lib/taxonomy/data/roles.json"), "utf8"),
) as { id: string; title: string }[];

test("roles → a role → a skill, with the role map and the requirement radar", async ({ page }) => {
  await page.goto("/roles");
  await expect(page.getByRole("heading", { level: 1, name: "Infrastructure and platform roles" })).toBeVisible();
  const map = page.getByTestId("role-map").first();
  await expect(map).toBeVisible();
  expect(await map.getByRole("link").count()).toBe(roles.length); // one node per role
  await expectAccessible(page, "/roles");

  await page.getByRole("link", { name: "Platform Engineer", exact: true }).first().click();
  await expect(page).toHaveURL(/\/roles\/platform-engineer$/);
  await expect(page.getByRole("heading", { level: 1, name: "Platform Engineer" })).toBeVisible();
  await expect(page.getByText("Primary focus")).toBeVisible();
  // Drawn on the server: one polygon, the required levels, with a point per category.
  const radar = page.getByTestId("radar-chart").getByRole("img");
  await expect(radar).toBeVisible();
  await expect(radar.locator("polygon[data-series]")).toHaveCount(1);
  expect(await radar.locator("circle").count()).toBeGreaterThan(2);
  await expect(page.getByRole("table").first()).toBeVisible();
  await expectAccessible(page, "/roles/platform-engineer");

  await page.getByRole("link", { name: "Container orchestration" }).first().click();
  await expect(page).toHaveURL(/\/skills\/container-orchestration$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/orchestration/i);
  await expect(page.getByText("Kubernetes").first()).toBeVisible();
  await expectAccessible(page, "/skills/container-orchestration");
});

test("a salary band shows where the seeds give one", async ({ page }) => {
  await page.goto("/roles/platform-engineering-manager");
  await expect(page.getByText("Salary band")).toBeVisible();
  await expect(page.locator("dd", { hasText: /150,000/ })).toBeVisible();
});

test("skill search finds a skill by the tool it uses", async ({ page }) => {
  await page.goto("/skills?q=terraform");
  await expect(page.getByRole("link", { name: /Infrastructure as code/i }).first()).toBeVisible();
  await expectAccessible(page, "/skills?q=terraform");
});

test("an unknown role answers not found", async ({ page }) => {
  const res = await page.goto("/roles/no-such-role");
  expect(res?.status()).toBe(404);
});

test("the role map shows every role title whole, at 1280 px and on a phone", async ({ page }) => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto("/roles");
    const map = page.getByTestId("role-map");
    for (const { id, title } of roles) {
      const link = map.getByRole("link", { name: title, exact: true });
      await expect(link, `${title} at ${viewport.width} px`).toBeVisible();
      await expect(link).toHaveAttribute("href", `/roles/${id}`);
      // Whole: the box shows all of its text (no clipping, no ellipsis) and lies inside the page.
      const box = await link.evaluate((el) => ({
        text: el.textContent ?? "",
        clipped: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
        right: el.getBoundingClientRect().right,
      }));
      expect(box.text.trim()).toBe(title);
      expect(box.text).not.toMatch(/…$/);
      expect(box.clipped, `${title} is clipped at ${viewport.width} px`).toBe(false);
      expect(box.right).toBeLessThanOrEqual(viewport.width);
    }
  }
  // The list alternative: each track's roles, by seniority, with links.
  await page.getByRole("link", { name: "Platform track" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Platform track" })).toBeInViewport();
});

test("a role page and a skill page name their sources by the article's title, not a file name", async ({ page }) => {
  await page.goto("/roles/platform-engineer");
  const source = page.locator("main header").getByText(/^Sources?:/);
  await expect(source).toContainText("Infrastructure Engineer vs. Platform Engineer: Key Differences in Tech Roles");
  await expect(source).not.toContainText("000_");
  await expect(page.locator("main")).not.toContainText(".txt");
  await page.goto("/skills/linux");
  await expect(page.locator("main header").getByText(/^Sources?:/)).not.toContainText(".txt");
});

async function fitsThePhone(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main h1").first()).toBeVisible();
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.page, `${path} scrolls sideways at 390 px`).toBeLessThanOrEqual(widths.screen);
  await expectAccessible(page, `${path} at 390 px`);
}

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the role and skill pages fit without sideways scrolling", async ({ page }) => {
    // /skills/linux had a four-column "Roles that need it" table 435 px wide.
    for (const path of ["/roles", "/roles/platform-engineer", "/skills", "/skills/linux"])
      await fitsThePhone(page, path);
  });

  test("the admin pages fit without sideways scrolling, with controls large enough to tap", async ({ page }) => {
    await signIn(page, "admin@skillgap.demo", DEMO_PASSWORD);
    await expect(page).not.toHaveURL(/\/signin/, { timeout: 60_000 });
    for (const path of ["/admin/outbox", "/admin"]) await fitsThePhone(page, path);
    for (const button of await page.locator("main button").all()) {
      if (!(await button.isVisible())) continue;
      const height = (await button.boundingBox())?.height ?? 0;
      expect(height, `${await button.textContent()} is too small to tap`).toBeGreaterThanOrEqual(44);
    }
  });
});

test("re-importing the exported taxonomy answers unchanged and adds no version", async ({ page }) => {
  await signIn(page, "admin@skillgap.demo", DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/signin/, { timeout: 60_000 });
  await page.goto("/admin");
  const exported = await page.request.get("/api/v1/taxonomy");
  expect(exported.ok()).toBe(true);
  const doc = (await exported.json()) as { version: string };
  const versions = page.getByRole("table", { name: "Recent versions" }).locator("tbody tr");
  const rowsBefore = await versions.count();
  await page.getByLabel(/Taxonomy file/).setInputFiles({
    name: "skillgap-taxonomy.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(doc)),
  });
  await page.getByRole("button", { name: "Validate and import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Unchanged" })).toHaveText(
    `Unchanged: version ${doc.version} is already the current taxonomy.`,
    { timeout: 60_000 }, // the check reads the whole taxonomy back; a busy dev server needs more than 10 s
  );
  await page.reload();
  await expect(versions).toHaveCount(rowsBefore);
  // The "By" column names people, never a raw user id.
  for (const cell of await versions.locator("td:nth-child(3)").allTextContents()) {
    expect(cell).not.toMatch(/^c[a-z0-9]{20,}$/);
  }
});
