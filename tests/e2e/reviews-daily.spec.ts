import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, teamOfOwn } from "./helpers";

/** The assessment's skills in page order (id and name as the row shows it). */
async function assessmentSkills(page: Page) {
  const rows = page.locator('section[aria-labelledby="assess-h"] li[data-skill]');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((els) =>
    els.map((e) => ({ id: e.getAttribute("data-skill")!, name: e.querySelector("h3")!.textContent!.trim() })),
  );
}

/** Picks a level in a LevelPicker (a radio group named `group`) by its visible chip. */
async function pick(page: Page, group: string, level: number) {
  const g = page.getByRole("radiogroup", { name: group, exact: true });
  await g.locator(`label:has(input[value="${level}"])`).click();
  await expect(g.locator(`input[value="${level}"]`)).toBeChecked();
}

/** The assessment row of one skill. */
const row = (page: Page, skillId: string) =>
  page.locator(`section[aria-labelledby="assess-h"] li[data-skill="${skillId}"]`);

/** Fails when the page scrolls sideways at the current viewport, naming the widest elements. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const r = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    wide: [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  }));
  expect(r.scrollWidth, `${what} is wider than the viewport: ${r.wide.join(" | ")}`).toBeLessThanOrEqual(r.innerWidth);
}

test("a review in daily use: pre-filled self-assessment, disagreements first, print view, phone width", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const own = await teamOfOwn(browser, "Daily review", ["Pat Prefill"]);
  const manager = own.manager.page;
  const pat = own.members[0]!.page;
  const patName = own.members[0]!.name;

  // The review list says who is waiting for what; the start form is phone-sized.
  await manager.setViewportSize({ width: 390, height: 844 });
  await manager.goto("/reviews");
  await expect(manager.getByTestId("reviews-empty")).toContainText("Start one below");
  await expect(manager.getByRole("heading", { name: "Due for a review (1 person)" })).toBeVisible();
  for (const name of ["Person", "Period", "Due date"]) {
    const box = await manager.getByLabel(name, { exact: true }).boundingBox();
    expect(box!.height, `${name} is a 44 px target`).toBeGreaterThanOrEqual(44);
  }
  await expectNoSidewaysScroll(manager, "/reviews (manager, 390 px)");
  await manager.getByLabel("Period").fill("2026 H2 (daily)");
  await manager.getByRole("button", { name: "Start review" }).click();
  await expect(manager).toHaveURL(/\/reviews\/[^/]+$/);
  const reviewUrl = new URL(manager.url()).pathname;
  await expect(manager.getByTestId("review-next")).toHaveText(`Waiting for ${patName}'s self-assessment`);
  const skills = await assessmentSkills(manager);
  expect(skills.length).toBeGreaterThanOrEqual(5);
  const [a, b, c, d] = skills;
  const last = skills.at(-1)!;

  // Pat rated three of the review's skills before (one of them a deliberate 0), and none of the others.
  const put = await pat.request.put("/api/me/ratings", {
    data: {
      ratings: [
        { skillId: a!.id, level: 3 },
        { skillId: b!.id, level: 0 },
        { skillId: c!.id, level: 4 },
      ],
    },
  });
  expect(put.status(), await put.text()).toBe(200);
  await pat.goto("/reviews");
  await expect(pat.getByTestId("review-row")).toContainText("Waiting for your self-assessment");
  await expect(pat.getByRole("heading", { name: "Self-assessment (1 review)" })).toBeVisible();

  // The self-assessment starts from those ratings, marked as such; unrated skills start with nothing chosen.
  await pat.goto(reviewUrl);
  await expect(pat.getByRole("heading", { name: "Your self-assessment" })).toBeVisible();
  await expect(pat.getByTestId("prefill-note")).toContainText("3 skills are pre-filled from your current ratings");
  for (const [s, level] of [
    [a!, 3],
    [b!, 0],
    [c!, 4],
  ] as const) {
    await expect(row(pat, s.id).locator(`input[value="${level}"]`)).toBeChecked();
    await expect(row(pat, s.id).getByTestId("level-source")).toHaveText(/^from your ratings on \d{4}-\d{2}-\d{2}$/);
  }
  await expect(row(pat, d!.id).locator("input:checked")).toHaveCount(0);
  await expect(row(pat, d!.id).getByTestId("level-source")).toHaveText("not rated");
  await expectAccessible(pat, "review: pre-filled self-assessment");

  // Submitting before every skill is decided is refused, naming the skills, with the first one focused.
  await pat.getByRole("button", { name: "Submit self-assessment" }).click();
  await expect(pat.getByRole("alert").filter({ hasText: "before submitting" })).toContainText(a!.name);
  await expect(pat.getByRole("radiogroup", { name: `Your level for ${a!.name}`, exact: true })).toBeFocused();
  await expect(pat.getByTestId("review-state")).toHaveText("self-assessment");

  // One action keeps every pre-filled level; the rest are chosen; the last skill is rated 1.
  await pat.getByRole("button", { name: "Keep my current levels (3)" }).click();
  await expect(row(pat, a!.id).getByTestId("level-source")).toHaveText("");
  await expect(pat.getByTestId("prefill-note")).toHaveCount(0);
  for (const s of skills.slice(3)) await pick(pat, `Your level for ${s.name}`, s === last ? 1 : 2);
  await pat.getByRole("button", { name: "Submit self-assessment" }).click();
  await expect(pat.getByTestId("review-state")).toHaveText("manager-assessment");
  await pat.goto("/reviews");
  await expect(pat.getByTestId("review-row")).toContainText("Waiting for your manager");

  // The manager's assessment is not pre-filled (they judge independently); the person's own rating shows beside it.
  await manager.reload();
  await expect(manager.getByTestId("review-state")).toHaveText("manager-assessment");
  await expect(row(manager, a!.id).locator("input:checked")).toHaveCount(0);
  await expect(row(manager, a!.id).getByTestId("level-source")).toContainText("their own rating: 3");
  // Disagreements: 0 where Pat kept 3 (−3) and 3 where Pat said 1 on the last skill (+2); the same level elsewhere.
  const managerLevel = (s: { id: string }) =>
    s.id === a!.id ? 0 : s.id === last.id ? 3 : s.id === b!.id ? 0 : s.id === c!.id ? 4 : 2;
  for (const s of skills) await pick(manager, `Your level for ${s.name}`, managerLevel(s));
  await manager.getByRole("button", { name: "Submit assessment" }).click();
  await expect(manager.getByTestId("review-state")).toHaveText("discussion");

  // The discussion opens with the flagged skills, largest difference first; each card holds the two levels, the
  // difference, the comments and the agreed-level control. Then the other skills.
  await expect(manager.getByTestId("disconnect-count")).toContainText("2 skills differ");
  const cards = manager.getByTestId("discussion-card");
  await expect(cards).toHaveCount(skills.length);
  await expect(cards.nth(0)).toHaveAttribute("data-skill", a!.id);
  await expect(cards.nth(1)).toHaveAttribute("data-skill", last.id);
  await expect(cards.nth(2)).toHaveAttribute("data-flagged", "false");
  const lastCard = cards.nth(1);
  await expect(lastCard).toContainText("2+ apart");
  await expect(lastCard.locator("dl")).toContainText("Self1");
  await expect(lastCard.locator("dl")).toContainText("Manager3");
  await expect(lastCard.locator("dl")).toContainText("Difference+2");
  await expect(lastCard.getByRole("radiogroup", { name: `Agreed level for ${last.name}`, exact: true })).toBeVisible();
  await expect(lastCard.getByLabel(`Comment on ${last.name}`)).toBeVisible();
  await expect(manager.locator("#diff-legend")).toContainText(
    "Difference = the manager's level minus the self level (+ means the manager rated higher). A difference of 2 or more",
  );
  await expectAccessible(manager, "review: discussion, disagreements first");
  await expectNoSidewaysScroll(manager, "review in discussion (390 px)");
  // The prompt to talk them through applies now, on screen; it is never printed.
  const prompt = manager.getByText("talk these through first", { exact: false }).first();
  await expect(prompt).toBeVisible();
  await manager.emulateMedia({ media: "print" });
  await expect(manager.getByText(/talk these through first/)).toHaveCount(2); // the status line and the cards' heading…
  for (const p of await manager.getByText(/talk these through first/).all()) await expect(p).toBeHidden(); // …both hidden
  await manager.emulateMedia({ media: "screen" });

  // Agreement on the flagged card, a comment there, a goal with a due date, completion.
  await lastCard.getByLabel(`Comment on ${last.name}`).fill("Seen you do this well on call.");
  await lastCard.getByRole("button", { name: "Add" }).click();
  await expect(lastCard).toContainText("Seen you do this well on call.");
  await pick(manager, `Agreed level for ${last.name}`, 2);
  await pick(manager, `Agreed level for ${a!.name}`, 2);
  await manager.getByLabel("Summary").fill("Good half; grow the platform skills.");
  await manager.getByRole("button", { name: "Save agreement" }).click();
  await expect(manager.getByRole("status").filter({ hasText: "Agreement saved." })).toBeVisible();
  await manager.getByLabel("Skill", { exact: true }).selectOption(last.id);
  await pick(manager, "Target level", 4);
  await manager.getByLabel(/^Due/).fill("2027-03-31");
  await manager.getByLabel(/^Note/).fill("Pair on the next upgrade");
  await manager.getByRole("button", { name: "Add goal" }).click();
  await expect(manager.getByRole("status").filter({ hasText: "Goal added" })).toBeVisible();
  await expect(manager.getByTestId("review-goals")).toContainText(`${last.name}: reach level 4`);
  await manager.getByRole("button", { name: "Complete review" }).click();
  await expect(manager.getByTestId("review-state")).toHaveText("completed");

  // Pat acknowledges.
  await pat.goto(reviewUrl);
  await expect(pat.getByTestId("review-next")).toHaveText("Waiting for your acknowledgement");
  await pat.getByLabel("Comment").fill("Thanks, a fair picture.");
  await pat.getByRole("button", { name: "Acknowledge review" }).click();
  await expect(pat.getByTestId("review-state")).toHaveText("acknowledged");

  // The printed review: final levels, the goal with its due date, the acknowledgement; no prompts, no forms.
  await manager.reload();
  await manager.emulateMedia({ media: "print" });
  await expect(manager.getByRole("heading", { name: "Final levels" })).toBeVisible();
  const finalRow = manager.getByTestId("review-table").locator(`tbody tr[data-skill="${last.id}"]`);
  await expect(finalRow.locator("td").nth(3)).toHaveText("2"); // Final: the agreed level
  const goals = manager.getByTestId("review-goals");
  await expect(goals).toBeVisible();
  await expect(goals).toContainText(`${last.name}: reach level 4`);
  await expect(goals).toContainText("due 2027-03-31");
  await expect(goals).toContainText("Pair on the next upgrade");
  const ack = manager.getByTestId("review-ack");
  await expect(ack).toBeVisible();
  await expect(ack).toContainText(`Acknowledged by ${patName} on `);
  await expect(ack).toContainText("Thanks, a fair picture.");
  await expect(manager.getByText(/talk these through first/)).toHaveCount(0);
  await expect(manager.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await expect(manager.getByRole("heading", { name: "Record an amendment" })).toBeHidden();
  await expect(manager.getByTestId("review-next")).toBeHidden();
  await manager.emulateMedia({ media: "screen" });
  await expectAccessible(manager, "review: acknowledged");
  await expectNoSidewaysScroll(manager, "acknowledged review (390 px)");
  await manager.goto("/reviews");
  await expect(manager.getByTestId("review-row")).toContainText("Done");
  await expectNoSidewaysScroll(manager, "/reviews with a review (390 px)");
  await expectAccessible(manager, "/reviews at 390 px");
});
