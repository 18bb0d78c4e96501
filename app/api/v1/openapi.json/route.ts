import { publicRoute } from "@/lib/actions/with-token";
import { openApiDocument } from "@/lib/api/openapi";
import { V1 } from "@/lib/api/v1-routes";

export const dynamic = "force-dynamic";

/** The OpenAPI document, built once per process from the route table. Public. */
export const GET = publicRoute(V1.openapi, async () =>
  Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }),
);
