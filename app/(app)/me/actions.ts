"use server";
import { z } from "zod";
import { createAction } from "@/lib/actions/safe-action";
import { ratingEntrySchema, saveMyRatings, setMyRoles } from "@/lib/data/ratings";
import { createGoal, setGoalStatus } from "@/lib/data/goals";
import { importMyRatingsCsv } from "@/lib/data/my-data";

export const saveRatingsAction = createAction(
  z.object({ ratings: z.array(ratingEntrySchema, { message: "ratings must be a list." }).min(1, "Change at least one rating.").max(500, "At most 500 ratings at once.") }),
  async ({ ratings }, actor) => ({ changed: await saveMyRatings(actor, ratings) }),
);

const roleId = z.string().trim().max(100, "Role id is too long.").optional().transform((v) => v || null);

export const setRolesAction = createAction(z.object({ currentRoleId: roleId, targetRoleId: roleId }), async ({ currentRoleId, targetRoleId }, actor) => {
  await setMyRoles(actor, currentRoleId, targetRoleId);
  return { currentRoleId, targetRoleId };
});

export const createGoalAction = createAction(
  z.object({
    skillId: z.string().trim().min(1, "Choose a skill.").max(100, "Skill id is too long."),
    targetLevel: z.coerce.number({ message: "Target level must be a number from 1 to 5." }).int("Target level must be a whole number.").min(1, "Target level must be from 1 to 5.").max(5, "Target level must be from 1 to 5."),
    dueDate: z
      .string()
      .trim()
      .max(10, "Due date must be a date like 2027-03-31.")
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), "Due date must be a date like 2027-03-31."),
    note: z.string().trim().max(1000, "Note must be at most 1000 characters.").optional().transform((v) => v || null),
  }),
  async (input, actor) => {
    const goal = await createGoal(actor, { ...input, dueDate: input.dueDate ? new Date(`${input.dueDate}T00:00:00Z`) : null });
    return { id: goal.id };
  },
);

export const setGoalStatusAction = createAction(
  z.object({ goalId: z.string().trim().min(1, "Goal is missing.").max(50, "Goal id is too long."), status: z.enum(["open", "done", "dropped"], { message: "Status must be open, done or dropped." }) }),
  async ({ goalId, status }, actor) => {
    await setGoalStatus(actor, goalId, status);
    return { goalId, status };
  },
);

export const importRatingsAction = createAction(
  z.object({ csv: z.string().min(1, "The file is empty.").max(2_000_000, "The file is larger than 2 MB.") }),
  async ({ csv }, actor) => importMyRatingsCsv(actor, csv),
);
