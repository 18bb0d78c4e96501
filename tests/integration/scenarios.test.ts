import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { countQueries } from "../support/query-count";
import { saveMyRatings, setMyRoles } from "@/lib/data/ratings";
import { createGoal } from "@/lib/data/goals";
import { NotFoundError } from "@/lib/data/errors";
import { getTeamScenario, getWhatIf, saveWhatIfGoals } from "@/lib/data/scenarios";
import type { Actor } from "@/lib/data/policy";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());

const rate = (me: Actor, levels: Record<string, number>) =>
  saveMyRatings(
    me,
    Object.entries(levels).map(([skillId, level]) => ({
      skillId,
      level,
      note: null,
      evidenceUrl: null,
      wantsToGrow: false,
    })),
  );

/** A new plain member of the world's team, with a unique name. */
async function joiner(name: string, levels: Record<string, number>): Promise<Actor> {
  const u = await w.db.prisma.user.create({
    data: { email: `${name}-${w.tag}-${Math.random().toString(36).slice(2)}@t.local`, name: `${name} ${w.tag}` },
  });
  await w.db.prisma.teamMembership.create({ data: { teamId: w.teamId, userId: u.id, role: "member" } });
  const me = { id: u.id, isAdmin: false };
  await rate(me, levels);
  return me;
}

describe("team scenario", () => {
  let sam: Actor;
  let jo: Actor;
  beforeAll(async () => {
    // Only Sam holds Kubernetes (container-orchestration) at 4; Jo is one step away, the world's member three.
    sam = await joiner("sam", { "container-orchestration": 4, linux: 4 });
    jo = await joiner("jo", { "container-orchestration": 3, linux: 4 });
    await rate(w.actors.member, { "container-orchestration": 1 });
  });

  it("shows a manager the team without Sam: a single-holder skill loses its holder, with successors", async () => {
    const v = await getTeamScenario(w.actors.manager, w.teamId, [sam.id]);
    expect(v.errors).toEqual({});
    const s = v.scenario!;
    expect(s.removed.map((r) => r.id)).toEqual([sam.id]);
    const k8s = s.lost.find((l) => l.skill === "container-orchestration");
    expect(k8s).toBeDefined();
    expect(k8s!.holders).toEqual([sam.id]);
    expect(k8s!.successors.map((c) => [c.id, c.current, c.gap])).toEqual([
      [jo.id, 3, 1],
      [w.actors.member.id, 1, 3],
    ]);
    // Linux is still held by Jo: not lost.
    expect(s.lost.some((l) => l.skill === "linux")).toBe(false);
    expect(s.after.singleHolder).toBeLessThan(s.before.singleHolder + s.lost.length + 1);
    expect(s.coverageChanges).toContainEqual({ skill: "container-orchestration", before: 2, after: 1 });
  });

  it("weighs the team's target: a needed skill nobody keeps counts as a gap", async () => {
    await w.db.prisma.teamTargetSkill.create({
      data: { teamId: w.teamId, skillId: "container-orchestration", level: 4, count: 1 },
    });
    try {
      const s = (await getTeamScenario(w.actors.admin, w.teamId, [sam.id])).scenario!;
      expect(s.after.nobody).toBe(s.before.nobody + 1);
      expect(s.gapChanges).toContainEqual({ skill: "container-orchestration", required: 4, before: 0, after: 1 });
    } finally {
      await w.db.prisma.teamTargetSkill.deleteMany({ where: { teamId: w.teamId } });
    }
  });

  it("turns an id that is not a member of the team into a field message, not a scenario", async () => {
    for (const bad of [w.actors.otherMember.id, w.actors.manager.id, "no-such-person"]) {
      const v = await getTeamScenario(w.actors.manager, w.teamId, [sam.id, bad]);
      expect(v.scenario).toBeNull();
      expect(v.errors.without?.[0]).toMatch(/not a member of this team/);
      expect(v.errors.without?.[0]).not.toContain(bad);
    }
  });

  it("lists the members but computes nothing when nobody is chosen", async () => {
    const v = await getTeamScenario(w.actors.manager, w.teamId, []);
    expect(v.scenario).toBeNull();
    expect(v.people.map((p) => p.id)).toEqual(expect.arrayContaining([sam.id, jo.id, w.actors.member.id]));
    expect(v.people.map((p) => p.id)).not.toContain(w.actors.manager.id);
  });

  it("answers not found to members, other teams' managers and for unknown teams", async () => {
    for (const who of [w.actors.member, w.actors.otherMember, w.actors.otherManager, sam])
      await expect(getTeamScenario(who, w.teamId, [sam.id])).rejects.toThrow(NotFoundError);
    await expect(getTeamScenario(w.actors.admin, "nope", [])).rejects.toThrow(NotFoundError);
  });

  it("makes the same number of queries whatever the team size", async () => {
    const small = await countQueries(w.db, () =>
      getTeamScenario(w.actors.manager, w.otherTeamId, []).catch(() => null),
    );
    const big = await countQueries(w.db, () => getTeamScenario(w.actors.manager, w.teamId, [sam.id]));
    expect(big.queries).toBeLessThanOrEqual(3);
    expect(small.queries).toBeLessThanOrEqual(3);
  });
});

