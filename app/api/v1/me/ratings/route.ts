import { apiRoute } from "@/lib/actions/with-token";
import { revalidatePages } from "@/lib/actions/revalidate";
import { listMyRatings } from "@/lib/data/api-v1";
import { saveMyRatings } from "@/lib/data/ratings";
import { V1 } from "@/lib/api/v1-routes";

export const dynamic = "force-dynamic";

export const GET = apiRoute(V1.myRatings, ({ actor, query }) => listMyRatings(actor, query));

/** The "My skills" form's schema and data function: all entries are saved together, or none. */
export const PUT = apiRoute(V1.putMyRatings, async ({ actor, body }) => {
  const changed = await saveMyRatings(actor, body.ratings);
  revalidatePages("/me/skills", "/dashboard", "/compare");
  return { changed };
});
