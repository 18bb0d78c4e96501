import { defineConfig } from "@playwright/test";
import { findBrowser } from "./scripts/browser.mjs";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
const MAIL_SMTP = Number(process.env.E2E_MAIL_SMTP_PORT ?? 2525);
export const MAIL_HTTP = Number(process.env.E2E_MAIL_HTTP_PORT ?? 2580);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    actionTimeout: 20_000,
    launchOptions: {
      // CHROMIUM_PATH, Debian's chromium, or Playwright's cache; `node scripts/browser.mjs` (run first by test:e2e) installs one.
      executablePath: findBrowser()?.path ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // The suite as it always ran: Playwright's default viewport (1280 × 720), every spec but the sweep.
    { name: "default", testIgnore: /pages\.spec\.ts$/ },
    // The every-page sweep (tests/e2e/pages.spec.ts) on a phone and on a desktop screen.
    {
      name: "phone",
      testMatch: /pages\.spec\.ts$/,
      use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: false },
    },
    {
      name: "desktop",
      testMatch: /pages\.spec\.ts$/,
      use: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
    },
  ],
  webServer: [
    {
      // A real SMTP listener: the app's mail (confirmation, reset, invitations) arrives here, readable over HTTP.
      command: "npx tsx tests/support/mail-sink.ts",
      url: `http://127.0.0.1:${MAIL_HTTP}/health`,
      reuseExistingServer: !process.env.CI,
      env: { MAIL_SINK_SMTP_PORT: String(MAIL_SMTP), MAIL_SINK_HTTP_PORT: String(MAIL_HTTP) },
    },
    {
      // The newcomer's path: a fresh embedded database, migrated and seeded by the start script, on the production build.
      command: "npm run start:test",
      url: `${baseURL}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 600_000,
      stdout: "pipe",
      env: {
        PORT: String(PORT),
        PGLITE_DIR: "./.data/e2e",
        DATABASE_URL: "",
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret",
        NEXT_TELEMETRY_DISABLED: "1",
        // One JSON line per request would bury the test output; warnings and errors still show.
        LOG_LEVEL: "warn",
        SMTP_URL: `smtp://127.0.0.1:${MAIL_SMTP}`,
        MAIL_FROM: "skillgap <no-reply@e2e.test>",
        // Every browser in the suite signs up and invites from one address (127.0.0.1).
        SIGNUP_MAX_PER_IP_PER_HOUR: "1000",
        INVITES_MAX_PER_HOUR: "1000",
      },
    },
  ],
});
