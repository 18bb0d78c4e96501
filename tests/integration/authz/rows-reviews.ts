import { fromAction, fromData, memberReaders, type Expect, type MatrixRow } from "./matrix";
import type { ActorName, World } from "../../support/world";
import {
  amendAction,
  commentAction,
  reviewGoalAction,
  saveAgreementAction,
  saveAssessmentAction,
  startReviewAction,
  transitionAction,
} from "@/app/(app)/reviews/actions";
import { getReview, getReviewDashboard } from "@/lib/data/reviews";
import { startReview } from "@/lib/data/review-writes";
import { signedIn } from "./matrix";

/**
 * Writing as the reviewing manager. The subject sees the review, so they are refused with the reason ("invalid");
 * admins see every review but take no side in it; outsiders get not found.
 */
const managerOnly: Expect = {
  anonymous: "signin",
  member: "invalid",
  otherMember: "notfound",
  manager: "ok",
  otherManager: "notfound",
  admin: "notfound",
};

/** A fresh review of the member, by their manager, in the given state. Any earlier open one is closed first. */
async function reviewOfMember(w: World, state: "self_assessment" | "discussion" | "completed" = "self_assessment") {
  const p = w.db.prisma;
  await p.review.updateMany({
    where: { subjectId: w.actors.member.id, state: { in: ["self_assessment", "manager_assessment", "discussion"] } },
    data: { state: "acknowledged" },
  });
  await p.user.update({
    where: { id: w.actors.member.id },
    data: { currentRoleId: "infrastructure-engineer", targetRoleId: "platform-engineer" },
  });
  const r = await startReview(w.actors.manager, {
    teamId: w.teamId,
    subjectId: w.actors.member.id,
    period: `matrix ${w.tag}`,
    dueDate: new Date(Date.now() + 14 * 86_400_000),
  });
  if (state !== "self_assessment") await p.review.update({ where: { id: r.id }, data: { state } });
  const line = await p.reviewSkill.findFirstOrThrow({ where: { reviewId: r.id } });
  if (state === "completed")
    await p.reviewSkill.update({
      where: { reviewId_skillId: { reviewId: r.id, skillId: line.skillId } },
      data: { selfLevel: 1, managerLevel: 2, agreedLevel: 2 },
    });
  return {
    id: r.id,
    version: (await p.review.findUniqueOrThrow({ where: { id: r.id } })).version,
    skillId: line.skillId,
  };
}

/** A person who joins the member's team just for this call, with a role so the review has skills. */
async function freshSubject(w: World, as: ActorName) {
  const u = await w.db.prisma.user.create({
    data: { email: `subject-${as}-${w.tag}@test.local`, targetRoleId: "platform-engineer" },
  });
  await w.db.prisma.teamMembership.create({ data: { teamId: w.teamId, userId: u.id } });
  return u.id;
}

export const reviewRows: MatrixRow[] = [
  {
    name: "data getReviewDashboard",
    run: (w, as) => fromData(w, as, (a) => getReviewDashboard(a)),
    expect: signedIn("ok"),
  },
  {
    name: "action startReview (member's team)",
    run: async (w, as) =>
      fromAction(
        await startReviewAction({
          teamId: w.teamId,
          subjectId: await freshSubject(w, as),
          period: "2026 H2",
          dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        }),
      ),
    // Admins observe reviews but only a real manager of the team starts one: admin rights alone answer not found.
    expect: {
      anonymous: "signin",
      member: "notfound",
      otherMember: "notfound",
      manager: "ok",
      otherManager: "notfound",
      admin: "notfound",
    },
  },
  {
    name: "data getReview (the member's review)",
    run: async (w, as) => {
      const r = await reviewOfMember(w);
      return fromData(w, as, (a) => getReview(a, r.id));
    },
    expect: memberReaders,
  },
  {
    name: "action saveAssessment (self-assessment stage)",
    run: async (w) => {
      const r = await reviewOfMember(w);
      return fromAction(
        await saveAssessmentAction({ reviewId: r.id, version: r.version, levels: [{ skillId: r.skillId, level: 2 }] }),
      );
    },
    expect: {
      anonymous: "signin",
      member: "ok",
      otherMember: "notfound",
      manager: "ok",
      otherManager: "notfound",
      admin: "notfound",
    },
  },
  {
    name: "action transition submit-self",
    run: async (w) => {
      const r = await reviewOfMember(w);
      await w.db.prisma.reviewSkill.updateMany({ where: { reviewId: r.id }, data: { selfLevel: 2 } });
      return fromAction(await transitionAction({ reviewId: r.id, version: r.version, event: "submit-self" }));
    },
    // The manager may see the review but this step is not theirs: refused as invalid, with the reason.
    expect: {
      anonymous: "signin",
      member: "ok",
      otherMember: "notfound",
      manager: "invalid",
      otherManager: "notfound",
      admin: "notfound",
    },
  },
  {
    name: "action comment (discussion)",
    run: async (w) => {
      const r = await reviewOfMember(w, "discussion");
      return fromAction(
        await commentAction({
          reviewId: r.id,
          version: r.version,
          skillId: r.skillId,
          body: "Let us talk about this.",
        }),
      );
    },
    expect: {
      anonymous: "signin",
      member: "ok",
      otherMember: "notfound",
      manager: "ok",
      otherManager: "notfound",
      admin: "notfound",
    },
  },
  {
    name: "action saveAgreement (discussion)",
    run: async (w) => {
      const r = await reviewOfMember(w, "discussion");
      return fromAction(
        await saveAgreementAction({
          reviewId: r.id,
          version: r.version,
          agreed: [{ skillId: r.skillId, level: 2 }],
          summary: "ok",
        }),
      );
    },
    expect: managerOnly,
  },
  {
    name: "action reviewGoal (discussion)",
    run: async (w) => {
      const r = await reviewOfMember(w, "discussion");
      return fromAction(
        await reviewGoalAction({ reviewId: r.id, version: r.version, skillId: r.skillId, targetLevel: 3 }),
      );
    },
    expect: {
      anonymous: "signin",
      member: "ok",
      otherMember: "notfound",
      manager: "ok",
      otherManager: "notfound",
      admin: "notfound",
    },
  },
  {
    name: "action amend (completed)",
    run: async (w) => {
      const r = await reviewOfMember(w, "completed");
      return fromAction(
        await amendAction({
          reviewId: r.id,
          version: r.version,
          skillId: r.skillId,
          toLevel: 3,
          reason: "Shipped the migration since.",
        }),
      );
    },
    expect: managerOnly,
  },
];
