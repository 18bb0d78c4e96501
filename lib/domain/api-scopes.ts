/** The scopes an API token may carry, as the API and the token form name them, with what each allows. */
export const API_SCOPES = [
  { name: "ratings:read", label: "Read my ratings", description: "Your current levels and their history." },
  { name: "ratings:write", label: "Write my ratings", description: "Set your own levels, as the My skills page does." },
  {
    name: "teams:read",
    label: "Read teams and people",
    description: "Teams you belong to, their skill matrix as you may see it, and the people you may find.",
  },
  { name: "reviews:read", label: "Read reviews", description: "Reviews you may open: your own and your reports'." },
  {
    name: "taxonomy:write",
    label: "Change the taxonomy",
    description: "Import a new taxonomy version. Administrators only.",
  },
  {
    name: "admin",
    label: "Administer",
    description:
      "Act with your administrator rights: every team and person, and SCIM provisioning. Administrators only.",
  },
] as const;

export type ScopeName = (typeof API_SCOPES)[number]["name"];

export const SCOPE_NAMES: readonly ScopeName[] = API_SCOPES.map((s) => s.name);

/** The database's enum name for a scope ("ratings_read") → the API's name ("ratings:read"). */
export function scopeName(value: string): ScopeName {
  return value.replace("_", ":") as ScopeName;
}
