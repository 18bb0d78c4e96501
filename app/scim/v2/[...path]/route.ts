import { scimRoute } from "./scim-http";

/**
 * SCIM 2.0 provisioning for identity providers (Okta, Entra ID): /scim/v2/Users, /Groups, /ServiceProviderConfig,
 * /ResourceTypes and /Schemas, with a bearer token that carries the `admin` scope (see scim-http.ts).
 */
export const dynamic = "force-dynamic";

export const GET = scimRoute("GET");
export const POST = scimRoute("POST");
export const PUT = scimRoute("PUT");
export const PATCH = scimRoute("PATCH");
export const DELETE = scimRoute("DELETE");
