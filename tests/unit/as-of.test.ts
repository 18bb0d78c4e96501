import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DomainError, fitOverTime, type HistoryEntry } from "../../lib/domain";
import {
  dayLabel,
  endOfUtcDay,
  historyUpTo,
  latestToday,
  levelsAsOf,
  quarterEndsBefore,
  utcDay,
} from "../../lib/domain/as-of";
import { sysadmin } from "../fixtures/domain-taxonomy";

const at = (iso: string) => new Date(iso);

describe("levelsAsOf", () => {
  const history: HistoryEntry[] = [
    { skill: "linux", level: 1, at: "2026-01-05T08:00:00Z" },
    { skill: "networking", level: 2, at: "2026-02-10T09:00:00Z" },
    { skill: "linux", level: 3, at: "2026-03-31T23:59:59.999Z" },
    { skill: "linux", level: 4, at: "2026-04-01T00:00:00Z" },
  ];
  it.each([
    ["before any rating", "2026-01-04", {}],
    ["the day of the first rating", "2026-01-05", { linux: 1 }],
    ["a day in between", "2026-02-28", { linux: 1, networking: 2 }],
    ["the last millisecond of a day counts that day", "2026-03-31", { linux: 3, networking: 2 }],
    ["after every rating", "2026-04-01", { linux: 4, networking: 2 }],
  ])("%s", (_, day, expected) => {
    expect(levelsAsOf(history, endOfUtcDay(day)).levels).toEqual(expected);
  });
  it("gives each level the moment it was recorded", () => {
    expect(levelsAsOf(history, endOfUtcDay("2026-03-31")).ratedAt).toEqual({
      linux: at("2026-03-31T23:59:59.999Z"),
      networking: at("2026-02-10T09:00:00Z"),
    });
  });
  it("lets the later entry win when two share an instant (history in createdAt, id order)", () => {
    const same = "2026-01-05T08:00:00Z";
    const h = [
      { skill: "linux", level: 2, at: same },
      { skill: "linux", level: 5, at: same },
    ];
    expect(levelsAsOf(h, at(same)).levels).toEqual({ linux: 5 });
  });
  it("does not need the history sorted by time", () => {
    expect(levelsAsOf([...history].reverse(), endOfUtcDay("2026-03-31")).levels).toEqual({ linux: 3, networking: 2 });
  });
  it("rejects invalid levels and dates", () => {
    expect(() => levelsAsOf([{ skill: "linux", level: 7, at: "2026-01-01" }], at("2026-02-01"))).toThrow(DomainError);
    expect(() => levelsAsOf([{ skill: "linux", level: 1, at: "soon" }], at("2026-02-01"))).toThrow(DomainError);
    expect(() => levelsAsOf([], new Date(Number.NaN))).toThrow(DomainError);
  });
  it("keeps only the entries up to the moment for the fit-over-time line", () => {
    const upTo = historyUpTo(history, endOfUtcDay("2026-02-10"));
    expect(upTo).toEqual(history.slice(0, 2));
    expect(fitOverTime(upTo, sysadmin).map((p) => p.date)).toEqual(["2026-01-05", "2026-02-10"]);
  });
});

/** The reference: replay the history event by event, in time order (ties in array order), up to the cut-off. */
function replay(history: readonly { skill: string; level: number; at: Date }[], cutoff: Date) {
  const events = history.map((h, i) => ({ ...h, i })).sort((a, b) => a.at.getTime() - b.at.getTime() || a.i - b.i);
  const levels: Record<string, number> = {};
  const ratedAt: Record<string, Date> = {};
  for (const e of events) {
    if (e.at.getTime() > cutoff.getTime()) break;
    levels[e.skill] = e.level;
    ratedAt[e.skill] = e.at;
  }
  return { levels, ratedAt };
}

