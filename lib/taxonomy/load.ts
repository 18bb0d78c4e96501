/**
 * The shipped taxonomy: loads the JSON data files, validates them once and caches the result.
 * Also converts to and from the single-document import/export format.
 */
import type { Taxonomy } from "../domain/types";
import categories from "./data/categories.json";
import certifications from "./data/certifications.json";
import meta from "./data/meta.json";
import paths from "./data/paths.json";
import roles from "./data/roles.json";
import scale from "./data/scale.json";
import skills from "./data/skills.json";
import sources from "./data/sources.json";
import { sourceCatalogueSchema, type SourceCatalogue, type TaxonomyDocument } from "./schema";
import { formatTaxonomyErrors, validateTaxonomy, type TaxonomySection, type TaxonomyValidation } from "./validate";

export { formatTaxonomyError, formatTaxonomyErrors } from "./validate";
export type { TaxonomyError, TaxonomyValidation } from "./validate";

/** The data file each section of the shipped taxonomy lives in (under lib/taxonomy/data/). */
export const TAXONOMY_DATA_FILES = {
  version: "meta.json",
  scale: "scale.json",
  categories: "categories.json",
  skills: "skills.json",
  roles: "roles.json",
  paths: "paths.json",
  certifications: "certifications.json",
} as const satisfies Record<TaxonomySection, string>;

/** The raw contents of the data files, one key per file, as plain JSON values. */
export type TaxonomyDataFiles = {
  meta: unknown;
  scale: unknown;
  categories: unknown;
  skills: unknown;
  roles: unknown;
  paths: unknown;
  certifications: unknown;
};

/** A fresh deep copy of the shipped data files (safe to modify, e.g. to build broken copies in tests). */
export function readTaxonomyDataFiles(): TaxonomyDataFiles {
  return structuredClone({ meta, scale, categories, skills, roles, paths, certifications });
}

/** Validates the split data files, attributing each error to the file it came from. */
export function validateTaxonomyDataFiles(files: TaxonomyDataFiles): TaxonomyValidation {
  const version =
    typeof files.meta === "object" && files.meta !== null ? (files.meta as { version?: unknown }).version : undefined;
  const document = {
    version,
    scale: files.scale,
    categories: files.categories,
    skills: files.skills,
    roles: files.roles,
    paths: files.paths,
    certifications: files.certifications,
  };
  return validateTaxonomy(document, { files: TAXONOMY_DATA_FILES });
}

let cached: Taxonomy | undefined;

/** The shipped taxonomy, validated and deeply frozen; throws listing every problem if the data is invalid. */
export function loadTaxonomy(): Taxonomy {
  if (cached) return cached;
  const result = validateTaxonomyDataFiles({ meta, scale, categories, skills, roles, paths, certifications });
  if (!result.ok) {
    throw new Error(
      `Invalid taxonomy data (${result.errors.length} problems):\n${formatTaxonomyErrors(result.errors)}`,
    );
  }
  cached = deepFreeze(result.taxonomy);
  return cached;
}

let cachedSources: SourceCatalogue | undefined;

/**
 * The source catalogue (data/sources.json): the title of every source id the data cites ("ours" is our editors).
 * Validated once; throws listing every problem. Not part of the import document: an imported taxonomy may cite
 * sources of its own, which pages then show as written.
 */
export function loadSourceCatalogue(): SourceCatalogue {
  if (cachedSources) return cachedSources;
  const result = sourceCatalogueSchema.safeParse(sources);
  if (!result.success) {
    const at = (path: PropertyKey[]) => path.map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`)).join("");
    const lines = result.error.issues.map((i) => `sources.json: ${at(i.path) || "(root)"}: ${i.message}`);
    throw new Error(`Invalid source catalogue (${lines.length} problems):\n${lines.join("\n")}`);
  }
  cachedSources = deepFreeze(result.data);
  return cachedSources;
}

/** The import/export document for a taxonomy: plain JSON with a stable key order; a fresh copy. */
export function toExportDocument(t: Taxonomy): TaxonomyDocument {
  return {
    version: t.version,
    scale: t.scale.map(({ level, name, description }) => ({ level, name, description })),
    categories: t.categories.map(({ id, name, kind, description }) => ({ id, name, kind, description })),
    skills: t.skills.map((s) => ({
      id: s.id,
      name: s.name,
      category: s.category,
      description: s.description,
      tools: [...s.tools],
      aliases: [...s.aliases],
      prerequisites: [...s.prerequisites],
      sources: [...s.sources],
      levels: [...s.levels],
      resources: s.resources.map(({ title, url, level }) => ({ title, url, level })),
    })),
    roles: t.roles.map((r) => ({
      id: r.id,
      title: r.title,
      track: r.track,
      kind: r.kind,
      seniority: r.seniority,
      summary: r.summary,
      focus: r.focus,
      environment: r.environment,
      output: r.output,
      collaborates: [...r.collaborates],
      reportsTo: r.reportsTo,
      salary: r.salary ? { min: r.salary.min, max: r.salary.max, currency: r.salary.currency } : null,
      requirements: r.requirements.map(({ skill, level, importance }) => ({ skill, level, importance })),
      sources: [...r.sources],
    })),
    paths: t.paths.map(({ from, to, kind, sources }) => ({ from, to, kind, sources: [...sources] })),
    certifications: t.certifications.map((c) => ({
      id: c.id,
      name: c.name,
      short: c.short,
      issuer: c.issuer,
      validityMonths: c.validityMonths,
      skills: [...c.skills],
      url: c.url,
    })),
  };
}

/**
 * Validates one combined document (the export format; optional fields get defaults).
 * Accepts parsed JSON or the raw JSON text. Errors carry `fileName` as their file.
 */
export function parseTaxonomyDocument(json: unknown, fileName: string): TaxonomyValidation {
  if (typeof json === "string") {
    try {
      json = JSON.parse(json) as unknown;
    } catch (e) {
      return { ok: false, errors: [{ file: fileName, path: "", message: `not valid JSON: ${(e as Error).message}` }] };
    }
  }
  return validateTaxonomy(json, { files: fileName });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
