import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, signIn } from "./helpers";

const PAIR = "/compare?a=infrastructure-engineer&b=platform-engineer";
const ASPECTS = [
  "Primary focus",
  "Responsibilities",
  "Key skills and tools",
  "Objective",
  "Typical environment",
  "Output",
  "Works with",
  "Reporting line",
  "Entry points",
  "Career ladder",
  "Salary band",
];

/** Signs in as the demo member Alex (Infrastructure Engineer aiming for Platform Engineer) and lands on `path`. */
async function signInAsAlex(page: Page, path: string) {
  await signIn(page, "alex@skillgap.demo", DEMO_PASSWORD, path);
  await expect(page).toHaveURL((url) => url.pathname === "/compare", { timeout: 60_000 });
}

const overflow = (page: Page) =>
  page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));

test.describe("compare: two roles by aspects, and me against both", () => {
  test.setTimeout(180_000);

  test("Infrastructure vs Platform Engineer: aspects from our data, then my level beside both roles", async ({
    page,
  }) => {
    await signInAsAlex(page, PAIR);
    const aspects = page.getByTestId("compare-aspects");
    await expect(aspects).toBeVisible();
    // The articles' aspects, in their order (plus "Works with"), whatever data a role lacks.
    await expect(aspects.locator("dt > span:first-child")).toHaveText(ASPECTS);

    // Values derived from the role data: reporting line, a key tool, entry points and the missing salary band.
    const reporting = page.getByTestId("aspect-reportsTo");
    await expect(reporting).toContainText("Infrastructure Manager");
    await expect(reporting).toContainText("Platform Engineering Manager");
    const skills = page.getByTestId("aspect-skills");
    await expect(skills).toContainText("VMware");
    await expect(skills).toContainText("Kubernetes");
    await expect(page.getByTestId("aspect-entry")).toContainText("System Administrator");
    await expect(page.getByTestId("aspect-entry").getByRole("link", { name: "DevOps Engineer" })).toHaveAttribute(
      "href",
      "/roles/devops-engineer",
    );
    await expect(page.getByTestId("aspect-salary")).toContainText("Not described");

    // The person's column beside both roles, with the gap to each, and a fit line per role.
    const table = page.getByTestId("compare-table");
    await expect(table.getByRole("columnheader", { name: "You" })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Infrastructure Engineer" })).toBeVisible();
    await expect(table.locator("tbody")).toContainText(/needs \d → (met|\d short)/);
    // Alex's demo ratings: a level (or "not rated") in the "You" column of every row.
    const you = table.locator("tbody tr td:nth-child(2)");
    expect(await you.count()).toBeGreaterThan(0);
    for (const text of await you.allInnerTexts()) expect(text).toMatch(/^([0-5]|not rated)$/);
    expect((await you.allInnerTexts()).some((t) => /^[0-5]$/.test(t))).toBe(true);
    const fits = page.getByTestId("fit-summary").getByRole("listitem");
    await expect(fits).toHaveCount(2);
    await expect(fits.first()).toContainText(/^Infrastructure Engineer: fit [\d.]+%/);
    await expect(fits.last()).toContainText(/^Platform Engineer: fit [\d.]+%/);
    await expectAccessible(page, PAIR);
  });

  test("with no query, Alex's current role is A and the target role is B", async ({ page }) => {
    await signInAsAlex(page, "/compare");
    await expect(page.getByLabel("First role")).toHaveValue("infrastructure-engineer");
    await expect(page.getByLabel("Second role")).toHaveValue("platform-engineer");
    // The pickers are a plain GET form.
    await page.getByLabel("First role").selectOption("devops-engineer");
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(page).toHaveURL(/a=devops-engineer&b=platform-engineer/);
    await expect(
      page.getByRole("heading", { name: "DevOps Engineer and Platform Engineer side by side" }),
    ).toBeVisible();
  });

  test("on a 390 px phone: no sideways scroll, aspects as cards, 44 px pickers", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAsAlex(page, PAIR);
    await expect(page.getByTestId("compare-aspects")).toBeVisible();
    const { scrollWidth, innerWidth } = await overflow(page);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    // Each card labels both roles itself (the column header row is hidden on phones).
    const focus = page.getByTestId("aspect-focus");
    await expect(focus.getByText("Infrastructure Engineer", { exact: true })).toBeVisible();
    await expect(focus.getByText("Platform Engineer", { exact: true })).toBeVisible();
    for (const control of [
      page.getByLabel("First role"),
      page.getByLabel("Second role"),
      page.getByRole("button", { name: "Compare" }),
    ]) {
      expect((await control.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    await expectAccessible(page, `${PAIR} at 390 px`);
  });

  test("an unknown role or the same role twice gets a message, not an error", async ({ page }) => {
    await signInAsAlex(page, "/compare");
    const res = await page.goto("/compare?a=no-such-role&b=platform-engineer");
    expect(res?.status()).toBe(200);
    await expect(page.getByTestId("compare-problem")).toHaveText(
      'No role called "no-such-role". Pick one from the list.',
    );
    await expect(page.getByTestId("compare-aspects")).toHaveCount(0);
    await expectAccessible(page, "/compare with an unknown role");

    await page.goto("/compare?a=platform-engineer&b=platform-engineer");
    await expect(page.getByTestId("compare-problem")).toContainText("You picked Platform Engineer twice");
    await expect(page.getByRole("heading", { name: "You against Platform Engineer" })).toBeVisible();
  });
});
