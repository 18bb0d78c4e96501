import { withActor } from "@/lib/actions/route";
import { exportMyRatingsCsv } from "@/lib/data/my-data";

export const dynamic = "force-dynamic";

export const GET = withActor(async (_req, actor) => {
  const csv = await exportMyRatingsCsv(actor);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="skillgap-ratings-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
