import { withActor } from "@/lib/actions/with-actor";
import { exportTeamMatrixCsv } from "@/lib/data/team-audit";

export const dynamic = "force-dynamic";

export const GET = withActor<{ params: Promise<{ id: string }> }>(async (_req, actor, ctx) => {
  const { id } = await ctx.params;
  const csv = await exportTeamMatrixCsv(actor, id);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="team-matrix-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
