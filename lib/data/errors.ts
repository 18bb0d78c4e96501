/** Thrown when a row does not exist or the actor may not see it: both answer "not found". */
export class NotFoundError extends Error {
  constructor(message = "Not found") {
    super(message);
    this.name = "NotFoundError";
  }
}

export type FieldErrors = Record<string, string[]>;

/** Bad input or a refused operation, with the fields it concerns. Changes nothing. */
export class DataError extends Error {
  constructor(
    message: string,
    public readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.name = "DataError";
  }
}

/** A write based on stale data (optimistic concurrency): carries the newer state. */
export class ConflictError extends Error {
  constructor(
    message: string,
    public readonly latest?: unknown,
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

/**
 * Ids taken from a URL: one that no row could have (NUL, which Postgres text cannot hold; absurd length) answers
 * "not found" like any other unknown id, instead of reaching the database and failing there.
 */
export function assertLookupId(id: string): void {
  if (id.length === 0 || id.length > 200 || id.includes("\u0000")) throw new NotFoundError();
}
