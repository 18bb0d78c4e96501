/**
 * Reviews follow current team membership: a manager whose report left (or who left the team themself) gets "not
 * found" on every read and write; a subject who left reads but cannot write; admins observe but never run a review
 * in a team they do not manage. Also: the blind phase holds in the personal export, deleting the manager's account
 * keeps everyone else's records, and one open review per person and team holds under parallel starts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { DELETED_USER, FORMER_MANAGER, getReview, getReviewDashboard } from "@/lib/data/reviews";
import {
  addReviewComment,
  addReviewGoal,
  amendReview,
  saveAgreement,
  saveAssessment,
  startReview,
  transitionReview,
} from "@/lib/data/review-writes";
import { exportMyData } from "@/lib/data/my-data";
import { deleteAccount } from "@/lib/data/users";
import { DataError, NotFoundError } from "@/lib/data/errors";
import type { Actor } from "@/lib/data/policy";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());

const due = new Date(Date.now() + 14 * 86_400_000);
type State = "self_assessment" | "manager_assessment" | "discussion" | "completed";
type Person = Actor & { email: string };
type Org = { teamId: string; manager: Person; coManager: Person; subject: Person };
let n = 0;

/** A fresh team: a manager, a co-manager and a member with roles (so a review has skills). */
async function org(): Promise<Org> {
  const p = w.db.prisma;
  const tag = `${w.tag}-${(n += 1)}`;
  const mk = async (key: string): Promise<Person> => {
    const u = await p.user.create({
      data: {
        email: `${key}-${tag}@test.local`,
        name: `${key} ${tag}`,
        emailVerified: new Date(),
        currentRoleId: "infrastructure-engineer",
        targetRoleId: "platform-engineer",
      },
    });
    return { id: u.id, isAdmin: false, email: u.email };
  };
  const [manager, coManager, subject] = [await mk("manager"), await mk("co-manager"), await mk("subject")];
  const team = await p.team.create({ data: { name: `Team ${tag}` } });
  await p.teamMembership.createMany({
    data: [
      { teamId: team.id, userId: manager.id, role: "manager" },
      { teamId: team.id, userId: coManager.id, role: "manager" },
      { teamId: team.id, userId: subject.id, role: "member" },
    ],
  });
  return { teamId: team.id, manager, coManager, subject };
}

/** A review of the org's subject by its manager, put straight into `state` with every level it needs there. */
async function reviewIn(o: Org, state: State) {
  const p = w.db.prisma;
  const r = await startReview(o.manager, {
    teamId: o.teamId,
    subjectId: o.subject.id,
    period: `2026 ${state}`,
    dueDate: due,
  });
  if (state !== "self_assessment")
    await p.reviewSkill.updateMany({ where: { reviewId: r.id }, data: { selfLevel: 2, managerLevel: 3 } });
  if (state === "discussion" || state === "completed")
    await p.reviewSkill.updateMany({ where: { reviewId: r.id }, data: { agreedLevel: 3 } });
  await p.review.update({
    where: { id: r.id },
    data: {
      state,
      summary: state === "discussion" || state === "completed" ? "Solid." : null,
      completedAt: state === "completed" ? new Date() : null,
    },
  });
  const line = await p.reviewSkill.findFirstOrThrow({ where: { reviewId: r.id }, orderBy: { skillId: "asc" } });
  return { id: r.id, version: 1, skillId: line.skillId };
}

type Review = Awaited<ReturnType<typeof reviewIn>>;
const leave = (o: Org, who: Person) =>
  w.db.prisma.teamMembership.delete({ where: { teamId_userId: { teamId: o.teamId, userId: who.id } } });
const managerConfirmed = (o: Org) => w.db.prisma.rating.count({ where: { userId: o.subject.id, source: "manager" } });
const version = async (id: string) => (await w.db.prisma.review.findUniqueOrThrow({ where: { id } })).version;

/** Every write the reviewing manager makes, each in the state where it is allowed. */
const managerWrites: [string, State, (a: Actor, r: Review) => Promise<unknown>][] = [
  [
    "save the assessment",
    "self_assessment",
    (a, r) => saveAssessment(a, r.id, r.version, [{ skillId: r.skillId, level: 4 }]),
  ],
  ["submit the assessment", "manager_assessment", (a, r) => transitionReview(a, r.id, r.version, "submit-manager")],
  ["comment", "discussion", (a, r) => addReviewComment(a, r.id, r.version, r.skillId, "Let us talk.")],
  [
    "add a goal",
    "discussion",
    (a, r) => addReviewGoal(a, r.id, r.version, { skillId: r.skillId, targetLevel: 4, dueDate: null, note: null }),
  ],
  [
    "save the agreement",
    "discussion",
    (a, r) => saveAgreement(a, r.id, r.version, [{ skillId: r.skillId, level: 4 }], "Agreed."),
  ],
  [
    "complete (writes manager-confirmed history)",
    "discussion",
    (a, r) => transitionReview(a, r.id, r.version, "complete"),
  ],
  [
    "amend (writes manager-confirmed history)",
    "completed",
    (a, r) => amendReview(a, r.id, r.version, r.skillId, 5, "Shipped the migration since."),
  ],
];

