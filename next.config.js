/** @type {import('next').NextConfig} */
const securityHeaders = [
  // The Content-Security-Policy is set per request by proxy.ts, with a script nonce (lib/csp.ts).
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // Browsers honour HSTS only over HTTPS, so sending it from a production build served over plain HTTP is harmless.
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

// Must equal ACTION_BODY_LIMIT_MB in lib/upload-limits.ts (tests/unit/validation.test.ts checks): room for the largest
// upload the schemas allow (taxonomy JSON, 5 MB) once JSON-escaped, plus the form around it. Past this limit Next
// answers a server action with a bare 500, so the forms refuse a larger file before sending it.
const ACTION_BODY_LIMIT = "12mb";

const nextConfig = {
  poweredByHeader: false,
  // The container image runs from the traced output (.next/standalone/node_modules) instead of all of node_modules.
  output: "standalone",
  experimental: {
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT },
    // proxy.ts runs for every request, including the import forms' posts; Next hands on only this much of a body it cloned
    // for the proxy, so it must not be smaller than the action limit (its default is 10 MB).
    proxyClientMaxBodySize: ACTION_BODY_LIMIT,
  },
  // `npm run typecheck` (part of `npm test`) checks every file, tests included; the build need not repeat it,
  // and a work-in-progress test file must not stop `npm start`.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
    "@node-rs/argon2",
    // One logger and one metrics registry per process, shared with scripts/serve.mjs (lib/observability-core.mjs).
    "pino",
    "pino-pretty",
    "prom-client",
  ],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
