import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, teamOfOwn } from "./helpers";

/** The assessment's skills in page order (id and name as the row shows it); each row has a level picker. */
async function assessmentSkills(page: Page) {
  const rows = page.locator('section[aria-labelledby="assess-h"] li[data-skill]');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((els) =>
    els.map((e) => ({ id: e.getAttribute("data-skill")!, name: e.querySelector("h3")!.textContent!.trim() })),
  );
}

/** Picks a level in a LevelPicker (a radio group named `group`) the way a person does: by its visible chip. */
async function pick(page: Page, group: string, level: number) {
  const g = page.getByRole("radiogroup", { name: group, exact: true });
  await g.locator(`label:has(input[value="${level}"])`).click();
  await expect(g.locator(`input[value="${level}"]`)).toBeChecked();
}

test("a full review: blind assessments, reveal with a flagged disagreement, agreement, goal, completion, acknowledgement", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  // A team of its own (the demo team stays as it is): a manager and one report, joined through invitations.
  const own = await teamOfOwn(browser, "Review team", ["Riley Report"]);
  const manager = own.manager.page;
  const alex = own.members[0]!.page;
  const alexName = own.members[0]!.name;
  await manager.goto("/reviews");
  await expectAccessible(manager, "/reviews");
  const person = manager.getByLabel("Person", { exact: true });
  const alexOption = await person.locator("option", { hasText: alexName }).getAttribute("value");
  await person.selectOption(alexOption!);
  await manager.getByLabel("Period").fill("2026 H2 (e2e)");
  await manager.getByRole("button", { name: "Start review" }).click();
  await expect(manager).toHaveURL(/\/reviews\/[^/]+$/);
  const reviewUrl = new URL(manager.url()).pathname;
  await expect(manager.getByTestId("review-state")).toHaveText("self-assessment");

  // The report assesses themself; the manager's draft stays hidden from them.
  await alex.goto(reviewUrl);
  await expect(alex.getByRole("heading", { name: "Your self-assessment" })).toBeVisible();
  await expectAccessible(alex, "review: self-assessment");
  const skills = await assessmentSkills(alex);
  const n = skills.length;
  expect(n).toBeGreaterThanOrEqual(3);
  const firstSkill = skills[0]!.name;
  await pick(alex, `Your level for ${firstSkill}`, 1);
  await expect(alex.locator(`#lvd-${skills[0]!.id}`)).not.toBeEmpty(); // descriptor at the point of rating
  for (let i = 1; i < n; i++) await pick(alex, `Your level for ${skills[i]!.name}`, 2);
  await alex.getByRole("button", { name: "Submit self-assessment" }).click();
  await expect(alex.getByTestId("review-state")).toHaveText("manager-assessment");

  // The manager assesses: 3 where the report said 1 (two apart), 2 elsewhere.
  await manager.reload();
  await expect(manager.getByTestId("review-state")).toHaveText("manager-assessment");
  expect(await assessmentSkills(manager)).toEqual(skills);
  await pick(manager, `Your level for ${firstSkill}`, 3);
  for (let i = 1; i < n; i++) await pick(manager, `Your level for ${skills[i]!.name}`, 2);
  await manager.getByRole("button", { name: "Submit assessment" }).click();
  await expect(manager.getByTestId("review-state")).toHaveText("discussion");

  // The reveal flags the disagreement.
  await expect(manager.getByTestId("disconnect-count")).toContainText("1 skill differ");
  const flaggedCard = manager.locator(`[data-testid="discussion-card"][data-skill="${skills[0]!.id}"]`);
  await expect(flaggedCard).toContainText("2+ apart");
  await expectAccessible(manager, "review: discussion");

  // Agreement, a goal, completion.
  await pick(manager, `Agreed level for ${firstSkill}`, 2);
  await manager.getByLabel("Summary").fill("Agreed on a plan: pair on the next cluster upgrade.");
  await manager.getByRole("button", { name: "Save agreement" }).click();
  await expect(manager.getByRole("status").filter({ hasText: "Agreement saved." })).toBeVisible();
  await manager.getByRole("button", { name: "Add goal" }).click();
  await expect(manager.getByRole("status").filter({ hasText: "Goal added" })).toBeVisible();
  await manager.getByRole("button", { name: "Complete review" }).click();
  await expect(manager.getByTestId("review-state")).toHaveText("completed");

  // The report acknowledges.
  await alex.reload();
  await expect(alex.getByTestId("review-state")).toHaveText("completed");
  await alex.getByLabel("Comment").fill("Thanks, agreed.");
  await alex.getByRole("button", { name: "Acknowledge review" }).click();
  await expect(alex.getByTestId("review-state")).toHaveText("acknowledged");
  await expect(alex.getByTestId("review-audit")).toContainText("acknowledge");
  await alex.goto("/dashboard");
  await expect(alex.getByTestId("goals")).toContainText("from a review");

  // The team heat map now shows the agreed levels as manager-confirmed.
  await manager.goto("/teams");
  await manager.getByRole("link", { name: own.teamName }).click();
  await manager.getByLabel("Category", { exact: true }).selectOption("all");
  await manager.getByRole("button", { name: "Apply" }).click();
  await expect(manager).toHaveURL(/category=all/);
  const cell = manager.getByTestId("heat-map").locator(`span[title^="${alexName} — ${firstSkill}:"]`);
  await expect(cell).toHaveAttribute("title", /level 2, confirmed by a manager/);
  await expect(cell).toHaveText("2★");
});
