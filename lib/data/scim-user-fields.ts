import "server-only";
import type { ScimUserRow } from "./scim-users";

type Name = { formatted?: unknown; givenName?: unknown; familyName?: unknown };

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : undefined);

/**
 * A User resource (as scimmy checked it) → the fields lib/data/scim-users.ts stores, before validation. The display
 * name comes from `name.formatted`, else given and family name, else `displayName`. What a field's absence means
 * depends on the request:
 *   - POST: not set (no name, no externalId, active);
 *   - PUT: not asserted, so left as it is (an identity provider that omits `active` does not deactivate anyone);
 *   - PATCH: scimmy hands over the whole patched resource, so a missing externalId or name was removed, and a name
 *     part counts only when the patch changed it from what was read (`before`).
 */
export function scimUserFields(r: Record<string, unknown>, mode: "post" | "put" | "patch", before?: ScimUserRow) {
  const name = (typeof r.name === "object" && r.name !== null ? r.name : {}) as Name;
  const formatted = str(name.formatted);
  const parts = [str(name.givenName), str(name.familyName)].filter(Boolean).join(" ") || undefined;
  const display = str(r.displayName);
  let fullName: string | null | undefined;
  if (mode !== "patch") fullName = formatted ?? parts ?? display ?? (mode === "post" ? null : undefined);
  else {
    const old = before?.name ?? undefined;
    if (formatted !== undefined && formatted !== old) fullName = formatted;
    else if (parts !== undefined) fullName = parts;
    else if (display !== undefined && display !== old) fullName = display;
    else if (formatted === undefined && display === undefined) fullName = null;
  }
  return {
    email: r.userName,
    name: fullName,
    externalId: mode === "put" ? r.externalId : (r.externalId ?? null),
    active: r.active,
  };
}