describe("the reviewing manager, while both are in the team", () => {
  it.each(managerWrites)("may %s", async (_name, state, write) => {
    const o = await org();
    const r = await reviewIn(o, state);
    await expect(write(o.manager, r)).resolves.not.toThrow();
    expect(await version(r.id)).toBe(2);
  });
});

describe("after the subject leaves the team", () => {
  it("the manager and co-managers get not found, and the review leaves their list", async () => {
    const o = await org();
    const r = await reviewIn(o, "discussion");
    expect((await getReview(o.manager, r.id)).side).toBe("manager");
    expect(await getReview(o.coManager, r.id)).toMatchObject({ side: "observer", canWrite: false });
    await leave(o, o.subject);
    for (const who of [o.manager, o.coManager]) {
      await expect(getReview(who, r.id)).rejects.toBeInstanceOf(NotFoundError);
      expect((await getReviewDashboard(who)).reviews.map((x) => x.id)).not.toContain(r.id);
    }
  });

  it.each(managerWrites)("the manager cannot %s (not found, nothing written)", async (_name, state, write) => {
    const o = await org();
    const r = await reviewIn(o, state);
    const confirmed = await managerConfirmed(o);
    await leave(o, o.subject);
    await expect(write(o.manager, r)).rejects.toBeInstanceOf(NotFoundError);
    expect(await version(r.id)).toBe(1);
    expect(await managerConfirmed(o)).toBe(confirmed);
  });

  it("the subject still reads their review, but cannot write to it", async () => {
    const o = await org();
    const self = await reviewIn(o, "self_assessment");
    await leave(o, o.subject);
    expect(await getReview(o.subject, self.id)).toMatchObject({ side: "subject", canWrite: false });
    expect((await getReviewDashboard(o.subject)).reviews.find((x) => x.id === self.id)).toMatchObject({
      side: "subject",
      canWrite: false,
    });
    await expect(saveAssessment(o.subject, self.id, 1, [{ skillId: self.skillId, level: 2 }])).rejects.toThrow(
      /no longer a member/,
    );
    await expect(transitionReview(o.subject, self.id, 1, "submit-self")).rejects.toBeInstanceOf(DataError);
    expect(await version(self.id)).toBe(1);

    await w.db.prisma.teamMembership.create({ data: { teamId: o.teamId, userId: o.subject.id } }); // back, to start the next ones
    await w.db.prisma.review.update({ where: { id: self.id }, data: { state: "acknowledged" } });
    const disc = await reviewIn(o, "discussion");
    await leave(o, o.subject);
    await expect(addReviewComment(o.subject, disc.id, 1, disc.skillId, "Hello?")).rejects.toBeInstanceOf(DataError);
    await expect(
      addReviewGoal(o.subject, disc.id, 1, { skillId: disc.skillId, targetLevel: 4, dueDate: null, note: null }),
    ).rejects.toBeInstanceOf(DataError);
    await w.db.prisma.review.update({ where: { id: disc.id }, data: { state: "completed" } });
    await expect(transitionReview(o.subject, disc.id, 1, "acknowledge")).rejects.toBeInstanceOf(DataError);
    expect(await version(disc.id)).toBe(1);
    expect(await w.db.prisma.reviewComment.count({ where: { reviewId: disc.id } })).toBe(0);
  });
});

describe("after the manager leaves the team", () => {
  it.each([
    ["removed", (o: Org) => leave(o, o.manager)],
    [
      "demoted to member",
      (o: Org) =>
        w.db.prisma.teamMembership.update({
          where: { teamId_userId: { teamId: o.teamId, userId: o.manager.id } },
          data: { role: "member" },
        }),
    ],
  ] as const)("a manager %s can neither see nor amend the review", async (_how, change) => {
    const o = await org();
    const r = await reviewIn(o, "completed");
    await change(o);
    await expect(getReview(o.manager, r.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getReviewDashboard(o.manager)).reviews.map((x) => x.id)).not.toContain(r.id);
    await expect(amendReview(o.manager, r.id, r.version, r.skillId, 5, "Still my call?")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await managerConfirmed(o)).toBe(0);
    // the co-manager still observes, the subject still acknowledges
    expect(await getReview(o.coManager, r.id)).toMatchObject({ side: "observer" });
    await transitionReview(o.subject, r.id, r.version, "acknowledge", "Thanks.");
  });
});

