import { expect, type Browser, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

export const DEMO_PASSWORD = "skillgap-demo-2026";
export const PASSWORD = "a sturdy passphrase 2026";

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${randomBytes(3).toString("hex")}@e2e.test`;
}

const MAIL_HTTP = Number(process.env.E2E_MAIL_HTTP_PORT ?? 2580);

export type Mail = { to: string[]; subject: string; text: string; html: string; receivedAt: string };

/** Mail the app sent to `to` through SMTP, as the test SMTP listener received it (newest last). Waits for one to arrive. */
export async function mailTo(to: string, subject?: RegExp, count = 1): Promise<Mail[]> {
  let found: Mail[] = [];
  await expect
    .poll(
      async () => {
        const res = await fetch(`http://127.0.0.1:${MAIL_HTTP}/messages?to=${encodeURIComponent(to)}`);
        found = ((await res.json()) as Mail[]).filter((m) => !subject || subject.test(m.subject));
        return found.length;
      },
      { timeout: 15_000, message: `mail to ${to}${subject ? ` matching ${subject}` : ""}` },
    )
    .toBeGreaterThanOrEqual(count);
  return found;
}

/** The app link in a message's plain text (path and query, so the test follows it on its own base URL). */
export function linkIn(mail: Mail, path: string): string {
  const url = mail.text.split(/\s+/).find((w) => /^https?:\/\//.test(w) && new URL(w).pathname === path);
  if (!url) throw new Error(`no ${path} link in mail "${mail.subject}": ${mail.text}`);
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/** Signs up through the real form, confirms the address from the mail, signs in; ends on the "My skills" page. */
export async function signUp(page: Page, name: string, email: string, password = PASSWORD) {
  await signUpUnverified(page, name, email, password);
  await verifyFromMail(page, email);
  await signIn(page, email, password, "/me/skills");
  await expect(page).toHaveURL(/\/me\/skills/);
}

/** Fills the sign-up form only; ends on "Check your inbox". */
export async function signUpUnverified(page: Page, name: string, email: string, password = PASSWORD) {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
}

/** Opens the newest confirmation link sent to `email` and confirms the address. */
export async function verifyFromMail(page: Page, email: string) {
  const mails = await mailTo(email, /Confirm your email/);
  await page.goto(linkIn(mails.at(-1)!, "/verify-email"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("status")).toContainText("is confirmed");
}

/** Signs in through the real form. */
export async function signIn(page: Page, email: string, password = PASSWORD, callbackPath?: string) {
  await page.goto(callbackPath ? `/signin?callbackUrl=${encodeURIComponent(callbackPath)}` : "/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
}

/** The page's own alert (Next adds an empty route announcer with role=alert outside <main>). */
export function formAlert(page: Page) {
  return page.locator("main").getByRole("alert");
}

/**
 * Runs axe on the current page and fails on any serious or critical violation (WCAG 2.x A/AA rules).
 * Every page an e2e test visits goes through this once.
 */
export async function expectAccessible(page: Page, what?: string) {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
  expect(bad, `axe violations on ${what ?? page.url()}`).toEqual([]);
}

/** Picks a level in the rating editor for one skill (showing all skills and opening its category if needed). */
export async function rate(page: Page, skillId: string, level: number) {
  const row = page.locator(`fieldset[data-skill="${skillId}"]`);
  // A click before the page is interactive would be lost: the editor marks itself ready once hydrated.
  await page.locator("section[data-ready]").waitFor();
  // The page may show only the target role's skills, and folds categories: a person would show all and open one.
  if ((await row.count()) === 0) await page.getByLabel("Show", { exact: true }).selectOption("all");
  if (!(await row.isVisible())) await page.locator("details", { has: row }).locator("summary").first().click();
  // The radio itself is visually hidden; a person clicks its visible label, so the test does too.
  await row.locator(`label:has(input[type="radio"][value="${level}"])`).click();
  await expect(row.locator(`input[type="radio"][value="${level}"]`)).toBeChecked();
}

export type Person = { name: string; email: string; page: Page };

/**
 * A team of its own for one spec, built through the UI as an organisation would: the demo admin creates it and
 * invites a manager (as manager) and members; each person signs up, confirms their address and accepts. Members get
 * current and target roles (what a review reviews). Specs that use it do not touch the shared demo team.
 */
export async function teamOfOwn(
  browser: Browser,
  label: string,
  memberNames: string[],
): Promise<{ teamName: string; manager: Person; members: Person[] }> {
  const teamName = `${label} ${Date.now().toString(36)}`;
  const managerEmail = uniqueEmail(`${label.toLowerCase().replace(/\W+/g, "-")}-mgr`);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@skillgap.demo", DEMO_PASSWORD);
  await expect(admin).toHaveURL(/\/dashboard/);
  await admin.goto("/teams");
  await admin.getByLabel("Team name").fill(teamName);
  await admin.getByLabel(/Manager.s email/).fill(managerEmail);
  await admin.getByRole("button", { name: "Create team" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: teamName })).toBeVisible();
  const members = memberNames.map((name) => ({ name, email: uniqueEmail(name.toLowerCase().replace(/\W+/g, "-")) }));
  for (const m of members) {
    await admin.getByLabel("Invite by email").fill(m.email);
    await admin.getByRole("button", { name: "Invite" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Invitation sent" })).toBeVisible();
  }
  await admin.context().close();

  const join = async (name: string, email: string, roles: boolean): Promise<Person> => {
    const page = await (await browser.newContext()).newPage();
    await signUp(page, name, email);
    if (roles) {
      await page.getByLabel("Current role").selectOption("infrastructure-engineer");
      await page.getByLabel("Target role").selectOption("platform-engineer");
      await page.getByRole("button", { name: "Save roles" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Roles saved." })).toBeVisible();
    }
    await page.goto("/invitations");
    await page.getByRole("button", { name: `Accept the invitation to ${teamName}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: teamName })).toBeVisible();
    return { name, email, page };
  };
  const manager = await join(`${label} Manager`, managerEmail, false);
  const joined: Person[] = [];
  for (const m of members) joined.push(await join(m.name, m.email, true));
  return { teamName, manager, members: joined };
}

/** Records every Content-Security-Policy violation the page reports, from the browser's own event and console. */
export async function watchCspViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction("__cspViolation", (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

/** An injected inline event handler (the usual HTML-injection payload) does not run under the page's policy. */
export async function expectInjectedScriptRefused(page: Page) {
  await page.evaluate(() => {
    const div = document.createElement("div");
    div.innerHTML = `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__injected = true" alt="">`;
    document.body.appendChild(div);
  });
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => Boolean((window as unknown as { __injected?: boolean }).__injected))).toBe(false);
}
