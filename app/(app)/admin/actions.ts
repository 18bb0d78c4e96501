"use server";
import { revalidatePages } from "@/lib/actions/revalidate";
import { createAction } from "@/lib/actions/safe-action";
import { setUserActive } from "@/lib/data/accounts";
import { importTaxonomy } from "@/lib/data/admin";
import { TAXONOMY_MAX_MB } from "@/lib/upload-limits";
import { fileText, flag, id, requiredText, z } from "@/lib/validation";

export const importTaxonomyAction = createAction(
  z.object({ fileName: requiredText(200, "File name", "Choose a file."), text: fileText(TAXONOMY_MAX_MB, 2) }),
  async ({ fileName, text }, actor) => {
    const result = await importTaxonomy(actor, fileName, text);
    // A new taxonomy changes every page that names skills and roles.
    revalidatePages("/admin", "/skills", "/roles", "/me/skills", "/dashboard", "/compare", "/teams");
    return result;
  },
);

export const setUserActiveAction = createAction(
  z.object({
    userId: id("Person", 50),
    active: flag("Choose activate or deactivate."),
  }),
  async ({ userId, active }, actor) => {
    await setUserActive(actor, userId, active);
    revalidatePages("/admin");
    return { active };
  },
);
