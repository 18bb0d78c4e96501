/**
 * What /api/v1 accepts: path parameters, query strings and bodies, built from the one validation vocabulary
 * (lib/validation.ts) and the very schemas the pages' forms use. Route handlers parse with these and the OpenAPI
 * document is generated from them, so the two cannot drift apart.
 */
import { id, level, optional, optionalText, z } from "@/lib/validation";
import { ratingListSchema } from "@/lib/data/ratings";
import { taxonomyDocumentSchema } from "@/lib/taxonomy/schema";
import { parseTaxonomyDocument } from "@/lib/taxonomy/load";
import { unstorablePaths } from "@/lib/domain/storable-text";
import type { Taxonomy } from "@/lib/domain/types";
import { createSchema } from "zod-openapi";
import { pageQuery } from "./cursor";
import { LISTS } from "./v1-lists";

// ——— Path parameters ———

export const teamParams = z.object({ id: id("Team").meta({ description: "The team's id.", example: "cm0team123" }) });
export const reviewParams = z.object({
  id: id("Review").meta({ description: "The review's id.", example: "cm0review123" }),
});
export const skillParams = z.object({
  skillId: id("Skill").meta({ description: "The skill's id.", example: "container-orchestration" }),
});

// ——— Query strings ———

export const myRatingsQuery = pageQuery(LISTS.myRatings.name, LISTS.myRatings.kinds);
export const historyQuery = pageQuery(LISTS.history.name, LISTS.history.kinds);
export const teamsQuery = pageQuery(LISTS.teams.name, LISTS.teams.kinds);
export const reviewsQuery = pageQuery(LISTS.reviews.name, LISTS.reviews.kinds);

export const peopleQuery = pageQuery(LISTS.people.name, LISTS.people.kinds, {
  q: optionalText(100, "Search").meta({ description: "Part of a person's name (any case).", example: "ada" }),
  skill: optional(id("Skill")).meta({
    description: "Only people with a current rating of this skill (a skill id).",
    example: "container-orchestration",
  }),
  minLevel: optional(level("Minimum level", 1)).meta({
    description: "With `skill`: only people rated at this level or above (1–5; default 1).",
    example: 3,
  }),
}).superRefine((q, ctx) => {
  if (q.minLevel !== null && q.skill === null)
    ctx.addIssue({ code: "custom", path: ["minLevel"], message: "Minimum level needs a skill to apply to." });
});

export const skillsQuery = pageQuery(LISTS.skills.name, LISTS.skills.kinds, {
  category: optional(id("Category")).meta({
    description: "Only skills of this category (a category id).",
    example: "containers-orchestration",
  }),
});

// ——— Bodies ———

/** PUT /me/ratings: the "My skills" form's own schema. */
export const putRatingsBody = z.object({ ratings: ratingListSchema }).meta({
  id: "RatingsInput",
  description: "1–500 ratings, saved together or not at all.",
  example: {
    ratings: [{ skillId: "container-orchestration", level: 3, note: "Ran the cluster upgrade", wantsToGrow: true }],
  },
});

/** "roles[3].requirements[2].level" → ["roles", 3, "requirements", 2, "level"]: the field key the errors map uses. */
function pathOf(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const documentJsonSchema = () => createSchema(taxonomyDocumentSchema, { io: "input" }).schema;

/**
 * PUT /taxonomy: a whole taxonomy in the export format (GET /taxonomy's answer), validated exactly as the admin page's
 * JSON import is (lib/taxonomy: shape, then every cross-reference); each problem names its place in the document.
 */
export const taxonomyBody = z
  .unknown()
  .transform((raw, ctx): Taxonomy => {
    const bad = unstorablePaths(raw)[0];
    if (bad) {
      ctx.addIssue({ code: "custom", path: bad, message: "Contains a NUL or broken unicode character." });
      return z.NEVER;
    }
    const result = parseTaxonomyDocument(raw, "body");
    if (!result.ok) {
      for (const e of result.errors) ctx.addIssue({ code: "custom", path: pathOf(e.path), message: e.message });
      return z.NEVER;
    }
    return result.taxonomy;
  })
  .meta({
    id: "TaxonomyInput",
    description:
      "A whole taxonomy in the export format (what GET /taxonomy answers). Skills and roles missing from it are retired, never deleted.",
    override: ({ jsonSchema }) => {
      Object.assign(jsonSchema, documentJsonSchema());
    },
  });
