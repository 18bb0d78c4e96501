/**
 * `npm run backup` / `npm run restore` round trips: a backup restored into a fresh database holds the same rows.
 * Embedded PGlite always; the PostgreSQL server when TEST_DATABASE_URL is set (CI sets it).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/data/migrate";
import { emptyServerDatabases, queryAt } from "../support/test-db";

const root = path.resolve(import.meta.dirname, "../..");
const serverUrl = process.env.TEST_DATABASE_URL;
const tmp = mkdtempSync(path.join(os.tmpdir(), "skillgap-backup-"));

function run(args: string[], env: Record<string, string>) {
  const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/backup.ts", ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 240_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}`.trim() };
}

const ROWS = `SELECT id, email, name FROM "User" ORDER BY id`;
const insertUsers = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('u${i}', 'p${i}@backup.test', 'Person ${i}', now())`,
  ).join(";\n");

describe("backup and restore of the embedded database", () => {
  it("restores a backup into a new folder with the same rows, and refuses a folder that is not empty", async () => {
    const { PGlite } = await import("@electric-sql/pglite");
    const dir = path.join(tmp, "db");
    await applyMigrations({ kind: "pglite", dir });
    let db = await PGlite.create(dir);
    await db.exec(insertUsers(3));
    const before = (await db.query(ROWS)).rows;
    await db.close();

    const file = path.join(tmp, "embedded.tar.gz");
    const b = run(["backup", file], { PGLITE_DIR: dir });
    expect(b.out).toMatch(/^skillgap: backed up the embedded database/);
    expect(b.code).toBe(0);

    const into = path.join(tmp, "restored");
    const r = run(["restore", file], { PGLITE_DIR: into });
    expect(r.out).toMatch(/^skillgap: restored/);
    db = await PGlite.create(into);
    expect((await db.query(ROWS)).rows).toEqual(before);
    await db.close();

    const again = run(["restore", file], { PGLITE_DIR: into });
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/is not empty; restore into a new folder/);
  }, 300_000);
});

describe.skipIf(!serverUrl)("backup and restore of a PostgreSQL database", () => {
  const databases = emptyServerDatabases("skillgap_backup");
  const fresh = () => databases.create();
  const query = queryAt;
  afterAll(() => databases.dropAll());

  it("restores a pg_dump backup into an empty database with the same rows and migrations", async () => {
    const source = await fresh();
    await applyMigrations({ kind: "postgres", url: source });
    await query(source, insertUsers(4));
    const file = path.join(tmp, "server.dump");
    const b = run(["backup", file], { DATABASE_URL: source });
    expect(b.out).toMatch(/^skillgap: backed up the PostgreSQL database/);

    const target = await fresh();
    const r = run(["restore", file], { DATABASE_URL: target });
    expect(r.out).toMatch(/^skillgap: restored/);
    expect(await query(target, ROWS)).toEqual(await query(source, ROWS));
    const migrations = `SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name`;
    expect(await query(target, migrations)).toEqual(await query(source, migrations));

    const missing = run(["restore", path.join(tmp, "nope.dump")], { DATABASE_URL: target });
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/no backup file at/);
  }, 300_000);
});
