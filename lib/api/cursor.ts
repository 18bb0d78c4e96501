/**
 * Cursor pagination for /api/v1 lists: keyset, never OFFSET, so a row added or removed while a client walks a list
 * neither repeats nor hides any other row. A cursor is opaque to clients: base64url of JSON naming the list it
 * belongs to and the sort key of the last row served. One we did not issue (or another list's) answers 400 on `cursor`.
 */
import { optional, wholeNumber, z } from "@/lib/validation";

export const PAGE_DEFAULT = 50;
export const PAGE_MAX = 100;

/** How each part of a sort key travels: text, text or null (sorted last), a timestamp, a whole number (bigint ids). */
type PartKinds = { text: string; nullableText: string | null; date: Date; int: bigint };
export type KeyPart = keyof PartKinds;
export type CursorKey<K extends readonly KeyPart[]> = { -readonly [I in keyof K]: PartKinds[K[I]] };

const MAX_CURSOR = 1_000;
const BAD_CURSOR = "Cursor is not one this API gave out; start again without it.";

function encodePart(kind: KeyPart, value: unknown): string | null {
  if (kind === "date") return (value as Date).toISOString();
  if (kind === "int") return String(value as bigint);
  return value as string | null;
}

function decodePart(kind: KeyPart, value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (kind === "nullableText" && value === null) return { ok: true, value: null };
  if (typeof value !== "string" || value.length > 300) return { ok: false };
  if (kind === "text" || kind === "nullableText") return { ok: true, value };
  if (kind === "int") return /^\d{1,19}$/.test(value) ? { ok: true, value: BigInt(value) } : { ok: false };
  const at = new Date(value);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && !Number.isNaN(at.getTime())
    ? { ok: true, value: at }
    : { ok: false };
}

/** The opaque cursor for the row whose sort key is `key`, in list `list`. */
export function encodeCursor<const K extends readonly KeyPart[]>(list: string, kinds: K, key: CursorKey<K>): string {
  const k = kinds.map((kind, i) => encodePart(kind, key[i]));
  return Buffer.from(JSON.stringify({ l: list, k }), "utf8").toString("base64url");
}

/** The sort key in a cursor of list `list`, or null when it is not one we issued for that list. */
export function decodeCursor<const K extends readonly KeyPart[]>(
  list: string,
  kinds: K,
  raw: string,
): CursorKey<K> | null {
  if (raw.length > MAX_CURSOR || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof payload !== "object" || payload === null) return null;
  const { l, k } = payload as { l?: unknown; k?: unknown };
  if (l !== list || !Array.isArray(k) || k.length !== kinds.length) return null;
  const out: unknown[] = [];
  for (const [i, kind] of kinds.entries()) {
    const part = decodePart(kind, k[i]);
    if (!part.ok) return null;
    out.push(part.value);
  }
  return out as CursorKey<K>;
}

/** The `cursor` query parameter of list `list`: blank or missing → null (the first page). */
export function cursorParam<const K extends readonly KeyPart[]>(list: string, kinds: K) {
  return optional(
    z
      .string({ message: BAD_CURSOR })
      .max(MAX_CURSOR, BAD_CURSOR)
      .transform((raw, ctx) => {
        const key = decodeCursor(list, kinds, raw.trim());
        if (key === null) {
          ctx.addIssue({ code: "custom", message: BAD_CURSOR });
          return z.NEVER;
        }
        return key;
      }),
  ).meta({ description: "The `nextCursor` of the previous page; leave it out for the first page." });
}

/** `limit`: rows per page, 1–100 (default 50). */
export const limitParam = () =>
  wholeNumber("Limit", 1, PAGE_MAX)
    .optional()
    .transform((v) => v ?? PAGE_DEFAULT)
    .meta({ description: `Rows per page, 1–${PAGE_MAX} (default ${PAGE_DEFAULT}).`, example: 20 });

/** The query of a paged list: `limit` and `cursor`, plus the list's own filters. */
export function pageQuery<const K extends readonly KeyPart[], S extends z.ZodRawShape = Record<never, never>>(
  list: string,
  kinds: K,
  filters?: S,
) {
  return z.object({ ...(filters ?? ({} as S)), limit: limitParam(), cursor: cursorParam(list, kinds) });
}

export type Page<T> = { data: T[]; nextCursor: string | null };

/**
 * One page from rows read with `take: limit + 1` in the list's order: the first `limit` rows, and a cursor after the
 * last of them when the extra row shows there are more. `keyOf` gives a row's sort key (kinds as in the query). A row
 * `map` turns into null is left out (a final access check): the page is then shorter, and the cursor still moves on.
 */
export function toPage<Row, T, const K extends readonly KeyPart[]>(
  rows: Row[],
  limit: number,
  list: string,
  kinds: K,
  keyOf: (row: Row) => CursorKey<K>,
  map: (row: Row) => T | null,
): Page<T> {
  const shown = rows.slice(0, limit);
  const more = rows.length > limit && shown.length > 0;
  return {
    data: shown.flatMap((row) => {
      const item = map(row);
      return item === null ? [] : [item];
    }),
    nextCursor: more ? encodeCursor(list, kinds, keyOf(shown[shown.length - 1]!)) : null,
  };
}

/** The response schema of a paged list of `item`. */
export function pageOf<S extends z.ZodType>(item: S, id: string, description: string) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: "Pass it as `cursor` for the next page; null on the last page." }),
    })
    .meta({ id, description });
}
