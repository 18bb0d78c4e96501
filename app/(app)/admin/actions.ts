"use server";
import { createAction } from "@/lib/actions/safe-action";
import { importTaxonomy } from "@/lib/data/admin";
import { TAXONOMY_MAX_MB } from "@/lib/upload-limits";
import { fileText, requiredText, z } from "@/lib/validation";

export const importTaxonomyAction = createAction(
  z.object({ fileName: requiredText(200, "File name", "Choose a file."), text: fileText(TAXONOMY_MAX_MB, 2) }),
  async ({ fileName, text }, actor) => importTaxonomy(actor, fileName, text),
);
