import "server-only";
import SCIMMY from "scimmy";
import { NotFoundError } from "./errors";
import { canAdminister } from "./policy";
import { assertParsableFilterText } from "./scim-filter";
import { compatiblePatch, isObject } from "./scim-patch";
import {
  declareScimResources,
  DEFAULT_COUNT,
  MAX_COUNT,
  plain,
  type Json,
  type ScimContext,
  type ScimHandlerContext,
} from "./scim-resources";

export { SCIM_BASE, type Json, type ScimContext } from "./scim-resources";

/**
 * SCIM 2.0 (RFC 7644) for identity providers, with scimmy doing the protocol: it validates bodies against the User
 * and Group schemas, parses filters (SCIMMY.Types.Filter) and applies PATCH operations (SCIMMY.Messages.PatchOp);
 * its handlers (lib/data/scim-resources.ts) only read and write rows. Every entry point takes the acting token's
 * owner and refuses anyone who is not an administrator.
 */

const { Error: ScimError } = SCIMMY.Types;
declareScimResources();

export type ScimKind = "Users" | "Groups";
export type ScimQuery = {
  filter?: string;
  attributes?: string;
  excludedAttributes?: string;
  startIndex?: number;
  count?: number;
};

function assertAdmin(ctx: ScimContext) {
  if (!canAdminister(ctx.actor)) throw new NotFoundError();
}

type ResourceClass = new (
  id?: string,
  config?: ConstructorParameters<typeof SCIMMY.Types.Resource>[1],
) => SCIMMY.Types.Resource<SCIMMY.Types.Schema>;
const resourceOf = (kind: ScimKind): ResourceClass =>
  kind === "Users" ? SCIMMY.Resources.User : SCIMMY.Resources.Group;

/** Runs scimmy: its own refusals stay SCIM errors; anything else it throws comes from input it could not read. */
async function viaScimmy<T>(run: () => Promise<T> | T, scimType = "invalidSyntax", what = "request"): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ScimError || e instanceof NotFoundError) throw e;
    throw new ScimError(400, scimType, `The ${what} could not be read.`);
  }
}

/** Resource options with only what the request gave (scimmy tells "absent" from "empty" by the key). */
function resourceConfig(q: ScimQuery) {
  const config: Record<string, string | number> = {};
  for (const key of ["filter", "attributes", "excludedAttributes"] as const) {
    const value = q[key];
    if (value === undefined) continue;
    assertParsableFilterText(value, key);
    config[key] = value;
  }
  return config;
}

