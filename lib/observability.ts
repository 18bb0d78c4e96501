/**
 * The app's side of logging and metrics (lib/observability-core.mjs holds the one instance per process).
 * Log lines carry the request id and the signed-in user's id, never an email, a name or a rating.
 */
import { observability, statementKind } from "./observability-core.mjs";

export { statementKind };

/** The process logger, with the current request's id and user id bound when there is a request. */
export function log() {
  const o = observability();
  const ctx = o.requests.getStore();
  return ctx ? o.logger.child({ requestId: ctx.requestId, ...(ctx.userId ? { userId: ctx.userId } : {}) }) : o.logger;
}

/** Records who is acting in this request, for the request's log line. */
export function noteRequestUser(userId: string): void {
  const ctx = observability().requests.getStore();
  if (ctx) ctx.userId = userId;
}

/** Times one database statement. */
export function observeQuery(sql: string, ms: number): void {
  observability().dbDuration.observe({ statement: statementKind(sql) }, ms / 1000);
}

export function metricsRegistry() {
  return observability().registry;
}

export function metricsClient() {
  return observability().client;
}
