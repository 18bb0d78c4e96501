import type { OpenApiDocument } from "@/lib/api/openapi";

/**
 * The OpenAPI document read for the reference page: each operation with its parameters, body fields, answers and a
 * curl example, in the document's order. Only local references (#/components/…) occur, and they are followed here.
 */

type Json = { [key: string]: unknown };
export type Field = { name: string; type: string; required: boolean; description: string | null };
export type OperationView = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  scope: string | null;
  tag: string;
  parameters: (Field & { in: string })[];
  body: Field[];
  responses: { status: string; description: string }[];
  curl: string;
};

function resolve(doc: OpenApiDocument, value: unknown): Json {
  let v = value as Json;
  for (let i = 0; i < 10 && typeof v?.$ref === "string"; i++) {
    const parts = (v.$ref as string).replace(/^#\//, "").split("/");
    v = parts.reduce<Json>((node, key) => node[key] as Json, doc as unknown as Json);
  }
  return v ?? {};
}

/** "string", "list of objects", "string or null", "one of "self", "import"" … */
function typeOf(doc: OpenApiDocument, raw: unknown): string {
  const s = resolve(doc, raw);
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((e) => JSON.stringify(e)).join(", ")}`;
  if (s.const !== undefined) return JSON.stringify(s.const);
  const alternatives = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (alternatives) return [...new Set(alternatives.map((a) => typeOf(doc, a)))].join(" or ");
  const types = Array.isArray(s.type) ? (s.type as string[]) : s.type ? [s.type as string] : [];
  const named = types.map((t) => {
    if (t === "array") {
      const items = typeOf(doc, s.items);
      return `list of ${items === "object" ? "objects" : items}`;
    }
    if (t === "string" && s.format === "date-time") return "date-time";
    if (t === "integer" && typeof s.minimum === "number" && typeof s.maximum === "number" && s.maximum <= 1000)
      return `integer ${s.minimum}–${s.maximum}`;
    return t;
  });
  return named.join(" or ") || "any";
}

/** An object schema's fields; a list of objects adds its items' fields as name[].field (one level). */
function fieldsOf(doc: OpenApiDocument, raw: unknown, prefix = "", depth = 0): Field[] {
  const s = resolve(doc, raw);
  const required = new Set((s.required as string[] | undefined) ?? []);
  const out: Field[] = [];
  for (const [name, value] of Object.entries((s.properties as Json | undefined) ?? {})) {
    const p = resolve(doc, value);
    out.push({
      name: `${prefix}${name}`,
      type: typeOf(doc, p),
      required: required.has(name),
      description: typeof p.description === "string" ? p.description : null,
    });
    const items = p.type === "array" ? resolve(doc, p.items) : null;
    if (depth === 0 && items?.type === "object" && items.properties && Object.keys(items.properties).length <= 12)
      out.push(...fieldsOf(doc, items, `${prefix}${name}[].`, depth + 1));
  }
  return out;
}

/** A curl command for the operation: path parameters filled with their examples; PUT bodies from the schema's example. */
function curlOf(
  doc: OpenApiDocument,
  method: string,
  path: string,
  params: Json[],
  secured: boolean,
  example: unknown,
) {
  let url = `$SKILLGAP_URL/api/v1${path}`;
  for (const p of params)
    if (p.in === "path") url = url.replace(`{${String(p.name)}}`, String(resolve(doc, p.schema).example ?? "ID"));
  const lines = [`curl${method === "GET" ? "" : ` -X ${method}`}`];
  if (secured) lines.push(`  -H "Authorization: Bearer $SKILLGAP_TOKEN"`);
  if (method === "PUT") {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(example === undefined ? "  --data-binary @taxonomy.json" : `  -d '${JSON.stringify(example)}'`);
  }
  lines.push(`  "${url}"`);
  return lines.join(" \\\n");
}

export function operationsOf(doc: OpenApiDocument): OperationView[] {
  const out: OperationView[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, raw] of Object.entries(item as Json)) {
      const op = raw as Json;
      if (!op || typeof op !== "object" || !op.responses) continue;
      const params = ((op.parameters as unknown[] | undefined) ?? []).map((p) => resolve(doc, p));
      const bodySchema = (
        (resolve(doc, op.requestBody).content as Json | undefined)?.["application/json"] as Json | undefined
      )?.schema;
      const body = bodySchema ? resolve(doc, bodySchema) : null;
      const secured = Array.isArray(op.security) && op.security.length > 0;
      out.push({
        id: String(op.operationId),
        method: method.toUpperCase(),
        path,
        summary: String(op.summary ?? ""),
        description: String(op.description ?? "").split("\n\n")[0]!,
        scope: secured ? String(op["x-required-scope"]) : null,
        tag: ((op.tags as string[] | undefined) ?? ["Other"])[0]!,
        parameters: params.map((p) => ({
          in: String(p.in),
          name: String(p.name),
          type: typeOf(doc, p.schema),
          required: Boolean(p.required),
          description: typeof p.description === "string" ? p.description : null,
        })),
        body: body ? fieldsOf(doc, body) : [],
        responses: Object.entries(op.responses as Json).map(([status, r]) => ({
          status,
          description: String(resolve(doc, r).description ?? ""),
        })),
        curl: curlOf(doc, method.toUpperCase(), path, params, secured, body?.example),
      });
    }
  }
  return out;
}
