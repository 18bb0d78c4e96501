import { expect, test } from "@playwright/test";
import { chartSurface, expectAccessible } from "./helpers";

test("roles → a role → a skill, with the career diagram and the requirement radar", async ({ page }) => {
  await page.goto("/roles");
  await expect(page.getByRole("heading", { level: 1, name: "Infrastructure and platform roles" })).toBeVisible();
  const graph = page.getByTestId("career-graph").first();
  await expect(graph).toBeVisible();
  expect(await graph.locator("rect").count()).toBeGreaterThanOrEqual(20); // one node per role
  await expectAccessible(page, "/roles");

  await page.getByRole("link", { name: "Platform Engineer", exact: true }).first().click();
  await expect(page).toHaveURL(/\/roles\/platform-engineer$/);
  await expect(page.getByRole("heading", { level: 1, name: "Platform Engineer" })).toBeVisible();
  await expect(page.getByText("Primary focus")).toBeVisible();
  const radar = chartSurface(page, "radar-chart");
  await expect(radar).toBeVisible();
  expect(await radar.locator(".recharts-polygon").count()).toBeGreaterThan(0);
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
