import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "@/lib/data/migrations";
import { applyMigrations, readMigrations } from "@/lib/data/migrate";
import { closePrisma, openPrisma } from "@/lib/data/open";
import { seed } from "@/prisma/seed";
import { emptyServerDatabases, queryAt } from "../support/test-db";

const root = path.resolve(import.meta.dirname, "../..");
const serverUrl = process.env.TEST_DATABASE_URL;
const databases = emptyServerDatabases("skillgap_migrate");
const emptyDb = () => databases.create();
const rows = queryAt;

afterAll(() => databases.dropAll());

describe("the migration runner on embedded PGlite", () => {
  it("applies every migration once, then nothing", { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "skillgap-pglite-"));
    const target = { kind: "pglite" as const, dir };
    const expected = (await readMigrations()).map((m) => m.name);
    expect(await applyMigrations(target)).toEqual({ applied: expected });
    expect(await applyMigrations(target)).toEqual({ applied: [] });
  });
});

describe.skipIf(!serverUrl)("the migration runner on PostgreSQL", () => {
  it("keeps Prisma's bookkeeping: the CLI sees the database as up to date, with the CLI's own checksums", async () => {
    const ours = await emptyDb();
    const theirs = await emptyDb();
    await applyMigrations({ kind: "postgres", url: ours });
    const cli = (args: string[], url: string) =>
      spawnSync(path.join(root, "node_modules/.bin/prisma"), args, {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url },
        encoding: "utf8",
        timeout: 120_000,
      });
    const status = cli(["migrate", "status"], ours);
    expect(status.stdout + status.stderr).toMatch(/Database schema is up to date/);
    expect(status.status).toBe(0);
    expect(cli(["migrate", "deploy"], theirs).status).toBe(0);
    const sums = (url: string) =>
      rows(url, `SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name`);
    expect(await sums(ours)).toEqual(await sums(theirs));
    // And the schema is the one Prisma would have made: no difference from the schema (exit 0; 2 means a difference).
    const drift = cli(
      ["migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/schema.prisma", "--exit-code"],
      ours,
    );
    expect(drift.status, drift.stdout + drift.stderr).toBe(0);
  }, 300_000); // three runs of the Prisma CLI (its wasm schema engine takes seconds each)

  it("four replicas starting together apply each migration exactly once", async () => {
    const url = await emptyDb();
    const results = await Promise.all([1, 2, 3, 4].map(() => applyMigrations({ kind: "postgres", url })));
    const expected = (await readMigrations()).map((m) => m.name);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(expected);
    const booked = await rows(url, `SELECT migration_name FROM _prisma_migrations ORDER BY migration_name`);
    expect(booked.map((r) => r.migration_name)).toEqual(expected);
  });

  it("three replicas starting together with the demo seed: one taxonomy version, one set of demo accounts", async () => {
    // Seen in the image stage before the seed took a lock: two of three containers died on unique violations.
    const url = await emptyDb();
    const target = { kind: "postgres" as const, url };
    await Promise.all([1, 2, 3].map(() => applyMigrations(target)));
    const clients = await Promise.all([1, 2, 3].map(() => openPrisma(target)));
    try {
      const summaries = await Promise.all(clients.map((c) => seed(c, { demo: true })));
      expect(summaries.filter((s) => /demo accounts created \(5\)/.test(s))).toHaveLength(1);
      expect(summaries.filter((s) => /demo accounts present/.test(s))).toHaveLength(2);
      expect(summaries.filter((s) => / applied \(/.test(s))).toHaveLength(1);
    } finally {
      await Promise.all(clients.map((c) => closePrisma(c)));
    }
    expect(await rows(url, `SELECT count(*)::int AS n FROM "TaxonomyVersion"`)).toEqual([{ n: 1 }]);
    expect(await rows(url, `SELECT count(*)::int AS n FROM "User"`)).toEqual([{ n: 5 }]);
    expect(await rows(url, `SELECT count(*)::int AS n FROM "Team"`)).toEqual([{ n: 1 }]);
  });

  it("rolls a failing migration back whole and names it; the ones before it stay applied", async () => {
    const url = await emptyDb();
    const dir = mkdtempSync(path.join(os.tmpdir(), "skillgap-migs-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const bad = path.join(dir, "29991231000000_broken");
    cpSync(path.join(dir, (await readMigrations()).at(-1)!.name), bad, { recursive: true });
    writeFileSync(path.join(bad, "migration.sql"), `CREATE TABLE "Half" (id int);\nSELECT no_such_function();\n`);
    await expect(applyMigrations({ kind: "postgres", url }, dir)).rejects.toThrow(
      /migration 29991231000000_broken failed and was rolled back/,
    );
    expect(await rows(url, `SELECT to_regclass('"Half"') AS t`)).toEqual([{ t: null }]);
    const booked = await rows(url, `SELECT migration_name FROM _prisma_migrations`);
    expect(booked.map((r) => r.migration_name)).not.toContain("29991231000000_broken");
    expect(booked).toHaveLength((await readMigrations()).length);
  });

  it("refuses a migration whose file changed after it was applied", async () => {
    const url = await emptyDb();
    await applyMigrations({ kind: "postgres", url });
    const dir = mkdtempSync(path.join(os.tmpdir(), "skillgap-migs-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const first = (await readMigrations()).at(0)!.name;
    writeFileSync(path.join(dir, first, "migration.sql"), "-- edited\n", { flag: "a" });
    await expect(applyMigrations({ kind: "postgres", url }, dir)).rejects.toThrow(
      new RegExp(`migration ${first} was changed after it was applied`),
    );
  });
});
