import { describe, expect, it } from "vitest";
import {
  certificationStatus,
  daysUntilExpiry,
  defaultExpiry,
  expiryText,
  isCurrent,
} from "@/lib/domain/certifications";
import { discountedSkills, discountStale, monthsBetween, stalenessPenalty } from "@/lib/domain/confidence";
import { evidenceScore, rankCandidates, type FinderRating } from "@/lib/domain/finder";

const d = (iso: string) => new Date(`${iso}T10:00:00Z`);

describe("certification dates", () => {
  const now = d("2026-11-30");
  it("counts whole calendar days, valid through the expiry day", () => {
    expect(daysUntilExpiry(null, now)).toBeNull();
    expect(daysUntilExpiry(new Date("2026-11-30T00:00:00Z"), now)).toBe(0);
    expect(daysUntilExpiry(d("2027-01-29"), now)).toBe(60);
    expect(daysUntilExpiry(d("2026-11-20"), now)).toBe(-10);
    expect(isCurrent(d("2026-11-30"), now)).toBe(true);
    expect(isCurrent(d("2026-11-29"), now)).toBe(false);
    expect(isCurrent(null, now)).toBe(true);
  });
  it("status: expired, expiring within 90 days (inclusive), valid, no expiry", () => {
    expect(certificationStatus(d("2026-11-29"), now)).toEqual({ status: "expired", days: -1 });
    expect(certificationStatus(d("2026-11-30"), now)).toEqual({ status: "expiring", days: 0 });
    expect(certificationStatus(d("2027-02-28"), now)).toEqual({ status: "expiring", days: 90 });
    expect(certificationStatus(d("2027-03-01"), now)).toEqual({ status: "valid", days: 91 });
    expect(certificationStatus(null, now)).toEqual({ status: "no-expiry", days: null });
    expect(certificationStatus(d("2026-12-30"), now, 20).status).toBe("valid");
  });
  it("says it in words", () => {
    expect(expiryText(null, now)).toBe("Does not expire");
    expect(expiryText(d("2026-11-30"), now)).toBe("Expires today");
    expect(expiryText(d("2026-12-01"), now)).toBe("Expires tomorrow");
    expect(expiryText(d("2027-01-29"), now)).toBe("Expires in 60 days");
    expect(expiryText(d("2026-11-29"), now)).toBe("Expired yesterday");
    expect(expiryText(d("2026-11-18"), now)).toBe("Expired 12 days ago");
  });
  it("default expiry adds the typical validity, clamping to the month's end", () => {
    expect(defaultExpiry(d("2026-02-15"), null)).toBeNull();
    expect(defaultExpiry(new Date("2026-02-15T00:00:00Z"), 24)?.toISOString().slice(0, 10)).toBe("2028-02-15");
    expect(defaultExpiry(new Date("2025-08-31T00:00:00Z"), 6)?.toISOString().slice(0, 10)).toBe("2026-02-28");
    expect(defaultExpiry(new Date("2024-02-29T00:00:00Z"), 12)?.toISOString().slice(0, 10)).toBe("2025-02-28");
  });
});

describe("confidence: old ratings count for less", () => {
  const now = d("2026-11-30");
  it("months between dates count only completed months", () => {
    expect(monthsBetween(d("2026-05-30"), now)).toBe(6);
    expect(monthsBetween(d("2026-05-31"), now)).toBe(5);
    expect(monthsBetween(d("2027-01-01"), now)).toBe(0);
  });
  it("penalty 0 under 6 months, 1 from 6, 2 from 12", () => {
    expect(stalenessPenalty(d("2026-06-01"), now)).toBe(0);
    expect(stalenessPenalty(d("2026-05-30"), now)).toBe(1);
    expect(stalenessPenalty(d("2025-11-30"), now)).toBe(2);
    expect(stalenessPenalty(d("2020-01-01"), now)).toBe(2);
  });
  it("discounts levels, never below 0, and lists what changed", () => {
    const levels = { a: 4, b: 1, c: 3, d: 2 };
    const at = { a: d("2026-01-01"), b: d("2024-01-01"), c: d("2026-11-01") };
    expect(discountStale(levels, at, now)).toEqual({ a: 3, b: 0, c: 3, d: 2 });
    expect(discountedSkills(levels, at, now)).toEqual([
      { skillId: "a", level: 4, counted: 3 },
      { skillId: "b", level: 1, counted: 0 },
    ]);
  });
});

describe("finder ranking", () => {
  const r = (skillId: string, level: number, extra: Partial<FinderRating> = {}): FinderRating => ({
    skillId,
    level,
    updatedAt: d("2026-10-01"),
    certified: false,
    confirmed: false,
    endorsements: 0,
    ...extra,
  });
  it("evidence counts certification, confirmation and endorsement once each", () => {
    expect(evidenceScore(r("x", 3))).toBe(0);
    expect(evidenceScore(r("x", 3, { certified: true, confirmed: true, endorsements: 4 }))).toBe(3);
  });
  it("keeps only those meeting every criterion and ranks by lowest level, sum, evidence, recency, name", () => {
    const criteria = [
      { skillId: "tf", minLevel: 3 },
      { skillId: "k8s", minLevel: 2 },
    ];
    const people = [
      { id: "1", name: "Low k8s", ratings: [r("tf", 5), r("k8s", 1)] },
      { id: "2", name: "Missing", ratings: [r("tf", 5)] },
      { id: "3", name: "Even", ratings: [r("tf", 3), r("k8s", 3)] },
      { id: "4", name: "Strong", ratings: [r("tf", 4), r("k8s", 4), r("linux", 5)] },
      { id: "5", name: "Evidenced", ratings: [r("tf", 3, { certified: true }), r("k8s", 3)] },
      { id: "6", name: "Recent", ratings: [r("tf", 3), r("k8s", 3, { updatedAt: d("2026-11-20") })] },
      { id: "7", name: "Alpha", ratings: [r("tf", 3), r("k8s", 3)] },
    ];
    const ranked = rankCandidates(people, criteria);
    expect(ranked.map((p) => p.name)).toEqual(["Strong", "Evidenced", "Recent", "Alpha", "Even"]);
    expect(ranked[0]!.ratings.map((x) => x.skillId)).toEqual(["tf", "k8s"]);
  });
});
