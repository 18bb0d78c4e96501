import { z } from "zod";
import { withActor } from "@/lib/actions/with-actor";
import { DataError } from "@/lib/data/errors";
import { exportOrgReportCsv, REPORT_TABLES } from "@/lib/data/reports";

export const dynamic = "force-dynamic";

const query = z.object({
  table: z.enum(REPORT_TABLES, { message: `Choose a table: ${REPORT_TABLES.join(", ")}.` }).default("trends"),
  team: z.string().max(100).optional(),
});

/** One table of the organisation report as CSV (?table=trends|categories|skills|teams|readiness&team=…). */
export const GET = withActor(async (req, actor) => {
  const sp = new URL(req.url).searchParams;
  const parsed = query.safeParse({ table: sp.get("table") ?? undefined, team: sp.get("team") ?? undefined });
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (errors[String(i.path[0])] ??= []).push(i.message);
    throw new DataError(parsed.error.issues[0]!.message, errors);
  }
  const csv = await exportOrgReportCsv(actor, parsed.data.table, { teamId: parsed.data.team || null });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="report-${parsed.data.table}-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
