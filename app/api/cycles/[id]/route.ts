import { withActor } from "@/lib/actions/with-actor";
import { exportCycleCsv } from "@/lib/data/cycles";

export const dynamic = "force-dynamic";

/** A cycle's dashboard rows as CSV; 404 for a cycle the actor may not see (or a malformed id). */
export const GET = withActor<{ params: Promise<{ id: string }> }>(async (_req, actor, ctx) => {
  const { id } = await ctx.params;
  const csv = await exportCycleCsv(actor, id);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="review-cycle-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
