"use server";
import { createAction } from "@/lib/actions/safe-action";
import { revalidatePages } from "@/lib/actions/revalidate";
import { ratingListSchema, saveMyRatings, setMyRoles } from "@/lib/data/ratings";
import { createGoal, setGoalStatus } from "@/lib/data/goals";
import { importMyRatingsCsv } from "@/lib/data/my-data";
import { CSV_MAX_MB } from "@/lib/upload-limits";
import { choice, dateAt, dueDate, fileText, id, level, optional, optionalText, z } from "@/lib/validation";

// Pages that show the actor's own ratings, roles and the fit computed from them.
const MY_PAGES = ["/me/skills", "/dashboard", "/compare"];

export const saveRatingsAction = createAction(z.object({ ratings: ratingListSchema }), async ({ ratings }, actor) => {
  const changed = await saveMyRatings(actor, ratings);
  revalidatePages(...MY_PAGES);
  return { changed };
});

const roleId = (what: string) => optional(id(what));

export const setRolesAction = createAction(
  z.object({ currentRoleId: roleId("Current role"), targetRoleId: roleId("Target role") }),
  async ({ currentRoleId, targetRoleId }, actor) => {
    await setMyRoles(actor, currentRoleId, targetRoleId);
    revalidatePages(...MY_PAGES);
    return { currentRoleId, targetRoleId };
  },
);

export const createGoalAction = createAction(
  z.object({
    skillId: id("Skill"),
    targetLevel: level("Target level", 1),
    dueDate: optional(dueDate()),
    note: optionalText(1000, "Note"),
  }),
  async (input, actor) => {
    const goal = await createGoal(actor, { ...input, dueDate: input.dueDate ? dateAt(input.dueDate) : null });
    revalidatePages("/dashboard");
    return { id: goal.id };
  },
);

export const setGoalStatusAction = createAction(
  z.object({
    goalId: id("Goal", 50),
    status: choice(["open", "done", "dropped"], "Status must be open, done or dropped."),
  }),
  async ({ goalId, status }, actor) => {
    await setGoalStatus(actor, goalId, status);
    revalidatePages("/dashboard");
    return { goalId, status };
  },
);

export const importRatingsAction = createAction(z.object({ csv: fileText(CSV_MAX_MB) }), async ({ csv }, actor) => {
  const result = await importMyRatingsCsv(actor, csv);
  revalidatePages(...MY_PAGES);
  return result;
});
