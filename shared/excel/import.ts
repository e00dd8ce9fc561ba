import { type Buffer as XlsxBuffer, type Row, Workbook, type Worksheet } from 'exceljs';
import { TITLE_LABEL } from '../domain/rules/labels';
import type { Title } from '../schemas/titles';
import { type Read, columnLetter, isoOfSerial, isoOfText, numberText, readCell } from './cells';
import { type CellType, type Cells, type ImportColumn, type ImportKind, type ImportSheet, type ImportValue, KINDS } from './kinds';
import { ALL_TITLES, DISCIPLINE_STATUSES, RATINGS, findChoice, normaliseLabel } from './labels';

/**
 * Reading an uploaded workbook (issue 13 "Import from .xlsx"): every row of every sheet of the kind converted cell by
 * cell and parsed with the project's own schemas; every problem is collected and named by sheet, row and column, in
 * Vietnamese, so the Office fixes the file in one pass. Nothing is written here: the caller applies a good file
 * all-or-nothing and refuses a bad one with `errors` as they are.
 */

/** Up to this many data rows per file (all sheets together). */
export const MAX_IMPORT_ROWS = 5000;

export interface ImportErrorColumn {
  /** "C". */
  letter: string;
  /** The header the template gives the column, "Thư điện tử". */
  header: string;
}

export interface ImportError {
  /** The sheet's name; empty when the file itself is not a workbook. */
  sheet: string;
  /** The row number as Excel shows it (1 is the header); null for a problem of the whole file or sheet. */
  row: number | null;
  /** null when the problem is not one cell's (a missing header, too many rows, an unreadable file). */
  column: ImportErrorColumn | null;
  message: string;
}

export interface ImportRow<V> {
  sheet: string;
  /** Excel's row number. */
  row: number;
  /** The record's identity: the same key is the same record, within the file and across imports. */
  key: string;
  value: V;
}

export type ImportResult<V> = { ok: true; rows: ImportRow<V>[] } | { ok: false; errors: ImportError[] };

export interface ImportContext {
  /** The agency's existing unit ids: when given, every unit a row names must be one of them (or, for units, in the file). */
  unitIds?: Iterable<string>;
  /** The agency's staff ids: when given, a nomination's "Mã cán bộ" must be one of them. */
  personIds?: Iterable<string>;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Uint8Array, magic: number[]) => b.length >= magic.length && magic.every((m, i) => b[i] === m);

/**
 * What the workbook may unpack to. An .xlsx is a zip: a few kilobytes can declare gigabytes (a "zip bomb"), and the
 * reader builds every cell in memory, so the central directory's declared sizes are summed before anything is inflated.
 * 5,000 rows of the widest kind with long texts stay far below it; the upload's own size limit is the first guard.
 */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** Row and cell elements the reader accepts per sheet: formatted empty rows count, so far above the data row limit. */
const MAX_ROW_ELEMENTS = 100_000;
const MAX_CELLS_PER_ROW = 1_000;

/** The sum of the uncompressed sizes the zip's central directory declares; Infinity when it cannot be trusted (zip64, damaged). */
export function declaredUnpackedSize(b: Uint8Array): number {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65,535.
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 65_535; i--) {
    if (dv.getUint32(i, true) !== 0x06054b50) continue;
    const entries = dv.getUint16(i + 10, true);
    if (entries === 0xffff) return Number.POSITIVE_INFINITY;
    let p = dv.getUint32(i + 16, true);
    let total = 0;
    for (let k = 0; k < entries; k++) {
      if (p + 46 > b.length || dv.getUint32(p, true) !== 0x02014b50) return Number.POSITIVE_INFINITY;
      const size = dv.getUint32(p + 24, true);
      if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
      total += size;
      p += 46 + dv.getUint16(p + 28, true) + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
    }
    return total;
  }
  return Number.POSITIVE_INFINITY;
}

const fileError = (message: string): ImportResult<never> => ({ ok: false, errors: [{ sheet: '', row: null, column: null, message }] });

const headerKey = (s: string) => normaliseLabel(s).replace(/\s*\(\*\)$|\s*\*$/, '');

const titleLabelsInMessage = (m: string) =>
  m
    .replace(/status là (none|pending|in-effect|served)/g, (_s, st: string) => `tình trạng kỷ luật là “${DISCIPLINE_STATUSES.choices.find((c) => c.code === st)?.label ?? st}”`)
    .replace(/\b(LDTT|CSTDCS|CSTD_TINH|TTLDTT|TTLDXS|GIAY_KHEN|BANG_KHEN_TINH|CO_THI_DUA_TINH)\b/g, (t) => `“${TITLE_LABEL[t as Title]}”`)
    .replace(/members\.total/g, 'tổng số thành viên');

