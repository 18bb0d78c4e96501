import { describe, expect, it } from "vitest";
import {
  dateAt,
  dueDate,
  earliestToday,
  email,
  fileText,
  id,
  isoDate,
  level,
  optional,
  optionalText,
  parseIsoDate,
  url,
  z,
} from "@/lib/validation";
import {
  ACTION_BODY_LIMIT_MB,
  actionBodyBytes,
  CSV_MAX_MB,
  MB,
  TAXONOMY_MAX_MB,
  uploadProblem,
} from "@/lib/upload-limits";
import { describeFieldErrors } from "@/lib/actions/safe-action";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";

// next.config.js is plain JS (no types): loaded as Next loads it.
const nextConfig = (
  (await import(pathToFileURL(path.resolve(import.meta.dirname, "../../next.config.js")).href)) as {
    default: NextConfig;
  }
).default;

const firstError = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues[0].message;
};

describe("isoDate: a real calendar date, YYYY-MM-DD, year 1900–9999", () => {
  it.each([
    ["2027-03-31", null],
    [" 2027-03-31 ", null],
    ["2028-02-29", null],
    ["1900-01-01", null],
    ["9999-12-31", null],
    ["2027-02-31", "Due date is not a real date: 2027-02-31 does not exist."],
    ["2027-02-29", "Due date is not a real date: 2027-02-29 does not exist."],
    ["2027-04-31", "Due date is not a real date: 2027-04-31 does not exist."],
    ["2027-13-01", "Due date is not a real date: 2027-13-01 does not exist."],
    ["2027-00-10", "Due date is not a real date: 2027-00-10 does not exist."],
    ["0000-01-01", "Due date must be between 1900 and 9999."],
    ["1899-12-31", "Due date must be between 1900 and 9999."],
    ["10000-01-01", "Due date must be a date like 2027-03-31."],
    ["-0001-01-01", "Due date must be a date like 2027-03-31."],
    ["+002027-01-01", "Due date must be a date like 2027-03-31."],
    ["2027-1-1", "Due date must be a date like 2027-03-31."],
    ["2027-01-01T00:00:00Z", "Due date must be a date like 2027-03-31."],
    ["２０２７-01-01", "Due date must be a date like 2027-03-31."],
    ["2027-01-01\u0000", "Due date must be a date like 2027-03-31."],
    ["", "Due date is missing."],
    [20270331, "Due date is missing."],
  ])("%j → %s", (value, message) => {
    expect(firstError(isoDate("Due date"), value)).toBe(message);
  });

  it("round-trips: parseIsoDate gives that day at midnight UTC, dateAt the start or end of it", () => {
    expect(parseIsoDate("2027-03-31")?.toISOString()).toBe("2027-03-31T00:00:00.000Z");
    expect(parseIsoDate("1950-06-15")?.toISOString()).toBe("1950-06-15T00:00:00.000Z");
    expect(parseIsoDate("2027-02-31")).toBeNull();
    expect(dateAt("2027-03-31", "end").toISOString()).toBe("2027-03-31T23:59:59.000Z");
  });
});

describe("dueDate: today or later, wherever the person is", () => {
  const now = () => new Date("2026-11-30T07:00:00Z");
  it.each([
    ["2026-11-30", null],
    ["2026-11-29", null], // still the 29th in Honolulu at 07:00 UTC
    ["2026-11-28", "Due date must be today or later."],
    ["1900-01-01", "Due date must be today or later."],
    ["2027-02-31", "Due date is not a real date: 2027-02-31 does not exist."],
  ])("%s → %s", (value, message) => {
    expect(firstError(dueDate("Due date", now), value)).toBe(message);
  });
  it("earliest today is UTC−12", () => {
    expect(earliestToday(new Date("2026-11-30T13:00:00Z"))).toBe("2026-11-30");
    expect(earliestToday(new Date("2026-11-30T11:59:00Z"))).toBe("2026-11-29");
  });
  it("optional: blank, null and missing are no date; a bad date is still refused", () => {
    const s = z.object({ dueDate: optional(dueDate("Due date", now)) });
    expect(s.parse({ dueDate: "" })).toEqual({ dueDate: null });
    expect(s.parse({ dueDate: "  " })).toEqual({ dueDate: null });
    expect(s.parse({ dueDate: null })).toEqual({ dueDate: null });
    expect(s.parse({})).toEqual({ dueDate: null });
    expect(firstError(s, { dueDate: "0000-01-01" })).toBe("Due date must be between 1900 and 9999.");
  });
});

