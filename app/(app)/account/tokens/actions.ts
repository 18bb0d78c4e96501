"use server";
import { createAction } from "@/lib/actions/safe-action";
import { revalidatePages } from "@/lib/actions/revalidate";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";
import { SCOPE_NAMES, type ScopeName } from "@/lib/domain/api-scopes";
import { choice, id, requiredText, z } from "@/lib/validation";

const EXPIRIES = ["7", "30", "90", "365", "never"] as const;

const createSchema = z.object({
  kind: choice(["personal", "service"], "Kind must be personal or service."),
  name: requiredText(80, "Name", "Give the token a name, e.g. the script that will use it."),
  scopes: z
    .preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(choice(SCOPE_NAMES as [ScopeName, ...ScopeName[]], "Choose scopes from the list.")),
    )
    .refine((s) => s.length > 0, "Choose at least one scope."),
  expiresIn: choice(EXPIRIES, "Choose an expiry: 7, 30, 90 or 365 days, or never."),
});

/** Makes a token; the result carries it in clear, once. The page shows it and never again. */
export const createApiTokenAction = createAction(createSchema, async ({ kind, name, scopes, expiresIn }, actor) => {
  const { token, summary } = await createApiToken(actor, {
    kind,
    name,
    scopes,
    expiresInDays: expiresIn === "never" ? null : Number(expiresIn),
  });
  revalidatePages("/account/tokens", "/admin/tokens");
  return { token, name: summary.name };
});

export const revokeApiTokenAction = createAction(z.object({ tokenId: id("Token") }), async ({ tokenId }, actor) => {
  await revokeApiToken(actor, tokenId);
  revalidatePages("/account/tokens", "/admin/tokens");
  return { tokenId };
});
