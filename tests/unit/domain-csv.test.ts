import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { FORMULA_START } from "../../lib/domain/csv";

/** What every export does with a row of cells. */
const unparse = (cells: string[]) => Papa.unparse([cells], { escapeFormulae: FORMULA_START, newline: "\n" });

describe("formula escaping in Papa.unparse with FORMULA_START", () => {
  it.each([
    ["=1+2", "'=1+2"],
    ["+31 6 1234", "'+31 6 1234"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=cmd", "'\t=cmd"],
    ["\r=cmd", "'\r=cmd"],
    ['=HYPERLINK("x")\nsecond line', '\'=HYPERLINK("x")\nsecond line'],
    ["plain", "plain"],
    ["a=b", "a=b"],
    ["", ""],
    [" =x", " =x"],
  ])("%j reads back as %j", (input, expected) => {
    expect(Papa.parse<string[]>(unparse([input, "next"]), { newline: "\n", delimiter: "," }).data[0]).toEqual([
      expected,
      "next",
    ]);
  });
  it.each([
    ["Ana", "Ana"],
    ["=cmd|' /C calc'!A0", `"'=cmd|' /C calc'!A0"`],
    ["\tx", `"'\tx"`],
    ["a,b", `"a,b"`],
    ['say "hi"', `"say ""hi"""`],
    ["two\nlines", `"two\nlines"`],
    ["-1, and more", `"'-1, and more"`],
  ])("writes %j as %j", (input, expected) => {
    expect(unparse([input])).toBe(expected);
  });
  it("round-trips through a CSV parser, and no parsed cell starts a formula unless escaped", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 2, maxLength: 5 }), (cells) => {
        const [parsed] = Papa.parse<string[]>(unparse(cells), { newline: "\n", delimiter: "," }).data;
        expect(parsed).toEqual(cells.map((c) => (FORMULA_START.test(c) ? `'${c}` : c)));
        expect(parsed!.some((p) => FORMULA_START.test(p))).toBe(false);
      }),
    );
  });
});
