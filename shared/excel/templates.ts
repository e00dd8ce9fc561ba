import type { DataValidation, Workbook, Worksheet } from 'exceljs';
import { columnLetter } from './cells';
import { type ImportColumn, type ImportKind, type ImportSheet, type ImportValue, KINDS, cellText } from './kinds';
import type { ChoiceList } from './labels';
import { MAX_IMPORT_ROWS } from './import';
import { newWorkbook, safeText, toBuffer } from './workbook';

/**
 * The import templates (`GET /templates/{kind}.xlsx`, issue 13): the kind's sheets with their Vietnamese headers in row
 * 1 (frozen, each with a comment), a "Hướng dẫn" sheet explaining every column, and a "Danh mục" sheet holding the
 * lists the coded columns' dropdowns read (gender, titles, ratings…, and, when given, the agency's unit ids). The same
 * layout filled with rows is the export of a list in its import form (`fillTemplate`): what it exports re-imports as is.
 */

export interface TemplateLists {
  /** The agency's unit ids (and names): a dropdown on every column that names a unit. */
  units?: readonly { unitId: string; name?: string }[];
}

const LISTS_SHEET = 'Danh mục';
const NOTES_SHEET = 'Hướng dẫn';
/** The dropdowns and formats reach this far: the import's row limit, below the header. */
const LAST_ROW = MAX_IMPORT_ROWS + 1;

const REQUIRED_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFCE4D6' } };
const OPTIONAL_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDDEBF7' } };

type Ref = string;

interface ListsPlan {
  columns: { header: string; values: readonly (string | undefined)[]; width: number }[];
  choice: Map<ChoiceList, Ref>;
  units?: Ref;
}

/** Each list once, a column each on the lists sheet; the dropdowns refer to its range. */
function planLists(kind: ImportKind, lists: TemplateLists): ListsPlan {
  const plan: ListsPlan = { columns: [], choice: new Map() };
  const put = (header: string, values: readonly (string | undefined)[]): Ref => {
    plan.columns.push({ header, values, width: Math.min(50, Math.max(14, ...values.map((v) => (v?.length ?? 0) + 2))) });
    const letter = columnLetter(plan.columns.length);
    return `'${LISTS_SHEET}'!$${letter}$2:$${letter}$${Math.max(2, values.length + 1)}`;
  };
  for (const sheet of KINDS[kind].sheets) {
    for (const c of sheet.columns) {
      if (c.type.kind === 'choice' && !plan.choice.has(c.type.list)) {
        plan.choice.set(
          c.type.list,
          put(
            c.type.list.name,
            c.type.list.choices.map((x) => x.label),
          ),
        );
      }
    }
  }
  if (lists.units && lists.units.length > 0) {
    plan.units = put(
      'Mã đơn vị',
      lists.units.map((u) => u.unitId),
    );
    // The names beside the ids, so a person picking a code sees which unit it is.
    put(
      'Tên đơn vị',
      lists.units.map((u) => u.name),
    );
  }
  return plan;
}

function listsSheet(wb: Workbook, plan: ListsPlan) {
  const ws = wb.addWorksheet(LISTS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  plan.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    ws.getCell(1, i + 1).value = c.header;
    ws.getCell(1, i + 1).font = { bold: true };
    c.values.forEach((v, k) => {
      if (v !== undefined) ws.getCell(k + 2, i + 1).value = safeText(v);
    });
  });
}

function dataSheet(wb: Workbook, sheet: ImportSheet, refs: ListsPlan): Worksheet {
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  const validations = (ws as unknown as { dataValidations: { add(address: string, v: DataValidation): void } }).dataValidations;
  sheet.columns.forEach((c, i) => {
    const n = i + 1;
    const letter = columnLetter(n);
    const column = ws.getColumn(n);
    column.width = c.width;
    if (c.type.kind === 'id' || c.type.kind === 'emails' || c.type.kind === 'title-history' || c.type.kind === 'rating-history') column.numFmt = '@';
    if (c.type.kind === 'date') column.numFmt = 'dd/mm/yyyy';
    if (c.type.kind === 'text' && c.width >= 40) column.alignment = { wrapText: true, vertical: 'top' };
    const head = ws.getCell(1, n);
    head.value = c.header;
    head.font = { bold: true };
    head.numFmt = 'General';
    head.alignment = { vertical: 'middle', wrapText: true };
    head.fill = c.required ? REQUIRED_FILL : OPTIONAL_FILL;
    head.note = `${c.required ? 'Bắt buộc. ' : ''}${c.note}`;
    const range = `${letter}2:${letter}${LAST_ROW}`;
    const list = c.type.kind === 'choice' ? refs.choice.get(c.type.list) : c.ref === 'unit' ? refs.units : undefined;
    if (list && c.type.kind === 'choice') {
      const strict = c.type.list.strict;
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [list],
        showErrorMessage: true,
        errorStyle: strict ? 'stop' : 'warning',
        errorTitle: c.header,
        error: strict ? `Chọn một giá trị trong danh sách ${c.type.list.name}.` : `Giá trị không có trong danh sách ${c.type.list.name}; hệ thống chỉ nhận tên, chữ viết tắt hoặc mã đã quy định.`,
        showInputMessage: true,
        promptTitle: c.header,
        prompt: `Chọn trong danh sách ${c.type.list.name}.`.slice(0, 255),
      });
    } else if (list) {
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [list],
        showErrorMessage: true,
        // The unit may be new in the same upload (a units file) or the list may be out of date: warn, let the import decide.
        errorStyle: 'warning',
        errorTitle: c.header,
        error: 'Mã đơn vị không có trong danh bạ của cơ quan.',
      });
    }
  });
  ws.getRow(1).height = 32;
  return ws;
}

