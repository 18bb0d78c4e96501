import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, signIn } from "./helpers";

test("an admin finds a user and deactivates them: their open session ends at once; reactivating lets them back", async ({
  browser,
}) => {
  const jo = await (await browser.newContext()).newPage();
  await signIn(jo, "jo@skillgap.demo", DEMO_PASSWORD);
  await expect(jo).toHaveURL(/\/dashboard/, { timeout: 30_000 });

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@skillgap.demo", DEMO_PASSWORD);
  await expect(admin).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  await admin.goto("/admin");
  await admin.locator("main").getByRole("link", { name: "Manage users" }).click();
  await expect(admin).toHaveURL(/\/admin\/users/);
  await admin.getByLabel("Name or email").fill("jo@skillgap");
  await admin.getByRole("button", { name: "Search" }).click();
  const row = admin.getByRole("row").filter({ hasText: "jo@skillgap.demo" });
  await expect(row).toHaveCount(1);
  await expectAccessible(admin);
  admin.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: /^Deactivate/ }).click();
  await expect(row.getByRole("button", { name: /^Reactivate/ })).toBeVisible();

  // Jo's next request finds the session gone.
  await jo.goto("/dashboard");
  await expect(jo).toHaveURL(/\/signin/, { timeout: 15_000 });

  await row.getByRole("button", { name: /^Reactivate/ }).click();
  await expect(row.getByRole("button", { name: /^Deactivate/ })).toBeVisible();
  await signIn(jo, "jo@skillgap.demo", DEMO_PASSWORD);
  await expect(jo).toHaveURL(/\/dashboard/, { timeout: 30_000 });
});
