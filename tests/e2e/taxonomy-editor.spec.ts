import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, signIn } from "./helpers";

// A skill whose descriptors no other spec asserts; the spec puts its original wording back before it ends.
const SKILL_ID = "backup-restore";
type ShippedSkill = { id: string; name: string; levels: string[] };
const skills = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../lib/taxonomy/data/skills.json"), "utf8"),
) as ShippedSkill[];
const skill = skills.find((s) => s.id === SKILL_ID)!;
const original = skill.levels[2]!;

/** Fails when the page scrolls sideways at the current viewport. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const r = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(r.scrollWidth, `${what} scrolls sideways at ${r.innerWidth} px`).toBeLessThanOrEqual(r.innerWidth);
}

/** Opens the editor with a fresh draft (discarding one a failed earlier run may have left). */
async function startDraft(page: Page) {
  await page.goto("/admin/taxonomy");
  await expect(page.getByRole("heading", { level: 1, name: "Taxonomy editor" })).toBeVisible();
  const discard = page.getByRole("button", { name: "Discard the draft" });
  if (await discard.isVisible()) {
    await discard.click();
    await page.getByRole("button", { name: "Discard every change in the draft" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The draft was discarded" })).toBeVisible();
  }
  await page.getByRole("button", { name: "Start a draft" }).click();
  await expect(page.getByRole("link", { name: "Preview and publish" })).toBeVisible();
}

/** Writes the level-3 descriptor of the skill in the draft and saves it. */
async function setLevel3(page: Page, text: string) {
  await page.getByRole("link", { name: `Edit ${skill.name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Edit skill: ${skill.name}` })).toBeVisible();
  const level3 = page.getByLabel(/^Level 3 · /);
  await expect(level3).toHaveValue(original);
  await level3.fill(text);
  await page.getByRole("button", { name: "Save in the draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved in the draft." })).toBeVisible();
}

/** Opens the preview, checks the change is listed, publishes with the suggested version; returns that version. */
async function previewAndPublish(page: Page, text: string): Promise<string> {
  await page.goto("/admin/taxonomy");
  await page.getByRole("link", { name: "Preview and publish" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Preview the draft" })).toBeVisible();
  const changes = page.getByTestId("changes-skills");
  await expect(changes).toContainText(`${skill.name}: level descriptor 3`);
  await expect(changes).toContainText(text);
  const version = await page.getByLabel("Version name").inputValue();
  expect(version).not.toBe("");
  await page.getByRole("button", { name: "Publish this draft" }).click();
  await expect(page).toHaveURL(/\/admin\/taxonomy\?published=/);
  await expect(page.getByRole("status").filter({ hasText: `Published version ${version}.` })).toBeVisible();
  return version;
}

/** The skill page's level-3 descriptor as a signed-out visitor gets it, and whether the render cache answered. */
async function publicLevel3(visitor: Page) {
  const res = await visitor.goto(`/skills/${SKILL_ID}`);
  const text = await visitor.getByTestId("skill-levels").locator('li[data-level="3"]').innerText();
  return { text, cache: res?.headers()["x-render-cache"] };
}

test("an admin edits a level descriptor in a draft, previews it and publishes it; the skill page shows it", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // A signed-out visitor has the public skill page from the render cache before the change.
  const outside = await browser.newContext();
  const visitor = await outside.newPage();
  await publicLevel3(visitor);
  expect(await publicLevel3(visitor)).toEqual({ text: expect.stringContaining(original), cache: "hit" });

  await signIn(page, "admin@skillgap.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });

  const edited = `I restore a whole service from backup on my own and prove it with a timed drill (${Date.now()}).`;
  await startDraft(page);
  await expectAccessible(page, "/admin/taxonomy");
  await setLevel3(page, edited);
  await expectAccessible(page, `/admin/taxonomy/skills/${SKILL_ID}`);
  const version = await previewAndPublish(page, edited);

  await page.goto(`/skills/${SKILL_ID}`);
  const level3 = page.getByTestId("skill-levels").locator('li[data-level="3"]');
  await expect(level3).toContainText(edited);
  await expect(level3).not.toContainText(original);
  // Publishing changed the taxonomy version, so the visitor's next views render afresh and show the new wording
  // (within RENDER_CACHE_GLOBAL_MS, 500 ms by default), never the stored page again.
  await expect.poll(async () => (await publicLevel3(visitor)).text, { timeout: 5_000 }).toContain(edited);
  expect((await publicLevel3(visitor)).text).not.toContain(original);

  // Put the shipped wording back (a second draft, published as the next version), checking each page on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await startDraft(page);
  await expectNoSidewaysScroll(page, "/admin/taxonomy");
  await page.goto("/admin/taxonomy/roles/platform-engineer");
  await expect(page.getByRole("heading", { level: 1, name: "Edit role: Platform Engineer" })).toBeVisible();
  await expectNoSidewaysScroll(page, "/admin/taxonomy/roles/platform-engineer");
  await expectAccessible(page, "/admin/taxonomy/roles/platform-engineer");
  await page.goto("/admin/taxonomy");
  await page.getByRole("link", { name: `Edit ${skill.name}` }).click();
  await expectNoSidewaysScroll(page, `/admin/taxonomy/skills/${SKILL_ID}`);
  const level3Field = page.getByLabel(/^Level 3 · /);
  await expect(level3Field).toHaveValue(edited);
  await level3Field.fill(original);
  await page.getByRole("button", { name: "Save in the draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved in the draft." })).toBeVisible();

  await page.goto("/admin/taxonomy/preview");
  await expectNoSidewaysScroll(page, "/admin/taxonomy/preview");
  await expectAccessible(page, "/admin/taxonomy/preview");
  const restored = await previewAndPublish(page, original);
  expect(restored).not.toBe(version);

  await page.goto(`/skills/${SKILL_ID}`);
  await expect(page.getByTestId("skill-levels").locator('li[data-level="3"]')).toContainText(original);
  await expect.poll(async () => (await publicLevel3(visitor)).text, { timeout: 5_000 }).toContain(original);
  await outside.close();
});

test("the editor is not there for anyone but an admin", async ({ page }) => {
  await signIn(page, "jo@skillgap.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  for (const path of ["/admin/taxonomy", `/admin/taxonomy/skills/${SKILL_ID}`, "/admin/taxonomy/preview"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
  }
});
