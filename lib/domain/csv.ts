/**
 * CSV cells that are safe to open in a spreadsheet. A cell starting with =, +, -, @, tab or carriage return can be run
 * as a formula (CSV injection), so it gets a leading apostrophe, which spreadsheets show as plain text.
 */

/** Starts of a cell a spreadsheet may treat as a formula. No `.*$`: a newline later in the cell must not defeat it. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** The text with a leading ' when it could be read as a formula; otherwise unchanged. */
export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV cell (RFC 4180): formula-escaped, then quoted when it holds a quote, comma, CR or LF, or was escaped. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const text = escapeFormula(value);
  return text !== value || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line from its cells. */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvCell).join(",");
}
