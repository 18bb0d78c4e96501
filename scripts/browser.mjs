/**
 * Finds the Chromium the browser tests drive, so `npm test` needs nothing else on a fresh machine.
 *
 * Order: `CHROMIUM_PATH`, then Debian's `/usr/bin/chromium`, then a browser in Playwright's own cache
 * (`PLAYWRIGHT_BROWSERS_PATH` or ~/.cache/ms-playwright). Run as a script (`node scripts/browser.mjs`, the first step of
 * `npm run test:e2e`), it installs Debian's `chromium` with apt when none is found and it runs as root; otherwise it
 * stops with one line saying what to install. playwright.config.ts imports `findBrowser` for the path itself.
 */
import { execFileSync } from "node:child_process";
import { accessSync, constants, readdirSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Chromium builds in Playwright's cache, newest first (chromium-1234/chrome-linux64/chrome or chrome-linux/chrome). */
function playwrightCacheBrowsers(env) {
  const root = env.PLAYWRIGHT_BROWSERS_PATH || path.join(homedir(), ".cache", "ms-playwright");
  let dirs;
  try {
    dirs = readdirSync(root).filter((d) => /^chromium-\d+$/.test(d));
  } catch {
    return [];
  }
  dirs.sort((a, b) => Number(b.split("-")[1]) - Number(a.split("-")[1]));
  return dirs.flatMap((d) => ["chrome-linux64", "chrome-linux"].map((sub) => path.join(root, d, sub, "chrome")));
}

/**
 * The browser to use, as `{ path, from }`, or null. `CHROMIUM_PATH`, when set, is the only candidate: a wrong value
 * is reported rather than silently replaced by another browser.
 */
export function findBrowser(env = process.env, debian = "/usr/bin/chromium") {
  if (env.CHROMIUM_PATH)
    return executable(env.CHROMIUM_PATH) ? { path: env.CHROMIUM_PATH, from: "CHROMIUM_PATH" } : null;
  if (executable(debian)) return { path: debian, from: "Debian's chromium" };
  const cached = playwrightCacheBrowsers(env).find(executable);
  return cached ? { path: cached, from: "Playwright's cache" } : null;
}

/** Finds a browser or installs Debian's; returns the path, or a one-line reason why it cannot. */
export function ensureBrowser(env = process.env, run = execFileSync) {
  const found = findBrowser(env);
  if (found) return { ok: true, path: found.path, from: found.from };
  if (env.CHROMIUM_PATH) {
    return { ok: false, message: `CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, which is not an executable file.` };
  }
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  let hasApt = false;
  try {
    accessSync("/usr/bin/apt-get", constants.X_OK);
    hasApt = true;
  } catch {}
  if (!root || !hasApt) {
    return {
      ok: false,
      message:
        "The browser tests need Chromium: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    };
  }
  process.stderr.write("browser: no Chromium found; installing Debian's chromium with apt…\n");
  const lock = ["-o", "DPkg::Lock::Timeout=600"];
  try {
    run("apt-get", [...lock, "update", "-qq"], { stdio: "inherit" });
    run("apt-get", [...lock, "install", "-y", "-qq", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  } catch {
    return { ok: false, message: "Installing Chromium with apt failed (see above): run apt-get install -y chromium." };
  }
  const after = findBrowser(env);
  return after
    ? { ok: true, path: after.path, from: "Debian's chromium (just installed)" }
    : { ok: false, message: "apt installed chromium, but /usr/bin/chromium is still missing." };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = ensureBrowser();
  if (!result.ok) {
    process.stderr.write(`${result.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`browser: ${result.path} (${result.from})\n`);
}
