/**
 * Time travel: the dashboard and the team audit "as of" a past day show the levels the history held at the end of that
 * day, and every figure read from them, and equal a replay of the history; no extra query; the same privacy rules.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { countQueries } from "../support/query-count";
import { getDashboard } from "@/lib/data/dashboard";
import { getTeamAudit } from "@/lib/data/team-audit";
import { setMyRoles } from "@/lib/data/ratings";
import { appendRatings } from "@/lib/data/rating-store";
import { createGoal } from "@/lib/data/goals";
import { NotFoundError } from "@/lib/data/errors";
import { computeRoleFit, teamBusFactor, teamCoverage, type TeamMember } from "@/lib/domain";
import { endOfUtcDay } from "@/lib/domain/as-of";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());

const now = new Date();
const T1 = new Date("2025-01-15T10:00:00Z");
const T2 = new Date("2025-03-31T23:30:00Z"); // late on a quarter's last day: still that day
const T3 = new Date("2025-04-01T00:00:00Z"); // the next day's first instant
const T4 = new Date("2025-09-01T12:00:00Z");

type Stamp = { skillId: string; level: number; at: Date };

async function rate(userId: string, stamps: Stamp[]) {
  for (const s of stamps)
    await w.db.prisma.$transaction((tx) =>
      appendRatings(tx, userId, [{ skillId: s.skillId, level: s.level }], { source: "self", at: s.at }),
    );
}

async function person(key: string, stamps: Stamp[]) {
  const u = await w.db.prisma.user.create({
    data: { email: `${key}-${w.tag}-${Math.random().toString(36).slice(2)}@t.local`, name: `${key} ${w.tag}` },
  });
  const actor = { id: u.id, isAdmin: false };
  await setMyRoles(actor, "infrastructure-engineer", "platform-engineer");
  await rate(u.id, stamps);
  return actor;
}

/** The reference: every history row of a person, replayed in (createdAt, id) order up to `asOf`. */
async function replay(userId: string, asOf: Date): Promise<Record<string, number>> {
  const rows = await w.db.prisma.rating.findMany({ where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const levels: Record<string, number> = {};
  for (const r of rows) if (r.createdAt <= asOf) levels[r.skillId] = r.level;
  return levels;
}

const history: Stamp[] = [
  { skillId: "containers", level: 1, at: T1 },
  { skillId: "linux", level: 2, at: T1 },
  { skillId: "containers", level: 3, at: T2 },
  { skillId: "container-orchestration", level: 2, at: T3 },
  { skillId: "containers", level: 4, at: T4 },
  { skillId: "linux", level: 4, at: T4 },
];

describe("dashboard as of a past day", () => {
  it("equals a replay of the history at the end of each day, and today equals the current ratings", async () => {
    const me = await person("dash", history);
    const today = await getDashboard(me, now);
    for (const day of ["2025-01-14", "2025-01-15", "2025-03-31", "2025-04-01", "2025-08-31", "2025-09-01"]) {
      const asOf = endOfUtcDay(day);
      const d = await getDashboard(me, now, { asOf });
      const levels = await replay(me.id, asOf);
      const target = d.taxonomy.roles.find((r) => r.id === "platform-engineer")!;
      expect(d.asOfDay).toBe(day);
      expect(d.ratedCount).toBe(Object.keys(levels).length);
      expect(d.fit).toEqual(computeRoleFit(levels, target, { taxonomy: d.taxonomy }));
      const bySkill = (a: [string, number], b: [string, number]) => a[0].localeCompare(b[0]);
      expect(d.gaps.map((g): [string, number] => [g.skill, g.current]).sort(bySkill)).toEqual(
        d
          .fit!.skills.filter((s) => s.gap > 0)
          .map((s): [string, number] => [s.skill, levels[s.skill] ?? 0])
          .sort(bySkill),
      );
      // The fit-over-time line stops at the day shown.
      expect(d.series.every((p) => p.date <= day)).toBe(true);
      expect(d.series.at(-1)?.fit ?? 0).toBe(Object.keys(levels).length ? d.fit!.fit : 0);
    }
    const afterAll = await getDashboard(me, now, { asOf: endOfUtcDay("2025-09-02") });
    expect(afterAll.fit).toEqual(today.fit);
    expect(afterAll.suggestions).toEqual(today.suggestions);
    expect(afterAll.path).toEqual(today.path);
    expect(today.asOfDay).toBeNull();
  });

  it("shows the older level on a day between two ratings, and the quarter's last day includes its late rating", async () => {
    const me = await person("between", history);
    const level = async (day: string, skill: string) =>
      (await getDashboard(me, now, { asOf: endOfUtcDay(day) })).fit!.skills.find((s) => s.skill === skill)?.current;
    expect(await level("2025-03-30", "containers")).toBe(1);
    expect(await level("2025-03-31", "containers")).toBe(3);
    expect(await level("2025-08-31", "containers")).toBe(3);
    expect(await level("2025-09-01", "containers")).toBe(4);
  });

  it("before any rating shows nothing rated, while goals stay today's", async () => {
    const me = await person("empty", history);
    await createGoal(me, { skillId: "containers", targetLevel: 5, dueDate: null, note: null });
    const d = await getDashboard(me, now, { asOf: endOfUtcDay("2024-12-31") });
    expect(d.ratedCount).toBe(0);
    expect(d.staleCount).toBe(0);
    expect(d.series).toEqual([]);
    expect(d.fit!.skills.every((s) => s.current === 0)).toBe(true);
    expect(d.fit!.fit).toBe(0);
    expect(d.goals[0]).toMatchObject({ skill: "containers", current: 4 });
  });

  it("counts staleness from the day shown", async () => {
    const me = await person("stale", history);
    // On 31 Aug 2025 the linux rating from 15 Jan was over six months old; containers (31 Mar) was not.
    const d = await getDashboard(me, now, { asOf: endOfUtcDay("2025-08-31") });
    expect(d.staleSkills).toEqual(["linux"]);
  });

  it("takes the later of two rows with the same instant, like the current rating", async () => {
    const me = await person("tie", [
      { skillId: "containers", level: 2, at: T1 },
      { skillId: "containers", level: 5, at: T1 },
    ]);
    const d = await getDashboard(me, now, { asOf: endOfUtcDay("2025-01-15") });
    expect(d.fit!.skills.find((s) => s.skill === "containers")?.current).toBe(5);
  });

  it("needs no extra query", async () => {
    const me = await person("budget", history);
    await getDashboard(me, now); // warm the taxonomy cache
    const today = await countQueries(w.db, () => getDashboard(me, now));
    const past = await countQueries(w.db, () => getDashboard(me, now, { asOf: endOfUtcDay("2025-03-31") }));
    expect(past.queries).toBe(today.queries);
  });
});

/** A team of a manager and members with the given histories. */
async function team(histories: Stamp[][]) {
  const p = w.db.prisma;
  const tag = Math.random().toString(36).slice(2, 8);
  const t = await p.team.create({ data: { name: `As of ${tag}` } });
  const manager = await p.user.create({ data: { email: `aom-${tag}@t.local`, name: `Manager ${tag}` } });
  await p.teamMembership.create({ data: { teamId: t.id, userId: manager.id, role: "manager" } });
  const members = [];
  for (const [i, h] of histories.entries()) {
    const u = await p.user.create({ data: { email: `ao${i}-${tag}@t.local`, name: `Member ${i} ${tag}` } });
    await p.teamMembership.create({ data: { teamId: t.id, userId: u.id } });
    await rate(u.id, h);
    members.push({ id: u.id, isAdmin: false });
  }
  await p.teamTargetSkill.create({ data: { teamId: t.id, skillId: "containers", level: 3, count: 2 } });
  return { teamId: t.id, manager: { id: manager.id, isAdmin: false }, members };
}

describe("team audit as of a past day", () => {
  const histories: Stamp[][] = [
    history,
    [
      { skillId: "containers", level: 3, at: T1 },
      { skillId: "containers", level: 1, at: T3 },
      { skillId: "linux", level: 3, at: T4 },
    ],
    [{ skillId: "linux", level: 3, at: T2 }],
    [{ skillId: "containers", level: 4, at: T4 }],
  ];

  it("gives the manager cells and figures equal to a replay of each member's history", async () => {
    const t = await team(histories);
    for (const day of ["2025-01-15", "2025-03-31", "2025-04-01", "2025-09-01"]) {
      const asOf = endOfUtcDay(day);
      const audit = await getTeamAudit(t.manager, t.teamId, { asOf });
      expect(audit.asOf).toEqual(asOf);
      const replayed: TeamMember[] = [];
      for (const m of t.members) replayed.push({ id: m.id, name: "", levels: await replay(m.id, asOf) });
      for (const m of replayed) {
        const row = audit.matrix!.rows.find((r) => r.userId === m.id)!;
        expect(Object.fromEntries(Object.entries(row.cells).map(([k, c]) => [k, c.level]))).toEqual(m.levels);
      }
      expect(audit.ratedCount).toBe(replayed.filter((m) => Object.keys(m.levels).length > 0).length);
      const skillIds = audit.taxonomy.skills.map((s) => s.id);
      expect(audit.aggregates!.coverage).toEqual(teamCoverage(replayed, skillIds, 3));
      expect(audit.aggregates!.busFactor).toEqual(teamBusFactor(replayed, audit.target, skillIds));
    }
  });

  it("shows who held containers at 3 or more on each day", async () => {
    const t = await team(histories);
    const holders = async (day: string) =>
      (await getTeamAudit(t.manager, t.teamId, { asOf: endOfUtcDay(day) })).aggregates!.coverage.find(
        (c) => c.skill === "containers",
      )!.holders;
    expect((await holders("2025-03-31")).sort()).toEqual([t.members[0]!.id, t.members[1]!.id].sort());
    expect((await holders("2025-04-01")).sort()).toEqual([t.members[0]!.id].sort());
    expect((await holders("2025-09-01")).sort()).toEqual([t.members[0]!.id, t.members[3]!.id].sort());
  });

  it("before any rating shows nothing rated", async () => {
    const t = await team(histories);
    const audit = await getTeamAudit(t.manager, t.teamId, { asOf: endOfUtcDay("2025-01-14") });
    expect(audit.ratedCount).toBe(0);
    expect(audit.matrix!.rows.every((r) => Object.keys(r.cells).length === 0)).toBe(true);
    expect(audit.aggregates!.coverage.every((c) => c.count === 0)).toBe(true);
  });

  it("keeps the privacy rules: a plain member sees counts only, and rows too few colleagues had rated are hidden", async () => {
    const t = await team(histories);
    const viewer = t.members[3]!; // three colleagues besides them
    const audit = await getTeamAudit(viewer, t.teamId, { asOf: endOfUtcDay("2025-03-31") });
    expect(audit.matrix).toBeNull();
    expect(audit.aggregates).not.toBeNull();
    expect(audit.aggregates!.coverage.every((c) => c.holders.length === 0)).toBe(true);
    // On 31 Mar 2025 only two colleagues had rated containers and two linux: below the threshold of three.
    const shown = (a: typeof audit, skill: string) => a.aggregates!.coverage.find((c) => c.skill === skill);
    expect(shown(audit, "containers")).toBeUndefined();
    expect(shown(audit, "linux")).toBeUndefined();
    expect(audit.hidden!.coverage).toBeGreaterThan(0);
    // By 1 Sep 2025 three colleagues had rated linux: its row appears, as a count.
    const later = await getTeamAudit(viewer, t.teamId, { asOf: endOfUtcDay("2025-09-01") });
    expect(shown(later, "linux")).toMatchObject({ count: 3, holders: [] });
    expect(shown(later, "containers")).toBeUndefined();
  });

  it("hides the team from outsiders whatever the date", async () => {
    const t = await team(histories);
    await expect(getTeamAudit(w.actors.otherMember, t.teamId, { asOf: endOfUtcDay("2025-03-31") })).rejects.toThrow(
      NotFoundError,
    );
  });

  it("needs no extra query", async () => {
    const t = await team(histories);
    await getTeamAudit(t.manager, t.teamId);
    const today = await countQueries(w.db, () => getTeamAudit(t.manager, t.teamId));
    const past = await countQueries(w.db, () => getTeamAudit(t.manager, t.teamId, { asOf: endOfUtcDay("2025-03-31") }));
    expect(past.queries).toBe(today.queries);
  });
});
