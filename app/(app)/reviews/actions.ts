"use server";
import { z } from "zod";
import { createAction } from "@/lib/actions/safe-action";
import { addReviewComment, addReviewGoal, amendReview, saveAgreement, saveAssessment, startReview, transitionReview } from "@/lib/data/review-writes";

const id = (what: string) => z.string({ message: `${what} is missing.` }).trim().min(1, `${what} is missing.`).max(50, `${what} is too long.`);
const version = z.coerce.number({ message: "version must be a number." }).int("version must be a whole number.").min(1, "version must be at least 1.").max(1_000_000, "version is too large.");
const level = (min = 0) => z.coerce.number({ message: "Level must be a number." }).int("Level must be a whole number.").min(min, `Level must be from ${min} to 5.`).max(5, `Level must be from ${min} to 5.`);
const levels = z.array(z.object({ skillId: id("Skill"), level: level() }), { message: "levels must be a list." }).max(300, "At most 300 skills.");
const date = (what: string) => z.string({ message: `${what} is missing.` }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, `${what} must be a date like 2027-03-31.`).refine((v) => !Number.isNaN(Date.parse(v)), `${what} is not a real date.`);

export const startReviewAction = createAction(
  z.object({ teamId: id("Team"), subjectId: id("Person"), period: z.string({ message: "Enter a period." }).trim().min(1, "Enter a period, e.g. 2026 H2.").max(50, "Period must be at most 50 characters."), dueDate: date("Due date") }),
  async (input, actor) => ({ id: (await startReview(actor, { ...input, dueDate: new Date(`${input.dueDate}T23:59:59Z`) })).id }),
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
  z.object({ reviewId: id("Review"), version, skillId: id("Skill"), targetLevel: level(1), dueDate: date("Due date").optional().or(z.literal("").transform(() => undefined)), note: z.string().trim().max(1000, "Note must be at most 1000 characters.").optional().transform((v) => v || null) }),
  async (i, actor) => addReviewGoal(actor, i.reviewId, i.version, { skillId: i.skillId, targetLevel: i.targetLevel, dueDate: i.dueDate ? new Date(`${i.dueDate}T00:00:00Z`) : null, note: i.note }),
);
