import { type Buffer as XlsxBuffer, Workbook, type Worksheet } from 'exceljs';
import { type CampaignRef, type Column, type ColumnKind, type InfoLine, safeText, xlsxValue } from './column';

export { type CampaignRef, type CellInput, type Column, type ColumnKind, csvValue, type InfoLine, MAX_CELL_TEXT, safeText, XLSX_CONTENT_TYPE, xlsxValue } from './column';

const DEFAULT_WIDTH: Record<ColumnKind, number> = { text: 24, integer: 10, number: 12, points: 12, date: 12, datetime: 17 };
const NUM_FMT: Partial<Record<ColumnKind, string>> = { integer: '0', points: '0.00', date: 'dd/mm/yyyy', datetime: 'dd/mm/yyyy hh:mm' };

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
