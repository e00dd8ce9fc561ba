import { type Hundredths, formatHundredths } from '../domain/points';

/*
 * The columns and cell values of the exports, without the workbook library: the CSV (./csv.ts) reads only these, so a
 * function that answers a CSV bundles no exceljs (./workbook.ts writes the .xlsx from the same columns).
 */

/**
 * One column of an export, shared by its .xlsx and its CSV (./csv.ts): the header, what kind of value it holds, and how
 * a row gives it. A list of these is the one definition of a table (standings, results…): both formats read it, so
 * they cannot drift apart.
 *
 * - `text`: written as a string cell, never a formula, whatever it starts with (the value is data, not an instruction).
 * - `integer`, `number`: numbers.
 * - `points`: integer hundredths (the scoring core's unit: 9720 is 97,20 điểm), written as 97.2 with two decimals shown.
 * - `date`: an ISO calendar date "2025-12-15", written as an Excel date.
 * - `datetime`: an ISO instant, written as the date and time in Vietnam (Excel has no time zones).
 */
export type ColumnKind = 'text' | 'integer' | 'number' | 'points' | 'date' | 'datetime';

export type CellInput = string | number | boolean | null | undefined;

export interface Column<R> {
  header: string;
  kind: ColumnKind;
  /** Characters; a default by kind when absent. */
  width?: number;
  /** Long text (reasons, summaries): wrapped in its column. */
  wrap?: boolean;
  value: (row: R, index: number) => CellInput;
}

/** The media type of every workbook this module writes (for the routes' content-type). */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Label and value lines of the "Thông tin" sheet. */
export type InfoLine = readonly [label: string, value: CellInput];

export interface CampaignRef {
  title: string;
  documentNumber: string;
}

/** Vietnam has kept UTC+7 without daylight saving since 1975: a fixed offset is exact for every date an export holds. */
const VN_OFFSET_MS = 7 * 3_600_000;

/** Characters XML 1.0 cannot carry (a workbook holding one needs "repair"), and Excel's limit of 32,767 per cell. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is what this pattern is for
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const MAX_CELL_TEXT = 32_767;

export function safeText(v: unknown): string {
  const s = String(v).normalize('NFC').replace(XML_INVALID, '');
  return s.length > MAX_CELL_TEXT ? `${s.slice(0, MAX_CELL_TEXT - 1)}…` : s;
}

function isoDateToExcel(iso: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : iso;
}

function instantToExcel(iso: string): Date | string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  // Excel reads the serial as wall-clock time: shift the instant to Vietnam's wall clock, to the minute.
  return new Date(Math.floor((t + VN_OFFSET_MS) / 60_000) * 60_000);
}

/** The value a cell of the .xlsx gets: only strings, numbers, booleans and dates, never an object (a formula, a link). */
export function xlsxValue(kind: ColumnKind, v: CellInput): string | number | boolean | Date | null {
  if (v === undefined || v === null || v === '') return null;
  switch (kind) {
    case 'text':
      return safeText(v);
    case 'integer':
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? v : safeText(v);
    case 'points':
      return typeof v === 'number' && Number.isFinite(v) ? (v as Hundredths) / 100 : safeText(v);
    case 'date':
      return typeof v === 'string' ? isoDateToExcel(v) : safeText(v);
    case 'datetime':
      return typeof v === 'string' ? instantToExcel(v) : safeText(v);
  }
}

/** The text a CSV field gets: points with a decimal point and two decimals, dates ISO, instants in Vietnam's time. */
export function csvValue(kind: ColumnKind, v: CellInput): string {
  if (v === undefined || v === null) return '';
  switch (kind) {
    case 'points':
      return typeof v === 'number' && Number.isInteger(v) ? formatHundredths(v) : String(v);
    case 'datetime': {
      const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
      if (Number.isNaN(t)) return String(v);
      return new Date(t + VN_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
    }
    default:
      return String(v);
  }
}
