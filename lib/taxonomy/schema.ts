/**
 * zod schemas for the taxonomy: one per piece, plus the whole import/export document.
 * Shape only; cross-references (unknown ids, cycles, duplicates) are checked in checks.ts.
 */
import { z } from "zod";
import { MAX_LEVEL, MIN_LEVEL, type Taxonomy } from "../domain/types";

export const MIN_SENIORITY = 1;
export const MAX_SENIORITY = 8;
export const MIN_REQUIRED_LEVEL = 1;

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Kebab-case identifier: "container-orchestration". */
export const idSchema = z
  .string({ error: "expected an id string" })
  .regex(ID_PATTERN, { error: (iss) => `id must be kebab-case (a-z, 0-9, "-"), got ${JSON.stringify(iss.input)}` });

const text = (what: string) =>
  z
    .string({ error: `expected ${what} to be a string` })
    .trim()
    .min(1, { error: `${what} must not be empty` });

/** Integer in [min, max], with a message that names the range and the value. */
const intInRange = (what: string, min: number, max: number) => {
  const error = (iss: { input?: unknown }) =>
    `${what} must be an integer from ${min} to ${max} (got ${JSON.stringify(iss.input) ?? "nothing"})`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

/** One of a fixed list of strings; the message lists them and shows what was given. */
const oneOf = <const T extends readonly [string, ...string[]]>(what: string, values: T) =>
  z.enum(values, {
    error: (iss) =>
      `${what} must be one of ${values.map((v) => JSON.stringify(v)).join(", ")} (got ${JSON.stringify(iss.input) ?? "nothing"})`,
  });

const sourcesSchema = z.array(text("source")).default([]);

export const scaleLevelSchema = z.object({
  level: intInRange("level", MIN_LEVEL, MAX_LEVEL),
  name: text("name"),
  description: text("description"),
});

export const categorySchema = z.object({
  id: idSchema,
  name: text("name"),
  kind: oneOf("category kind", ["technical", "leadership"]).default("technical"),
  description: z.string().default(""),
});

/** Skill-specific descriptors: none (the generic scale applies) or exactly one per level 1–5. */
export const SKILL_DESCRIPTOR_COUNT = MAX_LEVEL - MIN_LEVEL;

const levelsSchema = z
  .array(text("level descriptor"))
  .superRefine((list, ctx) => {
    if (list.length !== 0 && list.length !== SKILL_DESCRIPTOR_COUNT)
      ctx.addIssue({
        code: "custom",
        message: `levels must list ${SKILL_DESCRIPTOR_COUNT} descriptors, for levels 1 to ${MAX_LEVEL} (got ${list.length})`,
      });
  })
  .default([]);

/** A full https:// address with a host name. */
const httpsUrl = (what: string) =>
  z
    .string({ error: `expected ${what} to be a string` })
    .trim()
    .refine(
      (value) => {
        try {
          const url = new URL(value);
          return url.protocol === "https:" && url.hostname.length > 0;
        } catch {
          return false;
        }
      },
      { error: (iss) => `${what} must be a full https:// address (got ${JSON.stringify(iss.input)})` },
    );

export const learningResourceSchema = z.object({
  title: text("resource title"),
  url: httpsUrl("resource url"),
  level: intInRange("resource level", MIN_LEVEL + 1, MAX_LEVEL),
});

export const skillSchema = z.object({
  id: idSchema,
  name: text("name"),
  category: idSchema,
  description: z.string().default(""),
  tools: z.array(text("tool")).default([]),
  aliases: z.array(text("alias")).default([]),
  prerequisites: z.array(idSchema).default([]),
  sources: sourcesSchema,
  levels: levelsSchema,
  resources: z.array(learningResourceSchema).default([]),
});

export const requirementSchema = z.object({
  skill: idSchema,
  level: intInRange("required level", MIN_REQUIRED_LEVEL, MAX_LEVEL),
  importance: oneOf("importance", ["core", "important", "bonus"]),
});

export const salarySchema = z
  .object({
    min: z.number().int().nonnegative(),
    max: z.number().int().nonnegative(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { error: "currency must be a 3-letter ISO code such as USD" })
      .default("USD"),
  })
  .refine((s) => s.max >= s.min, { error: "salary max must not be below min", path: ["max"] })
  .nullable()
  .default(null);

export const roleSchema = z.object({
  id: idSchema,
  title: text("title"),
  track: oneOf("track", ["infrastructure", "platform"]),
  kind: oneOf("role kind", ["ic", "manager", "executive"]).default("ic"),
  seniority: intInRange("seniority", MIN_SENIORITY, MAX_SENIORITY),
  summary: z.string().default(""),
  focus: z.string().default(""),
  environment: z.string().default(""),
  output: z.string().default(""),
  collaborates: z.array(text("collaborator")).default([]),
  reportsTo: z.string().nullable().default(null),
  salary: salarySchema,
  requirements: z.array(requirementSchema).min(1, { error: "a role needs at least one requirement" }),
  sources: sourcesSchema,
});

export const careerPathSchema = z.object({
  from: idSchema,
  to: idSchema,
  kind: oneOf("path kind", ["entry", "progression", "lateral"]),
  sources: sourcesSchema,
});

/** Longest typical validity accepted, in months. */
export const MAX_VALIDITY_MONTHS = 120;

export const certificationSchema = z.object({
  id: idSchema,
  name: text("name"),
  short: text("short name"),
  issuer: text("issuer"),
  validityMonths: intInRange("validityMonths", 1, MAX_VALIDITY_MONTHS).nullable().default(null),
  skills: z.array(idSchema).min(1, { error: "a certification must name at least one skill it evidences" }),
  url: httpsUrl("certification url"),
});

export const versionSchema = text("version");

/** One entry of the source catalogue (data/sources.json): a source id as the data uses it, and its title. */
export const sourceEntrySchema = z.object({ id: text("source id"), title: text("source title") });

/** The source catalogue: every source id the data cites, with the title a reader sees. Ids are unique. */
export const sourceCatalogueSchema = z.array(sourceEntrySchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    if (seen.has(entry.id))
      ctx.addIssue({ code: "custom", path: [index, "id"], message: `duplicate source id ${JSON.stringify(entry.id)}` });
    seen.add(entry.id);
  });
});
export type SourceCatalogue = z.output<typeof sourceCatalogueSchema>;

/** The import/export document: one JSON object holding the whole taxonomy. */
export const taxonomyDocumentSchema = z.object({
  version: versionSchema,
  scale: z.array(scaleLevelSchema),
  categories: z.array(categorySchema),
  skills: z.array(skillSchema),
  roles: z.array(roleSchema),
  paths: z.array(careerPathSchema),
  certifications: z.array(certificationSchema).default([]),
});

/** What an import file may contain (optional fields may be left out). */
export type TaxonomyDocumentInput = z.input<typeof taxonomyDocumentSchema>;
/** A parsed document, with every default filled in; the same shape as Taxonomy. */
export type TaxonomyDocument = z.output<typeof taxonomyDocumentSchema>;

// Compile-time guard: a parsed document is a Taxonomy.
type Assignable<T extends U, U> = T;
export type TaxonomyDocumentIsTaxonomy = Assignable<TaxonomyDocument, Taxonomy>;
