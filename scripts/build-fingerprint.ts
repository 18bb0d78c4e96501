/**
 * Whether .next holds a build of the current sources: a SHA-256 of every source file's path and content.
 * Content, not modification times: copies, checkouts and image layers (which keep whole seconds) change times
 * without changing what was built, and a false "stale" would make a start rebuild for nothing.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const defaultRoot = path.resolve(import.meta.dirname, "..");

/** What the build is made from; anything else (tests, docs, scripts) does not change it. */
export const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.js",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "prisma/schema.prisma",
];

export function buildFingerprint(root = defaultRoot): string {
  const h = createHash("sha256");
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      if (/(^|\/)(generated|node_modules|\.next)$/.test(p)) return;
      for (const e of readdirSync(p).sort()) visit(path.join(p, e));
    } else {
      h.update(`${path.relative(root, p)}\0${s.size}\0`);
      h.update(readFileSync(p));
      h.update("\0");
    }
  };
  for (const p of BUILD_INPUTS) visit(path.join(root, p));
  return h.digest("hex");
}

const stampOf = (root: string) => path.join(root, ".next", "skillgap-build-fingerprint");

/** True when .next has a finished build (BUILD_ID) whose recorded fingerprint matches the sources now. */
export function buildIsCurrent(root = defaultRoot): boolean {
  const stamp = stampOf(root);
  return (
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === buildFingerprint(root)
  );
}

/** Whether a finished build exists at all, current or not. */
export function buildExists(root = defaultRoot): boolean {
  return existsSync(path.join(root, ".next", "BUILD_ID"));
}

export function markBuilt(root = defaultRoot): void {
  writeFileSync(stampOf(root), buildFingerprint(root));
}