function notesSheet(wb: Workbook, kind: ImportKind) {
  const def = KINDS[kind];
  const ws = wb.addWorksheet(NOTES_SHEET);
  const intro = [
    `Mẫu nhập ${def.title.toLocaleLowerCase('vi')}.`,
    `Điền dữ liệu từ dòng 2 của trang ${def.sheets.map((s) => `“${s.name}”`).join(' và ')}; giữ nguyên dòng tiêu đề (dòng 1). Tối đa ${MAX_IMPORT_ROWS.toLocaleString('vi-VN')} dòng dữ liệu mỗi tệp.`,
    'Cột tô màu cam là bắt buộc; cột màu xanh có thể để trống. Ngày ghi theo kiểu ngày của Excel hoặc dạng dd/mm/yyyy.',
    'Khi tải lên, hệ thống kiểm tra toàn bộ tệp: nếu có lỗi, mọi ô sai được liệt kê (trang, dòng, cột, nội dung lỗi) và không dữ liệu nào được ghi; nếu không có lỗi, toàn bộ tệp được ghi một lần. Tải lại cùng một tệp không làm thay đổi dữ liệu.',
  ];
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 8;
  ws.getColumn(3).width = 30;
  ws.getColumn(4).width = 10;
  ws.getColumn(5).width = 90;
  ws.getColumn(6).width = 30;
  intro.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    cell.font = i === 0 ? { bold: true, size: 13 } : {};
  });
  const head = ws.getRow(intro.length + 2);
  head.values = ['Trang', 'Cột', 'Tiêu đề cột', 'Bắt buộc', 'Cách ghi', 'Ví dụ'];
  head.font = { bold: true };
  let r = intro.length + 3;
  for (const sheet of def.sheets) {
    sheet.columns.forEach((c: ImportColumn, i) => {
      const row = ws.getRow(r++);
      row.values = [sheet.name, columnLetter(i + 1), c.header, c.required ? 'Có' : '', c.note, c.example || null];
      row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
      row.alignment = { vertical: 'top' };
      for (const k of [1, 2, 3, 4, 6]) row.getCell(k).alignment = { vertical: 'top', wrapText: k === 3 || k === 6 };
    });
  }
}

function layout(kind: ImportKind, lists: TemplateLists): { wb: Workbook; sheets: Map<ImportSheet, Worksheet> } {
  const wb = newWorkbook();
  const plan = planLists(kind, lists);
  // The data sheets first (the one a person lands on), then the notes, then the lists the dropdowns read.
  const sheets = new Map(KINDS[kind].sheets.map((s) => [s, dataSheet(wb, s, plan)] as const));
  notesSheet(wb, kind);
  listsSheet(wb, plan);
  return { wb, sheets };
}

/** The empty template of `kind`, as an .xlsx. */
export async function buildTemplate(kind: ImportKind, lists: TemplateLists = {}): Promise<Buffer> {
  return toBuffer(layout(kind, lists).wb);
}

/**
 * The template of `kind` filled with `rows` (each row on the sheet whose layout it fits: a nomination of a collective on
 * "Tập thể"): the export of a list in its import form. Codes are written as their labels, dates as dates, ids as text.
 */
export async function fillTemplate<K extends ImportKind>(kind: K, rows: readonly ImportValue[K][], lists: TemplateLists = {}): Promise<Buffer> {
  const { wb, sheets } = layout(kind, lists);
  const next = new Map<ImportSheet, number>();
  for (const value of rows) {
    const sheet = sheetFor(kind, value);
    const ws = sheets.get(sheet)!;
    const r = next.get(sheet) ?? 2;
    next.set(sheet, r + 1);
    const cells = sheet.cells(value);
    const row = ws.getRow(r);
    sheet.columns.forEach((c, i) => {
      const text = cellText(c.type, cells[c.field]);
      if (text === undefined || text === '') return;
      const cell = row.getCell(i + 1);
      if (c.type.kind === 'date' && typeof text === 'string') {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
        cell.value = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : safeText(text);
      } else {
        cell.value = typeof text === 'number' ? text : safeText(text);
      }
    });
  }
  return toBuffer(wb);
}

function sheetFor<K extends ImportKind>(kind: K, value: ImportValue[K]): ImportSheet {
  const def = KINDS[kind];
  if (kind !== 'nominations') return def.sheets[0]!;
  return (value as ImportValue['nominations']).nominee.kind === 'collective' ? def.sheets[1]! : def.sheets[0]!;
}
