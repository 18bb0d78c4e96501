/**
 * The render cache's store, used by the production server (scripts/serve.mjs): whole responses Next rendered, kept
 * in memory under the key the app gives (lib/render-cache.ts), and sent again byte for byte, pre-compressed, while
 * the key stays the same. Plain JavaScript because the server runs outside Next's build.
 *
 * - What is stored: a 200 answer of HTML or JSON, complete (the client did not go away mid-stream), that sets no
 *   cookie, at most MAX_ENTRY_BYTES. Anything else is sent as Next made it and forgotten.
 * - Script policy: a stored page cannot carry a fresh nonce, so it is sent with a policy listing the SHA-256 of each
 *   of its inline scripts (lib/csp-core.mjs). The nonce attributes left in the markup match no policy.
 * - Size: least recently used entries go first once the entries exceed `maxBytes` (RENDER_CACHE_MB, default 64).
 * - Time: an entry whose `validUntil` has passed (a page that depends on the clock) is dropped when asked for.
 */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { policyWith } from "./csp-core.mjs";

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

/** Response headers that belong to one response only, or that the cache sets itself. */
const PER_RESPONSE = new Set([
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "date",
  "x-request-id",
  "content-security-policy",
  "set-cookie",
  "etag",
  "x-render-cache",
]);

/**
 * Signs that part of a 200 page failed or moved after its first bytes were sent (a streamed section that threw, or a
 * redirect inside one): React marks a failed Suspense boundary with a `data-dgst` digest (an empty one, or
 * BAILOUT_TO_CLIENT_SIDE_RENDERING, is a part that renders in the browser by design), the RSC payload carries the error's
 * `digest` or `NEXT_REDIRECT`, and a late redirect is a meta refresh. Such a page is sent but never stored. The test
 * is deliberately broad: text that merely looks like one of these costs a rendering, nothing else.
 */
const FAILED_PART =
  /data-dgst="(?!"|BAILOUT_TO_CLIENT_SIDE_RENDERING")|\\?"digest\\?"|NEXT_REDIRECT|NEXT_HTTP_ERROR_FALLBACK|http-equiv="refresh"/;

/**
 * The SHA-256 source expression of every inline script in an HTML page ("'sha256-…'"), in order, without repeats.
 * Next escapes "<" inside the data it inlines, so a script's text ends at the first "</script".
 * @param {string} html
 */
export function inlineScriptHashes(html) {
  const out = new Set();
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (/\bsrc\s*=/i.test(m[1])) continue;
    out.add(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  return [...out];
}

/**
 * An entry from a captured response, or null when it must not be stored.
 * @param {{ status: number, headers: Record<string, string | string[] | number | undefined>, body: Buffer }} r
 * @param {number} validUntil
 */
export async function makeEntry(r, validUntil) {
  if (r.status !== 200 || r.body.length > MAX_ENTRY_BYTES) return null;
  const headers = {};
  for (const [name, value] of Object.entries(r.headers)) {
    const lower = name.toLowerCase();
    if (lower === "set-cookie" && value !== undefined) return null; // a response that sets a cookie is one person's
    if (value === undefined || PER_RESPONSE.has(lower)) continue;
    headers[lower] = Array.isArray(value) ? value.map(String) : String(value);
  }
  const type = String(headers["content-type"] ?? "");
  const html = type.startsWith("text/html");
  if (!html && !type.startsWith("application/json")) return null;
  if (String(r.headers["content-encoding"] ?? "identity") !== "identity") return null;
  const vary = String(headers["vary"] ?? "");
  if (!/accept-encoding/i.test(vary)) headers["vary"] = vary ? `${vary}, Accept-Encoding` : "Accept-Encoding";
  const [gz, br] = await Promise.all([
    gzip(r.body, { level: 6 }),
    brotli(r.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }),
  ]);
  const text = r.body.toString("utf8");
  if (html && FAILED_PART.test(text)) return null;
  const csp = html ? policyWith(inlineScriptHashes(text)) : null;
  return {
    headers,
    csp,
    identity: r.body,
    gzip: gz,
    br,
    validUntil,
    bytes: r.body.length + gz.length + br.length,
  };
}

