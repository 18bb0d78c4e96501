import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, formAlert, rate, signUp, uniqueEmail } from "./helpers";

const row = (page: Page, skillId: string) => page.locator(`fieldset[data-skill="${skillId}"]`);
const checked = (page: Page, skillId: string) => row(page, skillId).locator('input[type="radio"]:checked');
const saveBar = (page: Page) => page.getByTestId("save-bar");
const saved = (page: Page, text: string | RegExp) => page.getByRole("status").filter({ hasText: text });
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });
/** The rating editor is hydrated (it marks itself once it has read any stored drafts): clicks now count. */
const ready = (page: Page) => page.locator("section[data-ready]").waitFor();

/** Answers the next dialog and resolves to its message (so a test can assert one appeared and what it said). */
function nextDialog(page: Page, answer: "accept" | "dismiss") {
  return new Promise<string>((resolve) =>
    page.once("dialog", (d) => {
      resolve(d.message());
      void (answer === "accept" ? d.accept() : d.dismiss());
    }),
  );
}

test("ratings are never lost: leave guard, restore after leaving or reloading, Ctrl+S, keyboard save, 0 and not rated", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signUp(page, "Rhea Rater", uniqueEmail("rating"));
  await expect(page.getByRole("heading", { level: 1, name: "My skills" })).toBeVisible();

  // Not rated is its own state: no level selected, and the row says so.
  await expect(checked(page, "containers")).toHaveCount(0);
  await expect(row(page, "containers")).toContainText("Not rated yet");

  await rate(page, "linux", 3);
  await rate(page, "scripting", 2);
  await rate(page, "containers", 0); // a deliberate 0 is a change
  await expect(saveBar(page)).toContainText("3 unsaved changes");
  await expect(saveBar(page)).toBeInViewport();
  await expectAccessible(page, "/me/skills with unsaved ratings");

  // Leaving through the nav asks first; "Cancel" keeps the person and their drafts on the page.
  const asked = nextDialog(page, "dismiss");
  await mainNav(page).getByRole("link", { name: "Dashboard" }).click();
  expect(await asked).toBe("You have 3 unsaved ratings. Leave without saving?");
  await expect(page).toHaveURL(/\/me\/skills/);
  await expect(saveBar(page)).toContainText("3 unsaved changes");
  await expect(checked(page, "linux")).toHaveValue("3");

  // "OK" leaves; coming back brings the drafts back, ready to save.
  const leave = nextDialog(page, "accept");
  await mainNav(page).getByRole("link", { name: "Dashboard" }).click();
  await leave;
  await expect(page).toHaveURL(/\/dashboard/);
  await mainNav(page).getByRole("link", { name: "My skills" }).click();
  await ready(page);
  await expect(saved(page, "Restored 3 unsaved ratings from earlier. Save or discard them.")).toBeVisible();
  await expect(saveBar(page)).toContainText("3 unsaved changes");
  await expect(checked(page, "linux")).toHaveValue("3");
  await expect(checked(page, "containers")).toHaveValue("0");

  // A reload with unsaved changes (the browser may ask first) restores them too.
  page.once("dialog", (d) => void d.accept());
  await page.reload();
  await ready(page);
  await expect(saved(page, "Restored 3 unsaved ratings")).toBeVisible();

  // Ctrl+S saves, not the browser's "save page".
  await page.keyboard.press("Control+s");
  await expect(saved(page, "Saved 3 ratings to your history.")).toBeVisible();
  await expect(saveBar(page)).toContainText("No unsaved changes");
  await page.reload(); // nothing unsaved: no prompt, nothing restored
  await ready(page);
  await expect(saved(page, /^Restored \d+ unsaved/)).toHaveCount(0); // (a skill description may say "restored")
  await expect(page.getByText("3 rated", { exact: false }).first()).toBeVisible();
  // The explicit 0 is stored and shown as a rating, not as "not rated".
  await expect(checked(page, "containers")).toHaveValue("0");
  await expect(row(page, "containers")).toContainText("Last changed");
  await expect(row(page, "containers")).not.toContainText("Not rated yet");

  // Keyboard only: from a rated skill's level chips, a save button is a few Tab presses away.
  const linuxRow = row(page, "linux");
  if (!(await linuxRow.isVisible())) await page.locator("details", { has: linuxRow }).locator("summary").click();
  await linuxRow.locator('input[type="radio"][value="3"]').focus();
  await page.keyboard.press("ArrowRight");
  await expect(checked(page, "linux")).toHaveValue("4");
  let presses = 0;
  while (presses < 10) {
    await page.keyboard.press("Tab");
    presses++;
    const text = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? "");
    if (/^Save\b/.test(text)) break;
  }
  expect(presses).toBeLessThanOrEqual(10);
  await expect(page.locator(":focus")).toHaveText(/^Save 1 unsaved rating$/);
  await page.keyboard.press("Enter");
  await expect(saved(page, "Saved 1 rating to your history.")).toBeVisible();

  // Discard asks, then forgets the drafts (and the stored copy).
  await rate(page, "scripting", 4);
  const discard = nextDialog(page, "accept");
  await saveBar(page).getByRole("button", { name: "Discard" }).click();
  expect(await discard).toBe("Discard 1 unsaved rating? They cannot be brought back.");
  await expect(checked(page, "scripting")).toHaveValue("2");
  await page.reload();
  await ready(page);
  await expect(saved(page, /^Restored \d+ unsaved/)).toHaveCount(0); // (a skill description may say "restored")
});

