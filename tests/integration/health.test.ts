import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, installAsAppDb, type TestDb } from "../support/test-db";
import { getHealth, getReadiness } from "@/lib/data/health";
import { readMigrations } from "@/lib/data/migrate";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  installAsAppDb(t);
});
afterAll(() => t.close());

describe("health", () => {
  it("reports every migration as applied on a freshly migrated database", async () => {
    const h = await getHealth();
    expect(h.status).toBe("ok");
    expect(h.migrations.applied).toBe(true);
    expect(h.migrations.pending).toEqual([]);
    expect(h.migrations.expected).toBeGreaterThan(0);
  });

  it("reports pending migrations when the bookkeeping says one is missing", async () => {
    await t.prisma.$executeRawUnsafe(`DELETE FROM "_prisma_migrations"`);
    const h = await getHealth();
    expect(h.status).toBe("degraded");
    expect(h.migrations.applied).toBe(false);
    expect(h.migrations.pending.length).toBe(h.migrations.expected);
  });
});

describe("readiness", () => {
  it("is not ready while a migration is missing, and ready once every migration is booked", async () => {
    await t.prisma.$executeRawUnsafe(`DELETE FROM "_prisma_migrations"`);
    expect(await getReadiness()).toEqual({
      status: "unavailable",
      reason: expect.stringMatching(/migrations? not applied/),
    });
    for (const m of await readMigrations()) {
      await t.prisma.$executeRawUnsafe(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('${m.checksum.slice(0, 32)}', '${m.checksum}', now(), '${m.name}', 1)`,
      );
    }
    expect(await getReadiness()).toEqual({ status: "ok" });
  });
});