describe("admins", () => {
  it("observe a review but cannot start or run one in a team they do not manage", async () => {
    const o = await org();
    const admin = w.actors.admin;
    await expect(
      startReview(admin, { teamId: o.teamId, subjectId: o.subject.id, period: "admin", dueDate: due }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await getReviewDashboard(admin)).due.map((d) => d.teamId)).not.toContain(o.teamId);
    const r = await reviewIn(o, "self_assessment");
    expect(await getReview(admin, r.id)).toMatchObject({ side: "observer", canWrite: false });
    await expect(saveAssessment(admin, r.id, 1, [{ skillId: r.skillId, level: 5 }])).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await w.db.prisma.review.update({ where: { id: r.id }, data: { state: "completed" } });
    await expect(amendReview(admin, r.id, 1, r.skillId, 5, "Admin override")).rejects.toBeInstanceOf(NotFoundError);
    expect(await version(r.id)).toBe(1);
  });

  it("start reviews in a team they do manage", async () => {
    const o = await org();
    await w.db.prisma.teamMembership.create({ data: { teamId: o.teamId, userId: w.actors.admin.id, role: "manager" } });
    await w.db.prisma.review.updateMany({ where: { subjectId: o.subject.id }, data: { state: "acknowledged" } });
    const r = await startReview(w.actors.admin, {
      teamId: o.teamId,
      subjectId: o.subject.id,
      period: "admin as manager",
      dueDate: due,
    });
    expect((await getReview(w.actors.admin, r.id)).side).toBe("manager");
  });
});

