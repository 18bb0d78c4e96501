/**
 * The dashboard's "confidence" view (old ratings count for less in fit, gaps, suggestions and the learning path), the
 * "older than 6 months" marks, and the certification warnings the dashboard shows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { countQueries } from "../support/query-count";
import { getDashboard, getDashboardView } from "@/lib/data/dashboard";
import { setMyRoles } from "@/lib/data/ratings";
import { appendRatings } from "@/lib/data/rating-store";
import { createGoal } from "@/lib/data/goals";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());

const DAY = 86_400_000;
const now = new Date();
/** The same time of day, `months` calendar months earlier (UTC). */
const monthsAgo = (months: number) => {
  const d = new Date(now);
  d.setUTCDate(1); // no month-end overflow
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

/** A person aiming at Platform Engineer, with ratings saved at the given times. */
async function person(key: string, ratings: { skillId: string; level: number; at: Date }[]) {
  const u = await w.db.prisma.user.create({
    data: { email: `${key}-${w.tag}-${Math.random().toString(36).slice(2)}@t.local` },
  });
  const actor = { id: u.id, isAdmin: false };
  await setMyRoles(actor, "infrastructure-engineer", "platform-engineer");
  for (const r of ratings)
    await w.db.prisma.$transaction((tx) =>
      appendRatings(tx, u.id, [{ skillId: r.skillId, level: r.level }], { source: "self", at: r.at }),
    );
  return actor;
}

describe("dashboard confidence view", () => {
  it("discounts ratings older than 6 and 12 months, lowers the fit, and leaves fresh ratings alone", async () => {
    const me = await person("conf", [
      { skillId: "containers", level: 3, at: monthsAgo(8) },
      { skillId: "container-orchestration", level: 3, at: monthsAgo(14) },
      { skillId: "ci-cd-pipelines", level: 3, at: new Date(now.getTime() - 10 * DAY) },
    ]);
    await createGoal(me, { skillId: "containers", targetLevel: 4, dueDate: null, note: null });
    const asRated = await getDashboard(me, now);
    const counted = await getDashboard(me, now, { confidence: true });

    expect(asRated.confidence).toBeNull(); // off by default
    expect(counted.confidence?.fitAsRated).toBe(asRated.fit!.fit);
    expect(counted.fit!.fit).toBeLessThan(asRated.fit!.fit);
    expect(counted.confidence?.discounted).toEqual([
      expect.objectContaining({ skillId: "container-orchestration", level: 3, counted: 1, months: 14 }),
      expect.objectContaining({ skillId: "containers", level: 3, counted: 2, months: 8 }),
    ]);
    expect(counted.confidence?.discounted[1]!.name).toBe(
      asRated.taxonomy.skills.find((s) => s.id === "containers")!.name,
    );

    const level = (d: typeof asRated, skill: string) => d.fit!.skills.find((s) => s.skill === skill)?.current;
    expect(level(asRated, "containers")).toBe(3);
    expect(level(counted, "containers")).toBe(2);
    expect(level(counted, "container-orchestration")).toBe(1);
    // The fresh rating counts as rated in both views.
    expect(level(counted, "ci-cd-pipelines")).toBe(3);
    expect(level(asRated, "ci-cd-pipelines")).toBe(3);
    // Gaps and the learning path follow the counted levels.
    expect(counted.gaps.find((g) => g.skill === "container-orchestration")?.current).toBe(1);
    expect(counted.path?.find((s) => s.skill === "container-orchestration")?.from).toBe(1);
    expect(asRated.path?.find((s) => s.skill === "container-orchestration")?.from).toBe(3);
    // Goals measure progress against the rating itself.
    expect(counted.goals[0]).toMatchObject({ skill: "containers", current: 3 });

    // The marks: both old ratings, not the fresh one, in either view.
    expect([...asRated.staleSkills].sort()).toEqual(["container-orchestration", "containers"]);
    expect(asRated.staleCount).toBe(2);
    expect(counted.staleSkills).toEqual(asRated.staleSkills);
  });

  it("changes nothing for someone whose ratings are all fresh", async () => {
    const me = await person("fresh", [
      { skillId: "containers", level: 2, at: new Date(now.getTime() - 30 * DAY) },
      { skillId: "linux", level: 4, at: new Date(now.getTime() - 150 * DAY) },
    ]);
    const asRated = await getDashboard(me, now);
    const counted = await getDashboard(me, now, { confidence: true });
    expect(counted.confidence?.discounted).toEqual([]);
    expect(counted.fit!.fit).toBe(asRated.fit!.fit);
    expect(counted.gaps).toEqual(asRated.gaps);
    expect(counted.suggestions).toEqual(asRated.suggestions);
    expect(counted.staleSkills).toEqual([]);
  });

  it("costs no extra query", async () => {
    const me = await person("conf-q", [{ skillId: "containers", level: 3, at: monthsAgo(9) }]);
    await getDashboard(me, now); // warm the taxonomy cache
    const plain = await countQueries(w.db, () => getDashboard(me, now));
    const counted = await countQueries(w.db, () => getDashboard(me, now, { confidence: true }));
    expect(counted.queries).toBe(plain.queries);
    expect(counted.result.confidence?.discounted).toHaveLength(1);
  });
});

describe("dashboard certification warnings", () => {
  it("lists expired and soon-expiring certifications, soonest first, and nothing else", async () => {
    const me = await person("certs", []);
    const day = (offset: number) => {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      return new Date(d.getTime() + offset * DAY);
    };
    await w.db.prisma.personCertification.createMany({
      data: [
        { userId: me.id, certificationId: "cka", issuedOn: day(-600), expiresOn: day(60) },
        { userId: me.id, name: "On-call first aid", issuedOn: day(-400), expiresOn: day(-3) },
        { userId: me.id, certificationId: "ckad", issuedOn: day(-30), expiresOn: day(700) },
        { userId: me.id, name: "Lifetime badge", issuedOn: day(-30), expiresOn: null },
      ],
    });
    // Someone else's expired certification never shows here.
    await w.db.prisma.personCertification.create({
      data: { userId: w.actors.member.id, name: "Not mine", issuedOn: day(-400), expiresOn: day(-1) },
    });
    const view = await getDashboardView(me, {}, now);
    expect(view.certificationAlerts.map((a) => [a.name, a.status, a.days])).toEqual([
      ["On-call first aid", "expired", -3],
      ["CKA", "expiring", 60],
    ]);
    const fine = await getDashboardView(await person("no-certs", []), {}, now);
    expect(fine.certificationAlerts).toEqual([]);
  });

  it("passes the confidence option through and makes a fixed number of queries", async () => {
    const me = await person("view-q", [{ skillId: "containers", level: 3, at: monthsAgo(7) }]);
    await getDashboardView(me, {}, now); // warm the taxonomy cache
    const a = await countQueries(w.db, () => getDashboardView(me, { confidence: true }, now));
    expect(a.result.dashboard.confidence?.discounted).toHaveLength(1);
    await w.db.prisma.personCertification.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({
        userId: me.id,
        name: `Cert ${i}`,
        issuedOn: new Date(now.getTime() - 400 * DAY),
        expiresOn: new Date(now.getTime() + (i * 10 - 20) * DAY),
      })),
    });
    const b = await countQueries(w.db, () => getDashboardView(me, { confidence: true }, now));
    expect(b.result.certificationAlerts).toHaveLength(5);
    expect(b.queries).toBe(a.queries);
  });
});
