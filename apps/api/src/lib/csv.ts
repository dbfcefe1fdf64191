// The one CSV writer of the product (csv-stringify), safe to open in a spreadsheet
// (docs/api.md#csv-files): a text cell that a spreadsheet would read as a formula — beginning
// with `=`, `+`, `-`, `@`, a tab or a carriage return — is prefixed with `'`, as OWASP
// recommends against CSV injection; numbers, signed amounts among them, stay numbers.
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?\d+(\.\d+)?%?$/;

/** A cell as written: formula-like text neutralised, everything else as it is. */
export function safeCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
}

/** Rows as CSV with a byte-order mark (Excel then reads UTF-8) and CRLF line ends. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${stringify(
    rows.map((r) => r.map(safeCell)),
    { record_delimiter: 'windows' },
  )}`;
}
