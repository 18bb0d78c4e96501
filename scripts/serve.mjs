#!/usr/bin/env node
/**
 * The production server: Next.js's request handler behind Node's own HTTP server, so the app can know the socket's
 * peer address. Next.js only fills X-Forwarded-For when a request has none, so a client could choose the address the
 * rate limits see. Here every request gets `x-skillgap-peer` set to the real peer (any incoming value is
 * overwritten), and lib/auth/client-ip.ts combines it with X-Forwarded-For only as far as TRUSTED_PROXY_HOPS allows.
 * Usage: node scripts/serve.mjs   (PORT, HOSTNAME from the environment; run `next build` first)
 */
import http from "node:http";
import path from "node:path";
import next from "next";

const dir = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";

const app = next({ dev: false, dir, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  req.headers["x-skillgap-peer"] = req.socket.remoteAddress ?? "unknown";
  handle(req, res).catch((e) => {
    console.error(
      JSON.stringify({ level: "error", msg: "request failed", error: String(e?.message ?? e).split("\n")[0] }),
    );
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("Something went wrong on our side.");
  });
});
server.listen(port, hostname, () =>
  console.log(`skillgap: listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`),
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Finish requests in flight, then exit; a stuck connection does not keep the process alive for long.
    server.close(() => process.exit(0));
    server.closeIdleConnections?.();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
