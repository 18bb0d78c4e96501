import { describe, expect, it } from "vitest";
import { DomainError, assertLevel, joinNames, validateLevels } from "../../lib/domain";

describe("assertLevel", () => {
  it.each([0, 1, 2, 3, 4, 5])("accepts %s", (v) => {
    expect(() => assertLevel(v, "kubernetes")).not.toThrow();
  });

  it.each<[unknown, string]>([
    [7, "7"],
    [-1, "-1"],
    [2.5, "2.5"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    ["3", '"3"'],
    [null, "null"],
    [undefined, "undefined"],
  ])("rejects %s with a clear message", (v, shown) => {
    expect(() => assertLevel(v, "kubernetes")).toThrow(DomainError);
    expect(() => assertLevel(v, "kubernetes")).toThrow(
      `level for skill "kubernetes" must be an integer 0–5, got ${shown}`,
    );
  });

  it("names the context when given", () => {
    expect(() => assertLevel(9, "linux", 'member "ana"')).toThrow(
      'level for skill "linux" (member "ana") must be an integer 0–5, got 9',
    );
  });
});

describe("validateLevels", () => {
  it("returns valid levels unchanged, including an empty record", () => {
    expect(validateLevels({})).toEqual({});
    expect(validateLevels({ linux: 0, go: 5 })).toEqual({ linux: 0, go: 5 });
  });
  it("names the first bad skill", () => {
    expect(() => validateLevels({ linux: 3, kubernetes: 7 })).toThrow(
      'level for skill "kubernetes" must be an integer 0–5, got 7',
    );
  });
  it("is a DomainError (instanceof and name)", () => {
    try {
      validateLevels({ x: -2 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as Error).name).toBe("DomainError");
    }
  });
});

describe("joinNames", () => {
  it.each([
    [[], ""],
    [["A"], "A"],
    [["A", "B"], "A and B"],
    [["A", "B", "C"], "A, B and C"],
  ])("%j → %s", (names, out) => expect(joinNames(names)).toBe(out));
});
