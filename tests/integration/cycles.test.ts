/**
 * Review cycles: a launch creates one review per member (skills as startReview chooses them), relaunching and
 * parallel launches never open a second review for anyone, nobody launches for a team they do not manage, each actor
 * sees only their teams' rows, closing keeps unfinished reviews open and marks them, the CSV and the agreement rate.
 */
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { session, sessionModule } from "../support/session-mock";
import { createWorld, type World } from "../support/world";
import { DataError, NotFoundError } from "@/lib/data/errors";
import {
  closeCycle,
  exportCycleCsv,
  getCycleDashboard,
  getCycles,
  launchCycle,
  launchedReviewDrafts,
  type LaunchInput,
} from "@/lib/data/cycles";
import { loadTaxonomy } from "@/lib/taxonomy";
import { isoDay } from "@/lib/validation";

vi.mock("@/lib/auth/session", () => sessionModule);
const { GET: cycleCsv } = await import("@/app/api/cycles/[id]/route");

const ROLE = "platform-engineer";
const roleSkills = new Set(
  loadTaxonomy()
    .roles.find((r) => r.id === ROLE)!
    .requirements.map((q) => q.skill),
);
const DAY = 86_400_000;
const inDays = (n: number) => isoDay(new Date(Date.now() + n * DAY));
const OPEN = ["self_assessment", "manager_assessment", "discussion"] as const;

let w: World;
let noRole: string;

const launch = (teamIds: string[], name = `Cycle ${Math.random().toString(36).slice(2, 8)}`): LaunchInput => ({
  name,
  periodStart: inDays(-180),
  periodEnd: inDays(0),
  selfDeadline: inDays(7),
  managerDeadline: inDays(14),
  allTeams: false,
  teamIds,
});

/** A person in `teamId` with `role` (or none). */
async function person(
  teamId: string,
  label: string,
  role: "member" | "manager" = "member",
  roleId: string | null = ROLE,
) {
  const u = await w.db.prisma.user.create({
    data: {
      email: `${label}-${w.tag}-${Math.random().toString(36).slice(2)}@t.local`,
      name: label,
      currentRoleId: roleId,
    },
  });
  await w.db.prisma.teamMembership.create({ data: { teamId, userId: u.id, role } });
  return u.id;
}

const openReviews = (teamId: string) =>
  w.db.prisma.review.findMany({ where: { teamId, state: { in: [...OPEN] } }, select: { subjectId: true } });

beforeAll(async () => {
  w = await createWorld();
  await w.db.prisma.user.updateMany({
    where: { id: { in: [w.actors.member.id, w.actors.otherMember.id] } },
    data: { currentRoleId: ROLE },
  });
  noRole = await person(w.teamId, `No role ${w.tag}`, "member", null);
});
afterAll(() => w.db.close());

