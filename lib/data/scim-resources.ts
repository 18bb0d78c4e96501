import "server-only";
import SCIMMY from "scimmy";
import { DataError, NotFoundError } from "./errors";
import type { Actor } from "./policy";
import { groupWhere, userWhere } from "./scim-filter";
import {
  createScimGroup,
  deleteScimGroup,
  getScimGroup,
  groupSnapshot,
  listScimGroups,
  parseGroupInput,
  toScimGroup,
  updateScimGroup,
  type ScimGroupSnapshot,
} from "./scim-groups";
import {
  createScimUser,
  deleteScimUser,
  getScimUser,
  listScimUsers,
  parseUserInput,
  toScimUser,
  updateScimUser,
  type ScimUserRow,
} from "./scim-users";
import { scimUserFields } from "./scim-user-fields";

/**
 * scimmy's side of SCIM: the service provider configuration, and the User and Group resource types with their
 * ingress (create, replace, patch), egress (read, list) and degress (delete) handlers. scimmy is a singleton, so this
 * runs once per module load; everything that differs per request travels in the context scimmy hands the handlers.
 */

const { Error: ScimError } = SCIMMY.Types;

export const SCIM_BASE = "/scim/v2";
/** Page size when a request names none, and the most one page holds (ServiceProviderConfig filter.maxResults). */
export const DEFAULT_COUNT = 100;
export const MAX_COUNT = 200;

/** Who acts and where the answer's links point (`origin` of the request URL). */
export type ScimContext = { actor: Actor; origin: string };
export type Json = Record<string, unknown>;

/** Per request: handed by scimmy to every handler, so concurrent requests never share state. */
export type ScimHandlerContext = ScimContext & {
  mode?: "patch" | "put";
  startIndex: number;
  total?: number;
  userBefore?: ScimUserRow;
  groupBefore?: ScimGroupSnapshot;
  /** PUT /Groups: whether the body listed members at all (a rename alone leaves them). */
  membersAsserted?: boolean;
};

/** Our errors as SCIM errors; anything unexpected is logged and becomes a 500 that says nothing more. */
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ScimError) throw e;
    if (e instanceof NotFoundError) throw new ScimError(404, "", "Not found.");
    if (e instanceof DataError) throw new ScimError(400, "invalidValue", e.message);
    console.error("scim handler failed", e);
    throw new ScimError(500, "", "Something went wrong on our side; nothing was changed.");
  }
}

export const plain = (v: unknown): Json => JSON.parse(JSON.stringify(v)) as Json;

/** GET /Groups with `excludedAttributes=members` (Entra ID's habit) need not read any member. */
function wantsMembers(resource: SCIMMY.Types.Resource): boolean {
  const a = resource.attributes?.[0] as Record<string, unknown> | undefined;
  if (!a) return true;
  const entries = Object.entries(a);
  const m = entries.find(([k]) => k.toLowerCase() === "members")?.[1];
  const excluding = entries.some(([, v]) => Array.isArray(v) && v[0] === "np");
  return excluding ? !(Array.isArray(m) && m[0] === "np") : m !== undefined;
}

/**
 * Declares the configuration and resource types to scimmy (again on a module reload: it is idempotent). scimmy types
 * a handler's result as its schema instance, but takes plain objects and builds the instance itself: hence `as never`.
 */
export function declareScimResources(): void {
  const { Config, Resources } = SCIMMY;
  Config.set({ authenticationSchemes: [] }); // set() appends schemes: start empty, so a reload does not repeat them
  Config.set({
    patch: true,
    bulk: false,
    filter: { supported: true, maxResults: MAX_COUNT },
    changePassword: false,
    sort: false,
    etag: false,
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "A service token with the admin scope, made by an administrator at /admin/tokens.",
      },
    ],
  });
  for (const R of [Resources.User, Resources.Group]) if (!Resources.declared(R)) Resources.declare(R);
  for (const R of [Resources.User, Resources.Group, Resources.ResourceType, Resources.Schema]) R.basepath(SCIM_BASE);
  Resources.ServiceProviderConfig.basepath(SCIM_BASE);

  Resources.User.egress(async (resource, ctx: ScimHandlerContext) =>
    guarded(async () => {
      if (resource.id) {
        const row = await getScimUser(ctx.actor, resource.id);
        if (ctx.mode === "patch") ctx.userBefore = row;
        return toScimUser(row, ctx.origin) as never;
      }
      const count = resource.constraints?.count ?? DEFAULT_COUNT;
      const { rows, total } = await listScimUsers(ctx.actor, userWhere(resource.filter), ctx.startIndex - 1, count);
      ctx.total = total;
      return rows.map((r) => toScimUser(r, ctx.origin)) as never;
    }),
  );
  Resources.User.ingress(async (resource, instance, ctx: ScimHandlerContext) =>
    guarded(async () => {
      const before = ctx.mode === "patch" ? ctx.userBefore : undefined;
      const input = parseUserInput(scimUserFields(plain(instance), resource.id ? (ctx.mode ?? "put") : "post", before));
      if (!resource.id) return toScimUser(await createScimUser(ctx.actor, input), ctx.origin) as never;
      await updateScimUser(ctx.actor, resource.id, input);
      return toScimUser(await getScimUser(ctx.actor, resource.id), ctx.origin) as never;
    }),
  );
  Resources.User.degress(async (resource, ctx: ScimHandlerContext) =>
    guarded(() => deleteScimUser(ctx.actor, resource.id!)),
  );

  Resources.Group.egress(async (resource, ctx: ScimHandlerContext) =>
    guarded(async () => {
      if (resource.id) {
        const row = await getScimGroup(ctx.actor, resource.id, ctx.mode === "patch" || wantsMembers(resource));
        if (ctx.mode === "patch") ctx.groupBefore = groupSnapshot(row);
        return toScimGroup(row, ctx.origin) as never;
      }
      const count = resource.constraints?.count ?? DEFAULT_COUNT;
      const where = groupWhere(resource.filter);
      const { rows, total } = await listScimGroups(ctx.actor, where, ctx.startIndex - 1, count, wantsMembers(resource));
      ctx.total = total;
      return rows.map((r) => toScimGroup(r, ctx.origin)) as never;
    }),
  );
  Resources.Group.ingress(async (resource, instance, ctx: ScimHandlerContext) =>
    guarded(async () => {
      const input = parseGroupInput(plain(instance));
      const id = resource.id ?? (await createScimGroup(ctx.actor, input));
      if (resource.id && ctx.mode === "patch")
        // A patch that removed externalId leaves none on the patched group: that is a removal, not "unchanged".
        await updateScimGroup(ctx.actor, id, { ...input, externalId: input.externalId ?? null }, ctx.groupBefore);
      else if (resource.id)
        await updateScimGroup(ctx.actor, id, {
          ...input,
          memberIds: ctx.membersAsserted ? (input.memberIds ?? []) : undefined,
        });
      return toScimGroup(await getScimGroup(ctx.actor, id), ctx.origin) as never;
    }),
  );
  Resources.Group.degress(async (resource, ctx: ScimHandlerContext) =>
    guarded(() => deleteScimGroup(ctx.actor, resource.id!)),
  );
}