// ── Cell conversion ────────────────────────────────────────────────────────────────────────

type Converted = { ok: true; value: unknown } | { ok: false; message: string };
const ok = (value: unknown): Converted => ({ ok: true, value });
const bad = (message: string): Converted => ({ ok: false, message });

const shown = (r: Read): string => {
  switch (r.kind) {
    case 'text':
      return r.text;
    case 'number':
      return numberText(r.value);
    case 'date':
      return r.iso;
    case 'boolean':
      return r.value ? 'TRUE' : 'FALSE';
    default:
      return '';
  }
};

function history(text: string, parse: (label: string) => string | undefined, what: string, example: string): Converted {
  const out: { year: number; value: string }[] = [];
  const problems: string[] = [];
  for (const part of text.split(/[;\n\r]+/)) {
    if (part.trim() === '') continue;
    const m = /^\s*(\d{4})\s*[:：]\s*(.+?)\s*$/u.exec(part);
    if (!m) {
      problems.push(`“${part.trim()}” không đúng dạng “năm: ${what}”`);
      continue;
    }
    for (const label of m[2]!.split(',')) {
      if (label.trim() === '') continue;
      const v = parse(label);
      if (v === undefined) problems.push(`“${label.trim()}” (năm ${m[1]}) không phải ${what} hợp lệ`);
      else out.push({ year: Number(m[1]), value: v });
    }
  }
  if (problems.length) return bad(`${problems.join('; ')}. Ghi theo dạng “${example}”`);
  return ok(out);
}

function convert(type: CellType, r: Read): Converted {
  if (r.kind === 'invalid') return bad(r.message);
  switch (type.kind) {
    case 'text':
    case 'id':
      if (r.kind === 'boolean') return bad('Phải là chữ, không phải giá trị TRUE/FALSE');
      return ok(type.kind === 'id' ? shown(r).trim() : shown(r));
    case 'date': {
      if (r.kind === 'date') return ok(r.iso);
      if (r.kind === 'number') return isoOfSerial(r.value) ? ok(isoOfSerial(r.value)) : bad(`${numberText(r.value)} không phải ngày hợp lệ`);
      const iso = r.kind === 'text' ? isoOfText(r.text) : undefined;
      return iso ? ok(iso) : bad(`“${shown(r)}” không phải ngày hợp lệ; nhập ngày theo dạng dd/mm/yyyy, ví dụ 01/09/2015`);
    }
    case 'integer': {
      const n = r.kind === 'number' ? r.value : r.kind === 'text' && /^\s*\d+\s*$/.test(r.text) ? Number(r.text) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < 0) return bad(`“${shown(r)}” không phải số nguyên không âm`);
      return ok(n);
    }
    case 'choice': {
      const text = r.kind === 'boolean' ? (r.value ? 'true' : 'false') : shown(r);
      const code = findChoice(type.list, text);
      return code !== undefined ? ok(code) : bad(`“${text.trim()}” không có trong danh mục ${type.list.name}; chọn một trong: ${type.list.choices.map((c) => c.label).join(', ')}`);
    }
    case 'emails':
      return ok(
        shown(r)
          .split(/[;,\s]+/)
          .filter((s) => s !== ''),
      );
    case 'title-history': {
      const h = history(shown(r), (l) => findChoice(ALL_TITLES, l), 'danh hiệu', '2023: CSTĐCS; 2024: CSTĐCS');
      return h.ok ? ok((h.value as { year: number; value: string }[]).map((e) => ({ year: e.year, title: e.value }))) : h;
    }
    case 'rating-history': {
      const h = history(shown(r), (l) => findChoice(RATINGS, l), 'mức xếp loại', '2023: HTXSNV; 2024: HTTNV');
      return h.ok ? ok((h.value as { year: number; value: string }[]).map((e) => ({ year: e.year, rating: e.value }))) : h;
    }
  }
}

// ── Sheets ─────────────────────────────────────────────────────────────────────────────────

interface Located {
  sheet: ImportSheet;
  ws: Worksheet;
  /** field → the column it was found in. */
  at: Map<string, { index: number; column: ImportColumn }>;
  dataRows: number[];
}

const isBlank = (row: Row) => {
  let blank = true;
  row.eachCell({ includeEmpty: false }, (c) => {
    if (readCell(c.value).kind !== 'empty') blank = false;
  });
  return blank;
};