describe("launching a cycle", () => {
  let cycleId = "";
  it("as a manager for their team: one review per member with skills, the rest skipped with a reason", async () => {
    const r = await launchCycle(w.actors.manager, launch([w.teamId], "2027 H1"));
    cycleId = r.cycleId;
    expect(r.reviews.map((x) => x.subjectId)).toEqual([w.actors.member.id]);
    expect(r.skipped).toEqual([expect.objectContaining({ subjectId: noRole, reason: "no-skills" })]);
    const review = await w.db.prisma.review.findUniqueOrThrow({
      where: { id: r.reviews[0]!.reviewId },
      include: { skills: true },
    });
    expect(review).toMatchObject({
      cycleId,
      teamId: w.teamId,
      subjectId: w.actors.member.id,
      managerId: w.actors.manager.id,
      period: "2027 H1",
      state: "self_assessment",
    });
    expect(isoDay(review.dueDate)).toBe(inDays(14));
    expect(new Set(review.skills.map((s) => s.skillId))).toEqual(roleSkills);
    const log = await w.db.prisma.auditLog.findFirst({
      where: { action: "cycle.launched", actorId: w.actors.manager.id },
    });
    expect(log?.data).toMatchObject({ cycleId, created: 1, skipped: 1 });
    expect(launchedReviewDrafts(r.reviews)).toEqual([
      expect.objectContaining({
        userId: w.actors.member.id,
        kind: "review_waiting",
        key: `review-waiting:${review.id}:self-assessment`,
        link: `/reviews/${review.id}`,
      }),
    ]);
  });

  it("again: nothing created, the member skipped as already having an open review", async () => {
    const r = await launchCycle(w.actors.manager, launch([w.teamId]));
    expect(r.reviews).toEqual([]);
    expect(r.skipped.map((s) => [s.subjectId, s.reason]).sort()).toEqual(
      [
        [w.actors.member.id, "already-open"],
        [noRole, "no-skills"],
      ].sort(),
    );
    expect(await openReviews(w.teamId)).toHaveLength(1);
  });

  it("three launches at the same moment: exactly one open review per member", async () => {
    const team = await w.db.prisma.team.create({ data: { name: `Parallel ${w.tag}` } });
    const boss = await person(team.id, `Boss ${w.tag}`, "manager");
    const members = await Promise.all([1, 2, 3, 4, 5].map((i) => person(team.id, `P${i} ${w.tag}`)));
    const actor = { id: boss, isAdmin: false };
    const results = await Promise.all([1, 2, 3].map(() => launchCycle(actor, launch([team.id]))));
    expect(results.flatMap((r) => r.reviews)).toHaveLength(members.length);
    for (const r of results) expect(r.reviews.length + r.skipped.length).toBe(members.length);
    const open = await openReviews(team.id);
    expect(open.map((o) => o.subjectId).sort()).toEqual([...members].sort());
  });

  it("for another manager's team (alone or with their own): not found, nothing created", async () => {
    const before = await Promise.all([w.db.prisma.reviewCycle.count(), w.db.prisma.review.count()]);
    await expect(launchCycle(w.actors.manager, launch([w.otherTeamId]))).rejects.toBeInstanceOf(NotFoundError);
    await expect(launchCycle(w.actors.manager, launch([w.teamId, w.otherTeamId]))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(launchCycle(w.actors.member, launch([w.teamId]))).rejects.toBeInstanceOf(NotFoundError);
    await expect(launchCycle(w.actors.manager, launch(["no-such-team"]))).rejects.toBeInstanceOf(NotFoundError);
    expect(await Promise.all([w.db.prisma.reviewCycle.count(), w.db.prisma.review.count()])).toEqual(before);
  });

  it("refuses bad input naming the field, and every team for anyone but an admin", async () => {
    const bad = { ...launch([w.teamId]), selfDeadline: inDays(20) };
    await expect(launchCycle(w.actors.manager, bad)).rejects.toMatchObject({
      fieldErrors: { managerDeadline: [expect.stringMatching(/Manager deadline/)] },
    });
    const past = { ...launch([w.teamId]), selfDeadline: inDays(-3) };
    await expect(launchCycle(w.actors.manager, past)).rejects.toMatchObject({
      fieldErrors: { selfDeadline: [expect.any(String)] },
    });
    const every = { ...launch([]), allTeams: true };
    const e = await launchCycle(w.actors.manager, every).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).fieldErrors.allTeams).toBeDefined();
  });
});

