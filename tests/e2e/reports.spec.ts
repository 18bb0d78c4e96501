import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, signIn } from "./helpers";

test("an admin opens the organisation report, sees a trend chart and its table, and exports the trends as CSV", async ({
  page,
}) => {
  await signIn(page, "admin@skillgap.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  // The administration page (and, for managers, the teams page) links the report.
  await page.goto("/admin");
  await page.locator("main").getByRole("link", { name: "Organisation report" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByRole("heading", { level: 1, name: "Organisation report" })).toBeVisible();
  await expect(page.getByTestId("report-scope")).toContainText("the whole organisation");

  // The chart draws (recharts loads after the page) and the table beside it has every point, today last.
  const chart = page.getByTestId("trend-chart");
  await expect(chart).toBeVisible();
  // A drawn line: its path joins at least two points. (Not "visible": a flat line, e.g. coverage 0% in both of the
  // quarters the demo's history covers, has no height, and Playwright calls a zero-height box hidden.)
  const curve = chart.locator("svg .recharts-line path.recharts-curve").first();
  await expect(curve).toHaveAttribute("d", /^M[^L]*L/, { timeout: 15_000 });
  const table = page.getByTestId("trend-table");
  await expect(table.getByRole("columnheader").last()).toHaveText("Today");
  await expect(table.getByRole("rowheader").first()).toBeVisible();

  // Charting another category goes through the address.
  await page.getByLabel("Category in the trend chart").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/category=/);
  await expect(page.getByTestId("trend-chart")).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByTestId("trend-csv").click();
  const csv = await readFile((await (await download).path())!, "utf8");
  expect(csv.split("\n")[0]).toBe("point,category,coverage_percent,average_level");
  expect(csv).toContain("Today,");
  await expectAccessible(page);
});

test("a plain member gets not found at /reports", async ({ page }) => {
  await signIn(page, "alex@skillgap.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" })).toHaveCount(0);
  const res = await page.goto("/reports");
  expect(res?.status()).toBe(404);
  expect((await page.request.get("/api/reports?table=trends")).status()).toBe(404);
});

test("a manager sees the teams they manage, and a bad team in the address is a field message", async ({ page }) => {
  await signIn(page, "manager@skillgap.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  await page.goto("/reports?team=not-a-team");
  await expect(page.getByTestId("report-scope")).toContainText(/teams? you manage/);
  await expect(page.getByLabel("Teams")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Choose one of the listed teams.")).toBeVisible();
});

test("an admin sets the organisation's target mix; a bad count is a field message and keeps what was typed", async ({
  page,
}) => {
  await signIn(page, "admin@skillgap.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  await page.goto("/reports");
  await expect(page.getByTestId("privacy-note")).toContainText("people's current roles");
  const mix = page.getByTestId("target-mix");
  await mix.locator("summary").click();
  const sre = mix.getByLabel("Site Reliability Engineer", { exact: true });
  const cloud = mix.getByLabel("Cloud Engineer", { exact: true });
  await sre.fill("12");
  await cloud.fill("lots");
  await mix.getByRole("button", { name: "Save target mix" }).click();
  await expect(cloud).toHaveAttribute("aria-invalid", "true");
  await expect(mix.getByText("People must be a number from 0 to 100000.")).toBeVisible();
  await expect(cloud).toBeFocused();
  await expect(sre).toHaveValue("12"); // nothing typed is lost
  await expect(cloud).toHaveValue("lots");
  await cloud.fill("3");
  await mix.getByRole("button", { name: "Save target mix" }).click();
  await expect(mix.getByRole("status")).toHaveText("Saved: 2 roles, 15 people in the target mix.");
  await expect(page.getByTestId("privacy-note")).toContainText("the organisation's target mix");
  await expect(page.getByTestId("privacy-note")).toContainText("2 roles, 15 people");
  await expectAccessible(page);
  // Back to the demo's default, for the other tests.
  await mix.getByRole("button", { name: "Use people's current roles" }).click();
  await expect(mix.getByRole("status")).toHaveText("Saved: the report now uses people's current roles.");
  await expect(page.getByTestId("privacy-note")).toContainText("people's current roles");
});