function locate(def: ImportSheet, ws: Worksheet, errors: ImportError[]): Located {
  const byHeader = new Map(def.columns.map((c) => [headerKey(c.header), c]));
  const at = new Map<string, { index: number; column: ImportColumn }>();
  const header = ws.getRow(1);
  for (let i = 1; i <= Math.max(header.cellCount, ws.columnCount); i++) {
    const r = readCell(header.getCell(i).value);
    if (r.kind !== 'text') continue;
    const column = byHeader.get(headerKey(r.text));
    if (!column) continue; // an extra column of the Office's own (notes, a running number) is left alone
    const seen = at.get(column.field);
    if (seen) {
      errors.push({
        sheet: ws.name,
        row: 1,
        column: { letter: columnLetter(i), header: column.header },
        message: `Cột “${column.header}” xuất hiện hai lần (cột ${columnLetter(seen.index)} và cột ${columnLetter(i)})`,
      });
      continue;
    }
    at.set(column.field, { index: i, column });
  }
  for (const c of def.columns) {
    if (c.required && !at.has(c.field)) errors.push({ sheet: ws.name, row: 1, column: null, message: `Thiếu cột bắt buộc “${c.header}” ở dòng tiêu đề (dòng 1)` });
  }
  const dataRows: number[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n > 1 && !isBlank(row)) dataRows.push(n);
  });
  return { sheet: def, ws, at, dataRows };
}

/** The sheets of the kind found in the workbook: by name, or a single-sheet kind's first sheet that is not the notes. */
function findSheets(kind: ImportKind, wb: Workbook): { def: ImportSheet; ws: Worksheet }[] {
  const defs = KINDS[kind].sheets;
  const byName = new Map(wb.worksheets.map((ws) => [normaliseLabel(ws.name), ws]));
  const found = defs.flatMap((def) => {
    const ws = byName.get(normaliseLabel(def.name));
    return ws ? [{ def, ws }] : [];
  });
  if (found.length > 0 || defs.length > 1) return found;
  const first = wb.worksheets.find((ws) => !['hướng dẫn', 'danh mục', 'thông tin'].includes(normaliseLabel(ws.name)));
  return first ? [{ def: defs[0]!, ws: first }] : [];
}

// ── Rows ───────────────────────────────────────────────────────────────────────────────────

interface Parsed {
  loc: Located;
  row: number;
  value: unknown;
}

function parseRow(loc: Located, n: number, errors: ImportError[]): Parsed | undefined {
  const { sheet, ws, at } = loc;
  const row = ws.getRow(n);
  const cells: Cells = {};
  const cellError = (column: ImportColumn, message: string) =>
    errors.push({ sheet: ws.name, row: n, column: { letter: columnLetter(at.get(column.field)?.index ?? 0), header: column.header }, message });
  let failed = false;
  const bad = new Set<string>();
  for (const column of sheet.columns) {
    const place = at.get(column.field);
    const r: Read = place ? readCell(row.getCell(place.index).value) : { kind: 'empty' };
    if (r.kind === 'empty') {
      if (column.required && place) {
        cellError(column, 'Không được để trống');
        failed = true;
        bad.add(column.field);
      }
      continue;
    }
    const c = convert(column.type, r);
    if (!c.ok) {
      cellError(column, c.message);
      failed = true;
      bad.add(column.field);
      continue;
    }
    cells[column.field] = c.value;
  }
  // The schema still runs on a row with bad cells, so every other problem of the row is named in the same pass;
  // its issues on the cells already refused are not repeated.
  const columnOf = (path: readonly PropertyKey[]): ImportColumn | undefined => {
    for (let k = path.length; k >= 0; k--) {
      const p = path.slice(0, k).join('.');
      const c = sheet.columns.find((col) => at.has(col.field) && col.paths.includes(p));
      if (c) return c;
    }
    return undefined;
  };
  const parsed: unknown[] = [];
  for (const part of sheet.parts(cells)) {
    const res = part.schema.safeParse(part.value);
    if (res.success) {
      parsed.push(res.data);
      continue;
    }
    failed = true;
    const named = new Set<string>();
    for (const issue of res.error.issues) {
      const path = [...part.at, ...issue.path];
      const column = columnOf(path);
      if (column && bad.has(column.field)) continue;
      // A required column the sheet lacks is reported once, on the header.
      if (!column && path.length > 0 && sheet.columns.some((c) => !at.has(c.field) && c.paths.some((p) => path.join('.').startsWith(p)))) continue;
      const key = `${column?.field ?? ''}|${issue.message}`;
      if (named.has(key)) continue;
      named.add(key);
      const message = titleLabelsInMessage(issue.message);
      if (column) cellError(column, message[0]!.toLocaleUpperCase('vi') + message.slice(1));
      else errors.push({ sheet: ws.name, row: n, column: null, message: `${message[0]!.toLocaleUpperCase('vi')}${message.slice(1)} (${path.join('.') || 'dòng'})` });
    }
  }
  return failed ? undefined : { loc, row: n, value: sheet.join(parsed) };
}

