import { adminOnly, fromAction, fromData, signedIn, type MatrixRow } from "./matrix";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/(app)/account/tokens/actions";
import { createApiToken, listApiTokens } from "@/lib/data/api-tokens";

/** Token management (the tokens' use, scope by scope, is in rows-api.ts and rows-scim.ts). */
export const tokenRows: MatrixRow[] = [
  {
    name: "action createApiToken (personal, ratings:read)",
    run: async () =>
      fromAction(
        await createApiTokenAction({ kind: "personal", name: "matrix", scopes: ["ratings:read"], expiresIn: "7" }),
      ),
    expect: signedIn("ok"),
  },
  {
    name: "action createApiToken (service, admin scope)",
    run: async () =>
      fromAction(await createApiTokenAction({ kind: "service", name: "matrix", scopes: ["admin"], expiresIn: "7" })),
    expect: adminOnly,
  },
  {
    name: "action createApiToken (personal, taxonomy:write: administrators only)",
    run: async () =>
      fromAction(
        await createApiTokenAction({ kind: "personal", name: "matrix", scopes: ["taxonomy:write"], expiresIn: "7" }),
      ),
    expect: {
      anonymous: "signin",
      member: "invalid",
      otherMember: "invalid",
      manager: "invalid",
      otherManager: "invalid",
      admin: "ok",
    },
  },
  {
    name: "action revokeApiToken (a fresh token of the member's)",
    run: async (w) => {
      const { summary } = await createApiToken(w.actors.member, {
        name: "matrix revoke",
        kind: "personal",
        scopes: ["ratings:read"],
        expiresInDays: 7,
      });
      return fromAction(await revokeApiTokenAction({ tokenId: summary.id }));
    },
    // The owner, and administrators (offboarding); to anyone else the token does not exist.
    expect: {
      anonymous: "signin",
      member: "ok",
      otherMember: "notfound",
      manager: "notfound",
      otherManager: "notfound",
      admin: "ok",
    },
  },
  {
    name: "data listApiTokens (service tokens)",
    run: (w, as) => fromData(w, as, (a) => listApiTokens(a, "service")),
    expect: adminOnly,
  },
];
