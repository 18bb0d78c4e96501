/**
 * Team figures for plain members count colleagues only (not the viewer), and drop every row fewer than
 * TEAM_MIN_AGGREGATE (3) colleagues rated. CSV exports escape cells a spreadsheet would run as formulas.
 */
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { exportTeamMatrixCsv, getTeamAudit } from "@/lib/data/team-audit";
import { exportMyRatingsCsv } from "@/lib/data/my-data";
import { appendRatings } from "@/lib/data/rating-store";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());

/** A team of a manager and members with the given names and levels. */
async function team(people: { name: string; levels: Record<string, number> }[]) {
  const p = w.db.prisma;
  const tag = Math.random().toString(36).slice(2, 8);
  const t = await p.team.create({ data: { name: `Privacy ${tag}` } });
  const manager = await p.user.create({ data: { email: `pm-${tag}@t.local`, name: `Manager ${tag}` } });
  await p.teamMembership.create({ data: { teamId: t.id, userId: manager.id, role: "manager" } });
  const members = [];
  for (const [i, person] of people.entries()) {
    const u = await p.user.create({ data: { email: `p${i}-${tag}@t.local`, name: person.name } });
    await p.teamMembership.create({ data: { teamId: t.id, userId: u.id } });
    await p.$transaction((tx) =>
      appendRatings(
        tx,
        u.id,
        Object.entries(person.levels).map(([skillId, level]) => ({ skillId, level })),
        { source: "self" },
      ),
    );
    members.push({ id: u.id, isAdmin: false });
  }
  await p.teamTargetSkill.create({ data: { teamId: t.id, skillId: "linux", level: 3, count: 2 } });
  return { teamId: t.id, manager: { id: manager.id, isAdmin: false }, members };
}

describe("team figures for plain members", () => {
  it("need three colleagues besides the viewer", async () => {
    const three = await team([
      { name: "A", levels: { linux: 3 } },
      { name: "B", levels: { linux: 3 } },
      { name: "C", levels: { linux: 3 } },
    ]);
    expect((await getTeamAudit(three.members[0]!, three.teamId)).aggregates).toBeNull(); // 2 colleagues
    expect((await getTeamAudit(three.manager, three.teamId)).aggregates).not.toBeNull();
  });

  it("hide every skill and category fewer than three colleagues rated, and say how many", async () => {
    const t = await team([
      { name: "Viewer", levels: { linux: 4, containers: 5 } },
      { name: "A", levels: { linux: 3, containers: 2 } },
      { name: "B", levels: { linux: 4 } },
      { name: "C", levels: { linux: 1 } },
    ]);
    const asMember = await getTeamAudit(t.members[0]!, t.teamId);
    expect(asMember.aggregates!.coverage.map((c) => c.skill)).toEqual(["linux"]); // containers: only A besides the viewer
    expect(asMember.aggregates!.gap.map((g) => g.skill)).toEqual(["linux"]);
    expect(asMember.hidden!.coverage).toBe(asMember.taxonomy.skills.length - 1); // every other skill of the taxonomy
    const linuxCategory = asMember.taxonomy.skills.find((s) => s.id === "linux")!.category;
    expect(asMember.aggregates!.distribution.map((d) => d.category)).toEqual([linuxCategory]);
    expect(asMember.hidden!.distribution).toBe(asMember.taxonomy.categories.length - 1);

    const asManager = await getTeamAudit(t.manager, t.teamId);
    expect(asManager.hidden).toBeNull();
    expect(asManager.aggregates!.coverage.length).toBe(asManager.taxonomy.skills.length);
  });
});

describe("CSV exports", () => {
  it("escape formula cells in the team matrix, including tab and carriage return", async () => {
    const t = await team([
      { name: "\t=cmd|' /C calc'!A0", levels: { linux: 2 } },
      { name: "\r@SUM(1)", levels: {} },
      { name: "-2+3", levels: {} },
      { name: "Plain Name", levels: {} },
    ]);
    const csv = await exportTeamMatrixCsv(t.manager, t.teamId);
    const names = Papa.parse<string[]>(csv.split("\n# ")[0]!.trim(), { newline: "\n" })
      .data.slice(1)
      .map((r) => r[0]);
    expect(names.sort()).toEqual(["'\r@SUM(1)", "'\t=cmd|' /C calc'!A0", "'-2+3", "Plain Name"].sort());
  });

  it("escape formula cells in the personal ratings export, even with a newline after the formula", async () => {
    const t = await team([{ name: "Me", levels: {} }]);
    const me = t.members[0]!;
    await w.db.prisma.$transaction((tx) =>
      appendRatings(
        tx,
        me.id,
        [
          { skillId: "linux", level: 3, note: '=HYPERLINK("http://x")\nsecond line' },
          { skillId: "containers", level: 2, note: "\tTabbed" },
        ],
        { source: "self" },
      ),
    );
    const rows = Papa.parse<Record<string, string>>(await exportMyRatingsCsv(me), { header: true }).data;
    expect(rows.find((r) => r.skill_id === "linux")?.note).toBe('\'=HYPERLINK("http://x")\nsecond line');
    expect(rows.find((r) => r.skill_id === "containers")?.note).toBe("'\tTabbed");
  });
});
