import type { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "pino";
import type client from "prom-client";

export type RequestContext = { requestId: string; userId?: string };

export type Observability = {
  logger: Logger;
  requests: AsyncLocalStorage<RequestContext>;
  registry: client.Registry;
  httpDuration: client.Histogram<"method" | "route" | "status">;
  dbDuration: client.Histogram<"statement">;
  httpInFlight: client.Gauge;
  renderCache: client.Counter<"result">;
  client: typeof client;
};

export function observability(): Observability;
export function statementKind(sql: string): "select" | "insert" | "update" | "delete" | "other";
