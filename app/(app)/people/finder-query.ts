import { finderQuerySchema, type FinderQuery } from "@/lib/data/people";
import { parseInput } from "@/lib/actions/safe-action";
import type { FieldErrors } from "@/lib/data/errors";
import type { SearchParams } from "@/lib/search-params";

/** Most rows the form shows (the finder searches at most five skills). */
export const MAX_ROWS = 5;

export type FinderRow = { skill: string; level: string };

export type FinderState = {
  /** The rows the form shows, blank ones included (a blank row is one just added). */
  rows: FinderRow[];
  certificationId: string;
  /** Whether the visitor asked for anything yet (a first visit shows the form only). */
  asked: boolean;
  /** The parsed query, or null when there is nothing to search or the query is bad. */
  query: FinderQuery | null;
  /** Field messages keyed as the form shows them: "row.0.skill", "row.0.level", "rows", "cert". */
  errors: FieldErrors;
};

const all = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The finder's GET parameters → the form's rows and the query. `?skill=a&level=4&skill=b&level=3&cert=cka`; the
 * "Add a skill" button sends `add=1` (one more blank row) and each "Remove" sends `remove=<row>`, so both work without
 * JavaScript. Blank rows are left out of the search; anything else that does not parse becomes a field message.
 */
export function readFinderQuery(sp: SearchParams): FinderState {
  const skills = all(sp.skill);
  const levels = all(sp.level);
  const count = Math.max(skills.length, levels.length);
  let rows: FinderRow[] = Array.from({ length: count }, (_, i) => ({
    skill: (skills[i] ?? "").slice(0, 200),
    level: (levels[i] ?? "").slice(0, 20),
  }));
  const remove = Number.parseInt(all(sp.remove)[0] ?? "", 10);
  if (Number.isInteger(remove) && remove >= 0 && remove < rows.length) rows = rows.filter((_, i) => i !== remove);
  const certificationId = (all(sp.cert)[0] ?? "").slice(0, 200);
  const asked = count > 0 || certificationId !== "";
  const filled = rows.map((r, i) => ({ ...r, i })).filter((r) => r.skill.trim() !== "");
  if (all(sp.add).length > 0 && rows.length < MAX_ROWS) rows = [...rows, { skill: "", level: "3" }];
  if (rows.length === 0) rows = [{ skill: "", level: "3" }];
  if (!asked) return { rows, certificationId, asked, query: null, errors: {} };

  const parsed = parseInput(finderQuerySchema, {
    criteria: filled.map((r) => ({ skillId: r.skill, minLevel: r.level })),
    certificationId,
  });
  if (parsed.ok) return { rows: rows.slice(0, MAX_ROWS), certificationId, asked, query: parsed.data, errors: {} };
  return {
    rows: rows.slice(0, MAX_ROWS),
    certificationId,
    asked,
    query: null,
    errors: toFormErrors(
      parsed.errors,
      filled.map((r) => r.i),
    ),
  };
}

/** The data layer's keys ("criteria.1.skillId") → the form's ("row.<form row>.skill"). */
export function toFormErrors(errors: FieldErrors, rowOf: number[]): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(errors)) {
    const m = /^criteria\.(\d+)\.(skillId|minLevel)$/.exec(key);
    const target = m
      ? `row.${rowOf[Number(m[1])] ?? Number(m[1])}.${m[2] === "skillId" ? "skill" : "level"}`
      : key.startsWith("certificationId")
        ? "cert"
        : "rows";
    (out[target] ??= []).push(...messages);
  }
  return out;
}

/** Which form row each criterion of a parsed query came from (blank rows are skipped). */
export function criteriaRows(rows: FinderRow[]): number[] {
  return rows.flatMap((r, i) => (r.skill.trim() !== "" ? [i] : []));
}
