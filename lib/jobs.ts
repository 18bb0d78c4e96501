import "server-only";
import PgBoss from "pg-boss";
import { databaseTarget } from "@/lib/env";
import { log } from "@/lib/observability";
import { runReminders } from "@/lib/data/reminders";
import { deliverPendingMail } from "@/lib/mail";
import { DIGEST_CRON, sendDigests } from "@/lib/data/digest";
import { foldViewChanges } from "@/lib/data/render-versions";

/**
 * Background jobs, run inside the app process:
 * - `reminders` every 15 minutes: goals due or overdue, old ratings (one digest a month), certifications expiring,
 *   review-cycle deadlines (lib/data/reminders.ts);
 * - `outbox` every minute: mail whose request died between commit and delivery;
 * - `digest` weekly: the opt-in digest email (lib/data/digest.ts), at most one per person a week;
 * - `view-changes` hourly: folds the render cache's change log (lib/data/render-versions.ts) to a row per scope.
 *
 * On the PostgreSQL server the queue is pg-boss (its tables live in the `pgboss` schema): each replica starts it,
 * and pg-boss makes each scheduled run a single job that one worker takes, so with several replicas a run happens
 * once. Every job is also idempotent on its own (notification keys, claimed mail), so a retried or repeated run sends
 * nothing twice. The embedded database (PGlite) serves one process only, so there plain timers run the same
 * functions (README: "Background jobs").
 */
export const JOBS: Record<string, { cron: string; everyMs: number; run: (now: Date) => Promise<unknown> }> = {
  reminders: { cron: "*/15 * * * *", everyMs: 15 * 60_000, run: (now) => runReminders(now) },
  outbox: { cron: "* * * * *", everyMs: 60_000, run: (now) => deliverPendingMail(now) },
  // Mondays 07:00 UTC; on the embedded database the hourly timer sends it to whoever is due (at most one a week).
  digest: { cron: DIGEST_CRON, everyMs: 60 * 60_000, run: (now) => sendDigests(now) },
  "view-changes": { cron: "23 * * * *", everyMs: 60 * 60_000, run: () => foldViewChanges() },
};

async function runJob(name: string): Promise<void> {
  const started = Date.now();
  try {
    const result = await JOBS[name]!.run(new Date());
    log().info({ job: name, ms: Date.now() - started, result }, "job done");
  } catch (e) {
    log().error({ job: name, error: String((e as Error)?.message ?? e).split("\n")[0] }, "job failed");
    throw e; // pg-boss retries it (the job is idempotent)
  }
}

/**
 * Starts pg-boss and creates the queues and schedules. On a new database, replicas starting together race to create
 * the `pgboss` schema and each queue's table, and the loser fails (a duplicate object, or a deadlock). A later attempt
 * finds them made, so a failed start is retried (a new instance, after a short random pause), up to 5 times.
 */
async function startBoss(url: string): Promise<PgBoss> {
  for (let attempt = 1; ; attempt++) {
    const boss = new PgBoss({
      connectionString: url,
      schema: "pgboss",
      max: 3,
      application_name: "skillgap-jobs",
      // How often one replica (pg-boss picks one per interval) checks the schedule; the minute's job starts within it.
      cronMonitorIntervalSeconds: 10,
    });
    boss.on("error", (e) => log().error({ error: String(e?.message ?? e).split("\n")[0] }, "job queue error"));
    try {
      await boss.start();
      // Creating a queue makes its table; replicas doing it at the same moment can deadlock each other (the loser
      // retries below). Both calls do nothing when the queue and schedule already exist.
      for (const [name, job] of Object.entries(JOBS)) {
        await boss.createQueue(name, { name, retryLimit: 3, retryDelay: 30, expireInSeconds: 600 });
        await boss.schedule(name, job.cron, {}, { tz: "UTC" });
      }
      return boss;
    } catch (e) {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      if (attempt >= 5) throw e;
      log().warn(
        { attempt, error: String((e as Error)?.message ?? e).split("\n")[0] },
        "job queue start failed; retrying",
      );
      await new Promise((r) => setTimeout(r, 200 * attempt + Math.random() * 300));
    }
  }
}

/** Starts the jobs (unless SKILLGAP_JOBS=off); returns the function that stops them. */
export async function startJobs(): Promise<() => Promise<void>> {
  if (process.env.SKILLGAP_JOBS === "off") return async () => undefined;
  const target = databaseTarget();
  if (target.kind === "postgres") {
    const boss = await startBoss(target.url);
    for (const name of Object.keys(JOBS)) await boss.work(name, { pollingIntervalSeconds: 10 }, () => runJob(name));
    log().info({ queue: "pg-boss", jobs: Object.keys(JOBS) }, "background jobs started");
    return () => boss.stop({ graceful: true, timeout: 10_000 });
  }
  const timers = Object.entries(JOBS).map(([name, job]) =>
    setInterval(() => void runJob(name).catch(() => undefined), job.everyMs),
  );
  for (const t of timers) t.unref();
  log().info({ queue: "timers (embedded database)", jobs: Object.keys(JOBS) }, "background jobs started");
  return async () => timers.forEach(clearInterval);
}
