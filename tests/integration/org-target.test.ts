/**
 * The organisation's target mix (issue 17): admins set how many people each role needs; the whole-organisation
 * report measures coverage against it; anyone else gets not found; bad rows name the row and change nothing; saves
 * at the same moment never fail; an admin demoted a moment ago cannot save with their old session.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { DataError, NotFoundError } from "@/lib/data/errors";
import { getOrgTarget, setOrgTarget } from "@/lib/data/org-target";
import { getOrgReport } from "@/lib/data/reports";
import { deriveTeamTarget } from "@/lib/domain/team";
import { loadTaxonomy } from "@/lib/taxonomy";

const taxonomy = loadTaxonomy();
let w: World;

beforeAll(async () => {
  w = await createWorld();
  await w.db.prisma.user.update({ where: { id: w.actors.member.id }, data: { currentRoleId: "platform-engineer" } });
});
afterAll(() => w.db.close());

const stored = () => w.db.prisma.orgTargetRole.findMany({ orderBy: { roleId: "asc" } });

describe("the organisation target mix", () => {
  it("defaults to people's roles, and once set, drives the whole-organisation report's demand", async () => {
    const before = await getOrgReport(w.actors.admin);
    expect(before.demandSource).toBe("roles");
    const mix = [
      { roleId: "site-reliability-engineer", count: 12 },
      { roleId: "cloud-engineer", count: 0 },
      { roleId: "infrastructure-manager", count: 2 },
    ];
    expect(await setOrgTarget(w.actors.admin, mix)).toEqual({ roles: 2, people: 14 });
    expect(await getOrgTarget(w.actors.admin)).toEqual(
      taxonomy.roles
        .filter((r) => r.id === "site-reliability-engineer" || r.id === "infrastructure-manager")
        .map((r) => ({ roleId: r.id, count: r.id === "site-reliability-engineer" ? 12 : 2 })),
    );
    const after = await getOrgReport(w.actors.admin);
    expect(after.demandSource).toBe("target");
    const demand = deriveTeamTarget(
      mix.filter((m) => m.count > 0),
      after.taxonomy,
    ).filter((d) => d.level > 0);
    expect(after.skills.map((s) => [s.skill, s.level, s.needed])).toEqual(
      demand.map((d) => [d.skill, d.level, d.needed]),
    );
    // A manager's report is about their teams' own people, not the organisation's mix.
    expect((await getOrgReport(w.actors.manager)).demandSource).toBe("roles");
    // The admin's view of one team, too.
    expect((await getOrgReport(w.actors.admin, { teamId: w.teamId })).demandSource).toBe("roles");
    const log = await w.db.prisma.auditLog.findFirst({ where: { action: "org.target.changed" } });
    expect(log?.actorId).toBe(w.actors.admin.id);
  });

  it("all zeros goes back to people's roles", async () => {
    await setOrgTarget(w.actors.admin, [{ roleId: "cloud-engineer", count: 3 }]);
    expect(await setOrgTarget(w.actors.admin, [{ roleId: "cloud-engineer", count: 0 }])).toEqual({
      roles: 0,
      people: 0,
    });
    expect(await stored()).toEqual([]);
    expect((await getOrgReport(w.actors.admin)).demandSource).toBe("roles");
  });

  it("refuses unknown roles, repeated roles and counts out of range, naming the row, and saves nothing", async () => {
    await setOrgTarget(w.actors.admin, [{ roleId: "cloud-engineer", count: 4 }]);
    const before = await stored();
    const attempt = (rows: { roleId: string; count: number }[]) =>
      setOrgTarget(w.actors.admin, rows).then(
        () => null,
        (e: unknown) => e,
      );
    const unknown = await attempt([
      { roleId: "cloud-engineer", count: 1 },
      { roleId: "chief-wizard", count: 1 },
    ]);
    expect(unknown).toBeInstanceOf(DataError);
    expect((unknown as DataError).fieldErrors).toEqual({ "roles.1.roleId": ["Choose one of the listed roles."] });
    const twice = (await attempt([
      { roleId: "cloud-engineer", count: 1 },
      { roleId: "cloud-engineer", count: 2 },
    ])) as DataError;
    expect(twice.fieldErrors).toEqual({ roles: ["Each role may appear once."] });
    const big = (await attempt([{ roleId: "cloud-engineer", count: 100_001 }])) as DataError;
    expect(Object.keys(big.fieldErrors)).toEqual(["roles.0.count"]);
    expect(await stored()).toEqual(before);
  });

  it("is not found for anyone but an admin, and changes nothing", async () => {
    const before = await stored();
    for (const actor of [w.actors.member, w.actors.manager, w.actors.otherManager]) {
      await expect(getOrgTarget(actor)).rejects.toBeInstanceOf(NotFoundError);
      await expect(setOrgTarget(actor, [{ roleId: "cloud-engineer", count: 9 }])).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await stored()).toEqual(before);
  });

  it("an admin demoted a moment ago cannot save with the session they still hold", async () => {
    const p = w.db.prisma;
    const u = await p.user.create({ data: { email: `demoted-${w.tag}@t.local`, isAdmin: false } });
    const before = await stored();
    await expect(
      setOrgTarget({ id: u.id, isAdmin: true }, [{ roleId: "cloud-engineer", count: 7 }]),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await stored()).toEqual(before);
  });

  it("five saves at the same moment all succeed and leave exactly one of them", async () => {
    const mixes = [1, 2, 3, 4, 5].map((n) => [
      { roleId: "cloud-engineer", count: n },
      { roleId: "platform-engineer", count: 10 * n },
    ]);
    const results = await Promise.allSettled(mixes.map((m) => setOrgTarget(w.actors.admin, m)));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill("fulfilled"));
    const after = (await stored()).map((r) => ({ roleId: r.roleId, count: r.count }));
    expect(mixes.map((m) => JSON.stringify([...m].sort((a, b) => a.roleId.localeCompare(b.roleId))))).toContain(
      JSON.stringify(after),
    );
  });
});
