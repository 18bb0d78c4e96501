import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { FORMULA_START, csvCell, csvLine, escapeFormula } from "../../lib/domain/csv";

describe("escapeFormula", () => {
  it.each([
    ["=1+2", "'=1+2"],
    ["+31 6 1234", "'+31 6 1234"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=cmd", "'\t=cmd"],
    ["\r=cmd", "'\r=cmd"],
    ["=HYPERLINK(\"x\")\nsecond line", "'=HYPERLINK(\"x\")\nsecond line"],
    ["plain", "plain"],
    ["a=b", "a=b"],
    ["", ""],
    [" =x", " =x"],
  ])("%j → %j", (input, expected) => {
    expect(escapeFormula(input)).toBe(expected);
  });
});

describe("csvCell", () => {
  it.each([
    ["Ana", "Ana"],
    ["=cmd|' /C calc'!A0", `"'=cmd|' /C calc'!A0"`],
    ["\tx", `"'\tx"`],
    ["a,b", `"a,b"`],
    ['say "hi"', `"say ""hi"""`],
    ["two\nlines", `"two\nlines"`],
    ["-1, and more", `"'-1, and more"`],
  ])("%j → %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
  it("writes numbers, booleans and empty values as they are", () => {
    expect(csvLine([3, true, null, undefined, "x"])).toBe("3,true,,,x");
  });
  it("round-trips through a CSV parser, and no parsed cell starts a formula unless escaped", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 2, maxLength: 5 }), (cells) => {
        const [parsed] = Papa.parse<string[]>(csvLine(cells), { newline: "\n" }).data;
        expect(parsed).toEqual(cells.map(escapeFormula));
        expect(parsed!.some((p) => FORMULA_START.test(p))).toBe(false);
      }),
    );
  });
});

describe("the shared pattern in Papa.unparse", () => {
  it("escapes the same cells as csvCell, including one with a newline after the formula", () => {
    const cells = ["=1+2", "\tx", "ok", "=A1\nmore", "-3"];
    const out = Papa.unparse([cells], { escapeFormulae: FORMULA_START });
    expect(Papa.parse<string[]>(out).data[0]).toEqual(cells.map(escapeFormula));
  });
});
