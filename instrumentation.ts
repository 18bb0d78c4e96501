/**
 * Runs once when the server starts (Node runtime only): registers the product gauges on the process's metrics
 * registry (read from the database when Prometheus scrapes, at most once a minute), gives the server the render
 * cache's key function (`skillgapRenderCacheKey`, lib/render-cache.ts), and starts the background jobs (lib/jobs.ts). The server (scripts/serve.mjs) stops the jobs through `skillgapStopJobs` before closing the database.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { registerProductMetrics } = await import("@/lib/data/metrics");
  registerProductMetrics();
  const { renderCacheKey } = await import("@/lib/render-cache");
  (globalThis as { skillgapRenderCacheKey?: typeof renderCacheKey }).skillgapRenderCacheKey = renderCacheKey;
  const { startJobs } = await import("@/lib/jobs");
  const { log } = await import("@/lib/observability");
  // Not awaited: the server answers (and turns ready) while the queue starts; the first start also creates
  // pg-boss's schema, racing other replicas under pg-boss's own lock.
  void startJobs().then(
    (stop) => void ((globalThis as { skillgapStopJobs?: () => Promise<void> }).skillgapStopJobs = stop),
    // The app still serves pages; reminders wait until the next start. The log says why.
    (e: unknown) =>
      log().error({ error: String((e as Error)?.message ?? e).split("\n")[0] }, "background jobs did not start"),
  );
}
