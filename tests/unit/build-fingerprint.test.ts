import { cpSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildExists, buildFingerprint, buildIsCurrent, markBuilt } from "../../scripts/build-fingerprint";

function tree(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "skillgap-fp-"));
  mkdirSync(path.join(root, "app", "x"), { recursive: true });
  mkdirSync(path.join(root, "lib"), { recursive: true });
  writeFileSync(path.join(root, "app", "x", "page.tsx"), "export default function P() { return null; }\n");
  writeFileSync(path.join(root, "lib", "a.ts"), "export const a = 1;\n");
  writeFileSync(path.join(root, "package-lock.json"), "{}\n");
  return root;
}

describe("build fingerprint", () => {
  it("is the same for a copy whose modification times differ (an image layer keeps whole seconds)", () => {
    const a = tree();
    const b = mkdtempSync(path.join(os.tmpdir(), "skillgap-fp-copy-"));
    cpSync(a, b, { recursive: true });
    const whole = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    utimesSync(path.join(b, "lib", "a.ts"), whole, whole);
    utimesSync(path.join(b, "app", "x", "page.tsx"), whole, whole);
    expect(buildFingerprint(b)).toBe(buildFingerprint(a));
  });

  it("changes when a source's content changes, even at the same size", () => {
    const root = tree();
    const before = buildFingerprint(root);
    writeFileSync(path.join(root, "lib", "a.ts"), "export const a = 2;\n");
    expect(buildFingerprint(root)).not.toBe(before);
  });

  it("changes when a file is renamed with the same content", () => {
    const root = tree();
    const before = buildFingerprint(root);
    cpSync(path.join(root, "lib", "a.ts"), path.join(root, "lib", "b.ts"));
    expect(buildFingerprint(root)).not.toBe(before);
  });

  it("ignores files outside the build inputs (tests, docs)", () => {
    const root = tree();
    const before = buildFingerprint(root);
    mkdirSync(path.join(root, "tests"));
    writeFileSync(path.join(root, "tests", "t.test.ts"), "x");
    expect(buildFingerprint(root)).toBe(before);
  });

  it("a build is current only with a BUILD_ID and a matching stamp", () => {
    const root = tree();
    expect(buildExists(root)).toBe(false);
    expect(buildIsCurrent(root)).toBe(false);
    mkdirSync(path.join(root, ".next"));
    writeFileSync(path.join(root, ".next", "BUILD_ID"), "abc");
    expect(buildExists(root)).toBe(true);
    expect(buildIsCurrent(root)).toBe(false);
    markBuilt(root);
    expect(buildIsCurrent(root)).toBe(true);
    writeFileSync(path.join(root, "lib", "a.ts"), "export const a = 3;\n");
    expect(buildIsCurrent(root)).toBe(false);
  });
});
