import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { getTeamAudit, exportTeamMatrixCsv } from "@/lib/data/team-audit";
import { createTeam, getMyTeams, inviteToTeam, removeFromTeam, setTeamTarget } from "@/lib/data/teams";
import { createUser } from "@/lib/data/users";
import { acceptInvitation, getMyInvitations } from "@/lib/data/invitation-responses";
import { appendRatings } from "@/lib/data/rating-store";
import { DataError, NotFoundError } from "@/lib/data/errors";
import { countQueries } from "../support/query-count";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());

/** A team with `n` members whose levels come from `levelsOf(i)`, managed by a fresh manager. */
async function teamOf(n: number, levelsOf: (i: number) => Record<string, number>) {
  const tag = Math.random().toString(36).slice(2, 8);
  const manager = await w.db.prisma.user.create({ data: { email: `mgr-${tag}@t.local`, name: `Mgr ${tag}` } });
  const team = await createTeam(w.actors.admin, { name: `T-${tag}`, description: null, managerEmail: null });
  await w.db.prisma.teamMembership.create({ data: { teamId: team.id, userId: manager.id, role: "manager" } });
  const members = [];
  for (let i = 0; i < n; i++) {
    const u = await w.db.prisma.user.create({
      data: { email: `m${i}-${tag}@t.local`, name: `Member ${String(i).padStart(3, "0")} ${tag}` },
    });
    await w.db.prisma.teamMembership.create({ data: { teamId: team.id, userId: u.id } });
    const levels = levelsOf(i);
    await w.db.prisma.$transaction((tx) =>
      appendRatings(
        tx,
        u.id,
        Object.entries(levels).map(([skillId, level]) => ({ skillId, level })),
        { source: "self" },
      ),
    );
    members.push({ id: u.id, isAdmin: false });
  }
  return { team, manager: { id: manager.id, isAdmin: false }, members };
}

describe("coverage and bus factor on a known team", () => {
  it("counts people at 3+ and flags needed skills at most one person holds at their target level", async () => {
    const { team, manager } = await teamOf(
      4,
      (i) =>
        [
          { "container-orchestration": 4, containers: 3, linux: 2 },
          { "container-orchestration": 4, containers: 2, linux: 4 },
          { "container-orchestration": 3, containers: 1, linux: 1 },
          { "container-orchestration": 1, containers: 3, linux: 1 },
        ][i],
    );
    await setTeamTarget(manager, team.id, {
      roles: [],
      skills: [
        { skillId: "container-orchestration", level: 3, count: 2 },
        { skillId: "containers", level: 3, count: 3 },
        { skillId: "linux", level: 3, count: 1 },
        { skillId: "windows-server", level: 4, count: 1 },
      ],
    });
    const a = await getTeamAudit(manager, team.id);
    const cov = Object.fromEntries(a.aggregates!.coverage.map((c) => [c.skill, c.count]));
    expect(cov).toMatchObject({ "container-orchestration": 3, containers: 2, linux: 1 });
    // Needed level = the target's level (3 here, 4 for windows-server): containers has two members at 3+, so it is
    // no bus-factor risk; linux has one (a single holder); nobody rated windows-server (a gap).
    expect(a.aggregates!.busFactor.map((b) => [b.skill, b.level, b.risk, b.holders.length])).toEqual([
      ["windows-server", 4, "none", 0],
      ["linux", 3, "single", 1],
    ]);
    expect([a.memberCount, a.managerCount, a.ratedCount]).toEqual([4, 1, 4]);
    const listed = (await getMyTeams(manager)).find((t) => t.id === team.id);
    expect(listed).toMatchObject({ members: 4, managers: 1, myRole: "manager" });
    const gap = Object.fromEntries(a.aggregates!.gap.map((g) => [g.skill, g.shortfall]));
    expect(gap).toMatchObject({ "container-orchestration": 0, containers: 1, linux: 0 });
    expect(a.matrix!.rows).toHaveLength(4);
  });
});

