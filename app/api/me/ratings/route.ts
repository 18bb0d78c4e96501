import { z } from "zod";
import { withActor } from "@/lib/actions/route";
import { describeFieldErrors, zodFieldErrors } from "@/lib/actions/safe-action";
import { exportMyRatingsCsv } from "@/lib/data/my-data";
import { ratingEntrySchema, saveMyRatings } from "@/lib/data/ratings";

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

const saveSchema = z.object({
  ratings: z.array(ratingEntrySchema, { message: "ratings must be a list." }).min(1, "Change at least one rating.").max(500, "At most 500 ratings at once."),
});

/**
 * Saves the caller's own ratings, as the "My skills" form does: body `{ "ratings": [{ "skillId", "level", … }] }`.
 * All entries are applied in one transaction or none; 200 `{ changed }` once committed, 400 with field messages.
 */
export const PUT = withActor(async (req, actor) => {
  if (!(req.headers.get("content-type") ?? "").includes("application/json")) {
    const message = "Send the ratings as JSON (Content-Type: application/json).";
    return Response.json({ error: message, errors: { body: [message] } }, { status: 415 });
  }
  const body: unknown = await req.json().catch(() => undefined);
  const parsed = saveSchema.safeParse(body);
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error);
    return Response.json({ error: describeFieldErrors(errors), errors }, { status: 400 });
  }
  const changed = await saveMyRatings(actor, parsed.data.ratings);
  return Response.json({ changed }, { headers: { "Cache-Control": "no-store" } });
});
