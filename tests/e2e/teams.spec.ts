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

test("a manager audits the team: heat map, gaps filter, CSV export; someone from another team gets not found", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const manager = await (await browser.newContext()).newPage();
  await signIn(manager, "manager@skillgap.demo", DEMO_PASSWORD);
  await expect(manager).toHaveURL(/\/dashboard/);
  await manager.goto("/teams");
  await expectAccessible(manager, "/teams");
  await manager.getByRole("link", { name: "Platform Team (demo)" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: "Platform Team (demo)" })).toBeVisible();
  const teamUrl = new URL(manager.url()).pathname;
  const heat = manager.getByTestId("heat-map");
  await expect(heat).toBeVisible();
  expect(await heat.locator("tbody tr").count()).toBe(3); // the three demo members
  await expect(manager.getByTestId("coverage-row")).toBeVisible();
  await expectAccessible(manager, teamUrl);

  // Gaps only: every column left is a skill the team is short of, and fewer columns than all skills (same category).
  await manager.getByLabel("Category", { exact: true }).selectOption("all");
  await manager.getByRole("button", { name: "Apply" }).click();
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
  await expect(admin).toHaveURL(/\/dashboard/);
  await admin.goto("/teams");
  const otherName = `Other team ${Date.now()}`;
  await admin.getByLabel("Team name").fill(otherName);
  await admin.getByRole("button", { name: "Create team" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: otherName })).toBeVisible();
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
