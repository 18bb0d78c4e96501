import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signUp, teamOfOwn, uniqueEmail } from "./helpers";

type ShippedSkill = { id: string; name: string; levels: string[] };
const skills = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../lib/taxonomy/data/skills.json"), "utf8"),
) as ShippedSkill[];
const iac = skills.find((s) => s.id === "infrastructure-as-code")!;

/** Saves ratings through the same endpoint and schema as the rating form (this spec is about people, not rating). */
async function rateViaApi(page: Page, ratings: { skillId: string; level: number }[]) {
  const saved = await page.request.put("/api/me/ratings", { data: { ratings }, timeout: 120_000 });
  expect(saved.status()).toBe(200);
}

/** Uses the finder's form the way a person does: one skill, a minimum level, Find people. */
async function findPeople(page: Page, skillName: string, minLevel: number) {
  await page.goto("/people");
  await page.getByLabel("Skill", { exact: true }).selectOption({ label: skillName });
  await page.getByLabel("Minimum level", { exact: true }).selectOption(String(minLevel));
  await page.getByRole("button", { name: "Find people" }).click();
  await expect(page).toHaveURL(/[?&]skill=/);
  await expect(page.getByTestId("finder-count")).toBeVisible();
}

/** Today plus `days`, as YYYY-MM-DD in UTC (the server's calendar). */
const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("a manager finds the team's Terraform expert and opens the profile", async ({ browser }) => {
  test.setTimeout(300_000);
  const own = await teamOfOwn(browser, "Finder team", ["Terry Terraform", "Lee Learner"]);
  const [terry, lee] = own.members as [(typeof own.members)[0], (typeof own.members)[0]];
  await rateViaApi(terry.page, [{ skillId: iac.id, level: 4 }]);
  await rateViaApi(lee.page, [{ skillId: iac.id, level: 2 }]);

  const manager = own.manager.page;
  await findPeople(manager, iac.name, 4);
  await expectAccessible(manager, "/people with results");
  const results = manager.getByTestId("finder-result");
  const terryRow = results.filter({ hasText: terry.name });
  await expect(terryRow).toHaveCount(1);
  await expect(terryRow).toContainText(`${iac.name}:`);
  await expect(terryRow).toContainText("level 4 Advanced");
  await expect(terryRow).toContainText(/rated \d{1,2} [A-Z][a-z]{2} \d{4}/);
  // Level 2 is below the minimum asked for.
  await expect(results.filter({ hasText: lee.name })).toHaveCount(0);
  await expect(manager.getByTestId("privacy-note")).toContainText("Only people you may see are listed");

  await terryRow.getByRole("link", { name: terry.name }).click();
  await expect(manager).toHaveURL(/\/people\/[^/?]+$/);
  await expect(manager.getByRole("heading", { level: 1 })).toContainText(terry.name);
  const rating = manager.locator(`li[data-skill="${iac.id}"]`);
  await expect(rating).toContainText("level 4 Advanced");
  // The skill's own descriptor for level 4, not the generic scale.
  await expect(rating).toContainText(iac.levels[3]!);
  // A manager of the team sees the private sections too.
  await expect(manager.getByRole("heading", { name: "Fit to the target role" })).toBeVisible();
  await expect(manager.getByRole("heading", { name: "Rating timeline" })).toBeVisible();
  await expectAccessible(manager, "/people/[id] as the manager");
});

