"use server";
import { revalidatePages } from "@/lib/actions/revalidate";
import { createAction } from "@/lib/actions/safe-action";
import { endorse, endorseSchema, setEndorsementHidden, withdrawEndorsement } from "@/lib/data/endorsements";
import { flag, id, z } from "@/lib/validation";

/** A teammate vouches for a person's current rating of a skill (with an optional comment). */
export const endorseAction = createAction(endorseSchema, async (input, actor) => {
  const { level } = await endorse(actor, input);
  // Endorsement counts show on the profile and in the finder's evidence markers.
  revalidatePages(`/people/${input.personId}`, "/people");
  return { level };
});

export const withdrawEndorsementAction = createAction(
  z.object({ personId: id("Person"), skillId: id("Skill") }),
  async ({ personId, skillId }, actor) => {
    await withdrawEndorsement(actor, personId, skillId);
    revalidatePages(`/people/${personId}`, "/people");
    return null;
  },
);

/** The person endorsed hides an endorsement of their rating, or shows it again. */
export const setEndorsementHiddenAction = createAction(
  z.object({ endorsementId: id("Endorsement"), hidden: flag("Hidden must be true or false.") }),
  async ({ endorsementId, hidden }, actor) => {
    await setEndorsementHidden(actor, endorsementId, hidden);
    revalidatePages(`/people/${actor.id}`, "/people");
    return { hidden };
  },
);
