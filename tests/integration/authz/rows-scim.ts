import { randomBytes } from "node:crypto";
import { adminOnly, fromAction, fromData, fromResponse, type Expect, type MatrixRow, type Outcome } from "./matrix";
import type { ActorName, World } from "../../support/world";
import { createApiToken } from "@/lib/data/api-tokens";
import { scimList } from "@/lib/data/scim";
import { getScimAdminPage } from "@/lib/data/scim-links";
import { hashToken } from "@/lib/data/tokens";
import { linkScimGroupAction, unlinkScimGroupAction } from "@/app/(app)/admin/scim/actions";
import * as scim from "@/app/scim/v2/[...path]/route";

/**
 * SCIM provisioning: each actor calls /scim/v2 with a token of their own that carries the `admin` scope (anonymous
 * sends none: "signin"). Only an administrator can make such a token, so the others' are written straight into the
 * table, as if made while they were administrators: the owner's rights are re-read on every request, and the answer
 * is 403 ("forbidden"). The admin page and its actions answer "not found" to everyone but administrators.
 */

const scimAdminOnly: Expect = {
  anonymous: "signin",
  member: "forbidden",
  otherMember: "forbidden",
  manager: "forbidden",
  otherManager: "forbidden",
  admin: "ok",
};

type Method = "GET" | "POST" | "PATCH" | "DELETE";
const tokens = new Map<string, Promise<string>>();

function adminScopedToken(w: World, as: Exclude<ActorName, "anonymous">): Promise<string> {
  const key = `${w.tag}:${as}`;
  let t = tokens.get(key);
  if (!t) {
    const actor = w.actors[as];
    t = actor.isAdmin
      ? createApiToken(actor, { name: "matrix scim", kind: "service", scopes: ["admin"], expiresInDays: 1 }).then(
          (r) => r.token,
        )
      : (async () => {
          const token = `sgp_${randomBytes(32).toString("base64url")}`;
          await w.db.prisma.apiToken.create({
            data: {
              userId: actor.id,
              kind: "personal",
              name: "matrix scim (made while an administrator)",
              prefix: token.slice(0, 10),
              tokenHash: hashToken(token),
              scopes: ["admin"],
            },
          });
          return token;
        })();
    tokens.set(key, t);
  }
  return t;
}

async function asScim(w: World, as: ActorName, method: Method, path: string, body?: unknown): Promise<Outcome> {
  const headers = new Headers();
  if (as !== "anonymous") headers.set("authorization", `Bearer ${await adminScopedToken(w, as)}`);
  if (body !== undefined) headers.set("content-type", "application/scim+json");
  const url = new URL(`http://localhost/scim/v2${path}`);
  const req = new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const segments = url.pathname.slice("/scim/v2/".length).split("/");
  return fromResponse(await scim[method](req, { params: Promise.resolve({ path: segments }) }));
}

const cell = (w: World, as: ActorName, what: string) =>
  `scim-${what}-${as}-${w.tag}-${randomBytes(3).toString("hex")}`.toLowerCase();

/** A throwaway person for one cell, so a write that succeeds changes none of the matrix's own actors. */
async function stranger(w: World, as: ActorName, what: string) {
  const u = await w.db.prisma.user.create({
    data: { email: `${cell(w, as, what)}@test.local`, emailVerified: new Date() },
    select: { id: true },
  });
  return u.id;
}

async function group(w: World, as: ActorName, what: string, linked = false) {
  const g = await w.db.prisma.scimGroup.create({
    data: {
      displayName: cell(w, as, what),
      ...(linked ? { team: { create: { name: cell(w, as, `${what}-team`) } } } : {}),
    },
    select: { id: true },
  });
  return g.id;
}

const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export const scimRows: MatrixRow[] = [
  {
    name: "SCIM GET /scim/v2/ServiceProviderConfig",
    run: (w, as) => asScim(w, as, "GET", "/ServiceProviderConfig"),
    expect: scimAdminOnly,
  },
  {
    name: "SCIM GET /scim/v2/Users?filter=userName eq (the member)",
    run: (w, as) =>
      asScim(w, as, "GET", `/Users?filter=${encodeURIComponent(`userName eq "${w.actors.member.email}"`)}`),
    expect: scimAdminOnly,
  },
  {
    name: "SCIM POST /scim/v2/Users (a new person)",
    run: (w, as) =>
      asScim(w, as, "POST", "/Users", {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: `${cell(w, as, "create")}@test.local`,
      }),
    expect: scimAdminOnly,
  },
  {
    name: "SCIM PATCH /scim/v2/Users/{id} active false (a stranger)",
    run: async (w, as) =>
      asScim(w, as, "PATCH", `/Users/${await stranger(w, as, "deactivate")}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: "replace", path: "active", value: false }],
      }),
    expect: scimAdminOnly,
  },
  {
    name: "SCIM PATCH /scim/v2/Groups/{id} add a member (a throwaway group)",
    run: async (w, as) =>
      asScim(w, as, "PATCH", `/Groups/${await group(w, as, "patch")}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: "add", path: "members", value: [{ value: await stranger(w, as, "member") }] }],
      }),
    expect: scimAdminOnly,
  },
  {
    name: "SCIM DELETE /scim/v2/Groups/{id} (a throwaway group)",
    run: async (w, as) => asScim(w, as, "DELETE", `/Groups/${await group(w, as, "delete")}`),
    expect: scimAdminOnly,
  },
  {
    name: "data scimList (Users)",
    run: (w, as) => fromData(w, as, (actor) => scimList({ actor, origin: "http://localhost" }, "Users", {})),
    expect: adminOnly,
  },
  {
    name: "data getScimAdminPage (/admin/scim)",
    run: (w, as) => fromData(w, as, (actor) => getScimAdminPage(actor)),
    expect: adminOnly,
  },
  {
    name: "action linkScimGroup (a throwaway group, new team)",
    run: async (w, as) => fromAction(await linkScimGroupAction({ groupId: await group(w, as, "link"), teamId: "new" })),
    expect: adminOnly,
  },
  {
    name: "action unlinkScimGroup (a throwaway linked group)",
    run: async (w, as) => fromAction(await unlinkScimGroupAction({ groupId: await group(w, as, "unlink", true) })),
    expect: adminOnly,
  },
];