describe("levelsAsOf, properties", () => {
  const base = Date.parse("2024-01-01T00:00:00Z");
  // A few skills and a coarse clock (hours over ~40 days), so histories repeat skills and share instants.
  const entry = fc.record({
    skill: fc.constantFrom("linux", "networking", "go", "terraform", "kubernetes"),
    level: fc.integer({ min: 0, max: 5 }),
    at: fc.integer({ min: 0, max: 1000 }).map((h) => new Date(base + h * 3_600_000)),
  });
  const cutoff = fc.integer({ min: -10, max: 1010 }).map((h) => new Date(base + h * 3_600_000 + 1_800_000 * (h % 2)));

  it("equals a brute-force replay of the history on random histories", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), cutoff, (history, asOf) => {
        expect(levelsAsOf(history, asOf)).toEqual(replay(history, asOf));
      }),
      { numRuns: 500 },
    );
  });
  it("after the last entry equals replaying everything; before the first, nothing is rated", () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 40 }), (history) => {
        const times = history.map((h) => h.at.getTime());
        expect(levelsAsOf(history, new Date(Math.max(...times))).levels).toEqual(
          replay(history, new Date(8.64e15)).levels,
        );
        expect(levelsAsOf(history, new Date(Math.min(...times) - 1)).levels).toEqual({});
      }),
    );
  });
  it("agrees with the fit-over-time line on the day shown", () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 40 }), cutoff, (history, asOf) => {
        const day = utcDay(asOf);
        const series = fitOverTime(historyUpTo(history, endOfUtcDay(day)), sysadmin);
        const levels = levelsAsOf(history, endOfUtcDay(day)).levels;
        // The line's last point is the fit of exactly the levels as of that day.
        const last = series.at(-1);
        if (!last) expect(levels).toEqual({});
        else
          expect(last.fit).toBe(
            fitOverTime(
              Object.entries(levels).map(([skill, level]) => ({ skill, level, at: day })),
              sysadmin,
            ).at(-1)?.fit ?? 0,
          );
      }),
    );
  });
});

describe("days and quarter ends", () => {
  it("ends a day at its last millisecond, across month, year and leap-day boundaries", () => {
    expect(endOfUtcDay("2026-03-31").toISOString()).toBe("2026-03-31T23:59:59.999Z");
    expect(endOfUtcDay("2025-12-31").toISOString()).toBe("2025-12-31T23:59:59.999Z");
    expect(endOfUtcDay("2024-02-29").toISOString()).toBe("2024-02-29T23:59:59.999Z");
    expect(endOfUtcDay("1900-01-01").toISOString()).toBe("1900-01-01T23:59:59.999Z");
  });
  it.each(["2026-02-30", "2026-13-01", "31/03/2026", "", "2026-3-1"])("rejects %j as a day", (day) => {
    expect(() => endOfUtcDay(day)).toThrow(DomainError);
  });
  it("lists quarter ends strictly before today, newest first", () => {
    expect(quarterEndsBefore(at("2026-11-30T14:00:00Z"), 5)).toEqual([
      "2026-09-30",
      "2026-06-30",
      "2026-03-31",
      "2025-12-31",
      "2025-09-30",
    ]);
    // On a quarter's last day, that day is today, not a past quarter end.
    expect(quarterEndsBefore(at("2026-03-31T10:00:00Z"), 2)).toEqual(["2025-12-31", "2025-09-30"]);
    expect(quarterEndsBefore(at("2026-04-01T00:00:00Z"), 1)).toEqual(["2026-03-31"]);
    expect(quarterEndsBefore(at("2026-04-01T00:00:00Z"), 0)).toEqual([]);
    expect(() => quarterEndsBefore(at("2026-04-01T00:00:00Z"), -1)).toThrow(DomainError);
  });
  it("accepts today anywhere on Earth as the latest day", () => {
    expect(latestToday(at("2026-11-30T09:59:59Z"))).toBe("2026-11-30");
    expect(latestToday(at("2026-11-30T10:00:00Z"))).toBe("2026-12-01");
  });
  it("labels days the way the banner shows them", () => {
    expect(dayLabel("2026-03-31")).toBe("31 Mar 2026");
    expect(dayLabel("2025-12-01")).toBe("1 Dec 2025");
    expect(dayLabel("not a day")).toBe("not a day");
  });
});
