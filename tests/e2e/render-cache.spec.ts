import { expect, test, type Response } from "@playwright/test";
import {
  DEMO_PASSWORD,
  expectInjectedScriptRefused,
  signIn,
  signOut,
  signUp,
  uniqueEmail,
  watchCspViolations,
} from "./helpers";

/**
 * The render cache through the production server (scripts/serve.mjs): pages answered from memory run under a
 * hash-based script policy and hydrate; a person's dashboard is theirs alone, shows a write at the next view, and is
 * never sent for a session that has ended.
 */

const cacheOf = (res: Response | null) => res?.headers()["x-render-cache"];

test("a public page comes from the cache the second time, under a hash-based policy, and still works", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const violations = await watchCspViolations(page);
  await page.goto("/roles/platform-engineer");
  const res = await page.goto("/roles/platform-engineer");
  expect(cacheOf(res)).toBe("hit");
  const csp = res!.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  expect(csp).not.toContain("nonce-");
  expect(/script-src[^;]*'unsafe-inline'/.test(csp)).toBe(false);
  await expect(page.getByRole("heading", { level: 1, name: "Platform Engineer" })).toBeVisible();

  // Hydrated: the phone menu opens (client code), and a link navigates client-side.
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await page.getByRole("navigation").getByRole("link", { name: "Skills" }).click();
  await expect(page).toHaveURL(/\/skills$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);

  // Injected markup still cannot run script under the cached page's policy.
  await page.goto("/roles/platform-engineer");
  await expectInjectedScriptRefused(page);
  await context.close();
});

test("a dashboard is cached per person: a write shows at the next view, nobody gets another's, an ended session gets none", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const mine = await browser.newContext();
  const page = await mine.newPage();
  const email = uniqueEmail("cache");
  const name = `Casey Cache ${Date.now()}`;
  await signUp(page, name, email);

  await page.goto("/dashboard");
  const again = await page.goto("/dashboard");
  expect(cacheOf(again)).toBe("hit");
  await expect(page.getByText("Rate a few skills to see your gaps")).toBeVisible();
  expect(await again!.text()).toContain(name);

  // A write through the API: the very next view renders afresh and shows it.
  const saved = await page.request.put("/api/me/ratings", { data: { ratings: [{ skillId: "linux", level: 3 }] } });
  expect(saved.status()).toBe(200);
  const after = await page.goto("/dashboard");
  expect(cacheOf(after)).toBe("miss");
  await expect(page.getByText("Rate a few skills to see your gaps")).toHaveCount(0);
  await expect(page.getByText("Choose a target role to see how far you are from it.")).toBeVisible();
  expect(cacheOf(await page.goto("/dashboard"))).toBe("hit");

  // Someone else, twice (the second from the cache): none of the first person's page.
  const theirs = await browser.newContext();
  const other = await theirs.newPage();
  await signIn(other, "sam@skillgap.demo", DEMO_PASSWORD);
  await expect(other).toHaveURL(/\/dashboard/);
  await other.goto("/dashboard");
  const hers = await other.goto("/dashboard");
  expect(cacheOf(hers)).toBe("hit");
  const html = await hers!.text();
  expect(html).toContain("Sam Okafor");
  expect(html).not.toContain(name);
  expect(html).not.toContain(email);
  await theirs.close();

  // Signed out: the old session cookie, replayed, gets the sign-in redirect, not the stored page.
  const cookies = await mine.cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"))!;
  expect(session).toBeDefined();
  await signOut(page);
  const replay = await page.request.get("/dashboard", {
    headers: { cookie: `${session.name}=${session.value}` },
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(307);
  expect(replay.headers()["location"]).toContain("/signin");
  expect(await replay.text()).not.toContain(name);
  await mine.close();
});
