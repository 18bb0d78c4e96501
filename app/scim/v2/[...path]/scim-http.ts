import "server-only";
import SCIMMY from "scimmy";
import { readJson } from "@/lib/actions/with-actor";
import { bearerToken, checkApiToken } from "@/lib/data/api-tokens";
import { DataError, NotFoundError } from "@/lib/data/errors";
import {
  scimCreate,
  scimDelete,
  scimDiscovery,
  scimGet,
  scimList,
  scimPatch,
  scimReplace,
  scimSearch,
  type Json,
  type ScimContext,
  type ScimKind,
  type ScimQuery,
} from "@/lib/data/scim";

/**
 * The HTTP side of /scim/v2: the bearer token (an API token with the `admin` scope whose owner is still an active
 * administrator), the path, the query string and the JSON body (at most 2 MB; application/scim+json or
 * application/json), then lib/data/scim.ts. Every answer is application/scim+json; every refusal is a SCIM Error
 * message (RFC 7644 §3.12) with `status`, and `scimType` where the RFC defines one.
 */

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type RouteContext = { params: Promise<{ path: string[] }> };

const CONTENT_TYPE = "application/scim+json";
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Ids the app makes (cuid): anything else cannot be a row, and never reaches scimmy's filter parser. */
const RESOURCE_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Resource type names and schema URNs for the discovery endpoints. */
const DISCOVERY_ID = /^[A-Za-z0-9:._-]{1,200}$/;
const { Error: ScimError } = SCIMMY.Types;

class Refusal extends Error {
  constructor(public readonly response: Response) {
    super("refused");
  }
}

function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": CONTENT_TYPE, "Cache-Control": "no-store", ...headers },
  });
}

/** A SCIM Error message; scimmy's ErrorResponse where the RFC lists the status, the same shape otherwise (429, 405…). */
export function scimError(status: number, detail: string, scimType?: string, headers: Record<string, string> = {}) {
  const text = detail.length > 300 ? `${detail.slice(0, 300)}…` : detail;
  let body: unknown;
  try {
    body = new SCIMMY.Messages.ErrorResponse({ status, scimType, detail: text } as never);
  } catch {
    body = { schemas: [SCIMMY.Messages.ErrorResponse.id], status: String(status), detail: text };
  }
  return scimJson(body, status, headers);
}

function fromError(e: unknown): Response {
  if (e instanceof Refusal) return e.response;
  if (e instanceof ScimError) {
    const status = Number.isInteger(e.status) && e.status >= 400 && e.status < 600 ? e.status : 500;
    return scimError(status, String(e.message || "The request was refused."), e.scimType || undefined);
  }
  if (e instanceof NotFoundError) return scimError(404, "Not found.");
  if (e instanceof DataError) return scimError(400, e.message, "invalidValue");
  console.error("scim request failed", e);
  return scimError(500, "Something went wrong on our side; nothing was changed.");
}

const refuse = (status: number, detail: string, scimType?: string, headers?: Record<string, string>) =>
  new Refusal(scimError(status, detail, scimType, headers));
const notAllowed = (allow: string) => refuse(405, "This method is not supported here.", undefined, { Allow: allow });

/** The body as JSON, or the SCIM error that refuses it (415 other media types, 413 too large, 400 not JSON). */
async function body(req: Request): Promise<unknown> {
  const read = await readJson(req, MAX_BODY_BYTES);
  if (!(read instanceof Response)) return read.value;
  const { error } = (await read.json()) as { error: string };
  throw refuse(read.status, error, read.status === 400 ? "invalidSyntax" : undefined);
}

function whole(sp: URLSearchParams, name: string): number | undefined {
  const v = sp.get(name);
  if (v === null) return undefined;
  if (!/^\s*-?\d{1,9}\s*$/.test(v)) throw refuse(400, `${name} must be a whole number.`, "invalidValue");
  return Number(v);
}

function query(url: URL): ScimQuery {
  const sp = url.searchParams;
  const text = (name: string) => sp.get(name) ?? undefined;
  return {
    filter: text("filter"),
    attributes: text("attributes"),
    excludedAttributes: text("excludedAttributes"),
    startIndex: whole(sp, "startIndex"),
    count: whole(sp, "count"),
  };
}

const KINDS: Record<string, ScimKind> = { users: "Users", groups: "Groups" };
const DISCOVERY = {
  serviceproviderconfig: "ServiceProviderConfig",
  resourcetypes: "ResourceTypes",
  schemas: "Schemas",
} as const;

async function dispatch(method: Method, req: Request, segments: string[], ctx: ScimContext): Promise<Response> {
  const [first = "", second, ...rest] = segments;
  const url = new URL(req.url);
  const kind = KINDS[first.toLowerCase()];
  if (kind && rest.length === 0) {
    if (second === undefined) {
      if (method === "GET") return scimJson(await scimList(ctx, kind, query(url)));
      if (method !== "POST") throw notAllowed("GET, POST");
      const created = await scimCreate(ctx, kind, await body(req));
      const location = (created.meta as Json | undefined)?.location;
      return scimJson(created, 201, typeof location === "string" ? { Location: location } : {});
    }
    if (second === ".search") {
      if (method !== "POST") throw notAllowed("POST");
      return scimJson(await scimSearch(ctx, kind, await body(req)));
    }
    if (!RESOURCE_ID.test(second)) throw refuse(404, "Not found.");
    switch (method) {
      case "GET": {
        const { attributes, excludedAttributes } = query(url);
        return scimJson(await scimGet(ctx, kind, second, { attributes, excludedAttributes }));
      }
      case "PUT":
        return scimJson(await scimReplace(ctx, kind, second, await body(req)));
      case "PATCH": {
        const patched = await scimPatch(ctx, kind, second, await body(req));
        return patched ? scimJson(patched) : scimJson(null, 204);
      }
      case "DELETE":
        await scimDelete(ctx, kind, second);
        return scimJson(null, 204);
      default:
        throw notAllowed("GET, PUT, PATCH, DELETE");
    }
  }
  const discovery = DISCOVERY[first.toLowerCase() as keyof typeof DISCOVERY];
  if (discovery && rest.length === 0) {
    if (method !== "GET") throw notAllowed("GET");
    if (second !== undefined && (discovery === "ServiceProviderConfig" || !DISCOVERY_ID.test(second)))
      throw refuse(404, "Not found.");
    return scimJson(await scimDiscovery(ctx, discovery, second));
  }
  if (["me", "bulk"].includes(first.toLowerCase()))
    throw refuse(501, `/${first} is not supported: provision through /Users and /Groups.`);
  throw refuse(404, "Not found.");
}

/** One method of the catch-all route. */
export function scimRoute(method: Method) {
  return async (req: Request, context: RouteContext): Promise<Response> => {
    try {
      const check = await checkApiToken(bearerToken(req), "admin");
      if (!check.ok) {
        const headers: Record<string, string> = {};
        if (check.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="skillgap"';
        if (check.retryAfterSeconds) headers["Retry-After"] = String(check.retryAfterSeconds);
        return scimError(check.status, check.reason, undefined, headers);
      }
      const { path } = (await context?.params) ?? { path: [] };
      const segments = Array.isArray(path) ? path.map(String) : [];
      return await dispatch(method, req, segments, { actor: check.actor, origin: new URL(req.url).origin });
    } catch (e) {
      return fromError(e);
    }
  };
}