/**
 * The store: a map in least-recently-used order, bounded by the bytes it holds.
 * @param {{ maxBytes: number, now?: () => number }} options
 */
export function createStore({ maxBytes, now = Date.now }) {
  /** @type {Map<string, any>} */
  const entries = new Map();
  let bytes = 0;
  const stats = { hits: 0, misses: 0, stored: 0, evicted: 0 };
  const drop = (key) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    bytes -= e.bytes;
  };
  return {
    stats,
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
    /** The entry under `key`, refreshed as recently used; null (and a miss counted) when there is none or it expired. */
    get(key) {
      const e = entries.get(key);
      if (!e || e.validUntil <= now()) {
        if (e) drop(key);
        stats.misses += 1;
        return null;
      }
      entries.delete(key);
      entries.set(key, e);
      stats.hits += 1;
      return e;
    },
    set(key, entry) {
      if (entry.bytes > maxBytes) return;
      drop(key);
      entries.set(key, entry);
      bytes += entry.bytes;
      stats.stored += 1;
      for (const k of entries.keys()) {
        if (bytes <= maxBytes) break;
        drop(k);
        stats.evicted += 1;
      }
    },
    clear() {
      entries.clear();
      bytes = 0;
    },
  };
}

/**
 * The encoding to send, from the request's Accept-Encoding: brotli, then gzip, else none. A coding listed with q=0
 * is refused.
 * @param {string | undefined} accept
 */
export function chooseEncoding(accept) {
  const offered = new Map();
  for (const part of String(accept ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    offered.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (n) => (offered.get(n) ?? offered.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return "identity";
}

/**
 * Sends a stored entry.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
export function sendEntry(req, res, entry) {
  const encoding = chooseEncoding(req.headers["accept-encoding"]);
  const body = encoding === "br" ? entry.br : encoding === "gzip" ? entry.gzip : entry.identity;
  for (const [name, value] of Object.entries(entry.headers)) res.setHeader(name, value);
  if (entry.csp) res.setHeader("content-security-policy", entry.csp);
  if (encoding !== "identity") res.setHeader("content-encoding", encoding);
  res.setHeader("content-length", body.length);
  res.setHeader("x-render-cache", "hit");
  res.writeHead(200);
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * Tees what Next writes to `res`. The promise gives the status, headers and body once the response finished, or
 * null when it did not (the client went away).
 * @param {import("node:http").ServerResponse} res
 * @returns {Promise<{ status: number, headers: Record<string, any>, body: Buffer } | null>}
 */
export function capture(res) {
  const chunks = [];
  let size = 0;
  let over = false;
  const keep = (chunk, encoding) => {
    if (chunk === undefined || chunk === null || over || typeof chunk === "function") return;
    const b = Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8")
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += b.length;
    if (size > MAX_ENTRY_BYTES) {
      over = true;
      chunks.length = 0;
    } else chunks.push(Buffer.from(b));
  };
  const headOnly = {};
  const write = res.write;
  const end = res.end;
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    const headers = typeof rest[0] === "string" ? rest[1] : rest[0];
    if (headers && !Array.isArray(headers)) Object.assign(headOnly, headers);
    return writeHead.call(this, status, ...rest);
  };
  res.write = function (chunk, encoding, cb) {
    keep(chunk, encoding);
    return write.call(this, chunk, encoding, cb);
  };
  res.end = function (chunk, encoding, cb) {
    keep(chunk, encoding);
    return end.call(this, chunk, encoding, cb);
  };
  res.setHeader("x-render-cache", "miss");
  return new Promise((resolve) => {
    res.on("finish", () => {
      if (over) return resolve(null);
      const headers = { ...res.getHeaders() };
      for (const [k, v] of Object.entries(headOnly)) headers[k.toLowerCase()] = v;
      resolve({ status: res.statusCode, headers, body: Buffer.concat(chunks) });
    });
    res.on("close", () => {
      if (!res.writableFinished) resolve(null);
    });
  });
}
