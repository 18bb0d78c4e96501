import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signUp, teamOfOwn, uniqueEmail } from "./helpers";

type ShippedSkill = { id: string; name: string };
const skills = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../lib/taxonomy/data/skills.json"), "utf8"),
) as ShippedSkill[];
const nameOf = (id: string) => skills.find((s) => s.id === id)!.name;

/** Saves ratings through the same endpoint and schema as the rating form (this spec is about scenarios). */
async function rateViaApi(page: Page, ratings: { skillId: string; level: number }[]) {
  const saved = await page.request.put("/api/me/ratings", { data: { ratings }, timeout: 120_000 });
  expect(saved.status()).toBe(200);
}

test("a manager removes the only holder of a skill in the scenario and sees a successor", async ({ browser }) => {
  test.setTimeout(300_000);
  const own = await teamOfOwn(browser, "Scenario team", ["Sam Single", "Jo Junior"]);
  const [sam, jo] = own.members as [(typeof own.members)[0], (typeof own.members)[0]];
  // No target profile: a skill counts as held at level 4. Only Sam holds it; Jo is one step away.
  await rateViaApi(sam.page, [{ skillId: "container-orchestration", level: 4 }]);
  await rateViaApi(jo.page, [{ skillId: "container-orchestration", level: 3 }]);

  const manager = own.manager.page;
  // teamOfOwn leaves the manager on the team page; reload it to see the members who joined since.
  await manager.reload();
  const form = manager.getByTestId("scenario-form");
  await form.getByLabel(sam.name).check();
  await form.getByRole("button", { name: "Show the scenario" }).click();
  await expect(manager).toHaveURL(/[?&]without=/);

  const results = manager.getByTestId("scenario-results");
  await expect(results.getByTestId("scenario-singleHolder")).toBeVisible();
  const lost = results
    .getByTestId("lost-skills")
    .getByRole("listitem")
    .filter({ hasText: nameOf("container-orchestration") })
    .first();
  await expect(lost).toContainText("would have no holder");
  await expect(lost.getByTestId("successors")).toContainText(`${jo.name}: level 3 → 4 (1 step)`);
  await expectAccessible(manager, "/teams/[id] with a scenario");

  // The address is the scenario: a member who opens it sees the team page as usual, without scenario data.
  const shared = manager.url();
  await jo.page.goto(shared);
  await expect(jo.page.getByRole("heading", { level: 1, name: own.teamName })).toBeVisible();
  await expect(jo.page.getByTestId("scenario-results")).toHaveCount(0);
  await expect(jo.page.getByTestId("scenario-form")).toHaveCount(0);

  // An id that is not a member of the team is a field message, not an error page.
  await manager.goto(`${new URL(shared).pathname}?without=not-a-member`);
  await expect(manager.locator("#without-error")).toContainText("not a member of this team");
  await expect(manager.getByTestId("scenario-results")).toHaveCount(0);
});

test("a member raises a skill in the what-if and sees a role come within reach, with its reason", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, "Wendy Whatif", uniqueEmail("whatif"));
  await page.getByLabel("Current role").selectOption("infrastructure-engineer");
  await page.getByLabel("Target role").selectOption("platform-engineer");
  await page.getByRole("button", { name: "Save roles" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Roles saved." })).toBeVisible();
  // Everything Platform Engineer asks for, but Containers two levels short (a core gap).
  await rateViaApi(page, [
    { skillId: "containers", level: 2 },
    { skillId: "container-orchestration", level: 4 },
    { skillId: "ci-cd-pipelines", level: 4 },
    { skillId: "developer-experience", level: 3 },
    { skillId: "internal-developer-platform", level: 3 },
    { skillId: "cloud-fundamentals", level: 3 },
    { skillId: "aws", level: 3 },
    { skillId: "infrastructure-as-code", level: 3 },
    { skillId: "scripting", level: 3 },
    { skillId: "software-development", level: 3 },
    { skillId: "version-control", level: 3 },
    { skillId: "devops-practices", level: 3 },
    { skillId: "metrics-observability", level: 3 },
    { skillId: "log-management", level: 2 },
    { skillId: "application-delivery", level: 3 },
    { skillId: "cloud-native-security", level: 2 },
    { skillId: "linux", level: 3 },
    { skillId: "developer-empathy", level: 3 },
  ]);

  await page.goto("/dashboard");
  const form = page.getByTestId("what-if-form");
  await form.getByLabel("Skill 1", { exact: true }).selectOption("containers");
  await form.getByLabel("Skill 1 To level", { exact: true }).selectOption("4");
  await form.getByRole("button", { name: "Show what changes" }).click();
  await expect(page).toHaveURL(/[?&]skill=containers/);

  const results = page.getByTestId("what-if-results");
  await expect(results).toContainText(`${nameOf("containers")} 2 → 4`);
  await expect(results.getByTestId("what-if-fit")).toContainText("stretch");
  await expect(results.getByTestId("what-if-fit")).toContainText("ready");
  const reach = results.getByTestId("what-if-reach").getByRole("listitem").filter({ hasText: "Platform Engineer" });
  await expect(reach).toContainText("stretch → ready");
  await expect(reach).toContainText("you are ready now");
  await expectAccessible(page, "/dashboard with a what-if");

  await results.getByRole("button", { name: "Save as goals" }).click();
  await expect(results.getByRole("status")).toContainText(`Created 1 goal: ${nameOf("containers")} to 4.`);
});
