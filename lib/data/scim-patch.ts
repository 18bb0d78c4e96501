import "server-only";
import SCIMMY from "scimmy";
import { assertParsableFilterText } from "./scim-filter";

const { Error: ScimError } = SCIMMY.Types;
type ScimErrorT = InstanceType<typeof ScimError>;
type Json = Record<string, unknown>;

/** PATCH requests to /scim/v2, before scimmy's PatchOp applies them. */

const MAX_OPERATIONS = 1000;

export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const boolish = (v: unknown) => (typeof v === "string" && /^(true|false)$/i.test(v) ? v.toLowerCase() === "true" : v);

/**
 * Two habits of Entra ID that scimmy (rightly) refuses are accepted here: booleans sent as "True"/"False", and the
 * resource's own `id` inside a path-less replace. Also refused here, before scimmy's parser sees them: paths and
 * removal values its filter lexer cannot handle safely (lib/data/scim-filter.ts), and more than 1000 operations.
 */
export function compatiblePatch(body: unknown, id: string): unknown {
  if (!isObject(body) || !Array.isArray(body.Operations)) return body;
  if (body.Operations.length > MAX_OPERATIONS)
    throw new ScimError(400, "invalidValue", `Send at most ${MAX_OPERATIONS} operations in one PATCH.`);
  const Operations = body.Operations.map((op: unknown) => {
    if (!isObject(op)) return op;
    if (typeof op.path === "string") guardText(op.path, "path", "invalidPath", 500);
    if (typeof op.op === "string" && op.op.toLowerCase() === "remove") guardLeaves(op.value, 0);
    if (!("value" in op)) return op;
    let value = op.value;
    if (typeof op.path === "string" && op.path.toLowerCase() === "active") value = boolish(value);
    if (op.path === undefined && isObject(value)) {
      value = Object.fromEntries(
        Object.entries(value)
          .filter(([k, v]) => !(k === "id" && v === id))
          .map(([k, v]) => [k, k.toLowerCase() === "active" ? boolish(v) : v]),
      );
    }
    return { ...op, value };
  });
  return { ...body, Operations };
}

function guardText(text: string, what: string, scimType: string, max: number) {
  try {
    assertParsableFilterText(text, what, max);
  } catch (e) {
    throw new ScimError(400, scimType, (e as ScimErrorT).message);
  }
}

/** scimmy turns the values of a `remove` into a filter string: each string in them must be safe to parse. */
function guardLeaves(v: unknown, depth: number): void {
  if (typeof v === "string") return guardText(v, "value", "invalidValue", 1000);
  if (depth > 3 || v === null || typeof v !== "object") return;
  for (const x of Object.values(v)) guardLeaves(x, depth + 1);
}
