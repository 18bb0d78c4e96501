import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, linkIn, mailTo, PASSWORD, signIn, uniqueEmail } from "./helpers";

// The shared dev server can take well over ten seconds per request while other work compiles, so the sign-up steps
// (helpers' signUp) are spelled out here with longer waits.
const SLOW = { timeout: 60_000 };

// A System Administrator who can run Linux and Windows servers and script a little, aiming for Platform Engineer.
const RATINGS: [string, number][] = [
  ["linux", 3],
  ["windows-server", 3],
  ["system-administration", 3],
  ["scripting", 2],
  ["network-fundamentals", 2],
];

async function fitsWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

test("a System Administrator aiming for Platform Engineer sees the route, one entry per door, at 390 px and 1280 px", async ({
  page,
}) => {
  test.setTimeout(480_000); // sign-up alone can take minutes on the shared, busy dev server
  await page.setViewportSize({ width: 390, height: 844 });
  const email = uniqueEmail("route");
  await page.goto("/signup");
  await page.waitForLoadState("networkidle"); // a click before hydration would submit the form as a plain GET
  await page.getByLabel("Name").fill("Sam Sysadmin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible(SLOW);
  await page.goto(linkIn((await mailTo(email, /Confirm your email/)).at(-1)!, "/verify-email"));
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("status")).toContainText("is confirmed", SLOW);
  await signIn(page, email, PASSWORD, "/me/skills");
  await expect(page).toHaveURL(/\/me\/skills/, SLOW);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Current role").selectOption("system-administrator");
  await page.getByLabel("Target role").selectOption("platform-engineer");
  await page.getByRole("button", { name: "Save roles" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Roles saved." })).toBeVisible(SLOW);
  // The ratings go through the same endpoint and schema as the rating form; this spec is about the dashboard.
  const saved = await page.request.put("/api/me/ratings", {
    data: { ratings: RATINGS.map(([skillId, level]) => ({ skillId, level })) },
    timeout: 120_000, // the dev server compiles the route on its first call
  });
  expect(saved.status()).toBe(200);

  await page.goto("/dashboard");
  const route = page.getByTestId("career-route");
  await expect(route).toContainText("Your route: System Administrator → Infrastructure Engineer → Platform Engineer");
  await expect(route.getByRole("list", { name: "Your route" }).getByRole("listitem")).toHaveCount(3);
  await expect(page.getByTestId("next-roles")).toContainText("IT Operations Engineer");

  const doors = page.getByTestId("doors").locator("li strong");
  const names = (await doors.allTextContents()).map((n) => n.trim());
  expect(names.length).toBeGreaterThan(0);
  expect(new Set(names).size).toBe(names.length);
  // Not aiming for management: no management role is among the doors.
  await expect(page.getByTestId("doors")).not.toContainText("Manager");
  await expect(page.getByTestId("doors-weighting")).toContainText("route to Platform Engineer");

  // Learning-path reasons say how big each step is.
  const path = page.getByRole("region", { name: "Learning path to Platform Engineer" });
  await expect(path.locator("li").first()).toContainText(/\d levels? \(\d → \d\)/);

  expect(await fitsWidth(page)).toBe(true);
  await expectAccessible(page, "/dashboard at 390 px");

  await page.setViewportSize({ width: 1280, height: 800 });
  const graph = page.getByTestId("career-graph");
  await expect(graph).toBeVisible();
  // Every role of the route is on the graph, the platform row included, and no label is cut.
  for (const title of ["System Administrator", "Infrastructure Engineer", "Platform Engineer"]) {
    await expect(graph.getByRole("link", { name: title, exact: true })).toBeVisible();
  }
  const overflowing = await graph.locator("a").evaluateAll((links) =>
    links
      .map((a) => ({ text: a.querySelector("text")!, box: a.querySelector("rect")!.getBBox() }))
      .filter(({ text, box }) => text.getBBox().width > box.width - 4)
      .map(({ text }) => text.textContent),
  );
  expect(overflowing).toEqual([]);
  expect(await fitsWidth(page)).toBe(true);
  await expectAccessible(page, "/dashboard at 1280 px");
});
