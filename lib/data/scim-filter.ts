import "server-only";
import SCIMMY from "scimmy";
import { isStorableText } from "@/lib/domain/storable-text";
import type { Prisma } from "@/lib/generated/prisma/client";
import { normaliseEmail } from "./user-provisioning";

/**
 * SCIM filters (RFC 7644 §3.4.2.2) as Prisma `where` clauses. scimmy parses the expression (SCIMMY.Types.Filter);
 * this file only translates its object form, attribute by attribute, so the database does the filtering and paging.
 * An attribute or comparison we cannot translate is a 400 invalidFilter, never a silent "match everything".
 */

const { Error: ScimError } = SCIMMY.Types;

/** Longest filter (or attributes list, or PATCH path) passed to scimmy's parser. */
export const FILTER_MAX_CHARS = 1000;
/** Branches ("or" after expansion) a filter may have: each becomes one OR arm of the query. */
const MAX_BRANCHES = 50;

const invalid = (detail: string) => new ScimError(400, "invalidFilter", detail);

/**
 * Refuses, before scimmy sees it, text its lexer handles badly: its quoted-string pattern backtracks exponentially
 * on an unclosed quote followed by backslashes or newlines (30 of them take seconds), and every "(…) and (…)" group
 * doubles the number of branches it expands to. Real filters are short and have neither.
 */
