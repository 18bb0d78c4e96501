/**
 * Validates a taxonomy (shape + cross-references) and reports every problem at once,
 * each with the data file and a path such as "roles[3].requirements[2].level".
 */
import type { z } from "zod";
import type { Taxonomy } from "../domain/types";
import { checkReferences, type Problem, type TaxonomySection } from "./checks";
import {
  careerPathSchema,
  categorySchema,
  certificationSchema,
  roleSchema,
  scaleLevelSchema,
  skillSchema,
  versionSchema,
} from "./schema";

export type { TaxonomySection } from "./checks";
export type TaxonomyError = { file: string; path: string; message: string };
/** One file name for the whole document, or the file each section came from. */
export type TaxonomyFiles = string | Partial<Record<TaxonomySection, string>>;
export type ValidateTaxonomyOptions = { files?: TaxonomyFiles };
export type TaxonomyValidation = { ok: true; taxonomy: Taxonomy } | { ok: false; errors: TaxonomyError[] };

export const TAXONOMY_SECTIONS: readonly TaxonomySection[] = [
  "version",
  "scale",
  "categories",
  "skills",
  "roles",
  "paths",
  "certifications",
];
export const DEFAULT_TAXONOMY_FILE = "taxonomy.json";

/** Validates `input` as a whole taxonomy document; never throws. */
export function validateTaxonomy(input: unknown, opts: ValidateTaxonomyOptions = {}): TaxonomyValidation {
  const fileOf = fileResolver(opts.files);
  if (!isRecord(input)) {
    return {
      ok: false,
      errors: [
        {
          file: fileOf("version"),
          path: "",
          message: "expected a taxonomy object with version, scale, categories, skills, roles and paths",
        },
      ],
    };
  }
  const problems: Problem[] = [];

  const version = versionSchema.safeParse(input.version);
  if (!version.success) problems.push(...issuesToProblems("version", "version", version.error));

  // Each item is parsed on its own, so one malformed item hides nothing about the others.
  // `optional` sections may be left out of the document (an older export, or an organisation's own taxonomy).
  const section = <T>(name: Exclude<TaxonomySection, "version">, schema: z.ZodType<T>, optional = false): T[] => {
    const raw = input[name];
    if (optional && raw === undefined) return [];
    if (!Array.isArray(raw)) {
      problems.push({ section: name, path: name, message: `expected an array of ${name}` });
      return [];
    }
    return raw.flatMap((item: unknown, index) => {
      const result = schema.safeParse(item);
      if (result.success) return [result.data];
      problems.push(...issuesToProblems(name, `${name}[${index}]`, result.error));
      return [];
    });
  };
  const scale = section("scale", scaleLevelSchema);
  const categories = section("categories", categorySchema);
  const skills = section("skills", skillSchema);
  const roles = section("roles", roleSchema);
  const paths = section("paths", careerPathSchema);
  const certifications = section("certifications", certificationSchema, true);
  problems.push(...checkReferences(input));

  if (problems.length > 0 || !version.success) return { ok: false, errors: toErrors(problems, fileOf) };
  return { ok: true, taxonomy: { version: version.data, scale, categories, skills, roles, paths, certifications } };
}

/** One readable line per error: `roles.json: roles[3].requirements[2].skill: unknown skill id "kubernetess"`. */
export function formatTaxonomyError(e: TaxonomyError): string {
  return `${e.file}: ${e.path || "(root)"}: ${e.message}`;
}

/** All errors, one per line. */
export function formatTaxonomyErrors(errors: readonly TaxonomyError[]): string {
  return errors.map(formatTaxonomyError).join("\n");
}

function fileResolver(files: TaxonomyFiles | undefined): (s: TaxonomySection) => string {
  if (typeof files === "string") return () => files;
  return (s) => files?.[s] ?? DEFAULT_TAXONOMY_FILE;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function issuesToProblems(section: TaxonomySection, base: string, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ section, path: joinPath(base, issue.path), message: issue.message }));
}

function joinPath(base: string, segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (acc, seg) => (typeof seg === "number" ? `${acc}[${seg}]` : `${acc}.${String(seg)}`),
    base,
  );
}

/** Orders errors by section, then by item index (section-wide errors last), and drops exact repeats. */
function toErrors(problems: Problem[], fileOf: (s: TaxonomySection) => string): TaxonomyError[] {
  const rank = (p: Problem) => TAXONOMY_SECTIONS.indexOf(p.section);
  const item = (p: Problem) => Number(/^\w+\[(\d+)\]/.exec(p.path)?.[1] ?? Infinity);
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => rank(a) - rank(b) || item(a) - item(b))
    .map((p) => ({ file: fileOf(p.section), path: p.path, message: p.message }))
    .filter((e) => {
      const key = formatTaxonomyError(e);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
