import path from "node:path";
import { defineConfig } from "prisma/config";

// The CLI cannot download Prisma's native schema engine here; this shim runs the wasm build instead.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(import.meta.dirname, "scripts/prisma-schema-engine.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? `pglite:${process.env.PGLITE_DIR ?? "./.data/db"}` },
});
