import { withActor } from "@/lib/actions/with-actor";
import { exportMyData } from "@/lib/data/my-data";

export const dynamic = "force-dynamic";

export const GET = withActor(async (_req, actor) => {
  const data = await exportMyData(actor);
  return new Response(
    JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2),
    {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="skillgap-export-${new Date().toISOString().slice(0, 10)}.json"`,
        "Cache-Control": "no-store",
      },
    },
  );
});
