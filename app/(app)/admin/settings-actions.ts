"use server";
import { createAction } from "@/lib/actions/safe-action";
import { revalidatePages } from "@/lib/actions/revalidate";
import { setManagersMayCreateTeams } from "@/lib/data/settings";
import { flag, z } from "@/lib/validation";

export const setManagersCreateTeamsAction = createAction(
  z.object({ allowed: flag("Managers may create teams must be true or false.") }),
  async ({ allowed }, actor) => {
    await setManagersMayCreateTeams(actor, allowed);
    revalidatePages("/admin", "/teams");
    return { allowed };
  },
);