describe("the previous-review comparison", () => {
  it("shows a manager only an earlier review they may see", async () => {
    const a = await org();
    const b = await org(); // a second team, managed by someone else, that the same subject belongs to
    await w.db.prisma.teamMembership.create({ data: { teamId: b.teamId, userId: a.subject.id } });
    const earlier = await startReview(b.manager, {
      teamId: b.teamId,
      subjectId: a.subject.id,
      period: "2026 H1 (team B)",
      dueDate: due,
    });
    await w.db.prisma.reviewSkill.updateMany({
      where: { reviewId: earlier.id },
      data: { selfLevel: 1, managerLevel: 1, agreedLevel: 1 },
    });
    await w.db.prisma.review.update({
      where: { id: earlier.id },
      data: {
        state: "acknowledged",
        completedAt: new Date(Date.now() - 86_400_000),
        createdAt: new Date(Date.now() - 2 * 86_400_000),
      },
    });
    const now = await startReview(a.manager, {
      teamId: a.teamId,
      subjectId: a.subject.id,
      period: "2026 H2 (team A)",
      dueDate: due,
    });

    const asManager = await getReview(a.manager, now.id);
    expect(asManager.previous).toBeNull();
    expect(asManager.lines.every((l) => l.previousLevel === null)).toBe(true);
    await expect(getReview(a.manager, earlier.id)).rejects.toBeInstanceOf(NotFoundError);

    const asSubject = await getReview(a.subject, now.id);
    expect(asSubject.previous).toMatchObject({ id: earlier.id });
    expect(asSubject.lines.some((l) => l.previousLevel === 1)).toBe(true);
    await expect(getReview(b.manager, now.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the subject's personal export", () => {
  it("keeps the manager's and agreed levels hidden until the reveal, exactly like the review page", async () => {
    const o = await org();
    let r = await getReview(
      o.manager,
      (await startReview(o.manager, { teamId: o.teamId, subjectId: o.subject.id, period: "blind", dueDate: due })).id,
    );
    const skills = r.lines.map((l) => l.skillId);
    await saveAssessment(
      o.manager,
      r.id,
      r.version,
      skills.map((skillId) => ({ skillId, level: 4 })),
    );
    await saveAssessment(
      o.subject,
      r.id,
      r.version + 1,
      skills.map((skillId) => ({ skillId, level: 2 })),
    );
    await w.db.prisma.reviewSkill.updateMany({ where: { reviewId: r.id }, data: { agreedLevel: 3 } }); // even if one were recorded early

    const exported = async () => (await exportMyData(o.subject)).reviews.find((x) => x.id === r.id)!;
    const page = async () =>
      (await getReview(o.subject, r.id)).lines.map(({ skillId, selfLevel, managerLevel, agreedLevel }) => ({
        skillId,
        selfLevel,
        managerLevel,
        agreedLevel,
      }));
    const sorted = <T extends { skillId: string }>(xs: T[]) =>
      [...xs].sort((x, y) => x.skillId.localeCompare(y.skillId));

    let e = await exported();
    expect(e.skills.every((l) => l.selfLevel === 2 && l.managerLevel === null && l.agreedLevel === null)).toBe(true);
    expect(sorted(e.skills)).toEqual(sorted(await page()));

    r = await getReview(o.subject, r.id);
    await transitionReview(o.subject, r.id, r.version, "submit-self");
    e = await exported();
    expect(e.state).toBe("manager-assessment");
    expect(e.skills.every((l) => l.managerLevel === null && l.agreedLevel === null)).toBe(true);
    expect(sorted(e.skills)).toEqual(sorted(await page()));

    r = await getReview(o.manager, r.id);
    await transitionReview(o.manager, r.id, r.version, "submit-manager");
    e = await exported();
    expect(e.skills.every((l) => l.selfLevel === 2 && l.managerLevel === 4 && l.agreedLevel === 3)).toBe(true);
    expect(sorted(e.skills)).toEqual(sorted(await page()));
  });
});

describe("deleting the manager's account", () => {
  it("keeps the review, its comments, amendments and the subject's manager-confirmed history", async () => {
    const o = await org();
    let r = await getReview(o.manager, (await reviewIn(o, "discussion")).id);
    const skillId = r.lines[0]!.skillId;
    await addReviewComment(o.manager, r.id, r.version, skillId, "From the manager.");
    await addReviewComment(o.subject, r.id, r.version + 1, skillId, "From the subject.");
    await addReviewGoal(o.manager, r.id, r.version + 2, {
      skillId,
      targetLevel: 4,
      dueDate: null,
      note: "From the review",
    });
    r = await getReview(o.manager, r.id);
    await transitionReview(o.manager, r.id, r.version, "complete");
    r = await getReview(o.manager, r.id);
    await amendReview(o.manager, r.id, r.version, skillId, 4, "Missed the on-call work");
    const history = await managerConfirmed(o);
    expect(history).toBeGreaterThan(1);

    await deleteAccount(o.manager, o.manager.email);

    const p = w.db.prisma;
    expect(await p.review.findUnique({ where: { id: r.id }, select: { managerId: true } })).toEqual({
      managerId: null,
    });
    expect(await p.reviewComment.count({ where: { reviewId: r.id } })).toBe(2);
    expect(await managerConfirmed(o)).toBe(history);
    expect(await p.rating.count({ where: { userId: o.subject.id, reviewId: r.id } })).toBe(history); // still linked to the review
    expect(await p.goal.findFirst({ where: { userId: o.subject.id, reviewId: r.id } })).not.toBeNull();

    const seen = await getReview(o.subject, r.id);
    expect(seen.manager).toBeNull();
    expect(seen.managerName).toBe(FORMER_MANAGER);
    expect(seen.comments.map((c) => c.author)).toEqual([DELETED_USER, expect.stringContaining("subject")]);
    expect(seen.amendments[0]).toMatchObject({ author: DELETED_USER, toLevel: 4 });
    expect(seen.lines.find((l) => l.skillId === skillId)?.effectiveLevel).toBe(4);
    expect((await getReviewDashboard(o.subject)).reviews.find((x) => x.id === r.id)?.managerName).toBe(FORMER_MANAGER);
    // nobody runs it as manager any more; the co-manager still observes, the subject still acknowledges
    expect((await getReview(o.coManager, r.id)).side).toBe("observer");
    await transitionReview(o.subject, r.id, seen.version, "acknowledge", null);
  });
});

describe("one open review per person and team", () => {
  it("holds under 40 parallel starts: one review, the others told one is in progress", async () => {
    const o = await org();
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        startReview(o.manager, { teamId: o.teamId, subjectId: o.subject.id, period: `race ${i}`, dueDate: due }),
      ),
    );
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    for (const x of results.filter((x): x is PromiseRejectedResult => x.status === "rejected")) {
      expect(x.reason).toBeInstanceOf(DataError);
      expect((x.reason as Error).message).toBe("This person already has a review in progress.");
    }
    expect(
      await w.db.prisma.review.count({
        where: {
          subjectId: o.subject.id,
          teamId: o.teamId,
          state: { in: ["self_assessment", "manager_assessment", "discussion"] },
        },
      }),
    ).toBe(1);
  });
});
