/**
 * The 0–5 proficiency scale, importance weights and input validation.
 * Pure: no imports from next, react, prisma or node.
 */
import { MAX_LEVEL, MIN_LEVEL, type Importance, type Levels } from "./types";

/** Raised for invalid domain input (a level off the 0–5 scale, an invalid date…). */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DomainError";
  }
}

/**
 * Weight of a requirement in the fit score, by importance: core 3, important 2, bonus 1.
 * A core requirement counts three times as much as a bonus one.
 */
export const IMPORTANCE_WEIGHT: Readonly<Record<Importance, number>> = { core: 3, important: 2, bonus: 1 };

/** Sort rank of an importance (0 = strongest): core 0, important 1, bonus 2. */
export const IMPORTANCE_RANK: Readonly<Record<Importance, number>> = { core: 0, important: 1, bonus: 2 };

/** Importances from strongest to weakest (index = rank). */
export const IMPORTANCES: readonly Importance[] = ["core", "important", "bonus"];

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return typeof value;
}

/** True when `value` is an integer in 0–5. */
export function isLevel(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= MIN_LEVEL && value <= MAX_LEVEL;
}

/**
 * Throws a DomainError unless `value` is an integer 0–5; `skill` is the skill id named in the
 * message and `context` (optional) says whose level it is, e.g. `member "alice"`.
 */
export function assertLevel(value: unknown, skill: string, context?: string): asserts value is number {
  if (!isLevel(value)) {
    const where = context ? ` (${context})` : "";
    throw new DomainError(
      `level for skill "${skill}"${where} must be an integer ${MIN_LEVEL}–${MAX_LEVEL}, got ${describe(value)}`,
    );
  }
}

/** Throws a DomainError naming the first skill whose level is not an integer 0–5; returns the levels. */
export function validateLevels(levels: Levels, context?: string): Levels {
  if (levels === null || typeof levels !== "object") {
    throw new DomainError(`levels${context ? ` (${context})` : ""} must be an object keyed by skill id`);
  }
  for (const skill of Object.keys(levels)) assertLevel(levels[skill], skill, context);
  return levels;
}

/** Joins names as readable English: "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** Deterministic string order (by UTF-16 code units), independent of locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
