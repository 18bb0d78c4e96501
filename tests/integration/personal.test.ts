import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { getMySkillsPage, saveMyRatings, setMyRoles } from "@/lib/data/ratings";
import type { Actor } from "@/lib/data/policy";
import { exportMyData, exportMyRatingsCsv, importMyRatingsCsv } from "@/lib/data/my-data";
import { createGoal, setGoalStatus } from "@/lib/data/goals";
import { getDashboard } from "@/lib/data/dashboard";
import { DataError, NotFoundError } from "@/lib/data/errors";
import { countQueries } from "../support/query-count";

/** The person's current ratings as their own "My skills" page reads them. */
const getCurrentRatings = async (me: Actor, _userId: string, now?: Date) => (await getMySkillsPage(me, now)).ratings;
/** One skill's history, newest first, straight from the table (no page lists it). */
const getSkillHistory = (_me: Actor, userId: string, skillId: string) =>
  w.db.prisma.rating.findMany({ where: { userId, skillId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());

const newUser = async (key: string) => {
  const u = await w.db.prisma.user.create({
    data: { email: `${key}-${w.tag}-${Math.random().toString(36).slice(2)}@t.local` },
  });
  return { id: u.id, isAdmin: false };
};

describe("rating history", () => {
  it("appends on every change and never overwrites", async () => {
    const me = await newUser("hist");
    await saveMyRatings(me, [
      { skillId: "container-orchestration", level: 1, note: null, evidenceUrl: null, wantsToGrow: false },
    ]);
    await saveMyRatings(me, [
      { skillId: "container-orchestration", level: 3, note: "ran a cluster", evidenceUrl: null, wantsToGrow: true },
    ]);
    await saveMyRatings(me, [
      { skillId: "container-orchestration", level: 3, note: "ran a cluster", evidenceUrl: null, wantsToGrow: true },
    ]); // unchanged: no row
    const history = await getSkillHistory(me, me.id, "container-orchestration");
    expect(history.map((h) => h.level)).toEqual([3, 1]);
    const current = await getCurrentRatings(me, me.id);
    expect(current).toEqual([
      expect.objectContaining({
        skillId: "container-orchestration",
        level: 3,
        note: "ran a cluster",
        wantsToGrow: true,
        stale: false,
      }),
    ]);
  });

  it("accepts concurrent saves of the same skills by one person and keeps current = latest history", async () => {
    const me = await newUser("race");
    const skills = ["container-orchestration", "network-fundamentals"];
    const saves = Array.from({ length: 8 }, (_, i) =>
      saveMyRatings(
        me,
        skills.map((skillId) => ({ skillId, level: i % 6, note: `save ${i}`, evidenceUrl: null, wantsToGrow: false })),
      ),
    );
    await expect(Promise.all(saves)).resolves.toHaveLength(8);
    for (const skillId of skills) {
      const [latest] = await getSkillHistory(me, me.id, skillId);
      const current = (await getCurrentRatings(me, me.id)).find((r) => r.skillId === skillId);
      expect(current).toEqual(expect.objectContaining({ level: latest.level, note: latest.note }));
    }
    expect(await w.db.prisma.rating.count({ where: { userId: me.id } })).toBe(16);
  });

  it("marks ratings older than six months as stale", async () => {
    const me = await newUser("stale");
    await saveMyRatings(me, [
      { skillId: "network-fundamentals", level: 2, note: null, evidenceUrl: null, wantsToGrow: false },
    ]);
    await w.db.prisma.currentRating.updateMany({
      where: { userId: me.id },
      data: { updatedAt: new Date(Date.now() - 200 * 86_400_000) },
    });
    const [r] = await getCurrentRatings(me, me.id);
    expect(r.stale).toBe(true);
    const [fresh] = await getCurrentRatings(me, me.id, new Date(Date.now() - 100 * 86_400_000));
    expect(fresh.stale).toBe(false);
  });

  it("refuses unknown skills and changes nothing", async () => {
    const me = await newUser("unknown");
    const err = await saveMyRatings(me, [
      { skillId: "container-orchestration", level: 2, note: null, evidenceUrl: null, wantsToGrow: false },
      { skillId: "no-such-skill", level: 2, note: null, evidenceUrl: null, wantsToGrow: false },
    ]).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.fieldErrors["ratings.1.skillId"]).toEqual(['Unknown skill "no-such-skill".']);
    expect(await w.db.prisma.rating.count({ where: { userId: me.id } })).toBe(0);
  });

  it("saves a deliberate 0 as a rating of its own, distinct from not rated", async () => {
    const me = await newUser("zero");
    expect(await getCurrentRatings(me, me.id)).toEqual([]);
    expect(
      await saveMyRatings(me, [{ skillId: "linux", level: 0, note: null, evidenceUrl: null, wantsToGrow: false }]),
    ).toBe(1);
    expect(await getCurrentRatings(me, me.id)).toEqual([expect.objectContaining({ skillId: "linux", level: 0 })]);
    expect((await getSkillHistory(me, me.id, "linux")).map((h) => h.level)).toEqual([0]);
  });

  it("gives the page the target role's required skills and levels, and none without a target", async () => {
    const me = await newUser("target");
    expect((await getMySkillsPage(me)).target).toBeNull();
    await setMyRoles(me, "infrastructure-engineer", "platform-engineer");
    const { target, taxonomy } = await getMySkillsPage(me);
    const role = taxonomy.roles.find((r) => r.id === "platform-engineer")!;
    expect(target?.title).toBe("Platform Engineer");
    expect(target?.requirements).toHaveLength(role.requirements.length);
    expect(target?.requirements).toContainEqual({ skillId: "containers", level: 4, importance: "core" });
  });

  it("refuses unknown roles", async () => {
    const me = await newUser("roles");
    await expect(setMyRoles(me, "nope", null)).rejects.toBeInstanceOf(DataError);
    await setMyRoles(me, "infrastructure-engineer", "platform-engineer");
    expect((await w.db.prisma.user.findUnique({ where: { id: me.id } }))?.targetRoleId).toBe("platform-engineer");
  });
});

describe("CSV import", () => {
  it("imports a good file, and re-importing it is a no-op", async () => {
    const me = await newUser("csv");
    const csv =
      "skill_id,level,note,wants_to_grow\nkubernetes,3,prod clusters,yes\ncontainers,4,,no\nInfrastructure as Code,2,,\n";
    const first = await importMyRatingsCsv(me, csv.replace("Infrastructure as Code", "infrastructure-as-code"));
    expect(first).toEqual({ rows: 3, changed: 3 });
    const before = await w.db.prisma.rating.count({ where: { userId: me.id } });
    const again = await importMyRatingsCsv(me, csv.replace("Infrastructure as Code", "infrastructure-as-code"));
    expect(again).toEqual({ rows: 3, changed: 0 });
    expect(await w.db.prisma.rating.count({ where: { userId: me.id } })).toBe(before);
  });

  it("lists every bad row with its number and reason, and imports nothing", async () => {
    const me = await newUser("badcsv");
    const csv = ["skill_id,level", "kubernetes,3", "kubernetess,2", "containers,9", "linux,", "networking,2"].join(
      "\n",
    );
    const err = await importMyRatingsCsv(me, csv).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.fieldErrors.rows).toEqual([
      'Row 3: no skill called "kubernetess". Did you mean "Container orchestration (Kubernetes)"?',
      'Row 4, column "level": Level must be from 0 to 5.',
      'Row 5, column "level": empty',
    ]);
    expect(await w.db.prisma.rating.count({ where: { userId: me.id } })).toBe(0);
  });

  it("imports an Excel-style file: byte-order mark, semicolons, CRLF, a comma inside a cell", async () => {
    const me = await newUser("excel");
    const csv =
      "\uFEFFSkill ID;Level;Note;Wants to grow\r\nlinux;4;RHEL, Debian;yes\r\nTerraform;2;;\r\ncontainers;0;;no\r\n";
    expect(await importMyRatingsCsv(me, csv)).toEqual({ rows: 3, changed: 3 });
    const levels = Object.fromEntries((await getCurrentRatings(me, me.id)).map((r) => [r.skillId, [r.level, r.note]]));
    expect(levels).toEqual({
      linux: [4, "RHEL, Debian"],
      "infrastructure-as-code": [2, null],
      containers: [0, null],
    });
  });

  it("says which column the first row lacks instead of a generic header message", async () => {
    const me = await newUser("nohdr");
    const err = await importMyRatingsCsv(me, "skill;score\nlinux;3\n").catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toContain("no level column");
  });

  it("round-trips: export, then import into a fresh user, gives the same current levels", async () => {
    const a = await newUser("rt-a");
    await saveMyRatings(a, [
      {
        skillId: "container-orchestration",
        level: 3,
        note: "a, with comma",
        evidenceUrl: "https://example.com/x",
        wantsToGrow: true,
      },
      { skillId: "network-fundamentals", level: 1, note: null, evidenceUrl: null, wantsToGrow: false },
      { skillId: "linux", level: 5, note: 'quote " here', evidenceUrl: null, wantsToGrow: false },
    ]);
    const csv = await exportMyRatingsCsv(a);
    const b = await newUser("rt-b");
    await importMyRatingsCsv(b, csv);
    const pick = (rs: Awaited<ReturnType<typeof getCurrentRatings>>) =>
      rs
        .map(({ skillId, level, note, evidenceUrl, wantsToGrow }) => ({
          skillId,
          level,
          note,
          evidenceUrl,
          wantsToGrow,
        }))
        .sort((x, y) => x.skillId.localeCompare(y.skillId));
    expect(pick(await getCurrentRatings(b, b.id))).toEqual(pick(await getCurrentRatings(a, a.id)));
  });
});

