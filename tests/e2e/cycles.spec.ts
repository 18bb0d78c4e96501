import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, mailTo, signIn } from "./helpers";

test("an admin launches a review cycle; a member is notified and submits; the manager gets the 'your turn' email; the dashboard follows", async ({
  browser,
}) => {
  const name = `Winter ${Date.now().toString(36)}`;
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@skillgap.demo", DEMO_PASSWORD);
  await expect(admin).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  await admin.goto("/reviews");
  await admin.getByRole("link", { name: "Review cycles" }).click();
  await expect(admin).toHaveURL(/\/cycles$/);
  await admin.getByLabel("Name").fill(name);
  await admin.getByLabel("Platform Team (demo)").check();
  await admin.getByRole("button", { name: "Launch cycle" }).click();
  await expect(admin.getByRole("status")).toContainText(/Launched: \d+ reviews? created/);
  await admin.getByRole("link", { name }).click();
  const alexRow = admin.getByTestId("cycle-review-row").filter({ hasText: "Alex Rivera" });
  await expect(alexRow).toContainText("Not started");
  await expectAccessible(admin);

  // The member: the bell counts it, the list links it, and opening it lands on the review.
  const alex = await (await browser.newContext()).newPage();
  await signIn(alex, "alex@skillgap.demo", DEMO_PASSWORD);
  await expect(alex).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  await alex
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /Notifications, \d+ unread/ })
    .click();
  await expect(alex).toHaveURL(/\/notifications/);
  const item = alex.getByRole("listitem").filter({ hasText: `Your self-assessment for ${name}` });
  await item.getByRole("button", { name: /^Open/ }).click();
  await expect(alex).toHaveURL(/\/reviews\/[^/]+$/);

  // Rate every skill (2 where nothing is pre-filled), then submit.
  const keep = alex.getByRole("button", { name: /^Keep my current levels/ });
  if (await keep.isVisible()) await keep.click();
  const groups = alex.getByRole("radiogroup", { name: /^Your level for / });
  for (let i = 0; i < (await groups.count()); i++) {
    const g = groups.nth(i);
    if ((await g.locator("input:checked").count()) === 0) await g.locator("label", { hasText: /^2$/ }).click();
  }
  await alex.getByRole("button", { name: "Submit self-assessment" }).click();
  await expect(alex.getByText("Your manager cannot see these until you have both submitted.")).toHaveCount(0, {
    timeout: 15_000,
  });

  // The manager hears it is their turn, by email (read from the SMTP listener).
  const [mail] = await mailTo("manager@skillgap.demo", /^Your turn: assess Alex Rivera/);
  expect(mail!.text).toMatch(/\/reviews\//);

  // The cycle dashboard follows.
  await admin.reload();
  await expect(alexRow).toContainText("Self-assessment done");

  // On a 390 px phone, the cycle pages and the notification list fit without sideways scrolling.
  for (const [page, path] of [
    [admin, admin.url()],
    [admin, "/cycles"],
    [alex, "/notifications"],
  ] as const) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(path);
    await expect(page.locator("main h1").first()).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} at 390 px`).toBeLessThanOrEqual(390);
    await expectAccessible(page, path);
  }
});
