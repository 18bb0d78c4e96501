"use server";
import { createAction } from "@/lib/actions/safe-action";
import { addReviewComment, addReviewGoal, amendReview, saveAgreement, saveAssessment, startReview, transitionReview } from "@/lib/data/review-writes";
import { dateAt, dueDate, id, level, optional, optionalText, requiredText, wholeNumber, z } from "@/lib/validation";

const version = wholeNumber("Version", 1, 1_000_000);
const levels = z.array(z.object({ skillId: id("Skill"), level: level() }, { message: "Each level must be an object with a skillId and a level." }), { message: "Levels must be a list." }).max(300, "At most 300 skills.");

export const startReviewAction = createAction(
  z.object({ teamId: id("Team"), subjectId: id("Person"), period: requiredText(50, "Period", "Enter a period, e.g. 2026 H2."), dueDate: dueDate() }),
  async (input, actor) => ({ id: (await startReview(actor, { ...input, dueDate: dateAt(input.dueDate, "end") })).id }),
);

export const saveAssessmentAction = createAction(z.object({ reviewId: id("Review"), version, levels }), async (i, actor) => saveAssessment(actor, i.reviewId, i.version, i.levels));

export const saveAgreementAction = createAction(
  z.object({ reviewId: id("Review"), version, agreed: levels, summary: z.string().trim().max(5000, "Summary must be at most 5000 characters.").nullable().optional().transform((v) => v ?? null) }),
  async (i, actor) => saveAgreement(actor, i.reviewId, i.version, i.agreed, i.summary),
);

export const transitionAction = createAction(
  z.object({ reviewId: id("Review"), version, event: z.enum(["submit-self", "submit-manager", "complete", "acknowledge"], { message: "event must be submit-self, submit-manager, complete or acknowledge." }), comment: z.string().trim().max(2000, "Comment must be at most 2000 characters.").optional().transform((v) => v || null) }),
  async (i, actor) => transitionReview(actor, i.reviewId, i.version, i.event, i.comment),
);

export const commentAction = createAction(
  z.object({ reviewId: id("Review"), version, skillId: id("Skill"), body: z.string({ message: "Write a comment." }).trim().min(1, "Write a comment.").max(2000, "Comment must be at most 2000 characters.") }),
  async (i, actor) => addReviewComment(actor, i.reviewId, i.version, i.skillId, i.body),
);

export const amendAction = createAction(
  z.object({ reviewId: id("Review"), version, skillId: id("Skill"), toLevel: level(), reason: z.string({ message: "Give a reason." }).trim().min(3, "Give a reason for the amendment.").max(1000, "Reason must be at most 1000 characters.") }),
  async (i, actor) => amendReview(actor, i.reviewId, i.version, i.skillId, i.toLevel, i.reason),
);

export const reviewGoalAction = createAction(
  z.object({ reviewId: id("Review"), version, skillId: id("Skill"), targetLevel: level("Target level", 1), dueDate: optional(dueDate()), note: optionalText(1000, "Note") }),
  async (i, actor) => addReviewGoal(actor, i.reviewId, i.version, { skillId: i.skillId, targetLevel: i.targetLevel, dueDate: i.dueDate ? dateAt(i.dueDate) : null, note: i.note }),
);
