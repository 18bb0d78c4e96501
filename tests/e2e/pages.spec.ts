/**
 * The every-page sweep (issue 14). Runs only in the `phone` (390 × 844) and `desktop` (1280 × 800) projects of
 * playwright.config.ts. Every page is visited as each kind of user who sees it, in light and in dark colour scheme,
 * and must:
 * - not be wider than the viewport (`document.documentElement.scrollWidth <= innerWidth`); a failure names the
 *   outermost elements that stick out, with their widths, so it says what to fix;
 * - have 0 serious or critical axe violations under WCAG 2.2 AA (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa).
 *
 * One sign-in per user: each user's pages are steps of one test, and the checks are soft, so one run lists every
 * page that fails instead of stopping at the first. Only GET pages that change nothing are visited; ids (team,
 * review, skill) are found by following links, never written here.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const SCHEMES = ["light", "dark"] as const;

type Offender = { selector: string; left: number; right: number; width: number };

/** The outermost elements that reach past the viewport's right edge and are not inside a box that clips or scrolls. */
async function overflowing(page: Page): Promise<{ scrollWidth: number; innerWidth: number; offenders: Offender[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= innerWidth) return { scrollWidth, innerWidth, offenders: [] };
    const describe = (el: Element) => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += `#${el.id}`;
      const testId = el.getAttribute("data-testid");
      if (testId) s += `[data-testid="${testId}"]`;
      const cls = (el.getAttribute("class") ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 5);
      if (cls.length) s += `.${cls.join(".")}`;
      return s;
    };
    const sticksOut = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.right > innerWidth + 1;
    };
    /** Inside a clipping or scrolling box that itself fits: that box scrolls, not the page. */
    const contained = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o !== "visible") return !sticksOut(a);
      }
      return false;
    };
    const offenders: Offender[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      if (!sticksOut(el) || contained(el)) continue;
      if (getComputedStyle(el).position === "fixed") continue;
      const parent = el.parentElement;
      if (parent && parent !== document.body && sticksOut(parent) && !contained(parent)) continue; // report the outermost
      const r = el.getBoundingClientRect();
      const path = parent && parent !== document.body ? `${describe(parent)} > ${describe(el)}` : describe(el);
      offenders.push({
        selector: path,
        left: Math.round(r.left),
        right: Math.round(r.right),
        width: Math.round(r.width),
      });
    }
    offenders.sort((a, b) => b.right - a.right);
    return { scrollWidth, innerWidth, offenders: offenders.slice(0, 6) };
  });
}

async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"}) — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

