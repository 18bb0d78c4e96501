"use server";
import { createAction } from "@/lib/actions/safe-action";
import { revalidatePages } from "@/lib/actions/revalidate";
import { ConflictError } from "@/lib/data/errors";
import {
  addReviewComment,
  addReviewGoal,
  amendReview,
  saveAgreement,
  saveAssessment,
  startReview,
  transitionReview,
} from "@/lib/data/review-writes";
import {
  choice,
  dateAt,
  dueDate,
  id,
  level,
  list,
  optional,
  optionalText,
  requiredText,
  wholeNumber,
  z,
} from "@/lib/validation";

const version = wholeNumber("Version", 1, 1_000_000);
const levels = list(
  z.object(
    { skillId: id("Skill"), level: level() },
    { message: "Each level must be an object with a skillId and a level." },
  ),
  300,
  "Levels",
);

/** The review's own page and the list; `alsoMine` when agreed levels or goals reach the people's ratings and plans. */
const revalidateReview = (reviewId: string, alsoMine = false) =>
  revalidatePages(`/reviews/${reviewId}`, "/reviews", ...(alsoMine ? ["/dashboard", "/me/skills", "/teams"] : []));

/**
 * Runs one versioned write and revalidates the review. A conflict (someone else wrote first) revalidates too, so the
 * answer carries the newer review the message says is shown.
 */
async function write<T>(reviewId: string, fn: () => Promise<T>, alsoMine = false): Promise<T> {
  try {
    const out = await fn();
    revalidateReview(reviewId, alsoMine);
    return out;
  } catch (e) {
    if (e instanceof ConflictError) revalidateReview(reviewId);
    throw e;
  }
}

export const startReviewAction = createAction(
  z.object({
    teamId: id("Team"),
    subjectId: id("Person"),
    period: requiredText(50, "Period", "Enter a period, e.g. 2026 H2."),
    dueDate: dueDate(),
  }),
  async (input, actor) => {
    const review = await startReview(actor, { ...input, dueDate: dateAt(input.dueDate, "end") });
    revalidatePages("/reviews", "/dashboard");
    return { id: review.id };
  },
);

export const saveAssessmentAction = createAction(
  z.object({ reviewId: id("Review"), version, levels }),
  async (i, actor) => write(i.reviewId, () => saveAssessment(actor, i.reviewId, i.version, i.levels)),
);

export const saveAgreementAction = createAction(
  z.object({ reviewId: id("Review"), version, agreed: levels, summary: optionalText(5000, "Summary") }),
  async (i, actor) => write(i.reviewId, () => saveAgreement(actor, i.reviewId, i.version, i.agreed, i.summary)),
);

export const transitionAction = createAction(
  z.object({
    reviewId: id("Review"),
    version,
    event: choice(
      ["submit-self", "submit-manager", "complete", "acknowledge"],
      "event must be submit-self, submit-manager, complete or acknowledge.",
    ),
    comment: optionalText(2000, "Comment"),
  }),
  async (i, actor) =>
    write(
      i.reviewId,
      () => transitionReview(actor, i.reviewId, i.version, i.event, i.comment),
      i.event === "complete" || i.event === "acknowledge",
    ),
);

export const commentAction = createAction(
  z.object({
    reviewId: id("Review"),
    version,
    skillId: id("Skill"),
    body: requiredText(2000, "Comment", "Write a comment."),
  }),
  async (i, actor) => write(i.reviewId, () => addReviewComment(actor, i.reviewId, i.version, i.skillId, i.body)),
);

export const amendAction = createAction(
  z.object({
    reviewId: id("Review"),
    version,
    skillId: id("Skill"),
    toLevel: level("New level"),
    reason: requiredText(1000, "Reason", "Give a reason for the amendment.").refine(
      (v) => v.length >= 3,
      "Give a reason for the amendment.",
    ),
  }),
  async (i, actor) =>
    write(i.reviewId, () => amendReview(actor, i.reviewId, i.version, i.skillId, i.toLevel, i.reason), true),
);

export const reviewGoalAction = createAction(
  z.object({
    reviewId: id("Review"),
    version,
    skillId: id("Skill"),
    targetLevel: level("Target level", 1),
    dueDate: optional(dueDate()),
    note: optionalText(1000, "Note"),
  }),
  async (i, actor) =>
    write(
      i.reviewId,
      () =>
        addReviewGoal(actor, i.reviewId, i.version, {
          skillId: i.skillId,
          targetLevel: i.targetLevel,
          dueDate: i.dueDate ? dateAt(i.dueDate) : null,
          note: i.note,
        }),
      true,
    ),
);
