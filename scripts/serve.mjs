#!/usr/bin/env node
/**
 * The production server: Next.js's request handler behind Node's own HTTP server.
 * - Peer address: Next.js only fills X-Forwarded-For when a request has none, so a client could choose the address
 *   the rate limits see. Every request gets `x-skillgap-peer` set to the real peer (any incoming value is
 *   overwritten), and lib/auth/client-ip.ts combines it with X-Forwarded-For only as far as TRUSTED_PROXY_HOPS allows.
 * - Request id: `x-request-id` from the proxy in front when it is well formed, else a new UUID; echoed in the
 *   response, and on the request's one log line (method, route pattern, status, duration, user id; never the URL's
 *   query, which can hold tokens).
 * - Metrics: Prometheus text on METRICS_PORT (unset: no metrics endpoint at all), never on the app's own port.
 * - Render cache: pages that are the same from one view to the next until something they show changes (the public
 *   taxonomy pages, a person's dashboard) are answered from memory. The app gives each request's key
 *   (`skillgapRenderCacheKey`, lib/render-cache.ts), made of the versions of everything the page shows; this server
 *   keeps the bytes (lib/response-cache.mjs). RENDER_CACHE=off turns it off; RENDER_CACHE_MB bounds it (default 64).
 * - Graceful stop: on SIGTERM/SIGINT, readiness turns 503, the listener stops accepting, requests in flight finish
 *   (keep-alive connections are told to close), then the database is closed and the process exits 0. After
 *   SHUTDOWN_GRACE_MS (default 25 s) it exits anyway, with 1.
 * Usage: node scripts/serve.mjs   (PORT, HOSTNAME, METRICS_PORT from the environment; run `next build` first)
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";
import { observability } from "../lib/observability-core.mjs";
import { capture, createStore, makeEntry, sendEntry } from "../lib/response-cache.mjs";

const dir = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const graceMs = Number(process.env.SHUTDOWN_GRACE_MS ?? 25_000);
const obs = observability();
const { logger } = obs;

/** Route patterns from the build ("/teams/[id]"), so metrics and logs have a bounded set of route labels. */
function routeMatcher() {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, ".next", "routes-manifest.json"), "utf8"));
    const routes = [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].map((r) => ({
      page: r.page,
      regex: new RegExp(r.regex),
    }));
    return (pathname) => {
      if (pathname.startsWith("/_next/static/")) return "/_next/static";
      if (pathname.startsWith("/_next/")) return "/_next";
      if (pathname.startsWith("/api/auth/")) return "/api/auth";
      return routes.find((r) => r.regex.test(pathname))?.page ?? "unmatched";
    };
  } catch {
    return () => "unknown";
  }
}

