import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, installAsAppDb, type TestDb } from "../support/test-db";
import { getHealth } from "@/lib/data/health";

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
