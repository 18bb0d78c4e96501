// A static reference route for load tests: rendered once at build time, served from the build output, no
// session and no database. Throughput here is the ceiling the other routes are compared with.
export const dynamic = "force-static";

export function GET() {
  return new Response("ok\n", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
