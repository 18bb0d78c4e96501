/** Whether .next holds a build of the current sources: a fingerprint of every source file's size and mtime. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const stamp = path.join(root, ".next", "skillgap-build-fingerprint");

export function buildFingerprint(): string {
  const h = createHash("sha256");
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      if (/(^|\/)(generated|node_modules|\.next)$/.test(p)) return;
      for (const e of readdirSync(p).sort()) visit(path.join(p, e));
    } else h.update(`${path.relative(root, p)}:${s.size}:${s.mtimeMs}\n`);
  };
  for (const p of [
    "app",
    "components",
    "lib",
    "public",
    "proxy.ts",
    "next.config.js",
    "package-lock.json",
    "tsconfig.json",
    "postcss.config.mjs",
  ]) {
    visit(path.join(root, p));
  }
  return h.digest("hex");
}

export function buildIsCurrent(): boolean {
  return (
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === buildFingerprint()
  );
}

export function markBuilt(): void {
  writeFileSync(stamp, buildFingerprint());
}
