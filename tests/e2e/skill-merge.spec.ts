import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, signIn } from "./helpers";

// Two skills no other spec rates or names. The journey undoes its merge, so later specs (same database) see the
// original taxonomy and ratings again.
const B = { id: "technical-writing", name: "Technical writing & documentation" };
const A = { id: "communication-collaboration", name: "Communication & collaboration" };

async function fitsThePhone(page: Page, what: string) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.page, `${what} scrolls sideways at 390 px`).toBeLessThanOrEqual(widths.screen);
  await expectAccessible(page, `${what} at 390 px`);
}

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("an admin previews a merge, merges, the old skill's link leads to the new one, then the merge is undone", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signIn(page, "admin@skillgap.demo", DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
    await page.goto("/admin/merge");
    await expect(page.getByRole("heading", { level: 1, name: "Merge skills" })).toBeVisible();
    await page.getByLabel("Merge this skill").selectOption(B.id);
    await page.getByLabel("Into this skill").selectOption(A.id);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page).toHaveURL(new RegExp(`source=${B.id}&target=${A.id}`));

    const counts = page.getByTestId("merge-counts");
    await expect(counts).toHaveText(/^\d+ (person|people), \d+ ratings? will move/);
    const [, people, ratings] = /^(\d+) (?:person|people), (\d+) rating/.exec((await counts.textContent()) ?? "")!;
    await expect(page.getByText(/rated both — the higher level wins|Nobody rated both skills/)).toBeVisible();
    await expect(page.getByText("Roles affected:")).toBeVisible();
    await fitsThePhone(page, "/admin/merge (preview)");

    // The confirmation repeats the numbers and takes focus, so the keyboard confirms it.
    await page.getByRole("button", { name: "Merge…" }).click();
    const confirm = page.getByRole("button", { name: `Yes, merge “${B.name}” into “${A.name}”` });
    await expect(confirm).toBeFocused();
    const group = page.getByRole("group").filter({ has: confirm });
    await expect(group).toContainText(new RegExp(`${people} (person|people) and ${ratings} ratings? move`));
    await fitsThePhone(page, "/admin/merge (confirmation)");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/admin\/merge\?merged=/, { timeout: 60_000 });
    await expect(page.locator("main").getByRole("status")).toContainText(`Merged “${B.name}” into “${A.name}”`);

    // The old link leads to the skill it became, which now also goes by the old name.
    await page.goto(`/skills/${B.id}`);
    await expect(page).toHaveURL(new RegExp(`/skills/${A.id}$`));
    await expect(page.getByRole("heading", { level: 1, name: A.name })).toBeVisible();
    await expect(page.getByText("Also known as:")).toContainText(B.name);

    // Undo: the newest merge, two presses, the second named.
    await page.goto("/admin/merge");
    const entry = page
      .getByRole("listitem")
      .filter({ hasText: `“${B.name}” into “${A.name}”` })
      .first();
    await entry.getByRole("button", { name: /^Undo/ }).click();
    const undo = entry.getByRole("button", { name: `Yes, undo the merge of “${B.name}” into “${A.name}”` });
    await expect(undo).toBeFocused();
    await fitsThePhone(page, "/admin/merge (undo)");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/admin\/merge\?undone=/, { timeout: 60_000 });
    await expect(page.locator("main").getByRole("status")).toContainText(`“${B.name}” is a skill of its own again`);
    await expect(entry.getByRole("button", { name: /^Undo/ })).toHaveCount(0);

    await page.goto(`/skills/${B.id}`);
    await expect(page).toHaveURL(new RegExp(`/skills/${B.id}$`));
    await expect(page.getByRole("heading", { level: 1, name: B.name })).toBeVisible();
  });
});

test("someone who is not an admin finds no merge page", async ({ page }) => {
  await signIn(page, "jo@skillgap.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  const res = await page.goto(`/admin/merge?source=${B.id}&target=${A.id}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText(B.name)).toHaveCount(0);
});
