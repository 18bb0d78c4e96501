import { z } from "zod";
import type { FieldErrors } from "@/lib/data/errors";
import { firstParams, type SearchParams } from "@/lib/search-params";

const schema = z.object({
  team: z.string().max(100, "Choose one of the listed teams.").optional(),
  category: z.string().max(100, "Choose one of the listed categories.").optional(),
});

export type ReportQuery = { teamId: string | null; category: string | null; errors: FieldErrors };

/**
 * The report's view from the address (?team=…&category=…). Empty values mean "all teams" / "the first category";
 * a value that is not a plausible id becomes a field message, never an error page. Whether the team is one the actor
 * may see is checked against the teams the report lists (see page.tsx).
 */
export function readReportQuery(sp: SearchParams): ReportQuery {
  const parsed = schema.safeParse(firstParams(sp));
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
    return { teamId: null, category: null, errors };
  }
  return { teamId: parsed.data.team || null, category: parsed.data.category || null, errors: {} };
}
