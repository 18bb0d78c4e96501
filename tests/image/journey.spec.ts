import { expect, test } from "@playwright/test";
import { rate, signUp, uniqueEmail } from "../e2e/helpers";

// Through haproxy, so consecutive requests land on different replicas (round robin): the session, the CSRF token, the
// server actions and the mail link all have to work across them.
test("through the load balancer: sign up, confirm by mail, rate, and see the dashboard", async ({ page }) => {
  await signUp(page, "Ivy Image", uniqueEmail("image"));
  await page.locator("section[data-ready]").waitFor();
  await page.getByLabel("Current role").selectOption("system-administrator");
  await page.getByLabel("Target role").selectOption("platform-engineer");
  await page.getByRole("button", { name: "Save roles" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Roles saved." })).toBeVisible();

  await rate(page, "linux", 3);
  await rate(page, "scripting", 2);
  await page.getByTestId("save-bar").getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved 2 ratings to your history." })).toBeVisible();

  // Every replica sees the same ratings: reload a few times, each lands on the next replica.
  for (let i = 0; i < 3; i += 1) {
    await page.goto("/dashboard");
    await expect(page.getByTestId("career-route")).toContainText("Platform Engineer");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  await page.goto("/me/skills");
  await page.locator("section[data-ready]").waitFor();
  await page.getByLabel("Show", { exact: true }).selectOption("all");
  const linux = page.locator('fieldset[data-skill="linux"]');
  await linux.evaluate((el) => el.closest("details")?.setAttribute("open", ""));
  await expect(linux.locator('input[type="radio"][value="3"]')).toBeChecked();
});
