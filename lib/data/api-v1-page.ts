import "server-only";
import { toPage, type CursorKey } from "@/lib/api/cursor";
import { LISTS } from "@/lib/api/v1-lists";

/** What the /api/v1 lists share: their paging options, keyset conditions, and the page built from rows. */

export type PageOptions<K extends readonly unknown[]> = { limit: number; cursor: K | null };
type ListKinds<L extends keyof typeof LISTS> = (typeof LISTS)[L]["kinds"];
export type Key<L extends keyof typeof LISTS> = CursorKey<ListKinds<L>>;

/** One page of list `list` from rows read with `take: limit + 1` (see toPage). */
export function page<L extends keyof typeof LISTS, Row, T>(
  list: L,
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => Key<L>,
  map: (row: Row) => T | null,
) {
  const { name, kinds } = LISTS[list];
  return toPage(rows, limit, name, kinds, keyOf, map);
}

/** The rows after `cursor` by (createdAt, id) descending: older, or as old with a smaller id. */
export const olderThan = <I>(cursor: readonly [Date, I] | null) =>
  cursor ? { OR: [{ createdAt: { lt: cursor[0] } }, { createdAt: cursor[0], id: { lt: cursor[1] } }] } : {};

/** The rows after `cursor` by (name, id) ascending. */
export const afterName = (cursor: readonly [string, string] | null) =>
  cursor ? { OR: [{ name: { gt: cursor[0] } }, { name: cursor[0], id: { gt: cursor[1] } }] } : {};