test("a member records a CKA that expires in 60 days and sees the warning", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, "Cora Certified", uniqueEmail("certs"));
  await page.goto("/me/certifications");
  await expect(page.getByRole("heading", { level: 1, name: "My certifications" })).toBeVisible();
  await expect(page.getByTestId("certifications-empty")).toBeVisible();
  await page.waitForLoadState("networkidle"); // the form is a client component: let it hydrate before using it

  const form = page.locator("section", { has: page.getByRole("heading", { name: "Add a certification" }) });
  await form.getByLabel("Certification", { exact: true }).selectOption("cka");
  await expect(form).toContainText("typically valid for 2 years");
  await form.getByLabel(/Credential id/).fill("LF-e2e-0001");
  // A refused save: the expiry is before the issue date. The message sits beside the field; nothing typed is lost.
  await form.getByLabel("Issue date").fill(dayFromToday(0));
  await form.getByLabel(/Expiry date/).fill(dayFromToday(-1));
  await form.getByRole("button", { name: "Add certification" }).click();
  await expect(form.getByLabel(/Expiry date/)).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("Expiry date must be on or after the issue date.");
  await expect(form.getByLabel(/Credential id/)).toHaveValue("LF-e2e-0001");
  await expect(form.getByLabel("Certification", { exact: true })).toHaveValue("cka");

  await form.getByLabel(/Expiry date/).fill(dayFromToday(60));
  await form.getByRole("button", { name: "Add certification" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Certification added." })).toBeVisible();
  const item = page.getByTestId("my-certification").filter({ hasText: "CKA" });
  await expect(item).toHaveCount(1);
  await expect(item.getByRole("status")).toHaveText("Expires in 60 days");
  await expectAccessible(page, "/me/certifications with an expiring certification");

  await page.goto("/dashboard");
  await expect(page.locator("main").getByText("Expires in 60 days").first()).toBeVisible();
});

test("a teammate endorses a rating; when the rating changes, the endorsement disappears", async ({ browser }) => {
  test.setTimeout(300_000);
  const own = await teamOfOwn(browser, "Endorse team", ["Erin Endorser", "Pat Practitioner"]);
  const [erin, pat] = own.members as [(typeof own.members)[0], (typeof own.members)[0]];
  await rateViaApi(pat.page, [{ skillId: iac.id, level: 3 }]);

  // Pat keeps the default ("my teams"), so Erin, a teammate, finds Pat and may open the profile.
  await findPeople(erin.page, iac.name, 3);
  await erin.page
    .getByTestId("finder-result")
    .filter({ hasText: pat.name })
    .getByRole("link", { name: pat.name })
    .click();
  await expect(erin.page.getByRole("heading", { level: 1 })).toContainText(pat.name);
  const profileUrl = new URL(erin.page.url()).pathname;
  await erin.page.waitForLoadState("networkidle");
  const rating = erin.page.locator(`li[data-skill="${iac.id}"]`);
  await rating.locator("summary", { hasText: "Endorse this rating" }).click();
  await rating.getByLabel(/Comment/).fill("Reviewed her Terraform modules last quarter");
  await rating.getByRole("button", { name: `Send endorsement for ${iac.name}` }).click();
  await expect(rating.getByTestId("endorsement")).toContainText(`Endorsed by ${erin.name}`);
  await expect(rating.getByTestId("endorsement")).toContainText("Reviewed her Terraform modules last quarter");
  await expect(rating).toContainText("1 endorsement");
  await expect(rating.getByRole("button", { name: /Withdraw my endorsement/ })).toBeVisible();
  await expectAccessible(erin.page, "/people/[id] as a teammate");

  // Pat sees it on their own profile, with a way to hide it.
  await pat.page.goto(profileUrl);
  const ownRating = pat.page.locator(`li[data-skill="${iac.id}"]`);
  await expect(ownRating.getByTestId("endorsement")).toContainText(`Endorsed by ${erin.name}`);
  await expect(ownRating.getByRole("button", { name: /^Hide/ })).toBeVisible();

  // Pat changes the level: the endorsement vouched for 3, so it is withdrawn.
  await rateViaApi(pat.page, [{ skillId: iac.id, level: 4 }]);
  await erin.page.reload();
  await expect(rating).toContainText("level 4 Advanced");
  await expect(rating.getByTestId("endorsement")).toHaveCount(0);
  await expect(rating).not.toContainText("1 endorsement");
  await expect(rating.locator("summary", { hasText: "Endorse this rating" })).toBeVisible();
  await pat.page.reload();
  await expect(ownRating.getByTestId("endorsement")).toHaveCount(0);
});
