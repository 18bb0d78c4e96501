import { z } from "zod";
import type { FieldErrors } from "@/lib/data/errors";
import { firstParams, type SearchParams } from "@/lib/search-params";
import { optional, wholeNumber } from "@/lib/validation";

const schema = z.object({
  team: z.string().max(100, "Choose one of the listed teams.").optional(),
  category: z.string().max(100, "Choose one of the listed categories.").optional(),
  page: optional(wholeNumber("Team comparison page", 1, 100_000)),
  risks: optional(wholeNumber("Single points page", 1, 100_000)),
});

export type ReportQuery = {
  teamId: string | null;
  category: string | null;
  teamPage: number;
  riskPage: number;
  errors: FieldErrors;
};

/**
 * The report's view from the address (?team=…&category=…&page=…&risks=…). Empty values mean "all teams" / "the first
 * category" / the first page; a value that is not a plausible id or page becomes a field message (and the default),
 * never an error page. Whether the team is one the actor may see is checked against the teams the report lists (see
 * page.tsx); a page past the last one shows the last.
 */
export function readReportQuery(sp: SearchParams): ReportQuery {
  const raw = firstParams(sp);
  const out: ReportQuery = { teamId: null, category: null, teamPage: 1, riskPage: 1, errors: {} };
  for (const key of ["team", "category", "page", "risks"] as const) {
    const parsed = schema.shape[key].safeParse(raw[key] === "" ? undefined : raw[key]);
    if (!parsed.success) {
      out.errors[key] = parsed.error.issues.map((i) => i.message);
      continue;
    }
    const v = parsed.data;
    if (v === undefined || v === null) continue;
    if (key === "team") out.teamId = v as string;
    else if (key === "category") out.category = v as string;
    else if (key === "page") out.teamPage = v as number;
    else out.riskPage = v as number;
  }
  return out;
}