/** scimmy builds locations from the base path; the answer's are absolute, on the request's origin. */
function absolute(value: unknown, origin: string): Json {
  const json = plain(value);
  const walk = (v: unknown, depth: number): void => {
    if (depth > 6 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    const o = v as Json;
    const meta = o.meta as Json | undefined;
    if (meta && typeof meta.location === "string" && meta.location.startsWith("/"))
      meta.location = `${origin}${meta.location}`;
    for (const x of Object.values(o)) walk(x, depth + 1);
  };
  walk(json, 0);
  return json;
}

/** GET /Users, /Groups (and POST …/.search): filtered, oldest first, one page of at most MAX_COUNT. */
export async function scimList(ctx: ScimContext, kind: ScimKind, q: ScimQuery): Promise<Json> {
  assertAdmin(ctx);
  for (const key of ["startIndex", "count"] as const)
    if (q[key] !== undefined && !Number.isSafeInteger(q[key]))
      throw new ScimError(400, "invalidValue", `${key} must be a whole number.`);
  // RFC 7644 §3.4.2.4: a startIndex below 1 means 1, a negative count means 0, and no page exceeds maxResults.
  const startIndex = Math.max(1, q.startIndex ?? 1);
  const count = Math.min(MAX_COUNT, Math.max(0, q.count ?? DEFAULT_COUNT));
  const R = resourceOf(kind);
  const config = resourceConfig(q);
  const resource = await viaScimmy(
    () => new R(undefined, { ...config, count }),
    "invalidFilter",
    "filter or attribute list",
  );
  const c: ScimHandlerContext = { ...ctx, startIndex };
  const list = (await resource.read(c)) as SCIMMY.Messages.ListResponse;
  // The handler read exactly this page; scimmy's ListResponse assumes it got every row, so state the page here.
  list.startIndex = startIndex;
  list.totalResults = c.total ?? list.Resources.length;
  list.itemsPerPage = list.Resources.length;
  return absolute(list, ctx.origin);
}

export async function scimGet(ctx: ScimContext, kind: ScimKind, id: string, q: ScimQuery = {}): Promise<Json> {
  assertAdmin(ctx);
  const R = resourceOf(kind);
  const config = resourceConfig({ attributes: q.attributes, excludedAttributes: q.excludedAttributes });
  const resource = await viaScimmy(() => new R(id, config), "invalidFilter", "attribute list");
  return absolute(await resource.read({ ...ctx, startIndex: 1 } satisfies ScimHandlerContext), ctx.origin);
}

/** POST /Users, /Groups: the new resource. */
export async function scimCreate(ctx: ScimContext, kind: ScimKind, body: unknown): Promise<Json> {
  assertAdmin(ctx);
  const R = resourceOf(kind);
  return absolute(
    await viaScimmy(() => new R().write(body, { ...ctx, startIndex: 1 } satisfies ScimHandlerContext)),
    ctx.origin,
  );
}

/** PUT /Users/{id}, /Groups/{id}: replaces what the body states. */
export async function scimReplace(ctx: ScimContext, kind: ScimKind, id: string, body: unknown): Promise<Json> {
  assertAdmin(ctx);
  const R = resourceOf(kind);
  const c: ScimHandlerContext = {
    ...ctx,
    startIndex: 1,
    mode: "put",
    membersAsserted: isObject(body) && "members" in body,
  };
  return absolute(await viaScimmy(() => new R(id).write(body, c)), ctx.origin);
}

/** PATCH /Users/{id}, /Groups/{id} (RFC 7644 §3.5.2): the patched resource, or null when nothing changed. */
export async function scimPatch(ctx: ScimContext, kind: ScimKind, id: string, body: unknown): Promise<Json | null> {
  assertAdmin(ctx);
  const message = compatiblePatch(body, id);
  const R = resourceOf(kind);
  const c: ScimHandlerContext = { ...ctx, startIndex: 1, mode: "patch" };
  const result = await viaScimmy(() => new R(id).patch(message as never, c));
  return result ? absolute(result, ctx.origin) : null;
}

/** DELETE /Users/{id} (deactivates: lib/data/scim-users.ts deleteScimUser), /Groups/{id}. */
export async function scimDelete(ctx: ScimContext, kind: ScimKind, id: string): Promise<void> {
  assertAdmin(ctx);
  const R = resourceOf(kind);
  await viaScimmy(() => new R(id).dispose({ ...ctx, startIndex: 1 } satisfies ScimHandlerContext));
}

/** GET /ServiceProviderConfig, /ResourceTypes[/{name}], /Schemas[/{urn}] (RFC 7644 §4). */
export async function scimDiscovery(
  ctx: ScimContext,
  what: "ServiceProviderConfig" | "ResourceTypes" | "Schemas",
  id?: string,
): Promise<Json> {
  assertAdmin(ctx);
  const { Resources } = SCIMMY;
  const read = (): Promise<unknown> =>
    what === "ServiceProviderConfig"
      ? new Resources.ServiceProviderConfig().read()
      : what === "ResourceTypes"
        ? new Resources.ResourceType(id).read()
        : new Resources.Schema(id).read();
  return absolute(await viaScimmy(read), ctx.origin);
}

/** POST /{Users,Groups}/.search (RFC 7644 §3.4.3): the body is a SearchRequest, checked by scimmy. */
export async function scimSearch(ctx: ScimContext, kind: ScimKind, body: unknown): Promise<Json> {
  assertAdmin(ctx);
  const search = await viaScimmy(() => new SCIMMY.Messages.SearchRequest(body as never));
  const list = (v: string[] | undefined) => (v?.length ? v.join(",") : undefined);
  return scimList(ctx, kind, {
    filter: search.filter,
    attributes: list(search.attributes),
    excludedAttributes: list(search.excludedAttributes),
    startIndex: search.startIndex,
    count: search.count,
  });
}
