import { type Borders, type Cell as XlsxCell, type Fill, Workbook, type Worksheet } from 'exceljs';
import { formatShortDate } from '../domain/vn-date';
import { type ComputedForm, computeForm, type StatisticsInput } from './compute';
import { CIRCULAR, FORM_LAYOUTS, type HeaderCell, LAYOUT_NOTE, RECEIPT_LINE, type StatisticsFormId } from './forms';

/**
 * The .xlsx of a statistical form in its paper layout (docs/statistics.md): the title block (form number, circular,
 * reporting and receiving units, period and cut-off date), the header with its merged cells, the coded rows, the
 * cells the system cannot fill left empty and shaded, the notes that say why, and the signature block. A second
 * sheet lists what the system holds behind the numbers (0601.N, 0603.N).
 */

/** The fill of a cell the Office fills (light grey). Exported so that tests and readers check the same colour. */
export const OFFICE_FILL_ARGB = 'FFD9D9D9';
const OFFICE_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: OFFICE_FILL_ARGB } };
const THIN: Partial<Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const FONT = 'Times New Roman';

export const MAIN_SHEET_PREFIX = 'Biểu ';
export const DETAIL_SHEET = 'Số liệu hệ thống';

/** Where things are on the main sheet, for readers (tests, a later import of the Office's figures). */
export const TITLE_ROWS = 7;

function style(cell: XlsxCell, opts: { bold?: boolean; italic?: boolean; size?: number; align?: 'left' | 'center' | 'right'; border?: boolean; wrap?: boolean } = {}) {
  cell.font = { name: FONT, size: opts.size ?? 11, bold: opts.bold ?? false, italic: opts.italic ?? false };
  cell.alignment = { horizontal: opts.align ?? 'left', vertical: 'middle', wrapText: opts.wrap ?? true };
  if (opts.border) cell.border = THIN;
}

/** Writes text in a block of cells, merged when it spans more than one. */
function put(ws: Worksheet, row: number, col: number, rowSpan: number, colSpan: number, text: string, opts: Parameters<typeof style>[1] = {}) {
  if (rowSpan > 1 || colSpan > 1) ws.mergeCells(row, col, row + rowSpan - 1, col + colSpan - 1);
  const cell = ws.getCell(row, col);
  cell.value = text;
  style(cell, opts);
  if (opts.border) for (let r = row; r < row + rowSpan; r++) for (let c = col; c < col + colSpan; c++) ws.getCell(r, c).border = THIN;
}

function headerBlock(ws: Worksheet, top: number, cells: readonly HeaderCell[]) {
  for (const h of cells) put(ws, top + h.row, h.col + 1, h.rowSpan ?? 1, h.colSpan ?? 1, h.text, { bold: true, align: 'center', border: true, size: 10 });
}

