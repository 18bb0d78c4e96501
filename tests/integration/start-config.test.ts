import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "skillgap-start-"));

function start(env: Record<string, string>, timeout = 60_000) {
  const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: "3999",
      PGLITE_DIR: path.join(tmp, "unused"),
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}`.trim() };
}

function expectOneClearLine(r: { code: number | null; out: string }, pattern: RegExp) {
  expect(r.code).toBe(1);
  const lines = r.out.split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.out).not.toMatch(/\n\s+at /); // no stack trace
}

let blocker: net.Server;
beforeAll(async () => {
  blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(3998, r));
});
afterAll(() => new Promise<void>((r) => blocker.close(() => r())));

describe("npm start with bad configuration", () => {
  it("names a malformed DATABASE_URL", () => {
    expectOneClearLine(
      start({ DATABASE_URL: "mysql://nope" }),
      /DATABASE_URL must be a postgresql:\/\/.* URL or pglite:<folder>/,
    );
  });

  it("says which server it cannot reach and what to check", () => {
    expectOneClearLine(
      start({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/skillgap", NEXTAUTH_SECRET: "x".repeat(32) }),
      /Cannot reach PostgreSQL at 127\.0\.0\.1:1 .*Check that the server is running/,
    );
  });

  it("refuses a PGlite folder that is not a database", () => {
    const dir = path.join(tmp, "not-a-db");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "notes.txt"), "hello");
    expectOneClearLine(start({ PGLITE_DIR: dir }), /is not a database \(no PG_VERSION\)/);
  });

  it("refuses a PGlite folder another process is using", () => {
    const dir = path.join(tmp, "busy-db");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "PG_VERSION"), "17");
    writeFileSync(`${dir}.lock`, String(process.pid)); // this test process is alive and holds it
    expectOneClearLine(start({ PGLITE_DIR: dir }), new RegExp(`in use by another process \\(pid ${process.pid}\\)`));
  });

  it("says the port is in use", () => {
    expectOneClearLine(start({ PORT: "3998" }), /Port 3998 is already in use/);
  });

  it("names a bad PORT value", () => {
    expectOneClearLine(start({ PORT: "eighty" }), /PORT must be a whole number/);
  });

  it("requires NEXTAUTH_SECRET on a PostgreSQL server", () => {
    expectOneClearLine(
      start({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres" }),
      /NEXTAUTH_SECRET is required/,
    );
  });

  it("with SKIP_MIGRATIONS=1, stops with one line when the database is not migrated (the job has not run)", () => {
    // Creating a new embedded database takes a few seconds (much longer on a busy machine).
    const r = start({ PGLITE_DIR: path.join(tmp, "unmigrated"), SKIP_MIGRATIONS: "1" }, 240_000);
    expect(r.code).toBe(1);
    const lines = r.out.split("\n").filter(Boolean);
    expect(lines.at(-1)).toMatch(/SKIP_MIGRATIONS=1 but \d+ migrations are not applied .*run the migration job first/);
    expect(lines.length).toBeLessThanOrEqual(2); // the database line, then the reason
    expect(r.out).not.toMatch(/\n\s+at /);
  }, 300_000);
});
