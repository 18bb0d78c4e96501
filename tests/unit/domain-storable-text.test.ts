import { describe, expect, it } from "vitest";
import { isStorableText, unstorablePaths } from "../../lib/domain";

describe("isStorableText", () => {
  it.each([
    ["plain text", "Kubernetes", true],
    ["a whole surrogate pair (emoji)", "ok \uD83D\uDE00", true],
    ["empty", "", true],
    ["NUL", "a\u0000b", false],
    ["a lone high surrogate", "a\uD83Db", false],
    ["a lone low surrogate", "x\uDFFFy", false],
    ["a pair in the wrong order", "\uDE00\uD83D", false],
  ])("%s → %s", (_name, text, ok) => expect(isStorableText(text)).toBe(ok));
});

describe("unstorablePaths", () => {
  it("names every bad string by its path, in document order", () => {
    expect(
      unstorablePaths({
        name: "ok",
        ratings: [{ note: "fine" }, { note: "a\u0000" }],
        tags: ["\uD800", "x"],
        at: new Date(0),
      }),
    ).toEqual([
      ["ratings", "1", "note"],
      ["tags", "0"],
    ]);
  });
  it("reports a bad key at the object holding it", () => {
    expect(unstorablePaths({ skills: { "a\u0000": "x" } })).toEqual([["skills"]]);
  });
  it("reports the value itself as the empty path, and nothing for clean or non-text values", () => {
    expect(unstorablePaths("\u0000")).toEqual([[]]);
    expect(unstorablePaths({ a: 1, b: null, c: [true, "ok"], d: undefined })).toEqual([]);
  });
});