describe("JSON export", () => {
  it("contains profile, current ratings, full history and goals", async () => {
    const me = await newUser("json");
    await saveMyRatings(me, [
      { skillId: "container-orchestration", level: 1, note: null, evidenceUrl: null, wantsToGrow: false },
    ]);
    await saveMyRatings(me, [
      { skillId: "container-orchestration", level: 2, note: null, evidenceUrl: null, wantsToGrow: false },
    ]);
    await createGoal(me, { skillId: "container-orchestration", targetLevel: 4, dueDate: null, note: "CKA" });
    const data = await exportMyData(me);
    expect(data.profile.id).toBe(me.id);
    expect(data.currentRatings).toEqual([expect.objectContaining({ skillId: "container-orchestration", level: 2 })]);
    expect(data.history.map((h) => h.level)).toEqual([1, 2]);
    expect(data.profile.goals).toEqual([
      expect.objectContaining({ skillId: "container-orchestration", targetLevel: 4, note: "CKA", status: "open" }),
    ]);
  });
});

describe("goals", () => {
  it("cannot be changed by someone else", async () => {
    const me = await newUser("goal");
    const other = await newUser("goal-other");
    const g = await createGoal(me, { skillId: "linux", targetLevel: 3, dueDate: null, note: null });
    await expect(setGoalStatus(other, g.id, "done")).rejects.toBeInstanceOf(NotFoundError);
    await setGoalStatus(me, g.id, "done");
    expect((await w.db.prisma.goal.findUnique({ where: { id: g.id } }))?.status).toBe("done");
  });
});