function mainSheet(wb: Workbook, f: ComputedForm) {
  const layout = FORM_LAYOUTS[f.form];
  const width = layout.labelColumns + layout.columns.length;
  const ws = wb.addWorksheet(`${MAIN_SHEET_PREFIX}${f.form}`, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.getColumn(1).width = 55;
  ws.getColumn(2).width = 8;
  if (layout.labelColumns === 3) ws.getColumn(3).width = 12;
  for (let c = layout.labelColumns + 1; c <= width; c++) ws.getColumn(c).width = layout.columns.length > 8 ? 10 : 16;

  // Title block: the left half names the form and its circular, the right half the units (as on the paper form).
  const left = Math.max(1, Math.ceil(width / 2));
  const right = width - left;
  const halves = (row: number, l: string, r: string, bold = false) => {
    put(ws, row, 1, 1, left, l, { bold });
    if (right > 0) put(ws, row, left + 1, 1, right, r, { bold, align: 'center' });
  };
  halves(1, `Biểu số: ${f.symbol}`, `Đơn vị báo cáo: ${f.reportingUnit}`, true);
  halves(2, `Ban hành kèm theo ${CIRCULAR}`, `Đơn vị nhận báo cáo: ${f.receivingUnit}`);
  halves(3, RECEIPT_LINE, '');
  put(ws, 4, 1, 1, width, f.title, { bold: true, align: 'center', size: 13 });
  ws.getRow(4).height = 36;
  put(
    ws,
    5,
    1,
    1,
    width,
    f.basis === 'decision-date'
      ? `Năm ${f.year} (kỳ báo cáo từ ngày ${formatShortDate(f.period.from)} đến ngày ${formatShortDate(f.period.to)}; số liệu tính đến ngày ${formatShortDate(f.cutOffDate)})`
      : `Năm ${f.year} (theo năm đánh giá)`,
    { italic: true, align: 'center' },
  );
  put(ws, 6, 1, 1, width, '(Bố cục biểu được dựng lại, chưa đối chiếu với phụ lục gốc của Thông tư; xem ghi chú cuối biểu)', { italic: true, align: 'center', size: 9 });
  put(ws, 7, 1, 1, width, layout.unitLine ?? '', { italic: true, align: 'right' });

  const headerTop = TITLE_ROWS + 1;
  headerBlock(ws, headerTop, layout.header);
  layout.headerHeights.forEach((h, i) => {
    ws.getRow(headerTop + i).height = h;
  });
  const numberingRow = headerTop + layout.headerRows;
  headerBlock(ws, numberingRow, layout.numbering);

  let row = numberingRow + 1;
  for (const r of f.rows) {
    put(ws, row, 1, 1, 1, r.label, { bold: r.bold || r.heading, border: true });
    // Row heights are not computed by every reader: a label that wraps gets a second line's room.
    if (r.label.length > 60) ws.getRow(row).height = 30;
    put(ws, row, 2, 1, 1, r.code, { align: 'center', border: true });
    if (layout.labelColumns === 3) put(ws, row, 3, 1, 1, r.unit ?? '', { align: 'center', border: true, size: 10 });
    layout.columns.forEach((_, i) => {
      const cell = ws.getCell(row, layout.labelColumns + 1 + i);
      style(cell, { align: 'center', border: true, bold: r.bold });
      if (r.heading) return;
      const v = r.cells[i];
      if (v === null || v === undefined) cell.fill = OFFICE_FILL;
      else {
        cell.value = v;
        cell.numFmt = '#,##0';
      }
    });
    row++;
  }

  // Notes: one merged line each, tall enough for their text at this width.
  row++;
  put(ws, row++, 1, 1, width, 'Ghi chú:', { bold: true });
  const legend = ws.getCell(row, 1);
  legend.fill = OFFICE_FILL;
  style(legend, { border: true });
  put(ws, row, 2, 1, width - 1, 'Ô tô xám: Văn phòng điền (hệ thống không có dữ liệu).', { italic: true });
  row++;
  for (const note of [...f.notes, LAYOUT_NOTE]) {
    put(ws, row, 1, 1, width, `- ${note}`, { size: 10 });
    ws.getRow(row).height = 15 * Math.max(1, Math.ceil(note.length / 150));
    row++;
  }

  row++;
  const sigLeft = Math.max(1, Math.floor(width / 2));
  const sig = (l: string, r: string, opts: Parameters<typeof style>[1]) => {
    put(ws, row, 1, 1, sigLeft, l, { ...opts, align: 'center' });
    if (width > sigLeft) put(ws, row, sigLeft + 1, 1, width - sigLeft, r, { ...opts, align: 'center' });
    row++;
  };
  sig('', '…, ngày … tháng … năm …', { italic: true });
  sig('Người lập biểu', 'Thủ trưởng đơn vị', { bold: true });
  sig('(Ký, họ tên)', '(Ký, họ tên, đóng dấu)', { italic: true });
}

function detailSheet(wb: Workbook, f: ComputedForm) {
  if (f.form === '0601.N') {
    const ws = wb.addWorksheet(DETAIL_SHEET);
    ws.columns = [{ width: 30 }, { width: 16 }, { width: 60 }, { width: 14 }, { width: 28 }];
    put(ws, 1, 1, 1, 5, `Các phong trào thi đua hệ thống đã tính vào biểu ${f.symbol}`, { bold: true });
    const header = ['Cơ quan phát động', 'Số, ký hiệu', 'Tên phong trào', 'Ngày phát động', 'Hình thức tổ chức'];
    header.forEach((h, i) => {
      put(ws, 2, i + 1, 1, 1, h, { bold: true, align: 'center', border: true });
    });
    f.detail.campaigns.forEach((c, i) => {
      const values = [
        c.agencyName,
        c.documentNumber ?? '',
        c.title,
        formatShortDate(c.launchDate),
        c.kind === 'thematic' ? 'Theo chuyên đề' : c.kindAssumed ? 'Thường xuyên (chưa ghi, tính là thường xuyên)' : 'Thường xuyên',
      ];
      values.forEach((v, j) => {
        put(ws, 3 + i, j + 1, 1, 1, v, { border: true });
      });
    });
    return;
  }
  if (f.form === '0603.N') {
    const ws = wb.addWorksheet(DETAIL_SHEET);
    ws.columns = [{ width: 45 }, ...Array.from({ length: 8 }, () => ({ width: 13 }))];
    put(ws, 1, 1, 1, 9, 'Danh hiệu thi đua và hình thức khen thưởng trên hệ thống trong kỳ báo cáo', { bold: true });
    put(ws, 2, 1, 2, 1, 'Danh hiệu, hình thức khen thưởng', { bold: true, align: 'center', border: true });
    put(ws, 2, 2, 1, 4, 'Đã quyết định (cơ quan trên hệ thống)', { bold: true, align: 'center', border: true });
    put(ws, 2, 6, 1, 4, 'Đã đề nghị cấp trên (chưa có quyết định trên hệ thống)', { bold: true, align: 'center', border: true });
    ['Tập thể', 'Cá nhân', 'Trong đó: Nữ', 'Cá nhân chưa rõ giới tính'].forEach((h, i) => {
      put(ws, 3, 2 + i, 1, 1, h, { bold: true, align: 'center', border: true, size: 10 });
      put(ws, 3, 6 + i, 1, 1, h, { bold: true, align: 'center', border: true, size: 10 });
    });
    f.detail.awards.forEach((a, i) => {
      const r = 4 + i;
      put(ws, r, 1, 1, 1, a.label, { border: true });
      [a.awarded, a.proposed].forEach((c, k) => {
        [c.collective, c.individual, c.women, c.genderUnknown].forEach((v, j) => {
          const cell = ws.getCell(r, 2 + k * 4 + j);
          cell.value = v;
          style(cell, { align: 'center', border: true });
        });
      });
    });
  }
}

/** The workbook of an already computed form. */
export async function writeStatisticsWorkbook(f: ComputedForm): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = 'thidua';
  // A fixed date (the cut-off), so the same data gives the same file.
  const stamp = new Date(`${f.cutOffDate}T00:00:00Z`);
  wb.created = stamp;
  wb.modified = stamp;
  wb.title = `${f.symbol} ${f.year}`;
  mainSheet(wb, f);
  detailSheet(wb, f);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** computeForm, then the workbook: what `GET /statistics/{form}?year=` serves. */
export async function buildStatisticsWorkbook(form: StatisticsFormId, input: StatisticsInput): Promise<Buffer> {
  return writeStatisticsWorkbook(computeForm(form, input));
}
