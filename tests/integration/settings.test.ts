/**
 * "Managers may create teams" (issue 19): off by default; an administrator turns it on; then a manager of a team can
 * create one and manages it, but cannot appoint another manager; members never can; switching it off applies at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { DataError, NotFoundError } from "@/lib/data/errors";
import { canCreateTeam, getAppSettings, setManagersMayCreateTeams } from "@/lib/data/settings";
import { createTeam } from "@/lib/data/teams";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());

const team = (name: string) => ({ name: `${name} ${w.tag}`, description: null, managerEmail: null });

describe("managers may create teams", () => {
  it("is off by default: a manager gets not found, an admin still creates", async () => {
    expect(await getAppSettings(w.actors.admin)).toEqual({ managersCreateTeams: false });
    expect(await canCreateTeam(w.actors.manager)).toBe(false);
    await expect(createTeam(w.actors.manager, team("Not yet"))).rejects.toBeInstanceOf(NotFoundError);
    expect(await w.db.prisma.team.count({ where: { name: `Not yet ${w.tag}` } })).toBe(0);
    await createTeam(w.actors.admin, team("By admin"));
  });

  it("when on, a manager creates a team and manages it; a member still cannot; naming a manager is refused", async () => {
    await setManagersMayCreateTeams(w.actors.admin, true);
    expect(await canCreateTeam(w.actors.manager)).toBe(true);
    const t = await createTeam(w.actors.manager, team("By manager"));
    const m = await w.db.prisma.teamMembership.findUnique({
      where: { teamId_userId: { teamId: t.id, userId: w.actors.manager.id } },
    });
    expect(m?.role).toBe("manager");
    expect(await canCreateTeam(w.actors.member)).toBe(false);
    await expect(createTeam(w.actors.member, team("By member"))).rejects.toBeInstanceOf(NotFoundError);
    const refused = await createTeam(w.actors.manager, { ...team("With manager"), managerEmail: "x@t.local" }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DataError);
    expect(Object.keys((refused as DataError).fieldErrors)).toEqual(["managerEmail"]);
    expect(
      await w.db.prisma.team.count({ where: { name: { in: [`By member ${w.tag}`, `With manager ${w.tag}`] } } }),
    ).toBe(0);
  });

  it("switching it off applies at once", async () => {
    await setManagersMayCreateTeams(w.actors.admin, false);
    await expect(createTeam(w.actors.manager, team("Too late"))).rejects.toBeInstanceOf(NotFoundError);
    const log = await w.db.prisma.auditLog.findMany({ where: { action: "settings.changed" }, orderBy: { id: "asc" } });
    expect(log.map((l) => l.data)).toEqual([{ managersCreateTeams: true }, { managersCreateTeams: false }]);
  });

  it("only administrators read or change the setting", async () => {
    for (const a of [w.actors.member, w.actors.manager, w.actors.otherManager]) {
      await expect(getAppSettings(a)).rejects.toBeInstanceOf(NotFoundError);
      await expect(setManagersMayCreateTeams(a, true)).rejects.toBeInstanceOf(NotFoundError);
    }
    // A session that still says admin after the account lost the right: refused inside the transaction.
    const former = await w.db.prisma.user.create({ data: { email: `former-${w.tag}@t.local`, isAdmin: false } });
    await expect(setManagersMayCreateTeams({ id: former.id, isAdmin: true }, true)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await getAppSettings(w.actors.admin)).toEqual({ managersCreateTeams: false });
  });
});