// The config the build was made with, as Next's own standalone server passes it (no next.config.js needed at run time).
try {
  const built = JSON.parse(readFileSync(path.join(dir, ".next", "required-server-files.json"), "utf8"));
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(built.config);
} catch {
  /* no build yet: next() says so */
}
const app = next({ dev: false, dir, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();
const routeOf = routeMatcher();
const QUIET = new Set(["/api/health/live", "/api/health/ready", "/api/health", "/ping"]);

/** A size in MB from the environment; unset, empty or not a non-negative number: the default. */
function megabytes(value, fallback) {
  const n = Number(value || fallback);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}
const renderCache =
  process.env.RENDER_CACHE === "off"
    ? null
    : createStore({ maxBytes: megabytes(process.env.RENDER_CACHE_MB, 64) * 1024 * 1024 });

/**
 * Answers from the render cache when the app gives the request a key and a rendering is stored under it; otherwise
 * Next renders, and a GET's rendering is stored (asked for unencoded, so it can be stored and compressed once).
 */
async function answer(req, res, ctx, url) {
  const keyFor = globalThis.skillgapRenderCacheKey;
  let lookup = null;
  // Only a target already in its normal form ("/path?query", no dot segments or doubled slashes), so the key names
  // exactly the page Next is asked for: anything else renders as usual.
  const plain = typeof req.url === "string" && req.url.startsWith("/") && url.pathname + url.search === req.url;
  if (renderCache && keyFor && plain && (req.method === "GET" || req.method === "HEAD")) {
    try {
      lookup = await keyFor({ method: req.method, pathname: url.pathname, search: url.search, headers: req.headers });
    } catch (e) {
      logger.warn(
        { requestId: ctx.requestId, error: String(e?.message ?? e).split("\n")[0] },
        "render cache key failed",
      );
    }
  }
  if (lookup) {
    if (lookup.userId) ctx.userId = lookup.userId;
    const hit = renderCache.get(lookup.key);
    if (hit) {
      obs.renderCache.inc({ result: "hit" });
      sendEntry(req, res, hit);
      return;
    }
    if (req.method === "GET") {
      delete req.headers["accept-encoding"];
      void capture(res)
        .then(async (captured) => {
          const entry = captured && (await makeEntry(captured, await lookup.validUntil()));
          obs.renderCache.inc({ result: entry ? "miss" : "skip" });
          if (entry) renderCache.set(lookup.key, entry);
        })
        .catch((e) =>
          logger.warn(
            { requestId: ctx.requestId, error: String(e?.message ?? e).split("\n")[0] },
            "render cache store failed",
          ),
        );
    }
  }
  await handle(req, res);
}

let stopping = false;
let inFlight = 0;

const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  const incoming = req.headers["x-request-id"];
  const requestId = typeof incoming === "string" && /^[\w.:-]{8,128}$/.test(incoming) ? incoming : randomUUID();
  req.headers["x-request-id"] = requestId;
  req.headers["x-skillgap-peer"] = req.socket.remoteAddress ?? "unknown";
  res.setHeader("x-request-id", requestId);
  let url = { pathname: "/", search: "" };
  try {
    url = new URL(req.url ?? "/", "http://x");
  } catch {
    /* an undecodable target: the proxy answers 400 */
  }
  const pathname = url.pathname;
  const route = routeOf(pathname);
  const ctx = { requestId, userId: undefined };
  inFlight += 1;
  obs.httpInFlight.inc();
  res.on("close", () => {
    inFlight -= 1;
    obs.httpInFlight.dec();
  });
  res.on("finish", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const status = res.statusCode;
    obs.httpDuration.observe({ method: req.method ?? "GET", route, status: String(status) }, seconds);
    const line = { requestId, method: req.method, route, status, ms: Math.round(seconds * 1000) };
    if (ctx.userId) line.userId = ctx.userId;
    if (status >= 500) logger.error(line, "request");
    else if (QUIET.has(pathname)) logger.debug(line, "request");
    else logger.info(line, "request");
  });
  if (stopping) {
    // Keep-alive clients open a new connection (to another replica) for their next request.
    res.setHeader("connection", "close");
    if (pathname === "/api/health/ready") {
      res.writeHead(503, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ status: "unavailable", reason: "shutting down" }));
      return;
    }
  }
  obs.requests.run(ctx, () => {
    answer(req, res, ctx, url).catch((e) => {
      logger.error({ requestId, route, error: String(e?.message ?? e).split("\n")[0] }, "request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Something went wrong on our side.");
    });
  });
});
// Longer than the idle timeout of common load balancers (60 s), so a balancer never reuses a connection this server
// has just closed (which it would answer with a 502).
server.keepAliveTimeout = Number(process.env.KEEP_ALIVE_TIMEOUT_MS ?? 65_000);
server.headersTimeout = server.keepAliveTimeout + 1_000;
server.listen(port, hostname, () =>
  logger.info({ port, hostname }, `listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`),
);

let metricsServer = null;
if (process.env.METRICS_PORT) {
  const metricsPort = Number(process.env.METRICS_PORT);
  metricsServer = http.createServer(async (req, res) => {
    if (req.method !== "GET" || new URL(req.url ?? "/", "http://x").pathname !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found. Metrics are at /metrics.");
      return;
    }
    try {
      const body = await obs.registry.metrics();
      res.writeHead(200, { "content-type": obs.registry.contentType }).end(body);
    } catch (e) {
      logger.error({ error: String(e?.message ?? e).split("\n")[0] }, "metrics failed");
      res.writeHead(500, { "content-type": "text/plain" }).end("Metrics are unavailable.");
    }
  });
  metricsServer.listen(metricsPort, process.env.METRICS_HOST ?? "0.0.0.0", () =>
    logger.info({ metricsPort }, `metrics on http://localhost:${metricsPort}/metrics`),
  );
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight }, "stopping: finishing requests in flight");
    const deadline = setTimeout(() => {
      logger.warn({ graceMs }, "requests still open after the grace period; exiting");
      process.exit(1);
    }, graceMs);
    deadline.unref();
    server.close(async () => {
      metricsServer?.close();
      try {
        await globalThis.skillgapStopJobs?.();
      } catch (e) {
        logger.warn({ error: String(e?.message ?? e).split("\n")[0] }, "stopping the background jobs failed");
      }
      try {
        await globalThis.skillgapCloseDb?.();
      } catch (e) {
        logger.warn({ error: String(e?.message ?? e).split("\n")[0] }, "closing the database failed");
      }
      logger.info("stopped");
      process.exit(0);
    });
    // Connections that finish their request after this point go idle; close them as they do.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 200).unref();
  });
}
