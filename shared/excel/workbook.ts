import { type Buffer as XlsxBuffer, Workbook, type Worksheet } from 'exceljs';
import { type Hundredths, formatHundredths } from '../domain/points';

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

const DEFAULT_WIDTH: Record<ColumnKind, number> = { text: 24, integer: 10, number: 12, points: 12, date: 12, datetime: 17 };
const NUM_FMT: Partial<Record<ColumnKind, string>> = { integer: '0', points: '0.00', date: 'dd/mm/yyyy', datetime: 'dd/mm/yyyy hh:mm' };

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

/** A table name Excel accepts: letters, digits, underscores, starting with a letter, unique in the workbook. */
const tableName = (s: string) =>
  `T_${s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '_')}`;

export interface TableSheet<R> {
  name: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
}

/**
 * Write `rows` as an Excel table on a new sheet: the header in row 1 (frozen), one row per item, each column with the
 * number format of its kind and its width.
 */
export function addTableSheet<R>(wb: Workbook, sheet: TableSheet<R>): Worksheet {
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  const headers = sheet.columns.map((c) => safeText(c.header));
  if (new Set(headers).size !== headers.length) throw new Error(`duplicate header in sheet ${sheet.name}`);
  const rows = sheet.rows.map((r, i) => sheet.columns.map((c) => xlsxValue(c.kind, c.value(r, i))));
  ws.addTable({
    name: tableName(sheet.name),
    ref: 'A1',
    headerRow: true,
    totalsRow: false,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: sheet.columns.map((c, i) => ({
      name: headers[i]!,
      filterButton: true,
      ...(NUM_FMT[c.kind] || c.wrap ? { style: { ...(NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {}), ...(c.wrap ? { alignment: { wrapText: true, vertical: 'top' as const } } : {}) } } : {}),
    })),
    // A table needs one data row to be a table Excel opens without repair: an empty export has one empty row.
    rows: rows.length > 0 ? rows : [sheet.columns.map(() => null)],
  });
  sheet.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width ?? Math.max(DEFAULT_WIDTH[c.kind], Math.min(40, c.header.length + 4));
  });
  // The header row is text: the columns' number formats and wrapping are the data's, not the header's.
  ws.getRow(1).eachCell((cell) => {
    cell.numFmt = 'General';
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.font = { bold: true };
  });
  return ws;
}

/** The "Thông tin" sheet: what the export is of, and what can prove it (the input hash, the rule version). */
export function addInfoSheet(wb: Workbook, campaign: CampaignRef, lines: readonly InfoLine[]): Worksheet {
  const ws = wb.addWorksheet('Thông tin');
  ws.getColumn(1).width = 34;
  ws.getColumn(2).width = 80;
  const all: InfoLine[] = [['Phong trào thi đua', campaign.title], ['Số, ký hiệu văn bản', campaign.documentNumber], ...lines];
  for (const [label, value] of all) {
    if (value === undefined || value === null || value === '') continue;
    const row = ws.addRow([safeText(label), typeof value === 'number' ? value : safeText(value)]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
  }
  return ws;
}

export function newWorkbook(): Workbook {
  const wb = new Workbook();
  wb.creator = 'thidua';
  // A fixed date: the same data gives the same workbook (the file's own dates are not what it reports).
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  return wb;
}

export async function toBuffer(wb: Workbook): Promise<Buffer> {
  const out: XlsxBuffer = await wb.xlsx.writeBuffer();
  return Buffer.from(out as unknown as ArrayBuffer);
}

/** A workbook of one table and its "Thông tin" sheet: what every export is. */
export async function writeTableWorkbook<R>(sheet: TableSheet<R>, campaign: CampaignRef, info: readonly InfoLine[]): Promise<Buffer> {
  const wb = newWorkbook();
  addTableSheet(wb, sheet);
  addInfoSheet(wb, campaign, info);
  return toBuffer(wb);
}
