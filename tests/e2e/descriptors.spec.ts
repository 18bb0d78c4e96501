import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectAccessible, rate, signUp, uniqueEmail } from "./helpers";

type ShippedSkill = { id: string; name: string; levels: string[]; resources: { title: string; url: string }[] };
const skills = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../lib/taxonomy/data/skills.json"), "utf8"),
) as ShippedSkill[];
const iac = skills.find((s) => s.id === "infrastructure-as-code")!;

test("rating shows the skill's own descriptor for the chosen level", async ({ page }) => {
  await signUp(page, "Dee Scriptor", uniqueEmail("descriptors"));
  await rate(page, iac.id, 3);
  const row = page.locator(`fieldset[data-skill="${iac.id}"]`);
  const descriptor = row.locator(`#skill-${iac.id}-desc`);
  await expect(descriptor).toContainText("Level 3");
  await expect(descriptor).toContainText(iac.levels[2]!);
  // Another level, another skill-specific text.
  await rate(page, iac.id, 4);
  await expect(descriptor).toContainText(iac.levels[3]!);
  await expect(descriptor).not.toContainText(iac.levels[2]!);
});

test("the public skill page lists what each level looks like, and learning resources", async ({ page }) => {
  await page.goto(`/skills/${iac.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(iac.name);
  const levels = page.getByTestId("skill-levels");
  await expect(levels.getByRole("heading", { name: "What each level looks like" })).toBeVisible();
  await expect(levels.getByRole("listitem")).toHaveCount(5);
  for (const text of iac.levels) await expect(levels).toContainText(text);
  await expect(page.getByTestId("levels-kind")).toContainText(`Written for ${iac.name}`);

  const resources = page.getByTestId("skill-resources");
  await expect(resources.getByRole("heading", { name: "Learning resources" })).toBeVisible();
  const links = resources.getByRole("link");
  expect(await links.count()).toBeGreaterThanOrEqual(1);
  const first = links.first();
  await expect(first).toHaveAttribute("href", /^https:\/\//);
  await expect(first).toHaveAttribute("rel", "noopener noreferrer");
  await expect(resources).toContainText(new URL(iac.resources[0]!.url).hostname.replace(/^www\./, ""));
  await expectAccessible(page, `/skills/${iac.id}`);
});
