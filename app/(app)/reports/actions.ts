"use server";
import { createAction } from "@/lib/actions/safe-action";
import { revalidatePages } from "@/lib/actions/revalidate";
import { ORG_TARGET_MAX, setOrgTarget } from "@/lib/data/org-target";
import { id, list, wholeNumber, z } from "@/lib/validation";

/** The organisation's target mix (admins): every role with how many people it needs; 0 leaves a role out. */
export const setOrgTargetAction = createAction(
  z.object({
    roles: list(z.object({ roleId: id("Role", 50), count: wholeNumber("People", 0, ORG_TARGET_MAX) }), 200, "Roles"),
  }),
  async ({ roles }, actor) => {
    const saved = await setOrgTarget(actor, roles);
    revalidatePages("/reports");
    return saved;
  },
);