describe("personal what-if", () => {
  // Everything Platform Engineer needs, but Containers two levels short (a core gap).
  const platformReady = {
    containers: 2,
    "container-orchestration": 4,
    "ci-cd-pipelines": 4,
    "developer-experience": 3,
    "internal-developer-platform": 3,
    "cloud-fundamentals": 3,
    aws: 3,
    "infrastructure-as-code": 3,
    scripting: 3,
    "software-development": 3,
    "version-control": 3,
    "devops-practices": 3,
    "metrics-observability": 3,
    "log-management": 2,
    "application-delivery": 3,
    "cloud-native-security": 2,
    linux: 3,
    "developer-empathy": 3,
  };
  let me: Actor;
  beforeAll(async () => {
    const u = await w.db.prisma.user.create({ data: { email: `whatif-${w.tag}@t.local`, name: `Whatif ${w.tag}` } });
    me = { id: u.id, isAdmin: false };
    await rate(me, platformReady);
    await setMyRoles(me, null, "platform-engineer");
  });

  it("raises the fit to the target and explains the role that comes within reach", async () => {
    const v = await getWhatIf(me, [{ skill: "containers", level: 4 }]);
    const s = v.scenario!;
    expect(s.raised).toEqual([{ skill: "containers", name: expect.any(String), from: 2, to: 4 }]);
    expect(s.fit!.after).toBeGreaterThan(s.fit!.before);
    expect([s.fit!.readinessBefore, s.fit!.readinessAfter]).toEqual(["stretch", "ready"]);
    expect(s.fit!.coreGapsAfter).toBe(0);
    const platform = s.newlyReachable.find((r) => r.roleId === "platform-engineer");
    expect(platform?.readinessAfter).toBe("ready");
    expect(platform?.reason).toMatch(/ready now/);
  });

  it("answers an unknown skill with a field message", async () => {
    const v = await getWhatIf(me, [{ skill: "cobol", level: 3 }]);
    expect(v.scenario).toBeNull();
    expect(v.errors.raise).toEqual(["Choose a skill from the list."]);
  });

  it("saves raised skills as goals, skipping open goals and levels already reached", async () => {
    await createGoal(me, { skillId: "aws", targetLevel: 5, dueDate: null, note: null });
    const saved = await saveWhatIfGoals(me, [
      { skill: "containers", level: 4 },
      { skill: "aws", level: 4 },
      { skill: "linux", level: 2 },
    ]);
    expect(saved.created.map((c) => [c.skillId, c.targetLevel])).toEqual([["containers", 4]]);
    expect(saved.skipped.map((c) => [c.skillId, c.why])).toEqual([
      ["aws", "open goal"],
      ["linux", "already at level"],
    ]);
    const again = await saveWhatIfGoals(me, [{ skill: "containers", level: 4 }]);
    expect(again.created).toEqual([]);
    const goals = await w.db.prisma.goal.findMany({ where: { userId: me.id, skillId: "containers", status: "open" } });
    expect(goals).toHaveLength(1);
  });

  it("answers not found for an account that does not exist", async () => {
    const ghost = { id: `ghost-${w.tag}`, isAdmin: false };
    await expect(getWhatIf(ghost, [])).rejects.toThrow(NotFoundError);
    await expect(saveWhatIfGoals(ghost, [{ skill: "containers", level: 4 }])).rejects.toThrow(NotFoundError);
  });
});
