"use server";
import { revalidatePages } from "@/lib/actions/revalidate";
import { createAction } from "@/lib/actions/safe-action";
import { mergeSkills, unmergeLatest } from "@/lib/data/skill-merge";
import { id, wholeNumber, z } from "@/lib/validation";

// A merge rewrites the taxonomy and moves ratings: every page that names skills or shows levels changes.
const CHANGED = ["/admin", "/admin/merge", "/skills", "/roles", "/me/skills", "/dashboard", "/compare", "/teams"];

export const mergeSkillsAction = createAction(
  z.object({
    sourceId: id("Skill to merge", 200),
    targetId: id("Skill to merge into", 200),
    // The numbers the admin confirmed: the merge is refused when they no longer hold.
    expectedPeople: wholeNumber("People in the preview", 0, 1_000_000_000),
    expectedRatings: wholeNumber("Ratings in the preview", 0, 1_000_000_000),
  }),
  async (input, actor) => {
    const result = await mergeSkills(actor, input);
    revalidatePages(...CHANGED);
    return result;
  },
);

export const unmergeSkillsAction = createAction(z.object({ mergeId: id("Merge", 50) }), async ({ mergeId }, actor) => {
  const result = await unmergeLatest(actor, { mergeId });
  revalidatePages(...CHANGED);
  return result;
});
