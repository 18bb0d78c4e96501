"use server";
import { z } from "zod";
import { createAction } from "@/lib/actions/safe-action";
import { importTaxonomy } from "@/lib/data/admin";

export const importTaxonomyAction = createAction(
  z.object({
    fileName: z.string().trim().min(1, "Choose a file.").max(200, "File name is too long."),
    text: z.string().min(2, "The file is empty.").max(5_000_000, "The file is larger than 5 MB."),
  }),
  async ({ fileName, text }, actor) => importTaxonomy(actor, fileName, text),
);
