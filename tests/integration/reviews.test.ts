import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { getReview, getReviewDashboard } from "@/lib/data/reviews";
import {
  addReviewComment,
  addReviewGoal,
  amendReview,
  saveAgreement,
  saveAssessment,
  startReview,
  transitionReview,
} from "@/lib/data/review-writes";
import { ConflictError, DataError, NotFoundError } from "@/lib/data/errors";
import { getTeamAudit } from "@/lib/data/team-audit";
import { appendRatings } from "@/lib/data/rating-store";

let w: World;
beforeAll(async () => {
  w = await createWorld();
  await w.db.prisma.user.update({
    where: { id: w.actors.member.id },
    data: { currentRoleId: "infrastructure-engineer", targetRoleId: "platform-engineer" },
  });
});
afterAll(() => w.db.close());

const due = new Date(Date.now() + 14 * 86_400_000);

async function freshReview() {
  await w.db.prisma.review.updateMany({
    where: { subjectId: w.actors.member.id, state: { notIn: ["completed", "acknowledged"] } },
    data: { state: "acknowledged" },
  });
  const r = await startReview(w.actors.manager, {
    teamId: w.teamId,
    subjectId: w.actors.member.id,
    period: `H${Math.random()}`,
    dueDate: due,
  });
  return getReview(w.actors.manager, r.id);
}

