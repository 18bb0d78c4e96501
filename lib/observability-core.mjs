/**
 * Logs, metrics and the per-request context, shared by the production server (scripts/serve.mjs, plain Node) and the
 * app (lib/observability.ts, inside Next). Plain JavaScript so both can load it; types in observability-core.d.mts.
 * One instance per process, kept on globalThis: Next loads its server code through its own module graph.
 *
 * - Logs: pino, one JSON object per line on stdout (`LOG_LEVEL`, default info); human-readable when stdout is a
 *   terminal (or `LOG_FORMAT=pretty`), JSON when `LOG_FORMAT=json`.
 * - Metrics: prom-client, served by the server only on `METRICS_PORT` (never on the app's own port).
 * - Request context: AsyncLocalStorage holding the request id and, once known, the signed-in user's id.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import pretty from "pino-pretty";
import client from "prom-client";

const KEY = Symbol.for("skillgap.observability");

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

function createLogger() {
  const wanted = (process.env.LOG_LEVEL ?? "info").toLowerCase();
  const level = LEVELS.has(wanted) ? wanted : "info";
  const format = process.env.LOG_FORMAT;
  const human = format === "pretty" || (format !== "json" && process.stdout.isTTY === true);
  const options = {
    level,
    base: { service: "skillgap" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Defence in depth: these never belong in a log line, whoever passes them.
    redact: {
      paths: ["email", "*.email", "password", "*.password", "token", "*.token", "cookie", "*.cookie", "headers.cookie"],
      censor: "[redacted]",
    },
  };
  const logger = human
    ? pino(options, pretty({ sync: true, colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname,service" }))
    : pino(options);
  if (!LEVELS.has(wanted)) logger.warn({ LOG_LEVEL: wanted }, "unknown LOG_LEVEL; using info");
  return logger;
}

function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const httpDuration = new client.Histogram({
    name: "skillgap_http_request_duration_seconds",
    help: "HTTP requests by method, route pattern (e.g. /teams/[id]) and status code.",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const dbDuration = new client.Histogram({
    name: "skillgap_db_query_duration_seconds",
    help: "Database statements by kind (select, insert, update, delete, other).",
    labelNames: ["statement"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const httpInFlight = new client.Gauge({
    name: "skillgap_http_requests_in_flight",
    help: "HTTP requests received and not yet answered.",
    registers: [registry],
  });
  const renderCache = new client.Counter({
    name: "skillgap_render_cache_requests_total",
    help: "Pages the render cache answered (hit), rendered and stored (miss), or rendered without storing (skip).",
    labelNames: ["result"],
    registers: [registry],
  });
  return { registry, httpDuration, dbDuration, httpInFlight, renderCache };
}

export function observability() {
  const g = /** @type {Record<symbol, unknown>} */ (globalThis);
  if (!g[KEY]) {
    g[KEY] = { logger: createLogger(), requests: new AsyncLocalStorage(), ...createMetrics(), client };
  }
  return /** @type {any} */ (g[KEY]);
}

/** The kind of a SQL statement, for the database metric's one bounded label. */
export function statementKind(sql) {
  const m = /^\s*(?:\/\*.*?\*\/\s*)?(\w+)/s.exec(sql);
  const word = (m?.[1] ?? "").toLowerCase();
  return ["select", "insert", "update", "delete"].includes(word) ? word : "other";
}
