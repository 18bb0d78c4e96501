// NUL, or half of a surrogate pair with no other half: Postgres text refuses NUL, jsonb refuses lone surrogates.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when Postgres can store the string (no NUL, no lone surrogate). */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/**
 * Where a value (strings, arrays, plain objects; Dates are skipped) holds text Postgres refuses, in document order:
 * each entry is the path of keys to the string ([] for the value itself). An object key that cannot be stored reports
 * the path of the object holding it.
 */
export function unstorablePaths(value: unknown, path: string[] = []): string[][] {
  if (typeof value === "string") return isStorableText(value) ? [] : [path];
  if (value === null || typeof value !== "object" || value instanceof Date) return [];
  const out: string[][] = [];
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  for (const [k, v] of entries) {
    if (!isStorableText(k)) out.push(path);
    out.push(...unstorablePaths(v, [...path, k]));
  }
  return out;
}
