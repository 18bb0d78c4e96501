/**
 * The organisation report: who sees which teams, the privacy threshold (TEAM_MIN_AGGREGATE, 3 here) in every figure
 * and in the CSV, trends rebuilt from the history as it stood at each quarter's end, and a fixed query count.
 */
import Papa from "papaparse";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { session, sessionModule } from "../support/session-mock";
import { createWorld, type World } from "../support/world";
import { countQueries } from "../support/query-count";
import { NotFoundError } from "@/lib/data/errors";
import { exportOrgReportCsv, getOrgReport } from "@/lib/data/reports";
import { appendRatings } from "@/lib/data/rating-store";
import { loadTaxonomy } from "@/lib/taxonomy";
import { demandFromRoles, histogramOf, quarterEnds, trendFigures, type OrgPerson } from "@/lib/domain/org-report";

vi.mock("@/lib/auth/session", () => sessionModule);
const { GET: reportCsv } = await import("@/app/api/reports/route");

const taxonomy = loadTaxonomy();
const ROLE = "platform-engineer";
const reqs = taxonomy.roles.find((r) => r.id === ROLE)!.requirements.map((r) => r.skill);
const NOW = new Date("2026-11-30T12:00:00Z");
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

let w: World;
let manager: { id: string; isAdmin: boolean };
let big = "";
let small = "";

type Change = { skillId: string; level: number; at: Date };

/** A team managed by `managerId` whose members hold ROLE and rated with the given histories (oldest first). */
async function team(name: string, managerId: string, histories: Change[][]) {
  const p = w.db.prisma;
  const t = await p.team.create({ data: { name: `${name} ${w.tag}` } });
  await p.teamMembership.create({ data: { teamId: t.id, userId: managerId, role: "manager" } });
  const ids: string[] = [];
  for (const [i, history] of histories.entries()) {
    const u = await p.user.create({
      data: {
        email: `${name}-${i}-${Math.random().toString(36).slice(2)}@t.local`,
        name: `${name} ${i}`,
        currentRoleId: ROLE,
      },
    });
    await p.teamMembership.create({ data: { teamId: t.id, userId: u.id } });
    for (const c of [...history].sort((a, b) => a.at.getTime() - b.at.getTime()))
      await p.$transaction((tx) =>
        appendRatings(tx, u.id, [{ skillId: c.skillId, level: c.level }], { source: "self", at: c.at }),
      );
    ids.push(u.id);
  }
  return { id: t.id, ids };
}

/** The trends replayed in the domain from the stored history of `userIds`: the reference for the SQL. */
async function replayedTrends(userIds: string[]) {
  const p = w.db.prisma;
  const [rows, users] = await Promise.all([
    p.rating.findMany({ where: { userId: { in: userIds } } }),
    p.user.findMany({ where: { id: { in: userIds } }, select: { id: true, currentRoleId: true } }),
  ]);
  const history = rows.map((r) => ({ ...r, id: Number(r.id) }));
  const people: OrgPerson[] = users.map((u) => ({
    id: u.id,
    name: u.id,
    roleId: u.currentRoleId,
    teamIds: [],
    levels: {},
  }));
  const points = quarterEnds(NOW, 8);
  return trendFigures(points, histogramOf(history, points, taxonomy), demandFromRoles(people, taxonomy), taxonomy, 3);
}

beforeAll(async () => {
  w = await createWorld();
  const m = await w.db.prisma.user.create({ data: { email: `report-mgr-${w.tag}@t.local`, name: "Report manager" } });
  manager = { id: m.id, isAdmin: false };
  const grew = (skill: string): Change[] => [
    { skillId: skill, level: 1, at: day("2025-06-01") },
    { skillId: skill, level: 4, at: day("2026-05-01") },
  ];
  big = (await team("Big", m.id, [grew(reqs[0]!), grew(reqs[0]!), [...grew(reqs[1]!), ...grew(reqs[0]!)]])).id;
  small = (await team("Small", m.id, [grew(reqs[0]!), grew(reqs[1]!)])).id;
});
afterAll(() => w.db.close());

