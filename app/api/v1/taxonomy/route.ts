import { apiRoute } from "@/lib/actions/with-token";
import { revalidatePages } from "@/lib/actions/revalidate";
import { replaceTaxonomy } from "@/lib/data/api-v1";
import { getTaxonomy } from "@/lib/data/taxonomy";
import { toExportDocument } from "@/lib/taxonomy/load";
import { V1 } from "@/lib/api/v1-routes";

export const dynamic = "force-dynamic";

/** The active taxonomy in the export format. Public: it holds no personal data. */
export async function GET() {
  const doc = toExportDocument(await getTaxonomy());
  return Response.json(doc, { headers: { "Cache-Control": "public, max-age=60" } });
}

/**
 * Imports a taxonomy document, validated exactly as the admin page's JSON import (each problem named by its place in
 * the document; nothing changes until there are none), applied with the owner's admin rights re-checked inside the
 * transaction.
 */
export const PUT = apiRoute(V1.putTaxonomy, async ({ actor, body }) => {
  const result = await replaceTaxonomy(actor, body);
  // A new taxonomy changes every page that names skills and roles.
  revalidatePages("/admin", "/skills", "/roles", "/me/skills", "/dashboard", "/compare", "/teams");
  return result;
});