/** Units, people a row names that the agency (or, for units, the file) does not hold. */
function checkRefs(kind: ImportKind, parsed: Parsed[], ctx: ImportContext, errors: ImportError[]) {
  const unitIds = ctx.unitIds ? new Set(ctx.unitIds) : undefined;
  const personIds = ctx.personIds ? new Set(ctx.personIds) : undefined;
  const inFile = kind === 'units' ? new Set(parsed.map((p) => (p.value as { unitId: string }).unitId)) : new Set<string>();
  for (const p of parsed) {
    const cells = p.loc.sheet.cells(p.value);
    for (const column of p.loc.sheet.columns) {
      const v = cells[column.field];
      if (column.ref === undefined || typeof v !== 'string') continue;
      const place = p.loc.at.get(column.field);
      const where = { sheet: p.loc.ws.name, row: p.row, column: { letter: columnLetter(place?.index ?? 0), header: column.header } };
      if (column.ref === 'unit') {
        if (kind === 'units' && v === (p.value as { unitId: string }).unitId) {
          errors.push({ ...where, message: 'Đơn vị không thể là cấp trên của chính nó' });
          continue;
        }
        if (inFile.has(v) || unitIds === undefined || unitIds.has(v)) continue;
        errors.push({ ...where, message: kind === 'units' ? `Không có đơn vị mã “${v}” trong tệp này hay trong danh bạ` : `Không có đơn vị mã “${v}” trong danh bạ` });
      } else if (personIds !== undefined && !personIds.has(v)) {
        errors.push({ ...where, message: `Không có cán bộ mã “${v}” trong danh sách cán bộ` });
      }
    }
  }
  if (kind === 'units') checkCycles(parsed, errors);
}

/** A unit may not be its own ancestor through the file's parents (A under B under A). */
function checkCycles(parsed: Parsed[], errors: ImportError[]) {
  const parent = new Map(parsed.map((p) => [(p.value as { unitId: string }).unitId, (p.value as { parentUnitId?: string }).parentUnitId]));
  for (const p of parsed) {
    const self = (p.value as { unitId: string }).unitId;
    if (parent.get(self) === self) continue; // reported as its own parent
    const seen = new Set<string>([self]);
    for (let u = parent.get(self); u !== undefined; u = parent.get(u)) {
      if (u === self) {
        const place = p.loc.at.get('parentUnitId');
        errors.push({
          sheet: p.loc.ws.name,
          row: p.row,
          column: { letter: columnLetter(place?.index ?? 0), header: 'Mã đơn vị cấp trên' },
          message: `Quan hệ cấp trên tạo thành vòng lặp: ${[...seen].join(' → ')} → ${self}`,
        });
        break;
      }
      if (seen.has(u)) break; // a loop further up, reported on its own members
      seen.add(u);
    }
  }
}

function checkDuplicates(parsed: Parsed[], errors: ImportError[]): ImportRow<unknown>[] {
  const rows = parsed.map((p) => ({ p, key: p.loc.sheet.key(p.value) }));
  const byKey = new Map<string, typeof rows>();
  for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const r of group) {
      const others = group.filter((o) => o !== r).map((o) => (o.p.loc.ws === r.p.loc.ws ? `dòng ${o.p.row}` : `dòng ${o.p.row} trang “${o.p.loc.ws.name}”`));
      const field = r.p.loc.sheet.keyColumns(r.p.value)[0]!;
      const place = r.p.loc.at.get(field);
      const column = r.p.loc.sheet.columns.find((c) => c.field === field)!;
      errors.push({
        sheet: r.p.loc.ws.name,
        row: r.p.row,
        column: { letter: columnLetter(place?.index ?? 0), header: column.header },
        message: `Trùng ${r.p.loc.sheet.keyText} với ${others.join(', ')}`,
      });
    }
  }
  return rows.map((r) => ({ sheet: r.p.loc.ws.name, row: r.p.row, key: r.key, value: r.p.value }));
}