describe("privacy", () => {
  it("shows plain members no aggregates below the threshold (3 colleagues besides themself) and aggregates without cells from there", async () => {
    const two = await teamOf(3, () => ({ "container-orchestration": 3 })); // the viewer and 2 colleagues
    const a2 = await getTeamAudit(two.members[0], two.team.id);
    expect(a2.aggregates).toBeNull();
    expect(a2.matrix).toBeNull();
    const three = await teamOf(4, () => ({ "container-orchestration": 3 })); // the viewer and 3 colleagues
    const a3 = await getTeamAudit(three.members[0], three.team.id);
    expect(a3.aggregates?.coverage.find((c) => c.skill === "container-orchestration")?.count).toBe(4);
    expect(a3.matrix).toBeNull();
    expect(a3.people).toEqual([]);
    expect(JSON.stringify(a3.aggregates)).not.toContain(three.members[1].id); // no member ids leak through aggregates
    await expect(exportTeamMatrixCsv(three.members[0], three.team.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("answers not found to people outside the team", async () => {
    await expect(getTeamAudit(w.actors.otherManager, w.teamId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTeamAudit(w.actors.otherMember, w.teamId)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getTeamAudit(w.actors.admin, w.teamId)).canSeeCells).toBe(true);
  });
});

describe("invitations", () => {
  it("stay pending through sign-up and sign-in; the person joins by accepting once their address is confirmed", async () => {
    const email = `invitee-${w.tag}@t.local`;
    await inviteToTeam(w.actors.manager, w.teamId, email, "member");
    let a = await getTeamAudit(w.actors.manager, w.teamId);
    expect(a.invitations.find((i) => i.email === email)).toMatchObject({
      role: "member",
      declinedAt: null,
      expiresAt: expect.any(Date),
    });
    const user = await createUser({ email, password: "a perfectly long passphrase", name: "Invitee" });
    const invitee = { id: user.id, isAdmin: false };
    expect((await getMyTeams(invitee)).map((t) => t.id)).not.toContain(w.teamId);

    await w.db.prisma.user.update({ where: { id: user.id }, data: { emailVerified: new Date() } });
    const [inv] = await getMyInvitations(invitee);
    await acceptInvitation(invitee, inv.id);
    a = await getTeamAudit(w.actors.manager, w.teamId);
    expect(a.invitations.map((i) => i.email)).not.toContain(email);
    expect(a.people.find((p) => p.email === email)?.role).toBe("member");
  });

  it("lets only admins appoint managers and logs every change", async () => {
    await expect(inviteToTeam(w.actors.manager, w.teamId, `x-${w.tag}@t.local`, "manager")).rejects.toBeInstanceOf(
      DataError,
    );
    await expect(inviteToTeam(w.actors.otherManager, w.teamId, `y-${w.tag}@t.local`, "member")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(inviteToTeam(w.actors.member, w.teamId, `z-${w.tag}@t.local`, "member")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const extra = await w.db.prisma.user.create({ data: { email: `leaver-${w.tag}@t.local` } });
    await w.db.prisma.teamMembership.create({ data: { teamId: w.teamId, userId: extra.id } });
    await removeFromTeam(w.actors.manager, w.teamId, extra.id);
    const log = await w.db.prisma.auditLog.findMany({ where: { teamId: w.teamId }, orderBy: { id: "asc" } });
    expect(log.map((l) => l.action)).toEqual(
      expect.arrayContaining(["team.invitation.created", "team.invitation.accepted", "team.member.removed"]),
    );
    expect(log.find((l) => l.action === "team.member.removed")?.actorId).toBe(w.actors.manager.id);
  });
});

describe("query budget", () => {
  it("loads the audit page with the same number of queries for 5 and 50 members", async () => {
    const levels = (i: number) => ({
      "container-orchestration": i % 6,
      containers: (i + 2) % 6,
      linux: (i + 4) % 6,
      "network-fundamentals": i % 4,
    });
    const small = await teamOf(5, levels);
    const big = await teamOf(50, levels);
    await getTeamAudit(small.manager, small.team.id); // warm the taxonomy cache
    const a = await countQueries(w.db, () => getTeamAudit(small.manager, small.team.id));
    const b = await countQueries(w.db, () => getTeamAudit(big.manager, big.team.id));
    expect(b.queries).toBe(a.queries);
    expect(a.queries, a.log.join("\n")).toBeLessThanOrEqual(5);
    expect(b.result.matrix!.rows).toHaveLength(50);
  });
});
