/**
 * `npm start`: checks the configuration, migrates and seeds the database, builds when the build is missing or
 * stale, then serves. With no DATABASE_URL the database is embedded PGlite in ./.data/db.
 * Flags: --fresh  start from an empty embedded database (used by the e2e suite).
 * SKILLGAP_PREBUILT=1 (set in the container image): never build; stop with one line when the build is missing.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import {
  PreflightError,
  acquirePgliteLock,
  checkPgliteFolder,
  checkPortFree,
  checkPostgres,
  demoSecret,
  parsePort,
  readConfig,
} from "./preflight";
import { migrationState } from "../lib/data/migrations";
import { MigrationError, applyMigrations } from "../lib/data/migrate";
import { buildExists, buildIsCurrent, markBuilt } from "./build-fingerprint";
import { closePrisma, openPrisma } from "../lib/data/open";
import { seed, DEMO_ACCOUNTS, DEMO_PASSWORD } from "../prisma/seed";

const root = path.resolve(import.meta.dirname, "..");
const migrationsDir = path.join(root, "prisma", "migrations");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, label: string) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new PreflightError(`${label} failed (exit ${r.status}); its output is above.`);
  }
}

async function main() {
  const fresh = process.argv.includes("--fresh");
  const port = parsePort(process.env.PORT);
  const { env, target } = readConfig(process.env);
  await checkPortFree(port);

  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) };
  let release = () => {};
  if (target.kind === "postgres") {
    if (!env.NEXTAUTH_SECRET) {
      throw new PreflightError(
        "NEXTAUTH_SECRET is required when running on a PostgreSQL server. Generate one with: openssl rand -base64 32",
      );
    }
    await checkPostgres(target.url);
    const u = new URL(target.url);
    console.log(`skillgap: database is PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`);
    childEnv.DATABASE_URL = target.url;
  } else {
    if (fresh) rmSync(path.resolve(target.dir), { recursive: true, force: true });
    checkPgliteFolder(target.dir);
    const isNew = !existsSync(path.join(path.resolve(target.dir), "PG_VERSION"));
    release = acquirePgliteLock(target.dir);
    console.log(
      `skillgap: database is embedded PGlite in ${target.dir}${isNew ? " (new: it will be created, migrated and seeded now)" : ""}; set DATABASE_URL to use a PostgreSQL server`,
    );
    childEnv.DATABASE_URL = `pglite:${target.dir}`;
    childEnv.NEXTAUTH_SECRET ??= demoSecret(target.dir);
  }
  childEnv.NEXTAUTH_URL ??= `http://localhost:${port}`;

  // Migrate before the server opens the database (SKIP_MIGRATIONS=1 when a separate job runs them), then seed.
  if (process.env.SKIP_MIGRATIONS === "1") {
    const prisma = await openPrisma(target);
    const { pending } = await migrationState(prisma, migrationsDir);
    await closePrisma(prisma);
    if (pending.length > 0) {
      throw new PreflightError(
        `SKIP_MIGRATIONS=1 but ${pending.length} migration${pending.length === 1 ? " is" : "s are"} not applied (${pending[0]}…); run the migration job first.`,
      );
    }
  } else {
    const { applied } = await applyMigrations(target, migrationsDir);
    if (applied.length > 0)
      console.log(`skillgap: applied ${applied.length} migration${applied.length === 1 ? "" : "s"}`);
  }
  const prisma = await openPrisma(target);
  const demo = target.kind === "pglite" || process.env.SEED_DEMO === "1";
  const summary = await seed(prisma, { demo });
  await closePrisma(prisma);
  console.log(`skillgap: ${summary}`);

  if (process.env.SKILLGAP_PREBUILT === "1") {
    // A container image: the build was made when the image was; never build at start (no dev dependencies here).
    if (!buildExists()) {
      throw new PreflightError(
        "SKILLGAP_PREBUILT=1 but there is no build in .next; build the image (or run `next build`) first.",
      );
    }
  } else if (!buildIsCurrent()) {
    console.log("skillgap: building the app (first start or changed sources, about a minute)…");
    run(bin("next"), ["build"], { ...childEnv, NODE_ENV: "production" }, "next build");
    markBuilt();
  }

  // scripts/serve.mjs rather than `next start`: it tells the app the socket's peer address (see the file).
  const server = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], {
    cwd: root,
    env: { ...childEnv, NODE_ENV: "production" },
    stdio: "inherit",
  });
  const stop = (signal: NodeJS.Signals) => server.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => {
    release();
    process.exit(code ?? 0);
  });
  await waitForHealth(port);
  console.log(`\nskillgap is running at http://localhost:${port}`);
  if (!childEnv.SMTP_URL) {
    console.log(
      "Mail: no SMTP_URL is set, so confirmation, reset and invitation messages wait in the admin Outbox (/admin/outbox).",
    );
  } else {
    console.log(`Mail: sent over SMTP (${new URL(childEnv.SMTP_URL).hostname}).`);
  }
  if (demo) {
    console.log(`Demo sign-in (password for all: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(8)} ${a.email}`);
  }
}

async function waitForHealth(port: number) {
  for (let i = 0; i < 600; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

main().catch((e: unknown) => {
  if (e instanceof PreflightError || e instanceof MigrationError) {
    console.error(`skillgap: ${e.message}`);
  } else {
    // Prisma's messages start with a blank line: show the first line that says something.
    const text = e instanceof Error ? e.message : String(e);
    const line = text.split("\n").find((l) => l.trim()) ?? (e instanceof Error ? e.name : "unknown error");
    console.error(`skillgap: could not start: ${line.trim()}`);
  }
  process.exit(1);
});
