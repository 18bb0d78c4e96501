import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureBrowser, findBrowser } from "@/scripts/browser.mjs";

const root = mkdtempSync(path.join(tmpdir(), "sg-browser-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeBinary(file: string, mode = 0o755): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, "#!/bin/sh\n");
  chmodSync(file, mode);
  return file;
}

const missingDebian = path.join(root, "no-such-chromium");

describe("finding the browser for the e2e tests", () => {
  it("takes CHROMIUM_PATH first, and reports a wrong one instead of falling back", () => {
    const own = fakeBinary(path.join(root, "own", "chrome"));
    const debian = fakeBinary(path.join(root, "debian", "chromium"));
    expect(findBrowser({ CHROMIUM_PATH: own }, debian)).toEqual({ path: own, from: "CHROMIUM_PATH" });
    expect(findBrowser({ CHROMIUM_PATH: path.join(root, "nope") }, debian)).toBeNull();
    const result = ensureBrowser({ CHROMIUM_PATH: path.join(root, "nope") });
    expect(result).toEqual({ ok: false, message: expect.stringContaining("CHROMIUM_PATH is set to") });
  });

  it("then Debian's chromium, then the newest build in Playwright's cache", () => {
    const debian = fakeBinary(path.join(root, "debian2", "chromium"));
    const cache = path.join(root, "cache");
    fakeBinary(path.join(cache, "chromium-1100", "chrome-linux", "chrome"));
    const newest = fakeBinary(path.join(cache, "chromium-1200", "chrome-linux64", "chrome"));
    fakeBinary(path.join(cache, "firefox-1300", "firefox", "firefox"));
    const env = { PLAYWRIGHT_BROWSERS_PATH: cache };
    expect(findBrowser(env, debian)?.from).toBe("Debian's chromium");
    expect(findBrowser(env, missingDebian)).toEqual({ path: newest, from: "Playwright's cache" });
  });

  it("ignores files that are not executable and finds nothing in an empty cache", () => {
    const cache = path.join(root, "cache2");
    fakeBinary(path.join(cache, "chromium-1300", "chrome-linux64", "chrome"), 0o644);
    expect(findBrowser({ PLAYWRIGHT_BROWSERS_PATH: cache }, missingDebian)).toBeNull();
    expect(findBrowser({ PLAYWRIGHT_BROWSERS_PATH: path.join(root, "absent") }, missingDebian)).toBeNull();
  });
});
