import { expect, test } from "@playwright/test";
import { expectAccessible, signUp, uniqueEmail } from "./helpers";

// The token API end to end: a person makes a token on /account/tokens, a script (Playwright's own request context,
// which carries no session cookie) reads their ratings with it, and once revoked the same call is refused.
const SLOW = { timeout: 60_000 };

test("a token made on the tokens page reads my ratings through /api/v1 until I revoke it", async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  await signUp(page, "Tess Token", uniqueEmail("api-token"));
  // Something to read back: two ratings, saved through the signed-in JSON route.
  const saved = await page.request.put("/api/me/ratings", {
    data: {
      ratings: [
        { skillId: "linux", level: 3 },
        { skillId: "containers", level: 2 },
      ],
    },
    timeout: 120_000,
  });
  expect(saved.status()).toBe(200);

  await page.goto("/account/tokens");
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible(SLOW);
  await expectAccessible(page, "/account/tokens");
  await page.getByLabel("Name", { exact: true }).fill("Nightly export");
  await page.getByRole("checkbox", { name: /^ratings:read/ }).check();
  await page.getByLabel("Expires in").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toBeVisible(SLOW);
  const token = (await shown.textContent())!.trim();
  expect(token).toMatch(/^sgp_/);

  const auth = { Authorization: `Bearer ${token}` };
  const ratings = await request.get("/api/v1/me/ratings", { headers: auth, timeout: 120_000 });
  expect(ratings.status()).toBe(200);
  const body = (await ratings.json()) as { data: { skillId: string; level: number }[]; nextCursor: string | null };
  expect(body.data.map((r) => [r.skillId, r.level])).toEqual([
    ["containers", 2],
    ["linux", 3],
  ]);
  expect(body.nextCursor).toBeNull();
  // The token reads, it does not write: its scope is ratings:read only.
  const write = await request.put("/api/v1/me/ratings", {
    headers: auth,
    data: { ratings: [{ skillId: "linux", level: 5 }] },
  });
  expect(write.status()).toBe(403);
  expect(write.headers()["content-type"]).toBe("application/problem+json");

  await page.goto("/account/tokens");
  await page.getByRole("button", { name: "Revoke Nightly export" }).click();
  await page.getByRole("button", { name: "Revoke now Nightly export" }).click();
  await expect(page.getByText(/Revoked/).first()).toBeVisible(SLOW);

  const refused = await request.get("/api/v1/me/ratings", { headers: auth });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["www-authenticate"]).toBe('Bearer realm="skillgap"');
  expect(((await refused.json()) as { detail: string }).detail).toMatch(/not valid/);
});

test("the API reference reads on a phone: long paths wrap, examples scroll in their own box, keyboard reaches them", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/api-reference");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible(SLOW);
  await expect(page.getByRole("heading", { level: 3, name: /GET \/me\/ratings\/\{skillId\}\/history/ })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expect(page.getByRole("link", { name: "your API tokens page" })).toHaveAttribute("href", "/account/tokens");
  const example = page.getByRole("region", { name: "curl example for PUT /me/ratings" });
  await example.focus();
  await expect(example).toBeFocused();
  await expect(example).toContainText("Authorization: Bearer $SKILLGAP_TOKEN");
  await expectAccessible(page, "/api-reference");
  const doc = await page.request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.1.0");
});
