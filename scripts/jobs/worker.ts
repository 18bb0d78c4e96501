/**
 * A process that runs only the background jobs (lib/jobs.ts), as each app replica does beside serving pages:
 *   DATABASE_URL=… npm run jobs:worker
 * Prints "started" once the queue runs; stops gracefully on SIGTERM or SIGINT (also while still starting).
 */
import { startJobs } from "../../lib/jobs";

let starting: Promise<() => Promise<void>> | null = null;

async function quit() {
  try {
    const stop = await starting?.catch(() => null);
    await stop?.();
    await (globalThis as { skillgapCloseDb?: () => Promise<void> }).skillgapCloseDb?.();
    process.exit(0);
  } catch (e) {
    console.error(`stopping the jobs failed: ${String((e as Error)?.message ?? e).split("\n")[0]}`);
    process.exit(1);
  }
}
process.on("SIGTERM", () => void quit());
process.on("SIGINT", () => void quit());

starting = startJobs();
starting.then(
  () => console.log("started"),
  (e: unknown) => {
    console.error(`could not start the jobs: ${String((e as Error)?.message ?? e).split("\n")[0]}`);
    process.exit(1);
  },
);
