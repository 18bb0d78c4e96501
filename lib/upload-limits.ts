/**
 * Upload sizes, shared by the client forms (which refuse a file before sending it), the server schemas (which say the
 * same when a client skips that check) and next.config.js (whose server-action body limit must hold the largest).
 * No imports: the client bundle pulls this in.
 */

export const MB = 1024 * 1024;

/** Ratings CSV (My skills → Import). */
export const CSV_MAX_MB = 2;
/** Taxonomy JSON (Admin → Import). */
export const TAXONOMY_MAX_MB = 5;

/**
 * The server-action body limit, in MB; next.config.js sets `experimental.serverActions.bodySizeLimit` and
 * `experimental.proxyClientMaxBodySize` to `${ACTION_BODY_LIMIT_MB}mb` (a unit test checks they agree). A file travels
 * as a JSON string, so quotes, backslashes and control characters grow on the wire: twice the largest file plus room
 * for the rest of the form covers any ordinary file, and `uploadProblem` refuses the rare one that would not fit.
 */
export const ACTION_BODY_LIMIT_MB = 2 * TAXONOMY_MAX_MB + 2;

// Field names, the action id and React's framing around the file's text.
const FORM_OVERHEAD = 64 * 1024;

export const fileTooLarge = (maxMb: number) => `File too large (max ${maxMb} MB).`;

/** UTF-8 bytes of a string: what a file of this text weighs on disk and on the wire. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Bytes a server action call carrying `text` sends: React encodes a string argument as JSON. */
export function actionBodyBytes(text: string): number {
  return utf8Bytes(JSON.stringify(text)) + FORM_OVERHEAD;
}

/**
 * Why a file's text cannot be sent, or null: larger than `maxMb`, or so full of characters JSON escapes that the
 * request would pass the server-action body limit (the server would then fail before any code of ours runs).
 */
export function uploadProblem(text: string, maxMb: number): string | null {
  if (utf8Bytes(text) > maxMb * MB) return fileTooLarge(maxMb);
  if (actionBodyBytes(text) > ACTION_BODY_LIMIT_MB * MB) return fileTooLarge(maxMb);
  return null;
}
