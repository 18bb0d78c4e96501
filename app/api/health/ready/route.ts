import { getReadiness } from "@/lib/data/health";

/** Readiness: the database answers and every migration is applied; 503 otherwise, so no traffic reaches this replica. */
export const dynamic = "force-dynamic";

export async function GET() {
  const ready = await getReadiness();
  return Response.json(ready, { status: ready.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