describe("starting a review", () => {
  it("lets only a manager of the person's team start it", async () => {
    await expect(
      startReview(w.actors.otherManager, {
        teamId: w.teamId,
        subjectId: w.actors.member.id,
        period: "x",
        dueDate: due,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      startReview(w.actors.otherManager, {
        teamId: w.otherTeamId,
        subjectId: w.actors.member.id,
        period: "x",
        dueDate: due,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      startReview(w.actors.member, { teamId: w.teamId, subjectId: w.actors.member.id, period: "x", dueDate: due }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("takes its skills from the person's current and target roles", async () => {
    const r = await freshReview();
    expect(r.state).toBe("self_assessment");
    expect(r.lines.length).toBeGreaterThan(5);
    expect(r.lines.map((l) => l.skillId)).toContain("container-orchestration");
  });
});

describe("state machine", () => {
  it("refuses every illegal transition with a clear message", async () => {
    const r = await freshReview();
    const illegal: [keyof typeof w.actors, "submit-self" | "submit-manager" | "complete" | "acknowledge", RegExp][] = [
      ["manager", "submit-self", /Only the person being reviewed can submit the self-assessment/],
      ["member", "submit-manager", /Only the reviewing manager can submit the manager assessment/],
      ["manager", "submit-manager", /cannot submit the manager assessment while the review is in self-assessment/],
      ["manager", "complete", /cannot complete the review while the review is in self-assessment/],
      ["member", "acknowledge", /cannot acknowledge the review while the review is in self-assessment/],
    ];
    for (const [who, event, message] of illegal) {
      const err = await transitionReview(w.actors[who], r.id, r.version, event).catch((e) => e);
      expect(err, `${who} ${event}`).toBeInstanceOf(DataError);
      expect((err as Error).message).toMatch(message);
    }
    expect((await getReview(w.actors.manager, r.id)).version).toBe(r.version); // nothing changed
  });

  it("carries the person's current rating and its date for a pre-filled self-assessment", async () => {
    const r = await freshReview();
    const skill = r.lines[0]!.skillId;
    const before = Date.now();
    await w.db.prisma.$transaction((tx) =>
      appendRatings(tx, w.actors.member.id, [{ skillId: skill, level: 0 }], { source: "self" }),
    );
    const view = await getReview(w.actors.member, r.id);
    const line = view.lines.find((l) => l.skillId === skill)!;
    expect(line).toMatchObject({ selfLevel: null, currentLevel: 0 });
    expect(line.currentRatedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(view.lines.find((l) => l.skillId !== skill && l.currentLevel === null)?.currentRatedAt ?? null).toBeNull();
  });

  it("requires every skill rated before the self-assessment is submitted", async () => {
    const r = await freshReview();
    await expect(transitionReview(w.actors.member, r.id, r.version, "submit-self")).rejects.toThrow(/Rate every skill/);
  });
});

describe("the full cycle", () => {
  it("keeps both sides blind until reveal, flags, agrees, locks and amends", async () => {
    let r = await freshReview();
    const skills = r.lines.map((l) => l.skillId);
    await saveAssessment(
      w.actors.member,
      r.id,
      r.version,
      skills.map((s, i) => ({ skillId: s, level: i === 0 ? 4 : 2 })),
    );
    r = await getReview(w.actors.member, r.id);
    await transitionReview(w.actors.member, r.id, r.version, "submit-self");
    r = await getReview(w.actors.manager, r.id);
    expect(r.state).toBe("manager_assessment");
    expect(r.lines.every((l) => l.selfLevel === null)).toBe(true); // the manager cannot see self ratings yet

    await saveAssessment(
      w.actors.manager,
      r.id,
      r.version,
      skills.map((s, i) => ({ skillId: s, level: i === 0 ? 2 : 2 })),
    );
    const subjectView = await getReview(w.actors.member, r.id);
    expect(subjectView.lines.every((l) => l.managerLevel === null)).toBe(true); // nor the subject the manager's
    expect(subjectView.lines[0].selfLevel).toBe(4);
    const observer = await getReview(w.actors.admin, r.id);
    expect(observer.lines.every((l) => l.selfLevel === null && l.managerLevel === null)).toBe(true);

    r = await getReview(w.actors.manager, r.id);
    await transitionReview(w.actors.manager, r.id, r.version, "submit-manager");
    r = await getReview(w.actors.member, r.id);
    expect(r.state).toBe("discussion");
    expect(r.lines[0]).toMatchObject({ selfLevel: 4, managerLevel: 2 });

    // the subject cannot change their ratings any more
    await expect(saveAssessment(w.actors.member, r.id, r.version, [{ skillId: skills[0], level: 5 }])).rejects.toThrow(
      /can no longer change/,
    );

    await addReviewComment(w.actors.member, r.id, r.version, skills[0], "I led the migration last quarter.");
    r = await getReview(w.actors.manager, r.id);
    expect(r.comments).toHaveLength(1);

    await saveAgreement(
      w.actors.manager,
      r.id,
      r.version,
      skills.map((s) => ({ skillId: s, level: 3 })),
      "Solid half; focus on Kubernetes.",
    );
    r = await getReview(w.actors.manager, r.id);
    await addReviewGoal(w.actors.manager, r.id, r.version, {
      skillId: skills[1],
      targetLevel: 4,
      dueDate: null,
      note: "From the review",
    });
    r = await getReview(w.actors.manager, r.id);
    await transitionReview(w.actors.manager, r.id, r.version, "complete");
    r = await getReview(w.actors.member, r.id);
    expect(r.state).toBe("completed");
    expect(r.locked).toBe(true);

    const confirmed = await w.db.prisma.currentRating.findMany({
      where: { userId: w.actors.member.id, skillId: { in: skills } },
    });
    expect(confirmed.every((c) => c.level === 3 && c.source === "manager")).toBe(true);
    const goal = await w.db.prisma.goal.findFirst({ where: { userId: w.actors.member.id, reviewId: r.id } });
    expect(goal?.targetLevel).toBe(4);
    // the review shows (and prints) the goals agreed in it, by skill name, to both sides
    for (const viewer of [w.actors.member, w.actors.manager])
      expect((await getReview(viewer, r.id)).goals).toEqual([
        expect.objectContaining({ skillId: skills[1], targetLevel: 4, dueDate: null, note: "From the review" }),
      ]);
    expect(r.goals[0]!.skillName).not.toBe(skills[1]);

    // locked: agreement edits are refused, amendments are recorded
    await expect(
      saveAgreement(w.actors.manager, r.id, r.version, [{ skillId: skills[0], level: 4 }], null),
    ).rejects.toThrow(/locked/);
    await amendReview(w.actors.manager, r.id, r.version, skills[0], 4, "Missed the on-call work");
    r = await getReview(w.actors.member, r.id);
    expect(r.lines[0]).toMatchObject({ agreedLevel: 3, effectiveLevel: 4 });
    expect(r.amendments[0]).toMatchObject({ fromLevel: 3, toLevel: 4, reason: "Missed the on-call work" });

    await transitionReview(w.actors.member, r.id, r.version, "acknowledge", "Thanks, agreed.");
    r = await getReview(w.actors.member, r.id);
    expect(r.state).toBe("acknowledged");
    expect(r.audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "review.started",
        "review.submit-self",
        "review.submit-manager",
        "review.complete",
        "review.amended",
        "review.acknowledge",
      ]),
    );

    // the team audit now prefers the agreed (manager-confirmed) levels
    const audit = await getTeamAudit(w.actors.manager, w.teamId);
    const row = audit.matrix!.rows.find((m) => m.userId === w.actors.member.id)!;
    expect(row.cells[skills[0]]).toMatchObject({ level: 4, confirmed: true });
  });
});

describe("concurrency and access", () => {
  it("answers a stale version with a conflict carrying the newer review", async () => {
    const r = await freshReview();
    const skill = r.lines[0].skillId;
    await saveAssessment(w.actors.member, r.id, r.version, [{ skillId: skill, level: 1 }]);
    const err = await saveAssessment(w.actors.member, r.id, r.version, [{ skillId: skill, level: 2 }]).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toMatch(/changed since you opened it/);
    expect((err.latest as { version: number }).version).toBe(r.version + 1);
    expect((await getReview(w.actors.member, r.id)).lines[0].selfLevel).toBe(1); // the first write survived
  });

  it("hides the review from another manager and from other members", async () => {
    const r = await freshReview();
    for (const who of ["otherManager", "otherMember"] as const) {
      await expect(getReview(w.actors[who], r.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(saveAssessment(w.actors[who], r.id, r.version, [])).rejects.toBeInstanceOf(NotFoundError);
      await expect(transitionReview(w.actors[who], r.id, r.version, "complete")).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("answers not found, not an error, for ids no row could have (from a hand-edited URL)", async () => {
    for (const id of ["x\u0000y", "", "z".repeat(5000)]) {
      await expect(getReview(w.actors.admin, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getTeamAudit(w.actors.admin, id)).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("lists the manager's reviews overdue first and the people due", async () => {
    const r = await freshReview();
    await w.db.prisma.review.update({ where: { id: r.id }, data: { dueDate: new Date(Date.now() - 86_400_000) } });
    const d = await getReviewDashboard(w.actors.manager);
    expect(d.reviews[0]).toMatchObject({ id: r.id, overdue: true });
    const other = await getReviewDashboard(w.actors.otherManager);
    expect(other.reviews.find((x) => x.id === r.id)).toBeUndefined();
    expect(other.due.map((x) => x.userId)).toContain(w.actors.otherMember.id);
  });
});
