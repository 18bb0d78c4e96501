import type { OAuthConfig } from "next-auth/providers/oauth";
import type { Env } from "@/lib/env";

type OidcProfile = { sub: string; name?: string; email?: string; picture?: string; preferred_username?: string };

/** The OIDC provider built from OIDC_* variables, or null when SSO is not configured. */
export function oidcProvider(
  e: Pick<Env, "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET" | "OIDC_NAME">,
): OAuthConfig<OidcProfile> | null {
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  const issuer = e.OIDC_ISSUER.replace(/\/+$/, "");
  return {
    id: "oidc",
    name: e.OIDC_NAME,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile) {
      if (!profile.email) throw new Error("The identity provider did not return an email address.");
      return {
        id: profile.sub,
        name: profile.name ?? profile.preferred_username ?? null,
        email: profile.email.toLowerCase(),
        image: profile.picture ?? null,
      };
    },
  };
}
