import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // server-only throws outside a React Server Component bundle; in tests the data layer runs in plain Node.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // The server always has one (scripts/start.ts requires or derives it); signed links (unsubscribe) need it.
    env: { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "vitest-secret-vitest-secret-vitest" },
    benchmark: { include: ["tests/bench/**/*.bench.ts"] },
  },
});
