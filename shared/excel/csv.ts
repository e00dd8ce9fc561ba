import { type ResultRow, type StandingsExportRow, type UnitNames, type CriterionHeader, resultsColumns, standingsColumns } from './columns';
import { type Column, csvValue } from './column';

/**
 * CSV for the Office's spreadsheet (issue 13: "the CSV loses its title row"): the header is the first line, so Excel
 * opens it as a table and it re-imports; UTF-8 with a BOM (Excel reads the diacritics), CRLF line ends, RFC 4180
 * quoting. The columns are the .xlsx export's (./columns.ts): one list per table for both formats.
 */

/**
 * A field a spreadsheet would read as a formula (first character =, +, -, @, tab or CR) gets a leading apostrophe
 * (OWASP "CSV injection"). In a CSV there is no cell type to keep it text, so the apostrophe is the only guard; the
 * .xlsx exports need none, their text cells are strings.
 */
export function neutraliseCsv(field: string): string {
  return /^[=+\-@\t\r]/.test(field) ? `'${field}` : field;
}

/** RFC 4180: a field with a comma, a double quote, CR or LF is quoted, its quotes doubled. */
export function csvField(field: string): string {
  const s = neutraliseCsv(field);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The rows as CSV under the columns' headers. Numbers are written as numbers (negative points are neutralised like
 * any field beginning with "-": a spreadsheet then reads them as text, which is the price of the guard).
 */
export function toCsv<R>(columns: readonly Column<R>[], rows: readonly R[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  rows.forEach((r, i) => {
    lines.push(columns.map((c) => csvField(csvValue(c.kind, c.value(r, i)))).join(','));
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** `GET …/standings?format=csv`: the same columns as the .xlsx standings. */
export function standingsCsv(rows: readonly StandingsExportRow[], criteria?: readonly CriterionHeader[]): string {
  return toCsv(standingsColumns(rows, criteria), rows);
}

/** `GET …/results?format=csv` without the title row: the same columns as the .xlsx results. */
export function resultsCsv(outcomes: readonly ResultRow[], unitNames: UnitNames): string {
  return toCsv(resultsColumns(unitNames), outcomes);
}