test("a refused save names the skill and field, marks it and focuses it, even when it was folded away or filtered out", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signUp(page, "Lino Link", uniqueEmail("badlink"));
  await rate(page, "linux", 3);
  await row(page, "linux").getByLabel("Evidence link").fill("example.com/my-cert");
  // Fold the category away and search for something else: the row is out of sight when the save is refused.
  await page
    .locator("details", { has: row(page, "linux") })
    .locator("summary")
    .click();
  await expect(row(page, "linux")).toBeHidden();
  await page.getByLabel("Find a skill by name or tool").fill("kubernetes");
  await page.keyboard.press("Control+s");

  const link = row(page, "linux").getByLabel("Evidence link");
  await expect(link).toBeVisible();
  await expect(link).toBeFocused();
  await expect(link).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await link.getAttribute("aria-describedby"))!;
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText(
    "Linux administration: Evidence link must start with http:// or https://.",
  );
  const alert = formAlert(page);
  await expect(alert).toContainText("Nothing was saved. Correct the marked field and save again.");
  await expect(alert).not.toContainText("must start with"); // the row says it; the banner does not repeat it
  await expect(page.locator("main")).not.toContainText("ratings.0");
  await expectAccessible(page, "/me/skills with a refused save");

  await link.fill("https://example.com/my-cert");
  await saveBar(page).getByRole("button", { name: "Save changes" }).click();
  await expect(saved(page, "Saved 1 rating to your history.")).toBeVisible();
  await expect(link).toHaveAttribute("aria-invalid", "false");
});

test("after choosing a target role the page shows that role's skills first, with the level it needs", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signUp(page, "Tara Target", uniqueEmail("target"));
  await ready(page);
  const show = page.getByLabel("Show", { exact: true });
  await expect(show).toHaveValue("all");
  await expect(page.getByText("Showing 70 of 70 skills")).toBeVisible();

  await page.getByLabel("Current role").selectOption("system-administrator");
  await page.getByLabel("Target role").selectOption("platform-engineer");
  await page.getByRole("button", { name: "Save roles" }).click();
  await expect(saved(page, "Roles saved.")).toBeVisible();
  await expect(show).toHaveValue("target");
  await expect(show.locator("option:checked")).toHaveText(/^Skills Platform Engineer needs \(\d+\)$/);
  const needed = Number(/\((\d+)\)/.exec((await show.locator("option:checked").textContent())!)![1]);
  await expect(page.getByText(`Showing ${needed} of 70 skills`)).toBeVisible();
  await expect(page.locator("fieldset[data-skill]")).toHaveCount(needed);
  await expect(row(page, "containers")).toContainText("Platform Engineer needs 4");
  await expect(row(page, "itsm-itil")).toHaveCount(0); // not a platform skill: out of the way

  // Categories fold, and a jump list leads to each.
  const jump = page.getByRole("navigation", { name: "Skill categories" });
  const first = jump.getByRole("link").first();
  const anchor = (await first.getAttribute("href"))!;
  await first.click();
  await expect(page.locator(`details${anchor}`)).toHaveAttribute("open", "");
  await page.reload();
  await ready(page);
  await expect(show).toHaveValue("target"); // the default, not a leftover choice
  await show.selectOption("all");
  await expect(page.getByText("Showing 70 of 70 skills")).toBeVisible();
});

test("on a phone the page fits, its controls are finger-sized and the save bar is always in view", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page, "Pip Phone", uniqueEmail("phone"));
  await rate(page, "linux", 2);
  await page.locator("details").last().locator("summary").click(); // the longest page: open another category
  await page.mouse.wheel(0, 20_000);
  await expect(saveBar(page).getByRole("button", { name: "Save changes" })).toBeInViewport();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const small = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        "main button, main select, main input:not([type=radio]):not([type=checkbox]), main summary, main label:has(input[type=radio]), main label:has(input[type=checkbox])",
      ),
    ]
      .filter((el) => el.offsetParent !== null || getComputedStyle(el).position === "fixed")
      .filter((el) => el.getBoundingClientRect().height > 0 && el.getBoundingClientRect().height < 44)
      .map((el) => `${el.tagName} ${el.textContent?.trim().slice(0, 30) ?? ""} ${el.getBoundingClientRect().height}`),
  );
  expect(small).toEqual([]);
  await expectAccessible(page, "/me/skills at 390 px");
  await page.keyboard.press("Control+s");
  await expect(saved(page, "Saved 1 rating")).toBeVisible();
});

test("an Excel-style CSV (semicolons, byte-order mark) imports; mistakes name row and column and suggest the skill", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signUp(page, "Xena Excel", uniqueEmail("excel"));
  await ready(page);
  const importFile = async (name: string, text: string) => {
    await page.locator("#csv").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
    await page.getByRole("button", { name: "Import", exact: true }).click();
  };
  await importFile("bad.csv", "\uFEFFskill_name;level\r\nTerrafrom;2\r\nLinux administration;\r\n");
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText('Row 2: no skill called "Terrafrom". Did you mean "Infrastructure as code"?');
  await expect(errors).toContainText('Row 3, column "level": empty');
  await expect(page.getByText("Showing 70 of 70 skills · 0 rated")).toBeVisible();

  await importFile(
    "excel.csv",
    "\uFEFFskill_id;level;note;wants_to_grow\r\nversion-control;3;git daily, rebases;yes\r\nTerraform;2;;no\r\n",
  );
  await expect(saved(page, "Imported 2 rows; 2 ratings changed.")).toBeVisible();
  await expect(page.getByText("Showing 70 of 70 skills · 2 rated")).toBeVisible();
  await expect(checked(page, "infrastructure-as-code")).toHaveValue("2");
  await expect(row(page, "version-control").getByLabel("Evidence note")).toHaveValue("git daily, rebases");
});