/** Both checks on the page as it is now, in light and then in dark; soft, so the sweep goes on to the next page. */
async function checkPage(page: Page, what: string) {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    // Let the scheme's styles apply (and any chart that measures itself re-render) before measuring.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const label = `${what} (${colorScheme})`;
    const o = await overflowing(page);
    expect
      .soft(
        o.scrollWidth,
        `${label} is ${o.scrollWidth} px wide in a ${o.innerWidth} px viewport; sticking out: ${
          o.offenders.map((x) => `${x.selector} [${x.left}→${x.right}, ${x.width} px wide]`).join("; ") ||
          "(none found)"
        }`,
      )
      .toBeLessThanOrEqual(o.innerWidth);
    expect.soft(await axeProblems(page), `axe WCAG 2.2 AA serious/critical violations on ${label}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** Opens `path` (or stays, when already there) and waits for the page's heading. */
async function open(page: Page, path: string) {
  // `next dev` aborts a navigation when it reloads after compiling; go again once then.
  await page.goto(path).catch((e: Error) => (/ERR_ABORTED/.test(e.message) ? page.goto(path) : Promise.reject(e)));
  await expect(page.locator("main h1").first()).toBeVisible();
  // Client components (charts, pickers) hydrate after the heading is there.
  await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => {});
}

async function visit(page: Page, path: string) {
  await test.step(path, async () => {
    await open(page, path);
    await checkPage(page, path);
  });
}

/**
 * Below 1024 px the navigation folds into a "Menu" disclosure: open it on the current page and check the page again
 * with the menu open (the open menu must fit too, and pass axe), then close it.
 */
async function withMenuOpen(page: Page, what: string) {
  if (page.viewportSize()!.width >= 1024) return;
  await test.step(`${what} with the menu open`, async () => {
    const menu = page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Menu" });
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await checkPage(page, `${what}, menu open`);
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
  });
}

/** The path of the first link in <main> whose href matches `pattern`, on `from`; null when there is none. */
async function firstLink(page: Page, from: string, pattern: RegExp): Promise<string | null> {
  await open(page, from);
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => pattern.test(h)) ?? null;
}

async function signedInAs(page: Page, email: string) {
  // A form clicked before its page hydrates is submitted by the browser instead (slow machines, dev server): one
  // more try then, on the hydrated page. A wrong password fails both.
  for (let attempt = 1; ; attempt++) {
    await signIn(page, email, DEMO_PASSWORD, "/dashboard");
    try {
      await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 }); // password hashing takes a moment
      return;
    } catch (e) {
      if (attempt === 2) throw e;
    }
  }
}

/** Each test walks many pages: give it `ms`, or more when the command line asks for more (--timeout). */
function budget(ms: number) {
  test.setTimeout(Math.max(ms, test.info().timeout));
}

/** The demo team's page, reached from /teams as a person would. */
async function demoTeam(page: Page): Promise<string> {
  await open(page, "/teams");
  const link = page.locator("main").getByRole("link", { name: "Platform Team (demo)" });
  const href = await link.getAttribute("href");
  expect(href, "the demo team is listed on /teams").toMatch(/^\/teams\/[^/]+$/);
  return href!;
}

/** A review the signed-in user can open, from /reviews; null (and a note in the report) when they have none. */
async function aReview(page: Page, who: string): Promise<string | null> {
  const href = await firstLink(page, "/reviews", /^\/reviews\/[^/]+$/);
  if (!href) {
    test.info().annotations.push({ type: "not visited", description: `${who} has no review to open on /reviews` });
  }
  return href;
}

test("signed out: every public page fits the viewport and passes axe, light and dark", async ({ page }) => {
  budget(240_000);
  for (const path of [
    "/",
    "/signin",
    "/signup",
    "/forgot-password",
    // Links from mails, with a token that matches nothing: the pages only act on a button press.
    `/reset-password?token=${"x".repeat(43)}`,
    `/verify-email?token=${"x".repeat(43)}`,
    "/roles",
    "/roles/platform-engineer",
    "/skills",
    // An unsubscribe link from a mail that does not verify: the page explains, and changes nothing.
    "/unsubscribe?u=someone&k=goal_due&t=not-a-signature",
    "/api-reference",
  ]) {
    await visit(page, path);
  }
  await withMenuOpen(page, "/skills (signed out)");
  const skill = await firstLink(page, "/skills", /^\/skills\/[^/?#]+$/);
  expect(skill, "a skill page is linked from /skills").not.toBeNull();
  await visit(page, skill!);
  await visit(page, "/no-such-page");
});

test("member: every page a member sees fits the viewport and passes axe, light and dark", async ({ page }) => {
  budget(360_000);
  await signedInAs(page, "alex@skillgap.demo");
  for (const path of ["/dashboard", "/me/skills", "/compare?a=infrastructure-engineer&b=platform-engineer", "/teams"]) {
    await visit(page, path);
  }
  await visit(page, await demoTeam(page));
  for (const path of ["/invitations", "/reviews"]) await visit(page, path);
  const review = await aReview(page, "alex@skillgap.demo");
  if (review) await visit(page, review);
  // The people finder with results, a profile from them, and the certifications page.
  await visit(page, "/people?skill=linux&level=1");
  const profile = await firstLink(page, "/people?skill=linux&level=1", /^\/people\/[^/?#]+$/);
  expect(profile, "the finder links a profile").not.toBeNull();
  await visit(page, profile!);
  await visit(page, "/me/certifications");
  await visit(page, "/notifications");
  await visit(page, "/account");
  await visit(page, "/account/tokens");
  await withMenuOpen(page, "/account (member)");
});

test("manager: the dashboard, team and review pages fit the viewport and pass axe, light and dark", async ({
  page,
}) => {
  budget(300_000);
  await signedInAs(page, "manager@skillgap.demo");
  for (const path of ["/dashboard", "/teams"]) await visit(page, path);
  const team = await demoTeam(page);
  await visit(page, team);
  await visit(page, `${team}?view=certifications`);
  await visit(page, "/reports");
  // A member's profile, from the heat map's names.
  const profile = await firstLink(page, team, /^\/people\/[^/?#]+$/);
  expect(profile, "the heat map links members' profiles").not.toBeNull();
  await visit(page, profile!);
  await visit(page, "/reviews");
  const review = await aReview(page, "manager@skillgap.demo");
  if (review) await visit(page, review);
  await visit(page, "/cycles");
  await visit(page, "/notifications");
});

test("admin: the admin pages and dashboard fit the viewport and pass axe, light and dark", async ({ page }) => {
  budget(480_000);
  await signedInAs(page, "admin@skillgap.demo");
  for (const path of ["/admin", "/admin/users", "/admin/outbox", "/reports", "/cycles", "/dashboard"])
    await visit(page, path);
  for (const path of ["/admin/taxonomy", "/admin/merge", "/admin/tokens", "/admin/scim"]) await visit(page, path);
  // The editor's skill and role pages, from its lists.
  const skillEditor = await firstLink(page, "/admin/taxonomy", /^\/admin\/taxonomy\/skills\/[^/?#]+$/);
  if (skillEditor) await visit(page, skillEditor);
  const roleEditor = await firstLink(page, "/admin/taxonomy", /^\/admin\/taxonomy\/roles\/[^/?#]+$/);
  if (roleEditor) await visit(page, roleEditor);
  // A cycle's dashboard, when one exists (tests/e2e/cycles.spec.ts launches one and checks it at 390 px too).
  const cycle = await firstLink(page, "/cycles", /^\/cycles\/[^/?#]+$/);
  if (cycle) await visit(page, cycle);
  await withMenuOpen(page, "/dashboard (admin)");
});
