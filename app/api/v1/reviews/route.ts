import { apiRoute } from "@/lib/actions/with-token";
import { listReviews } from "@/lib/data/api-v1";
import { V1 } from "@/lib/api/v1-routes";

export const dynamic = "force-dynamic";

export const GET = apiRoute(V1.reviews, ({ actor, query }) => listReviews(actor, query));
