#!/usr/bin/env node
/**
 * For the container image: bundles the start script (preflight, migrations, seed, then the server), the
 * migration job and the first-administrator command (`node scripts/user-create.mjs --email … --admin`) into plain ESM files, so the image runs them with node alone: no tsx, no TypeScript sources, and no
 * Prisma CLI (migrations are applied by lib/data/migrate.ts). Packages the server also needs stay external; they come
 * from Next's standalone output (.next/standalone/node_modules), which traces exactly what the app uses.
 * Usage (after `next build` with output "standalone"): node scripts/image/bundle.mjs OUTDIR
 */
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "../..");
const outdir = path.resolve(process.argv[2] ?? path.join(root, ".next", "image-scripts"));

await build({
  absWorkingDir: root,
  entryPoints: { start: "scripts/start.ts", migrate: "scripts/migrate.ts", "user-create": "scripts/user-create.ts" },
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: "tsconfig.json",
  // CommonJS dependencies bundled into ESM still call require().
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  external: [
    "next",
    "@prisma/client",
    "@prisma/adapter-pg",
    "@prisma/driver-adapter-utils",
    "pg",
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "pino",
    "pino-pretty",
    "prom-client",
  ],
  logLevel: "warning",
});
console.log(`bundled start.mjs, migrate.mjs and user-create.mjs into ${path.relative(root, outdir)}`);
