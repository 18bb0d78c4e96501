import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectAccessible, formAlert, rate, signUp, uniqueEmail } from "./helpers";

// Ten skills an infrastructure engineer moving towards platform work might have.
const TEN: [string, number][] = [
  ["linux", 4],
  ["network-fundamentals", 3],
  ["virtualization", 3],
  ["scripting", 3],
  ["infrastructure-as-code", 2],
  ["containers", 2],
  ["ci-cd-pipelines", 2],
  ["infrastructure-monitoring", 3],
  ["aws", 2],
  ["version-control", 3],
];

test("a new user rates ten skills, targets Platform Engineer, sees gaps and explained suggestions, plans, exports and compares", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signUp(page, "Pat Planner", uniqueEmail("journey"));
  await expect(page.getByRole("heading", { level: 1, name: "My skills" })).toBeVisible();
  await expectAccessible(page, "/me/skills");

  // The level descriptor shows at the point of rating.
  await rate(page, "linux", 4);
  await expect(page.locator('fieldset[data-skill="linux"]')).toContainText(/Advanced|Expert|Proficient/);
  for (const [skill, level] of TEN.slice(1)) await rate(page, skill, level);
  await expect(page.getByText("10 unsaved changes")).toBeVisible();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved 10 ratings" })).toBeVisible();
  await expect(page.getByText("10 rated")).toBeVisible();

  await page.getByLabel("Current role").selectOption("infrastructure-engineer");
  await page.getByLabel("Target role").selectOption("platform-engineer");
  await page.getByRole("button", { name: "Save roles" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Roles saved." })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByTestId("fit-summary")).toContainText("Platform Engineer");
  // Both charts are drawn on the server: the radar has one polygon per series (required, me), the gaps one bar each.
  const radar = page.getByTestId("radar-chart").getByRole("img");
  await expect(radar).toBeVisible();
  await expect(radar.locator("polygon[data-series]")).toHaveCount(2);
  const bars = page.getByTestId("bar-chart");
  await expect(bars).toBeVisible();
  await expect(bars).toHaveAttribute("role", "img");
  // One bar per gap, the twelve biggest.
  const gaps = await page.getByTestId("gap-table").locator("tbody tr").count();
  await expect(bars.locator("li")).toHaveCount(Math.min(12, gaps));
  const gapRows = page.getByTestId("gap-table").locator("tbody tr");
  expect(await gapRows.count()).toBeGreaterThan(0);
  const suggestions = page.getByTestId("suggestions").locator("li");
  await expect(suggestions).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(suggestions.nth(i)).toContainText(/core skills?/); // each one says why
  await expectAccessible(page, "/dashboard");

  // A gap becomes a goal.
  const firstGap = gapRows.first();
  const skillName = (await firstGap.locator("td").first().textContent())!.trim();
  await firstGap.getByRole("button", { name: `Add goal for ${skillName}` }).click();
  await page
    .getByRole("form", { name: `New goal for ${skillName}` })
    .getByRole("button", { name: "Save goal" })
    .click();
  await expect(page.getByTestId("goals")).toContainText(skillName);
  await expect(firstGap).toContainText("in your plan");

  // Export my ratings as CSV.
  await page.goto("/me/skills");
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download my ratings (CSV)" }).click();
  const csv = await readFile((await (await downloadPromise).path())!, "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toContain("skill_id");
  expect(lines).toHaveLength(11);
  expect(csv).toContain("linux,");

  // Infrastructure or Platform: which am I closer to?
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compare" }).click();
  await page.getByLabel("First role").selectOption("infrastructure-engineer");
  await page.getByLabel("Second role").selectOption("platform-engineer");
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByTestId("compare-verdict")).toContainText(
    /closer to (Infrastructure|Platform) Engineer|equally close/i,
  );
  expect(await page.getByTestId("compare-table").locator("tbody tr").count()).toBeGreaterThan(0);
  await expectAccessible(page, "/compare");
});

test("a broken CSV import lists each bad row and changes nothing", async ({ page }) => {
  await signUp(page, "Casey Csv", uniqueEmail("csv"));
  await page.locator("#csv").setInputFiles({
    name: "broken.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("skill_id,level\nlinux,3\nno-such-skill,2\nkubernetes,9\n"),
  });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText('Row 3: no skill called "no-such-skill".');
  await expect(errors).toContainText('Row 4, column "level"');
  await expect(formAlert(page).filter({ has: errors })).toBeVisible();
  await page.reload();
  await expect(page.getByText("0 rated")).toBeVisible();
});
