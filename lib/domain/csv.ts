/**
 * CSV cells that are safe to open in a spreadsheet. A cell starting with =, +, -, @, tab or carriage return can be run
 * as a formula (CSV injection); every export passes this pattern to `Papa.unparse({ escapeFormulae })`, which gives such
 * a cell a leading apostrophe (shown as plain text) and quotes it.
 */

/**
 * Starts of a cell a spreadsheet may treat as a formula. No `.*$` (as in Papa's own `escapeFormulae: true` pattern): a
 * newline later in the cell must not defeat it.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;
