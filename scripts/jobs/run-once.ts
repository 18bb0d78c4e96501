/**
 * Runs one background job once, in this process, against DATABASE_URL (or the embedded database):
 *   npm run jobs:run -- reminders [--now 2026-12-01T09:00:00Z]
 *   npm run jobs:run -- outbox [--now …]
 * For operators (run a reminder pass by hand) and for the tests that start two processes, or kill one mid-job.
 * `--pause-after-commit <ms>` waits after the notifications are committed and before their mail is sent, printing
 * "committed" first, so a test can kill the process in that window.
 */
import { runReminders } from "../../lib/data/reminders";
import { deliverPendingMail } from "../../lib/mail";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const job = process.argv[2];
  const now = arg("--now") ? new Date(arg("--now")!) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`--now is not a date: ${arg("--now")}`);
  const pause = Number(arg("--pause-after-commit") ?? 0);
  let result: unknown;
  if (job === "reminders")
    result = await runReminders(now, {
      afterCommit: pause
        ? async () => {
            console.log("committed");
            await new Promise((r) => setTimeout(r, pause));
          }
        : undefined,
    });
  else if (job === "outbox") result = { delivered: await deliverPendingMail(now) };
  else throw new Error(`unknown job "${job}" (reminders, outbox)`);
  console.log(JSON.stringify(result));
  const close = (globalThis as { skillgapCloseDb?: () => Promise<void> }).skillgapCloseDb;
  await close?.();
}

main().catch((e) => {
  console.error(`could not run the job: ${String(e?.message ?? e).split("\n")[0]}`);
  process.exit(1);
});
