/**
 * The image stage's browser journey (scripts/ci/image-stage.sh): Chromium against the app image's replicas behind
 * haproxy, on PostgreSQL. It starts no server of its own: IMAGE_BASE_URL is haproxy, E2E_MAIL_HTTP_PORT the mail sink
 * the replicas send to. Not part of `npm run test:e2e` (that suite's testDir is tests/e2e).
 */
import { defineConfig } from "@playwright/test";
import { findBrowser } from "../../scripts/browser.mjs";

export default defineConfig({
  testDir: ".",
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  forbidOnly: true,
  use: {
    baseURL: process.env.IMAGE_BASE_URL ?? "http://127.0.0.1:3500",
    trace: "retain-on-failure",
    launchOptions: {
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
});
