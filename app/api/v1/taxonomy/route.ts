import { getTaxonomy } from "@/lib/data/taxonomy";
import { toExportDocument } from "@/lib/taxonomy/load";

export const dynamic = "force-dynamic";

/** The active taxonomy in the export format. Public: it holds no personal data. */
export async function GET() {
  const doc = toExportDocument(await getTaxonomy());
  return Response.json(doc, { headers: { "Cache-Control": "public, max-age=60" } });
}
