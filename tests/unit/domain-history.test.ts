import { describe, expect, it } from "vitest";
import { DomainError, fitOverTime, isStale, monthsBefore } from "../../lib/domain";
import { emptyRole, sysadmin } from "../fixtures/domain-taxonomy";

describe("fitOverTime", () => {
  it("rejects invalid levels and dates in the history", () => {
    expect(() => fitOverTime([{ skill: "go", level: 8, at: "2025-01-01" }], sysadmin)).toThrow(DomainError);
    expect(() => fitOverTime([{ skill: "go", level: 1, at: "yesterday" }], sysadmin)).toThrow(
      'invalid date: "yesterday"',
    );
  });
  it("gives one point per UTC day with a rating, using the latest rating per skill as of that day", () => {
    const series = fitOverTime(
      [
        { skill: "networking", level: 2, at: "2025-02-10T09:00:00Z" },
        { skill: "linux", level: 1, at: "2025-01-05T08:00:00Z" },
        { skill: "linux", level: 3, at: "2025-02-10T18:00:00Z" },
        { skill: "cobol", level: 5, at: "2025-03-01T00:00:00Z" },
        { skill: "terraform", level: 1, at: "2025-03-02T23:59:59Z" },
      ],
      sysadmin,
    );
    expect(series).toEqual([
      { date: "2025-01-05", fit: 14.3 },
      { date: "2025-02-10", fit: 85.7 },
      { date: "2025-03-01", fit: 85.7 },
      { date: "2025-03-02", fit: 100 },
    ]);
  });
  it("returns [] for an empty history, and 100 for a role with no requirements", () => {
    expect(fitOverTime([], sysadmin)).toEqual([]);
    expect(fitOverTime([{ skill: "linux", level: 1, at: "2025-01-01" }], emptyRole)).toEqual([
      { date: "2025-01-01", fit: 100 },
    ]);
  });
});

describe("isStale", () => {
  it.each([
    ["2025-01-01", "2025-06-30", false],
    ["2025-01-01", "2025-07-01", false],
    ["2025-01-01", "2025-07-02", true],
    ["2024-08-31", "2025-02-28", false],
    ["2024-08-30", "2025-02-28", false],
    ["2024-08-27", "2025-02-28", true],
  ])("rated %s, now %s → %s", (at, now, stale) => expect(isStale(at, now)).toBe(stale));
  it("honours a custom number of months and rejects bad input", () => {
    expect(isStale(new Date("2025-01-01"), new Date("2025-02-15"), 1)).toBe(true);
    expect(() => isStale("nope", new Date())).toThrow(DomainError);
    expect(() => isStale("2025-01-01", "2025-01-02", -1)).toThrow(DomainError);
  });
});

describe("monthsBefore", () => {
  it.each([
    ["2025-08-31T12:00:00Z", 6, "2025-02-28T12:00:00.000Z"],
    ["2024-08-31T00:00:00Z", 6, "2024-02-29T00:00:00.000Z"],
    ["2025-03-01T00:30:00Z", 1, "2025-02-01T00:30:00.000Z"],
    ["2025-01-15T00:00:00Z", 0, "2025-01-15T00:00:00.000Z"],
  ])("%s minus %d months → %s (UTC, day clamped)", (at, months, expected) =>
    expect(monthsBefore(at, months).toISOString()).toBe(expected),
  );
  it("rejects a negative count", () => expect(() => monthsBefore(new Date(), -1)).toThrow(DomainError));
});
