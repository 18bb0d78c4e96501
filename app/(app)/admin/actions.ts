"use server";
import { revalidatePages } from "@/lib/actions/revalidate";
import { createAction } from "@/lib/actions/safe-action";
import { setUserActive } from "@/lib/data/accounts";
import { importTaxonomy } from "@/lib/data/admin";
import { TAXONOMY_MAX_MB } from "@/lib/upload-limits";
import { fileText, requiredText, z } from "@/lib/validation";

export const importTaxonomyAction = createAction(
  z.object({ fileName: requiredText(200, "File name", "Choose a file."), text: fileText(TAXONOMY_MAX_MB, 2) }),
  async ({ fileName, text }, actor) => importTaxonomy(actor, fileName, text),
);

export const setUserActiveAction = createAction(
  z.object({
    userId: z.string({ message: "Person is missing." }).trim().min(1, "Person is missing.").max(50, "Person is missing."),
    active: z.enum(["true", "false"], { message: "Choose activate or deactivate." }).transform((v) => v === "true"),
  }),
  async ({ userId, active }, actor) => {
    await setUserActive(actor, userId, active);
    revalidatePages("/admin");
    return { active };
  },
);
