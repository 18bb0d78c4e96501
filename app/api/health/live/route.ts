/** Liveness: the process runs and serves requests. It touches no database, so a slow database never restarts a pod. */
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
