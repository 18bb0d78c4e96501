import { apiRoute } from "@/lib/actions/with-token";
import { getTokenInfo } from "@/lib/data/api-v1";
import { V1 } from "@/lib/api/v1-routes";

export const dynamic = "force-dynamic";

/** Who the token acts for, its scopes and expiry: any valid token, whatever its scopes. */
export const GET = apiRoute(V1.me, async ({ actor }) => {
  const token = await getTokenInfo(actor);
  return {
    id: actor.id,
    name: actor.name,
    email: actor.email,
    actsAsAdmin: actor.isAdmin,
    token: {
      id: token.id,
      name: token.name,
      kind: token.kind,
      scopes: token.scopes,
      expiresAt: token.expiresAt,
      createdAt: token.createdAt,
    },
  };
});