describe("the rest of the vocabulary", () => {
  it.each<[string, unknown, string | null, z.ZodType]>([
    ["id", "cmabc123", null, id("Team")],
    ["id", "", "Team is missing.", id("Team")],
    ["id", "x".repeat(101), "Team is too long.", id("Team")],
    ["id", "a\u0000b", "Team is not a valid id.", id("Team")],
    ["id", "\uD800", "Team is not a valid id.", id("Team")],
    ["id", 42, "Team is missing.", id("Team")],
    ["level", 3, null, level()],
    ["level", "4", null, level()],
    ["level", " 0 ", null, level()],
    ["level", 6, "Level must be from 0 to 5.", level()],
    ["level", -1, "Level must be from 0 to 5.", level()],
    ["level", 2.5, "Level must be a whole number from 0 to 5.", level()],
    ["level", "", "Level must be a number from 0 to 5.", level()],
    ["level", "0x3", "Level must be a number from 0 to 5.", level()],
    ["level", "1e0", "Level must be a number from 0 to 5.", level()],
    ["level", NaN, "Level must be a number from 0 to 5.", level()],
    ["level", Infinity, "Level must be a number from 0 to 5.", level()],
    ["level", 1e21, "Level must be from 0 to 5.", level()],
    ["level", true, "Level must be a number from 0 to 5.", level()],
    ["level", "9".repeat(400), "Level must be a number from 0 to 5.", level()],
    ["target level", 0, "Target level must be from 1 to 5.", level("Target level", 1)],
    ["email", " Ada@Example.COM ", null, email()],
    ["email", "not-an-email", "Email must be an email address like name@example.com.", email()],
    [
      "email",
      "a\u0000@example.com",
      "Email contains a NUL or broken unicode character; remove it and try again.",
      email(),
    ],
    ["email", `${"x".repeat(300)}@example.com`, "Email must be at most 254 characters.", email()],
    [
      "text",
      "a\u0000b",
      "Note contains a NUL or broken unicode character; remove it and try again.",
      optionalText(10, "Note"),
    ],
    [
      "text",
      "x\uDFFFy",
      "Note contains a NUL or broken unicode character; remove it and try again.",
      optionalText(10, "Note"),
    ],
    ["text", "😀😀", null, optionalText(10, "Note")],
    ["text", "x".repeat(11), "Note must be at most 10 characters.", optionalText(10, "Note")],
    ["text", 5, "Note must be text.", optionalText(10, "Note")],
    ["url", "https://example.com/a?b=c", null, url("Evidence link")],
    ["url", "javascript:alert(1)", "Evidence link must start with http:// or https://.", url("Evidence link")],
    ["url", "data:text/html,x", "Evidence link must start with http:// or https://.", url("Evidence link")],
    ["url", "file:///etc/passwd", "Evidence link must start with http:// or https://.", url("Evidence link")],
    ["url", "http://[::1", "Evidence link must start with http:// or https://.", url("Evidence link")],
    ["url", "https://x\u0000y", "Evidence link must start with http:// or https://.", url("Evidence link")],
    ["url", `https://${"a".repeat(600)}`, "Evidence link must be at most 500 characters.", url("Evidence link")],
  ])("%s %j → %s", (_what, value, message, schema) => {
    expect(firstError(schema, value)).toBe(message);
  });

  it("optional text: blank → null, trimmed otherwise", () => {
    expect(optionalText(10, "Note").parse("  ")).toBeNull();
    expect(optionalText(10, "Note").parse(" hi ")).toBe("hi");
    expect(url("Evidence link").parse("")).toBeNull();
  });
});

describe("describeFieldErrors speaks the user's words, not JSON paths", () => {
  it.each([
    [{ dueDate: ["Due date must be today or later."] }, "Please correct: Due date must be today or later."],
    [
      { "ratings.3.level": ["Level must be from 0 to 5."] },
      "Please correct: Ratings row 4: Level must be from 0 to 5.",
    ],
    [
      { "ratings.0.note": ["Contains a NUL or broken unicode character; remove it and try again."] },
      "Please correct: Ratings row 1, Note: contains a NUL or broken unicode character; remove it and try again.",
    ],
    [{ text: ["File too large (max 5 MB)."] }, "Please correct: File too large (max 5 MB)."],
    [{ _form: ["Send an object with the fields a, b."] }, "Please correct: Send an object with the fields a, b."],
  ])("%j", (errors, message) => {
    expect(describeFieldErrors(errors)).toBe(message);
  });
});

describe("upload limits: the client, the schema and next.config.js agree", () => {
  const bytes = (v: string) => Number(/^(\d+)mb$/.exec(v)?.[1]) * MB;
  const experimental = nextConfig.experimental as
    { serverActions?: { bodySizeLimit?: string }; proxyClientMaxBodySize?: string } | undefined;

  it("the server-action body limit holds the largest file the schemas accept, JSON-encoded", () => {
    const limit = experimental?.serverActions?.bodySizeLimit;
    expect(limit, "experimental.serverActions.bodySizeLimit (Next's default is 1 MB)").toBe(
      `${ACTION_BODY_LIMIT_MB}mb`,
    );
    const largest = "a".repeat(Math.max(TAXONOMY_MAX_MB, CSV_MAX_MB) * MB);
    expect(actionBodyBytes(largest)).toBeLessThanOrEqual(bytes(limit!));
    // proxy.ts runs for /admin and /me, where the forms post: a body it cloned is cut at this size.
    expect(bytes(experimental!.proxyClientMaxBodySize!)).toBeGreaterThanOrEqual(bytes(limit!));
  });

  it("an over-limit file gets the same message from the form and from the server", () => {
    const big = "a".repeat(TAXONOMY_MAX_MB * MB + 1);
    expect(uploadProblem(big, TAXONOMY_MAX_MB)).toBe("File too large (max 5 MB).");
    expect(firstError(fileText(TAXONOMY_MAX_MB), big)).toBe("File too large (max 5 MB).");
    // Bytes, not characters: 2 MB of "€" is 6 MB on disk.
    const euros = "€".repeat(CSV_MAX_MB * MB);
    expect(uploadProblem(euros, CSV_MAX_MB)).toBe("File too large (max 2 MB).");
    expect(firstError(fileText(CSV_MAX_MB), euros)).toBe("File too large (max 2 MB).");
    expect(uploadProblem("a".repeat(CSV_MAX_MB * MB), CSV_MAX_MB)).toBeNull();
    expect(firstError(fileText(CSV_MAX_MB), "a".repeat(CSV_MAX_MB * MB))).toBeNull();
  });

  it("the form refuses a file whose JSON escaping would pass the body limit", () => {
    // 5 MB of control characters: each becomes \u00XX (6 bytes) on the wire, 30 MB in all.
    expect(uploadProblem("\u0001".repeat(TAXONOMY_MAX_MB * MB), TAXONOMY_MAX_MB)).toBe("File too large (max 5 MB).");
  });
});
