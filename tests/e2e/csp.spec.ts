import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectInjectedScriptRefused, signIn, watchCspViolations } from "./helpers";

test("pages run under a nonce-based CSP with no violations, and injected markup cannot run script", async ({
  page,
}) => {
  const violations = await watchCspViolations(page);
  // A page rendered per request (the sign-in page is never answered from the render cache; pages that are have a
  // hash-based policy, tested in render-cache.spec.ts).
  const res = await page.goto("/signin");
  const csp = res?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(/script-src[^;]*'unsafe-inline'/.test(csp)).toBe(false);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  // Next put the same nonce on its scripts (the browser hides the attribute's value from the DOM, not its presence).
  expect(await page.locator("script[nonce]").count()).toBeGreaterThan(0);
  const again = await page.goto("/skills");
  expect(again?.headers()["content-security-policy"]).not.toContain(nonce);

  // Signed in, through the interactive pages (forms, charts): everything hydrates and nothing is blocked.
  await signIn(page, "alex@skillgap.demo", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId("radar-chart").getByRole("img")).toBeVisible();
  await page.goto("/me/skills");
  await expect(page.getByRole("heading", { name: "My skills" })).toBeVisible();

  expect(violations).toEqual([]);

  // Injected markup cannot run script: an inline event handler (the usual HTML-injection payload) is refused.
  await expectInjectedScriptRefused(page);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
});