const byPlace = (a: ImportError, b: ImportError) =>
  a.sheet.localeCompare(b.sheet) || (a.row ?? 0) - (b.row ?? 0) || (a.column?.letter.length ?? 0) - (b.column?.letter.length ?? 0) || (a.column?.letter ?? '').localeCompare(b.column?.letter ?? '');

/**
 * Parse an uploaded .xlsx of `kind`. `ok: true` with every row when the whole file is good; otherwise `ok: false` with
 * every problem found, in sheet, row and column order. Never throws on the file's content.
 */
export async function parseImport<K extends ImportKind>(kind: K, buffer: Uint8Array, ctx: ImportContext = {}): Promise<ImportResult<ImportValue[K]>> {
  if (startsWith(buffer, OLE_MAGIC)) return fileError('Tệp ở định dạng Excel 97–2003 (.xls); hãy mở tệp và lưu lại dưới dạng Sổ làm việc Excel (.xlsx)');
  if (!startsWith(buffer, ZIP_MAGIC)) return fileError('Tệp không phải là tệp Excel (.xlsx); hãy tải mẫu của hệ thống, điền và lưu dưới dạng .xlsx');
  const unpacked = declaredUnpackedSize(buffer);
  if (unpacked === Number.POSITIVE_INFINITY) return fileError('Không đọc được tệp Excel: tệp bị hỏng hoặc không phải sổ làm việc .xlsx');
  if (unpacked > MAX_UNPACKED_BYTES) return fileError(`Tệp quá lớn: nội dung giải nén vượt quá ${MAX_UNPACKED_BYTES / 1024 / 1024} MB; hãy chia thành nhiều tệp`);
  const wb = new Workbook();
  try {
    await wb.xlsx.load(
      Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength) as unknown as XlsxBuffer,
      {
        // The template's dropdowns reach row 5,001 on every coded column: the reader would build one object per cell of them.
        ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'],
        maxRows: MAX_ROW_ELEMENTS,
        maxCols: MAX_CELLS_PER_ROW,
      } as unknown as { ignoreNodes: string[] },
    );
  } catch (e) {
    if (e instanceof Error && /^Max (row|c) count/.test(e.message)) {
      return fileError(
        `Trang tính có quá nhiều dòng hoặc cột được định dạng (tối đa ${MAX_ROW_ELEMENTS.toLocaleString('vi-VN')} dòng, ${MAX_CELLS_PER_ROW.toLocaleString('vi-VN')} ô mỗi dòng); hãy xóa các dòng, cột thừa`,
      );
    }
    return fileError('Không đọc được tệp Excel: tệp bị hỏng hoặc không phải sổ làm việc .xlsx');
  }
  const def = KINDS[kind];
  const found = findSheets(kind, wb);
  if (found.length === 0) {
    return fileError(`Không tìm thấy trang ${def.sheets.map((s) => `“${s.name}”`).join(' hoặc ')} trong tệp; hãy dùng mẫu ${def.title} của hệ thống`);
  }
  const errors: ImportError[] = [];
  const located = found.map(({ def: sheet, ws }) => locate(sheet, ws, errors));
  const total = located.reduce((n, l) => n + l.dataRows.length, 0);
  if (total > MAX_IMPORT_ROWS) {
    // Checked before any row is read: a file this size is refused whole, not half-reported.
    return {
      ok: false,
      errors: [
        ...errors,
        {
          sheet: located.map((l) => l.ws.name).join(', '),
          row: null,
          column: null,
          message: `Tệp có ${total.toLocaleString('vi-VN')} dòng dữ liệu, vượt quá giới hạn ${MAX_IMPORT_ROWS.toLocaleString('vi-VN')} dòng mỗi tệp; hãy chia thành nhiều tệp`,
        },
      ],
    };
  }
  const parsed: Parsed[] = [];
  for (const loc of located) {
    // A sheet without its required headers is reported by header only: each of its rows would repeat the same lack.
    if (loc.sheet.columns.some((c) => c.required && !loc.at.has(c.field))) continue;
    for (const n of loc.dataRows) {
      const p = parseRow(loc, n, errors);
      if (p) parsed.push(p);
    }
  }
  if (total === 0 && errors.length === 0) return fileError(`Tệp không có dòng dữ liệu nào (dữ liệu bắt đầu từ dòng 2 của trang ${found.map((f) => `“${f.ws.name}”`).join(', ')})`);
  checkRefs(kind, parsed, ctx, errors);
  const rows = checkDuplicates(parsed, errors);
  if (errors.length > 0) return { ok: false, errors: errors.sort(byPlace) };
  return { ok: true, rows: rows as ImportRow<ImportValue[K]>[] };
}
