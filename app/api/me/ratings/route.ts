import { withActor } from "@/lib/actions/with-actor";
import { exportMyRatingsCsv } from "@/lib/data/my-data";
import { ratingListSchema, saveMyRatings } from "@/lib/data/ratings";
import { z } from "@/lib/validation";

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

/**
 * Saves the caller's own ratings, as the "My skills" form does: body `{ "ratings": [{ "skillId", "level", … }] }`.
 * All entries are applied in one transaction or none; 200 `{ changed }` once committed, 400 with field messages.
 * The body is parsed by the same wrapper and schema as the form's server action.
 */
export const PUT = withActor(z.object({ ratings: ratingListSchema }), async ({ ratings }, actor) => {
  const changed = await saveMyRatings(actor, ratings);
  return Response.json({ changed }, { headers: { "Cache-Control": "no-store" } });
});
