"use server";
import { createAction } from "@/lib/actions/safe-action";
import { ratingListSchema, saveMyRatings, setMyRoles } from "@/lib/data/ratings";
import { createGoal, setGoalStatus } from "@/lib/data/goals";
import { importMyRatingsCsv } from "@/lib/data/my-data";
import { CSV_MAX_MB } from "@/lib/upload-limits";
import { dateAt, dueDate, fileText, id, level, optional, optionalText, z } from "@/lib/validation";

export const saveRatingsAction = createAction(z.object({ ratings: ratingListSchema }), async ({ ratings }, actor) => ({ changed: await saveMyRatings(actor, ratings) }));

const roleId = (what: string) => optional(id(what));

export const setRolesAction = createAction(z.object({ currentRoleId: roleId("Current role"), targetRoleId: roleId("Target role") }), async ({ currentRoleId, targetRoleId }, actor) => {
  await setMyRoles(actor, currentRoleId, targetRoleId);
  return { currentRoleId, targetRoleId };
});

export const createGoalAction = createAction(
  z.object({ skillId: id("Skill"), targetLevel: level("Target level", 1), dueDate: optional(dueDate()), note: optionalText(1000, "Note") }),
  async (input, actor) => {
    const goal = await createGoal(actor, { ...input, dueDate: input.dueDate ? dateAt(input.dueDate) : null });
    return { id: goal.id };
  },
);

export const setGoalStatusAction = createAction(
  z.object({ goalId: id("Goal", 50), status: z.enum(["open", "done", "dropped"], { message: "Status must be open, done or dropped." }) }),
  async ({ goalId, status }, actor) => {
    await setGoalStatus(actor, goalId, status);
    return { goalId, status };
  },
);

export const importRatingsAction = createAction(z.object({ csv: fileText(CSV_MAX_MB) }), async ({ csv }, actor) => importMyRatingsCsv(actor, csv));