describe("dashboard", () => {
  it("makes the same number of queries whatever the history length", async () => {
    const short = await newUser("dash-short");
    const long = await newUser("dash-long");
    await setMyRoles(short, "infrastructure-engineer", "platform-engineer");
    await setMyRoles(long, "infrastructure-engineer", "platform-engineer");
    await saveMyRatings(short, [
      { skillId: "container-orchestration", level: 2, note: null, evidenceUrl: null, wantsToGrow: false },
    ]);
    for (let i = 0; i < 40; i++) {
      await saveMyRatings(long, [
        {
          skillId: i % 2 ? "container-orchestration" : "linux",
          level: (i % 5) + 1,
          note: null,
          evidenceUrl: null,
          wantsToGrow: false,
        },
      ]);
    }
    await getDashboard(short); // warm the taxonomy cache
    const a = await countQueries(w.db, () => getDashboard(short));
    const b = await countQueries(w.db, () => getDashboard(long));
    expect(a.queries).toBe(b.queries);
    expect(a.queries, a.log.join("\n")).toBeLessThanOrEqual(2); // the taxonomy version check and one query for the person (ratings, history, goals joined)
    expect(b.result.series.length).toBeGreaterThan(0);
    expect(b.result.suggestions.top).toHaveLength(3);
  });
});