describe("seeing, closing and exporting a cycle", () => {
  let adminCycle = "";
  let managerCycle = "";
  beforeAll(async () => {
    const team = await w.db.prisma.team.create({ data: { name: `Visibility ${w.tag}` } });
    await w.db.prisma.teamMembership.createMany({
      data: [
        { teamId: team.id, userId: w.actors.manager.id, role: "manager" },
        { teamId: w.otherTeamId, userId: await person(team.id, `=formula ${w.tag}`), role: "member" },
      ],
    });
    await person(team.id, `Bo ${w.tag}`);
    managerCycle = (await launchCycle(w.actors.manager, launch([team.id], "Visible"))).cycleId;
    // A team of the manager's with nobody in review yet, so the every-team cycle has rows on both managers' sides.
    const fresh = await w.db.prisma.team.create({ data: { name: `Fresh ${w.tag}` } });
    await w.db.prisma.teamMembership.create({
      data: { teamId: fresh.id, userId: w.actors.manager.id, role: "manager" },
    });
    await person(fresh.id, `Fresh member ${w.tag}`);
    // Every team: the people of the first part already have open reviews; the other team's member does not.
    adminCycle = (await launchCycle(w.actors.admin, { ...launch([]), allTeams: true, name: "Everyone" })).cycleId;
  });

  it("lists cycles per actor: admins all, managers those with a team they manage, members none", async () => {
    const names = async (a: keyof World["actors"]) => (await getCycles(w.actors[a])).map((c) => c.id);
    expect(await names("admin")).toEqual(expect.arrayContaining([adminCycle, managerCycle]));
    expect(await names("manager")).toEqual(expect.arrayContaining([adminCycle, managerCycle]));
    expect(await names("otherManager")).toContain(adminCycle);
    expect(await names("otherManager")).not.toContain(managerCycle);
    expect(await names("member")).toEqual([]);
    const listed = (await getCycles(w.actors.manager)).find((c) => c.id === managerCycle)!;
    expect(listed).toMatchObject({ total: 2, done: 0, percentDone: 0 });
  });

  it("shows each manager only their teams' rows; anyone else gets not found", async () => {
    const admin = await getCycleDashboard(w.actors.admin, adminCycle);
    const other = await getCycleDashboard(w.actors.otherManager, adminCycle);
    expect(other.rows.length).toBeGreaterThan(0);
    expect(other.rows.every((r) => r.teamId === w.otherTeamId)).toBe(true);
    const managers = await getCycleDashboard(w.actors.manager, adminCycle);
    expect(managers.rows.map((r) => r.name)).toEqual([`Fresh member ${w.tag}`]);
    expect(managers.cycle.canClose).toBe(false);
    expect(admin.rows).toHaveLength(other.rows.length + managers.rows.length);
    expect(new Set(admin.rows.map((r) => r.teamId))).toEqual(new Set([w.otherTeamId, managers.rows[0]!.teamId]));
    const mine = await getCycleDashboard(w.actors.manager, managerCycle);
    expect(mine.rows).toHaveLength(2);
    expect(mine.cycle.canClose).toBe(true);
    for (const a of ["member", "otherMember", "otherManager"] as const)
      await expect(getCycleDashboard(w.actors[a], managerCycle)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCycleDashboard(w.actors.admin, "nope")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCycleDashboard(w.actors.admin, "\u0000")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("orders overdue rows first once the self deadline has passed", async () => {
    const rows = (await getCycleDashboard(w.actors.manager, managerCycle)).rows;
    const [first] = rows;
    await w.db.prisma.review.update({ where: { id: first!.reviewId }, data: { state: "manager_assessment" } });
    const later = new Date(Date.now() + 9 * DAY); // past the self deadline, before the manager's
    const after = (await getCycleDashboard(w.actors.manager, managerCycle, later)).rows;
    expect(after.map((r) => [r.overdue, r.status])).toEqual([
      [true, "not-started"],
      [false, "self-done"],
    ]);
    await w.db.prisma.review.update({ where: { id: first!.reviewId }, data: { state: "self_assessment" } });
  });

  it("lets the launching manager close it; unfinished reviews stay open and are marked", async () => {
    await expect(closeCycle(w.actors.manager, adminCycle)).rejects.toBeInstanceOf(DataError);
    await expect(closeCycle(w.actors.otherManager, managerCycle)).rejects.toBeInstanceOf(NotFoundError);
    expect(await closeCycle(w.actors.manager, managerCycle)).toEqual({ closed: true, unfinished: 2 });
    expect(await closeCycle(w.actors.manager, managerCycle)).toEqual({ closed: false, unfinished: 2 });
    const d = await getCycleDashboard(w.actors.manager, managerCycle);
    expect(d.cycle.closedAt).not.toBeNull();
    expect(d.rows.every((r) => r.unfinishedAtClose && r.status === "not-started")).toBe(true);
    const states = await w.db.prisma.review.findMany({ where: { cycleId: managerCycle }, select: { state: true } });
    expect(states.map((s) => s.state)).toEqual(["self_assessment", "self_assessment"]);
    expect(await w.db.prisma.auditLog.count({ where: { action: "cycle.closed" } })).toBe(1);
  });

  it("exports a header row and one row per visible review, formulas escaped; the route answers 404 to others", async () => {
    const csv = await exportCycleCsv(w.actors.manager, managerCycle);
    const parsed = Papa.parse<string[]>(csv.trim()).data;
    expect(parsed[0]).toEqual(["person", "team", "manager", "state", "overdue", "self deadline", "manager deadline"]);
    expect(parsed).toHaveLength(3);
    expect(parsed.slice(1).map((r) => r[0])).toContain(`'=formula ${w.tag}`);
    const call = (id: string) =>
      cycleCsv(new Request(`http://t/api/cycles/${id}`), { params: Promise.resolve({ id }) });
    session.actor = w.actors.manager;
    const ok = await call(managerCycle);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/csv/);
    expect((await ok.text()).trim().split("\n")).toHaveLength(3);
    session.actor = w.actors.member;
    expect((await call(managerCycle)).status).toBe(404);
    session.actor = w.actors.admin;
    expect((await call("\u0000")).status).toBe(404);
    expect((await call("x".repeat(500))).status).toBe(404);
    expect((await call("no-such-cycle")).status).toBe(404);
    session.actor = null;
    expect((await call(managerCycle)).status).toBe(401);
  });

  it("measures serious disconnects over revealed lines", async () => {
    const [review] = await w.db.prisma.review.findMany({ where: { cycleId: adminCycle, teamId: w.otherTeamId } });
    const lines = await w.db.prisma.reviewSkill.findMany({ where: { reviewId: review!.id }, take: 4 });
    const levels: [number, number][] = [
      [3, 3],
      [1, 4],
      [2, 3],
      [5, 3],
    ];
    for (const [i, l] of lines.entries())
      await w.db.prisma.reviewSkill.update({
        where: { reviewId_skillId: { reviewId: l.reviewId, skillId: l.skillId } },
        data: { selfLevel: levels[i]![0], managerLevel: levels[i]![1] },
      });
    // Still blind (self-assessment): nothing to compare yet.
    expect((await getCycleDashboard(w.actors.admin, adminCycle)).agreement).toBeNull();
    await w.db.prisma.review.update({
      where: { id: review!.id },
      data: { state: "discussion", managerSubmittedAt: new Date() },
    });
    const d = await getCycleDashboard(w.actors.admin, adminCycle);
    expect(d.agreement).toEqual({ lines: 4, disconnects: 2, share: 0.5 });
    expect(d.rows.find((r) => r.reviewId === review!.id)?.status).toBe("manager-done");
  });
});