describe("who sees the organisation report", () => {
  it("admins see every team", async () => {
    const r = await getOrgReport(w.actors.admin, { now: NOW });
    expect(r.wholeOrg).toBe(true);
    expect(r.teamChoices.map((t) => t.id)).toEqual(expect.arrayContaining([big, small, w.teamId, w.otherTeamId]));
  });

  it("a manager sees only the teams they manage, and their members only", async () => {
    const r = await getOrgReport(manager, { now: NOW });
    expect(r.wholeOrg).toBe(false);
    expect(r.teamChoices.map((t) => t.id).sort()).toEqual([big, small].sort());
    expect(r.peopleCount).toBe(5);
  });

  it("a manager asking for someone else's team gets their own teams and a flag for the form, not its figures", async () => {
    const r = await getOrgReport(manager, { teamId: w.teamId, now: NOW });
    expect(r.unknownTeam).toBe(true);
    expect(r.teams.map((t) => t.id)).not.toContain(w.teamId);
    await expect(exportOrgReportCsv(manager, "teams", { teamId: w.teamId })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("plain members get not found, from the page's data and from the CSV", async () => {
    await expect(getOrgReport(w.actors.member)).rejects.toBeInstanceOf(NotFoundError);
    session.actor = w.actors.member;
    expect((await reportCsv(new Request("http://t/api/reports?table=trends"), undefined)).status).toBe(404);
    session.actor = null;
  });
});

describe("the privacy threshold", () => {
  it("shows the big team's figures and hides every figure of the two-person team", async () => {
    const r = await getOrgReport(manager, { now: NOW });
    const [bigRow, smallRow] = [big, small].map((id) => r.teamComparison.find((t) => t.team.id === id)!);
    expect(bigRow!.categories.some((c) => !c.suppressed && c.coverage !== null)).toBe(true);
    expect(smallRow!.categories.every((c) => c.suppressed && c.coverage === null && c.averageLevel === null)).toBe(
      true,
    );
    expect(r.singlePoints.some((t) => t.team.id === small)).toBe(false);
    const alone = await getOrgReport(manager, { teamId: small, now: NOW });
    expect(alone.singlePoints).toEqual([]);
    expect(alone.riskSummary).toEqual({ none: 0, hidden: 1 });
  });

  it("hides every figure of a report on the small team alone: coverage, trends, readiness", async () => {
    const r = await getOrgReport(manager, { teamId: small, now: NOW });
    expect(r.skills.length).toBeGreaterThan(0);
    expect(r.skills.every((s) => s.suppressed && s.have === null)).toBe(true);
    expect(r.categories.every((c) => c.suppressed)).toBe(true);
    expect(r.trends.every((p) => p.categories.every((c) => c.suppressed && c.coverage === null))).toBe(true);
    expect(r.readiness.every((x) => x.counts === null && x.names.ready.length + x.names.stretch.length === 0)).toBe(
      true,
    );
  });

  it("leaves suppressed cells empty in the CSV and fills the others", async () => {
    session.actor = { ...w.actors.admin, id: manager.id, isAdmin: false, email: "m@t.local", name: "M" };
    const res = await reportCsv(new Request("http://t/api/reports?table=teams"), undefined);
    session.actor = null;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const text = await res.text();
    const rows = Papa.parse<string[]>(text.split("\n#")[0]!.trim()).data;
    expect(rows[0]).toEqual(["team", "category", "coverage_percent", "average_level"]);
    const smallRows = rows.filter((x) => x[0] === `Small ${w.tag}`);
    const bigRows = rows.filter((x) => x[0] === `Big ${w.tag}`);
    expect(smallRows.length).toBe(taxonomy.categories.length);
    expect(smallRows.every((x) => x[2] === "" && x[3] === "")).toBe(true);
    expect(bigRows.some((x) => /^\d+$/.test(x[2]!))).toBe(true);
    expect(text).toContain("# empty = fewer than 3 people");
  });
});

describe("trends from the history", () => {
  it("use the levels as they stood at each quarter's end, not today's", async () => {
    const r = await getOrgReport(manager, { teamId: big, now: NOW });
    const category = taxonomy.skills.find((s) => s.id === reqs[0])!.category;
    const at = r.taxonomy.categories.findIndex((c) => c.id === category);
    const byLabel = Object.fromEntries(r.trends.map((p) => [p.label, p.categories[at]!]));
    expect(byLabel["2025 Q1"]).toMatchObject({ suppressed: true }); // nobody had rated yet
    expect(byLabel["2025 Q4"]!.averageLevel).toBeLessThan(byLabel["Today"]!.averageLevel!);
    expect(byLabel["2026 Q2"]!.averageLevel).toBe(byLabel["Today"]!.averageLevel);
  });

  it("equal a replay of the stored history in the domain, on random histories", async () => {
    const change = fc.record({
      skillId: fc.constantFrom(...reqs.slice(0, 4)),
      level: fc.integer({ min: 0, max: 5 }),
      // up to 2026-11-20: every rating is older than NOW, as ratings are always stamped when they are made
      at: fc.integer({ min: 0, max: 780 }).map((d) => new Date(Date.UTC(2024, 9, 1) + d * 86_400_000)),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(change, { maxLength: 8 }), { minLength: 3, maxLength: 5 }), async (hs) => {
        const t = await team(`Random${run++}`, manager.id, hs);
        const r = await getOrgReport(manager, { teamId: t.id, now: NOW });
        expect(r.trends).toEqual(await replayedTrends(t.ids));
      }),
      { numRuns: 6 },
    );
  });
});

describe("closed quarters are stored once and reused", () => {
  const snapshots = () => w.db.prisma.reportSnapshot.count();

  it("stores each settled quarter for a new set of people, then reads the same figures back", async () => {
    const t = await team("Snap", manager.id, [
      [{ skillId: reqs[0]!, level: 2, at: day("2025-03-01") }],
      [{ skillId: reqs[0]!, level: 4, at: day("2025-08-01") }],
      [{ skillId: reqs[1]!, level: 3, at: day("2026-02-01") }],
    ]);
    const before = await snapshots();
    const cold = await getOrgReport(manager, { teamId: t.id, now: NOW });
    expect(await snapshots()).toBe(before + 8); // the 8 closed quarters; "Today" comes from current levels
    const warm = await getOrgReport(manager, { teamId: t.id, now: NOW });
    expect(await snapshots()).toBe(before + 8);
    expect(warm.trends).toEqual(cold.trends);
    expect(warm.trends).toEqual(await replayedTrends(t.ids));
  });

  it("a member leaving changes the people, so the past is recomputed without them", async () => {
    const t = await team("Leaver", manager.id, [
      [{ skillId: reqs[0]!, level: 5, at: day("2025-03-01") }],
      [{ skillId: reqs[0]!, level: 1, at: day("2025-03-01") }],
      [{ skillId: reqs[0]!, level: 1, at: day("2025-03-01") }],
      [{ skillId: reqs[0]!, level: 1, at: day("2025-03-01") }],
    ]);
    const withAll = await getOrgReport(manager, { teamId: t.id, now: NOW });
    await w.db.prisma.teamMembership.delete({ where: { teamId_userId: { teamId: t.id, userId: t.ids[0]! } } });
    const without = await getOrgReport(manager, { teamId: t.id, now: NOW });
    expect(without.trends).toEqual(await replayedTrends(t.ids.slice(1)));
    expect(without.trends).not.toEqual(withAll.trends);
  });

  it("does not store a quarter that ended less than ten minutes ago (a rating may still be committing)", async () => {
    const t = await team("Fresh", manager.id, [[{ skillId: reqs[0]!, level: 2, at: day("2025-03-01") }], [], []]);
    const justAfter = new Date("2026-10-01T00:05:00Z"); // 2026 Q3 ended five minutes before
    const before = await snapshots();
    const r = await getOrgReport(manager, { teamId: t.id, now: justAfter });
    expect(r.trends.at(-2)!.label).toBe("2026 Q3");
    expect(await snapshots()).toBe(before + 7);
  });

  it("three first views at once store each quarter once and agree", async () => {
    const t = await team("Race", manager.id, [[{ skillId: reqs[0]!, level: 3, at: day("2025-05-01") }], [], []]);
    const before = await snapshots();
    const views = await Promise.all([1, 2, 3].map(() => getOrgReport(manager, { teamId: t.id, now: NOW })));
    expect(views[1]!.trends).toEqual(views[0]!.trends);
    expect(views[2]!.trends).toEqual(views[0]!.trends);
    expect(await snapshots()).toBe(before + 8);
  });
});

describe("each person's level summary (PersonLevels)", () => {
  it("equals their current ratings after random saves, some of them at the same moment", async () => {
    const p = w.db.prisma;
    const u = await p.user.create({ data: { email: `summary-${w.tag}@t.local`, name: "Summary" } });
    const entry = fc.record({ skillId: fc.constantFrom(...reqs.slice(0, 5)), level: fc.integer({ min: 0, max: 5 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(entry, { minLength: 1, maxLength: 3 }), { maxLength: 4 }), async (batches) => {
        await Promise.all(
          batches.map((b) =>
            p.$transaction((tx) =>
              appendRatings(tx, u.id, [...new Map(b.map((e) => [e.skillId, e])).values()], { source: "self" }),
            ),
          ),
        );
        const current = await p.currentRating.findMany({ where: { userId: u.id } });
        const summary = await p.personLevels.findUnique({ where: { userId: u.id } });
        expect(summary?.levels ?? {}).toEqual(Object.fromEntries(current.map((c) => [c.skillId, c.level])));
      }),
      { numRuns: 12 },
    );
  });
});

describe("review cycles' agreement", () => {
  async function cycleWith(teamId: string, name: string, lines: [number, number][][]) {
    const p = w.db.prisma;
    const c = await p.reviewCycle.create({
      data: {
        name: `${name} ${w.tag}`,
        periodStart: day("2026-10-01"),
        periodEnd: day("2026-12-31"),
        selfDeadline: day("2026-11-10"),
        managerDeadline: day("2026-11-20"),
        teams: { create: { teamId } },
      },
    });
    const members = await p.teamMembership.findMany({ where: { teamId, role: "member" }, orderBy: { userId: "asc" } });
    for (const [i, levels] of lines.entries())
      await p.review.create({
        data: {
          teamId,
          subjectId: members[i]!.userId,
          managerId: manager.id,
          period: c.name,
          dueDate: day("2026-11-20"),
          state: "completed",
          cycleId: c.id,
          skills: {
            create: levels.map(([self, mgr], j) => ({ skillId: reqs[j]!, selfLevel: self, managerLevel: mgr })),
          },
        },
      });
    return c;
  }

  it("gives, per cycle, how often self and manager differ by 2+ levels, and hides it under the threshold", async () => {
    const c = await cycleWith(big, "Autumn", [
      [
        [1, 4],
        [2, 2],
      ],
      [[3, 4]],
      [[5, 2]],
    ]);
    const r = await getOrgReport(manager, { teamId: big, now: NOW });
    expect(r.cycles.find((x) => x.cycleId === c.id)).toMatchObject({
      people: 3,
      lines: 4,
      disconnects: 2,
      percent: 50,
      suppressed: false,
    });
    const s = await cycleWith(small, "Tiny", [[[1, 5]], [[2, 2]]]);
    const row = (await getOrgReport(manager, { teamId: small, now: NOW })).cycles.find((x) => x.cycleId === s.id)!;
    expect(row).toMatchObject({ people: 2, lines: null, disconnects: null, percent: null, suppressed: true });
    const csv = await exportOrgReportCsv(manager, "cycles", { teamId: small, now: NOW });
    expect(csv.split("\n")[0]).toBe("cycle,closed_on,people,skills_compared,serious_disconnects,disconnect_percent");
    expect(csv).toContain(`Tiny ${w.tag},,2,,,`);
    // Another manager's report does not include this team's cycles.
    const other = await getOrgReport(w.actors.otherManager, { now: NOW });
    expect(other.cycles.some((x) => x.cycleId === c.id || x.cycleId === s.id)).toBe(false);
  });
});

describe("the per-process copy of people's levels", () => {
  it("never shows a level older than the latest save: each view after a change shows it", async () => {
    const t = await team("Fresh levels", manager.id, [[], [], []]);
    const skill = reqs[0]!;
    const have = async () =>
      (await getOrgReport(manager, { teamId: t.id, now: new Date() })).skills.find((x) => x.skill === skill)?.have;
    for (const [round, levels] of [
      [1, 1, 1],
      [5, 5, 1],
      [5, 0, 5],
      [2, 2, 2],
    ].entries()) {
      await Promise.all(
        t.ids.map((id, i) =>
          w.db.prisma.$transaction((tx) =>
            appendRatings(tx, id, [{ skillId: skill, level: levels[i]! }], { source: "self" }),
          ),
        ),
      );
      const needed = taxonomy.roles.find((r) => r.id === ROLE)!.requirements.find((r) => r.skill === skill)!.level;
      expect(await have(), `round ${round}`).toBe(levels.filter((l) => l >= needed).length);
    }
  });
});

describe("paging the teams", () => {
  it("lists every team once across the comparison's pages, by name; a page past the end shows the last", async () => {
    const p = w.db.prisma;
    for (let i = 0; i < 22; i++) {
      const t = await p.team.create({ data: { name: `Paged ${String(i).padStart(2, "0")} ${w.tag}` } });
      await p.teamMembership.create({ data: { teamId: t.id, userId: manager.id, role: "manager" } });
    }
    const first = await getOrgReport(manager, { now: NOW });
    expect(first.teamPage.page).toBe(1);
    expect(first.teamComparison).toHaveLength(20);
    const seen: string[] = [];
    for (let page = 1; page <= first.teamPage.pages; page++)
      seen.push(...(await getOrgReport(manager, { now: NOW, teamPage: page })).teamComparison.map((t) => t.team.id));
    expect(seen).toEqual(first.teams.map((t) => t.id));
    expect(new Set(seen).size).toBe(first.teamPage.total);
    const past = await getOrgReport(manager, { now: NOW, teamPage: 999 });
    expect(past.teamPage.page).toBe(first.teamPage.pages);
    const csv = await exportOrgReportCsv(manager, "teams", { now: NOW });
    for (const t of first.teams) expect(csv).toContain(t.name);
  });
});

describe("query budget", () => {
  // Stored quarters: teams, taxonomy version (cached load), people with current levels, the organisation's target
  // mix (whole-organisation reports only), the review cycles' agreement, snapshots = 6.
  // A new set of people: 6 more — the new people's level summaries, the history for the closed quarters (in a
  // transaction that first sets jit off and a larger work_mem for that one statement: 3), storing them, pruning.
  it("sends the same fixed number of statements before and after the organisation grows", async () => {
    const first = await countQueries(w.db, () => getOrgReport(w.actors.admin, { now: NOW }));
    const before = await countQueries(w.db, () => getOrgReport(w.actors.admin, { now: NOW }));
    await team("Growth", manager.id, [[{ skillId: reqs[0]!, level: 3, at: day("2026-01-10") }], [], []]);
    const cold = await countQueries(w.db, () => getOrgReport(w.actors.admin, { now: NOW }));
    const after = await countQueries(w.db, () => getOrgReport(w.actors.admin, { now: NOW }));
    expect(after.queries).toBe(before.queries);
    expect(before.queries).toBeLessThanOrEqual(6);
    expect(cold.queries).toBe(before.queries + 6);
    expect(first.queries).toBeLessThanOrEqual(cold.queries + 1); // + the taxonomy's first load
  });
});
