/**
 * What a page receives as `searchParams`: a key given twice (`?q=a&q=b`) arrives as an array, a key never given as
 * undefined. Pages read every value through `firstParam`, so a repeated or missing key is never a crash.
 */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter (`?q=a&q=b` → "a"), or undefined when absent. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Every parameter reduced to its first value: for components that take plain strings. */
export function firstParams(sp: SearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, firstParam(v)]));
}

/** False when some part of a raw path is not valid percent-encoded UTF-8 ("%", "%ZZ", "%E0%A4%A", "%C0%AF"). */
export function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
