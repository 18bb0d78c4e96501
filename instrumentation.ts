/**
 * Runs once when the server starts (Node runtime only): registers the product gauges on the process's metrics
 * registry. They are read from the database when Prometheus scrapes, at most once a minute.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { registerProductMetrics } = await import("@/lib/data/metrics");
  registerProductMetrics();
}
