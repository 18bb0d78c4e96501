/**
 * The migration job: applies pending migrations and exits (0 when the database is current). For deployments that
 * start the app with SKIP_MIGRATIONS=1 and run this once per release (the Kubernetes Job in deploy/k8s).
 * Usage: DATABASE_URL=postgresql://… node scripts/migrate.mjs   (in the image; `npx tsx scripts/migrate.ts` here)
 */
import path from "node:path";
import { EnvError, databaseTarget, parseEnv } from "../lib/env";
import { MigrationError, applyMigrations } from "../lib/data/migrate";

async function main() {
  const target = databaseTarget(parseEnv(process.env));
  const dir = path.resolve(import.meta.dirname, "..", "prisma", "migrations");
  const { applied } = await applyMigrations(target, dir);
  console.log(
    applied.length === 0
      ? "skillgap: the database is up to date"
      : `skillgap: applied ${applied.length} migration${applied.length === 1 ? "" : "s"}: ${applied.join(", ")}`,
  );
}

main().catch((e: unknown) => {
  const known = e instanceof MigrationError || e instanceof EnvError;
  console.error(
    `skillgap: migration failed: ${known ? e.message : e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
  );
  process.exit(1);
});
