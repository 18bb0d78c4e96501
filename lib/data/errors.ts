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
