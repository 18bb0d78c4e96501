import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import {
  DEMO_PASSWORD,
  PASSWORD,
  expectAccessible,
  mailTo,
  signIn,
  signOut,
  signUpUnverified,
  uniqueEmail,
  verifyFromMail,
} from "./helpers";

// The team page is the heaviest page to render; on a busy dev server its GET-form filters take longer than the
// default action timeout to navigate.
test.use({ actionTimeout: 60_000, navigationTimeout: 90_000 });

test("a manager audits the team: heat map, gaps filter, CSV export; someone from another team gets not found", async ({
  browser,
}) => {
  test.setTimeout(360_000);
  const manager = await (await browser.newContext()).newPage();
  await signIn(manager, "manager@skillgap.demo", DEMO_PASSWORD);
  await expect(manager).toHaveURL(/\/dashboard/, { timeout: 60_000 }); // the shared dev server can be slow to compile
  await manager.goto("/teams");
  await expectAccessible(manager, "/teams");
  // The list and the team page count people the same way: members and managers, each with the right noun.
  const card = manager.getByTestId("team-list").locator("li").filter({ hasText: "Platform Team (demo)" });
  await expect(card.getByTestId("team-headcount")).toHaveText("4 people: 3 members and 1 manager");
  await manager.getByRole("link", { name: "Platform Team (demo)" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: "Platform Team (demo)" })).toBeVisible({
    timeout: 60_000,
  });
  const teamUrl = new URL(manager.url()).pathname;
  const heat = manager.getByTestId("heat-map");
  await expect(heat).toBeVisible();
  expect(await heat.locator("tbody tr").count()).toBe(3); // the three demo members
  await expect(manager.getByTestId("headcount")).toContainText("4 people: 3 members and 1 manager");
  await expect(manager.getByTestId("headcount")).toContainText("cover the 3 members");
  await expect(manager.locator("main")).not.toContainText(/\b1 people\b|\b1 members\b|\b1 skills\b/);
  await expect(manager.getByTestId("coverage-row")).toBeVisible();
  await expectAccessible(manager, teamUrl);

  // The matrix opens on every category; the demo team has a target profile, so on its gaps only.
  const categorySelect = manager.getByLabel("Category", { exact: true });
  await expect(categorySelect).toHaveValue("all");
  await expect(categorySelect.locator("option").first()).toHaveText("All categories");
  await expect(manager.getByLabel("Gaps only")).toBeChecked();
  await expect(manager.getByTestId("matrix-summary")).toContainText("Gaps only in all categories");

  // Single holders and nobody-at-the-needed-level are two lists; each heading's count is its number of items, every
  // item links to its skill, and the gap list names exactly the team-gap rows where the team has nobody at the level.
  const singles = manager.getByTestId("single-holders").locator("li");
  const nobody = manager.getByTestId("nobody-at-level").locator("li");
  expect(await singles.count()).toBeGreaterThan(0);
  expect(await nobody.count()).toBeGreaterThan(0);
  await expect(manager.getByTestId("single-holder-count")).toHaveText(String(await singles.count()));
  await expect(manager.getByTestId("nobody-count")).toHaveText(String(await nobody.count()));
  for (const item of await singles.all()) await expect(item).toContainText(/only .+ at level \d\+/);
  for (const item of [...(await singles.all()), ...(await nobody.all())])
    await expect(item.getByRole("link")).toHaveAttribute("href", /^\/skills\/[a-z0-9-]+$/);
  const gapTable = manager.getByRole("table", { name: "Team gap (table)" });
  const haveNone = await gapTable
    .locator("tbody tr")
    .filter({ has: manager.locator("td:nth-child(4)", { hasText: /^0$/ }) })
    .locator("td:first-child")
    .allTextContents();
  expect((await nobody.getByRole("link").allTextContents()).sort()).toEqual(haveNone.sort());

  // Gaps only: every column left is a skill the team is short of, and fewer columns than all skills (same category).
  await categorySelect.selectOption("all");
  await manager.getByLabel("All skills").check();
  await manager.getByRole("button", { name: "Apply" }).click();
  await expect(manager).toHaveURL(/gaps=0/);
  await expect(manager).toHaveURL(/category=all/);
  const allColumns = await manager.getByTestId("heat-map").locator("thead th").count();
  await manager.getByLabel("Gaps only").check();
  await manager.getByRole("button", { name: "Apply" }).click();
  await expect(manager).toHaveURL(/gaps=1/);
  await expect(manager).toHaveURL(/category=all/);
  const gapHeaders = manager.getByTestId("heat-map").locator("thead th");
  const gapColumns = (await gapHeaders.count()) - 1;
  expect(gapColumns).toBeGreaterThan(0);
  for (let i = 1; i <= gapColumns; i++) await expect(gapHeaders.nth(i)).toContainText(/needs \d/);
  expect(gapColumns).toBeLessThan(allColumns - 1);

  // Columns can be ordered by coverage: the coverage row then reads in ascending order.
  await manager.getByLabel("Order skills by").selectOption("coverage");
  await manager.getByRole("button", { name: "Apply" }).click();
  await expect(manager).toHaveURL(/cols=coverage/);
  const coverage = (await manager.getByTestId("coverage-row").locator("td").allTextContents()).map(Number);
  expect(coverage).toEqual([...coverage].sort((a, b) => a - b));

  // Export the matrix.
  const download = manager.waitForEvent("download");
  await manager.getByRole("link", { name: "Export the matrix (CSV)" }).click();
  const csv = await readFile((await (await download).path())!, "utf8");
  const rows = csv.split("\n");
  expect(rows[0]).toMatch(/^person,/);
  expect(csv).toContain("Alex Rivera");
  expect(rows.filter((r) => /^"?[A-Z]/.test(r))).toHaveLength(3);

  // The admin creates another team and invites a newcomer; signing up with the address does not join them: they
  // must confirm the address and accept.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@skillgap.demo", DEMO_PASSWORD);
  await expect(admin).toHaveURL(/\/dashboard/, { timeout: 60_000 }); // the shared dev server can be slow to compile
  await admin.goto("/teams");
  const otherName = `Other team ${Date.now()}`;
  await admin.getByLabel("Team name").fill(otherName);
  await admin.getByRole("button", { name: "Create team" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: otherName })).toBeVisible();
  // An empty team explains what happens next instead of drawing empty charts.
  await expect(admin.getByTestId("team-empty").getByRole("heading", { name: "No ratings yet" })).toBeVisible();
  await expect(admin.getByTestId("team-empty")).toContainText(
    "Invite members below; their ratings appear here once they rate their skills.",
  );
  await expect(admin.getByTestId("headcount")).toHaveText("No people yet.");
  await expect(admin.getByTestId("bar-chart")).toHaveCount(0);
  await expect(admin.getByTestId("heat-map")).toHaveCount(0);
  const outsider = uniqueEmail("outsider");
  await admin.getByLabel("Invite by email").fill(outsider);
  await admin.getByRole("button", { name: "Invite" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Invitation sent" })).toBeVisible();
  await expectAccessible(admin, "team admin panel");
  await signOut(admin);

  const other = await (await browser.newContext()).newPage();
  // An unconfirmed account with the invited address sees no invitation and joins nothing.
  await signUpUnverified(other, "Olu Outsider", outsider);
  await signIn(other, outsider, PASSWORD, "/invitations");
  await expect(other.getByText("Confirm your email address first")).toBeVisible();
  await other.goto("/teams");
  await expect(other.getByRole("link", { name: otherName })).toHaveCount(0);
  await expect(other.getByTestId("no-teams")).toContainText("You are not in a team yet.");
  await expect(other.getByRole("link", { name: "See your invitations" })).toBeVisible();
  // Once confirmed, the invitation waits in the inbox (and its mail came through SMTP); joining needs a click.
  await verifyFromMail(other, outsider);
  const [invitationMail] = await mailTo(outsider, /Invitation to join/);
  expect(invitationMail!.text).toContain(otherName);
  const link = new URL(invitationMail!.text.split(/\s+/).find((w) => w.includes("/invitations/"))!);
  await other.goto(link.pathname);
  await expect(other.getByText(otherName).first()).toBeVisible();
  await expectAccessible(other, "invitation link page");
  await other.goto("/invitations");
  await expect(other.getByRole("heading", { level: 2, name: otherName })).toBeVisible();
  await expectAccessible(other, "invitations inbox");
  await other.getByRole("button", { name: `Accept the invitation to ${otherName}` }).click();
  await expect(other).toHaveURL(/\/teams\/[^/]+$/);
  await expect(other.getByRole("heading", { level: 1, name: otherName })).toBeVisible();
  await other.goto("/teams");
  await expect(other.getByRole("link", { name: otherName })).toBeVisible();
  await expect(other.getByRole("link", { name: "Platform Team (demo)" })).toHaveCount(0);
  const res = await other.goto(teamUrl);
  expect(res?.status()).toBe(404);
  await expect(other.getByRole("heading", { name: "Not found" })).toBeVisible();
  const api = await other.request.get(`/api${teamUrl}/matrix`);
  expect(api.status()).toBe(404);
  expect(await api.text()).not.toContain("Alex");
});

test("on a 390 px phone the teams pages fit the screen; the matrix scrolls in its own box, names kept in view", async ({
  browser,
}) => {
  test.setTimeout(360_000);
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(page, "manager@skillgap.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 60_000 }); // the shared dev server can be slow to compile
  const fits = async (what: string) => {
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth, `${what} is wider than the phone`).toBeLessThanOrEqual(innerWidth);
  };
  await page.goto("/teams");
  await fits("/teams");
  await expectAccessible(page, "/teams at 390 px");
  await page.getByRole("link", { name: "Platform Team (demo)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Platform Team (demo)" })).toBeVisible({ timeout: 60_000 });
  await page.getByLabel("All skills").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/gaps=0/);
  await fits("the team page");
  const matrix = page.getByRole("region", { name: "Skill matrix (scrolls sideways)" });
  await matrix.focus();
  await expect(matrix).toBeFocused();
  const box = await matrix.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(box.scroll).toBeGreaterThan(box.client); // all skills do not fit: the box scrolls, not the page
  await matrix.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  const name = page.getByTestId("heat-map").getByRole("rowheader", { name: "Alex Rivera" });
  const at = await name.boundingBox();
  expect(at!.x).toBeGreaterThanOrEqual(0); // the sticky names column stays on screen
  expect(at!.x + at!.width).toBeLessThanOrEqual(390);
  await fits("the team page scrolled sideways");
  for (const button of await page.getByRole("main").getByRole("button").all())
    if (await button.isVisible())
      expect((await button.boundingBox())!.height, await button.innerText()).toBeGreaterThanOrEqual(44);
  await expectAccessible(page, "team page at 390 px");
});
