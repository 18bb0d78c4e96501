/**
 * A process that runs only the background jobs (lib/jobs.ts), as each app replica does beside serving pages:
 *   DATABASE_URL=… npm run jobs:worker
 * Prints "started" once the queue runs; stops gracefully on SIGTERM or SIGINT. The two-process test starts two.
 */
import { startJobs } from "../../lib/jobs";

async function main() {
  const stop = await startJobs();
  console.log("started");
  const quit = async () => {
    await stop();
    await (globalThis as { skillgapCloseDb?: () => Promise<void> }).skillgapCloseDb?.();
    process.exit(0);
  };
  process.on("SIGTERM", () => void quit());
  process.on("SIGINT", () => void quit());
}

main().catch((e) => {
  console.error(`could not start the jobs: ${String(e?.message ?? e).split("\n")[0]}`);
  process.exit(1);
});