export function assertParsableFilterText(text: string, what = "filter", max = FILTER_MAX_CHARS): void {
  if (text.length > max) throw invalid(`The ${what} must be at most ${max} characters.`);
  if (!isStorableText(text)) throw invalid(`The ${what} contains a NUL or broken unicode character.`);
  if ((text.match(/[\\\n]/g)?.length ?? 0) > 8) throw invalid(`The ${what} has too many backslashes or line breaks.`);
  if ((text.match(/[([]/g)?.length ?? 0) > 6) throw invalid(`The ${what} has too many groups.`);
}

type Where = Record<string, unknown>;
type Comparison = { not: boolean; op: string; value: unknown };
type Translate = (c: Comparison, attribute: string) => Where;

const TRUE: Where = {};
const FALSE: Where = { id: { in: [] } };
const COMPARATORS = ["eq", "ne", "co", "sw", "ew", "gt", "lt", "ge", "le", "pr", "np"];

/** A text column. `email`: stored lower-case, so equality uses the index with a lower-cased value. */
function text(field: string, opts: { caseExact?: boolean; nullable?: boolean; email?: boolean } = {}): Translate {
  const mode = opts.caseExact ? {} : { mode: "insensitive" };
  const present: Where = opts.nullable ? { [field]: { not: null } } : TRUE;
  const absent: Where = opts.nullable ? { [field]: null } : FALSE;
  return ({ op, value }, attribute) => {
    if (op === "pr" || (op === "ne" && value === null)) return present;
    if (op === "np" || (op === "eq" && value === null)) return absent;
    if (typeof value !== "string") throw invalid(`Compare ${attribute} with a quoted string.`);
    if (value.length > 1000 || !isStorableText(value)) throw invalid(`The value for ${attribute} is not valid text.`);
    const v = opts.email ? normaliseEmail(value) : value;
    switch (op) {
      case "eq":
        return opts.email ? { [field]: v } : { [field]: { equals: v, ...mode } };
      case "ne": {
        const differs = { NOT: [opts.email ? { [field]: v } : { [field]: { equals: v, ...mode } }] };
        return opts.nullable ? { OR: [differs, { [field]: null }] } : differs;
      }
      case "co":
        return { [field]: { contains: v, ...mode } };
      case "sw":
        return { [field]: { startsWith: v, ...mode } };
      case "ew":
        return { [field]: { endsWith: v, ...mode } };
      default:
        return { [field]: { [op === "ge" ? "gte" : op === "le" ? "lte" : op]: v } };
    }
  };
}

/** A dateTime attribute (meta.created, meta.lastModified): always present. */
function dateTime(field: string): Translate {
  return ({ op, value }, attribute) => {
    if (op === "pr") return TRUE;
    if (op === "np") return FALSE;
    const at = typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : null;
    if (!at || Number.isNaN(at.getTime()))
      throw invalid(`Compare ${attribute} with a date and time such as "2026-01-31T00:00:00Z".`);
    if (op === "co" || op === "sw" || op === "ew") throw invalid(`${attribute} cannot be compared with ${op}.`);
    if (op === "ne") return { NOT: [{ [field]: at }] };
    return { [field]: op === "eq" ? at : { [op === "ge" ? "gte" : op === "le" ? "lte" : op]: at } };
  };
}

/** The User's `active`: an account is active while it has no deactivation date. Entra ID sends "True"/"False". */
const active: Translate = ({ op, value }, attribute) => {
  if (op === "pr") return TRUE;
  if (op === "np") return FALSE;
  const v = typeof value === "string" ? { true: true, false: false }[value.toLowerCase()] : value;
  if (typeof v !== "boolean" || (op !== "eq" && op !== "ne"))
    throw invalid(`Compare ${attribute} with eq true or eq false.`);
  return { deactivatedAt: (op === "eq") === v ? null : { not: null } };
};

/** A Group's members, by user id: `members[value eq "…"]`, `members.value eq "…"`, `members pr`. */
const members: Translate = ({ op, value }, attribute) => {
  if (op === "pr") return { members: { some: {} } };
  if (op === "np") return { members: { none: {} } };
  if (op !== "eq" || typeof value !== "string" || !isStorableText(value) || value.length > 200)
    throw invalid(`Filter ${attribute} only with eq and a user id.`);
  return { members: { some: { userId: value } } };
};

const USER_ATTRIBUTES: Record<string, Translate> = {
  id: text("id", { caseExact: true }),
  username: text("email", { email: true }),
  emails: text("email", { email: true }),
  "emails.value": text("email", { email: true }),
  externalid: text("externalId", { caseExact: true, nullable: true }),
  displayname: text("name", { nullable: true }),
  "name.formatted": text("name", { nullable: true }),
  active,
  "meta.created": dateTime("createdAt"),
  "meta.lastmodified": dateTime("updatedAt"),
};

const GROUP_ATTRIBUTES: Record<string, Translate> = {
  id: text("id", { caseExact: true }),
  displayname: text("displayName"),
  externalid: text("externalId", { caseExact: true, nullable: true }),
  members,
  "members.value": members,
  "meta.created": dateTime("createdAt"),
  "meta.lastmodified": dateTime("updatedAt"),
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Every (attribute path, comparison) of one branch; nested objects are sub-attributes ("name.formatted"). */
function comparisons(branch: Record<string, unknown>, prefix = ""): [string, Comparison][] {
  const out: [string, Comparison][] = [];
  for (const [key, expr] of Object.entries(branch)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(expr)) out.push(...comparisons(expr, path));
    else if (Array.isArray(expr) && expr.length > 0 && expr.every((e) => Array.isArray(e) || isPlainObject(e))) {
      for (const e of expr)
        if (Array.isArray(e)) out.push([path, comparison(e, path)]);
        else out.push(...comparisons(e as Record<string, unknown>, path));
    } else if (Array.isArray(expr)) out.push([path, comparison(expr, path)]);
    else throw invalid(`The filter on ${path} is not valid.`);
  }
  return out;
}

function comparison(expr: unknown[], path: string): Comparison {
  const negated = typeof expr[0] === "string" && expr[0].toLowerCase() === "not";
  const [op, value] = negated ? expr.slice(1) : expr;
  const name = typeof op === "string" ? op.toLowerCase() : "";
  if (!COMPARATORS.includes(name)) throw invalid(`The filter on ${path} has no valid comparison operator.`);
  const needsValue = name !== "pr" && name !== "np";
  if (needsValue !== (value !== undefined)) throw invalid(`The filter on ${path} is incomplete.`);
  return { not: negated, op: name, value };
}

function toWhere(filter: SCIMMY.Types.Filter, attributes: Record<string, Translate>): Where {
  if (filter.length > MAX_BRANCHES) throw invalid(`The filter is too complex (more than ${MAX_BRANCHES} branches).`);
  const branches = [...filter].map((branch: unknown) => {
    if (!isPlainObject(branch)) throw invalid("The filter is not valid.");
    const parts = comparisons(branch);
    if (parts.length === 0) throw invalid("The filter is empty.");
    return {
      AND: parts.map(([path, c]) => {
        const translate = attributes[path.toLowerCase()];
        if (!translate) throw invalid(`Filtering on ${path.slice(0, 100)} is not supported.`);
        const where = translate(c, path);
        return c.not ? { NOT: [where] } : where;
      }),
    };
  });
  return branches.length === 1 ? branches[0] : { OR: branches };
}

/** The `where` for GET /Users?filter=…: id, userName, emails(.value), externalId, displayName, name.formatted, active, meta. */
export function userWhere(filter: SCIMMY.Types.Filter | undefined): Prisma.UserWhereInput {
  return filter ? (toWhere(filter, USER_ATTRIBUTES) as Prisma.UserWhereInput) : {};
}

/** The `where` for GET /Groups?filter=…: id, displayName, externalId, members(.value), meta. */
export function groupWhere(filter: SCIMMY.Types.Filter | undefined): Prisma.ScimGroupWhereInput {
  return filter ? (toWhere(filter, GROUP_ATTRIBUTES) as Prisma.ScimGroupWhereInput) : {};
}
