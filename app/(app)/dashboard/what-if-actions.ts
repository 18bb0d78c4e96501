"use server";
import { createAction } from "@/lib/actions/safe-action";
import { revalidatePages } from "@/lib/actions/revalidate";
import { saveWhatIfGoals, SCENARIO_MAX } from "@/lib/data/scenarios";
import { parseRaise, type Raise } from "@/lib/domain/scenario";
import { list, z } from "@/lib/validation";

const raise = z
  .string({ message: "Raise must be a skill and a level." })
  .max(120, "Raise is too long.")
  .transform((v, ctx): Raise => {
    const r = parseRaise(v);
    if (!r) {
      ctx.addIssue({ code: "custom", message: "Raise must be a skill and a level from 1 to 5." });
      return z.NEVER;
    }
    return r;
  });

/** "Save as goals": the scenario's raised skills become open goals at the raised levels (skipping open ones). */
export const saveWhatIfGoalsAction = createAction(
  z.object({
    raise: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      list(raise, SCENARIO_MAX, "Raises").min(1, "Raise at least one skill first."),
    ),
  }),
  async ({ raise: raises }, actor) => {
    const result = await saveWhatIfGoals(actor, raises);
    if (result.created.length > 0) revalidatePages("/dashboard");
    return result;
  },
);
