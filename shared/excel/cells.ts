import type { CellValue } from 'exceljs';

/**
 * What a cell of an uploaded workbook holds, reduced to what an import reads: text, a number, a calendar date, a
 * boolean, or why it cannot be read. Excel hands the same data over in many shapes (shared strings, inline strings,
 * rich text, hyperlinks: a typed address often becomes a mailto link, formulas with their cached result, dates as
 * numbers with a date format), and each comes out here as the value the person sees in the cell.
 */
export type Read =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; iso: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'invalid'; message: string };

const EMPTY: Read = { kind: 'empty' };

/** A Date exceljs built from a date-formatted cell: Excel dates have no zone, exceljs reads them as UTC midnight. */
export function isoOfDate(d: Date): string | undefined {
  if (Number.isNaN(d.getTime())) return undefined;
  // A date typed with a time (or a serial with a fraction) still names one calendar day: the day it starts in.
  const y = d.getUTCFullYear();
  // Excel counts from 1900: a date before it is a 0 or a negative number in a date-formatted cell, not a day anyone meant.
  if (y < 1900 || y > 9999) return undefined;
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function validYmd(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 9999) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return undefined; // 31/02 rolls into March: not a date
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A date typed as text: dd/mm/yyyy (how Vietnamese documents write it; also with - or .) or yyyy-mm-dd. Month first
 * (the US order) is never guessed: 03/04/2024 is 3 April.
 */
export function isoOfText(s: string): string | undefined {
  const t = s.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return validYmd(Number(m[3]), Number(m[2]), Number(m[1]));
  return undefined;
}

/** Excel's serial day number (1900 system; 60 is the phantom 29/02/1900, so serials from 61 on are offset by one). */
export function isoOfSerial(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return undefined;
  const days = Math.floor(serial);
  return isoOfDate(new Date(Date.UTC(1899, 11, 30) + days * 86_400_000));
}

function readValue(v: CellValue | undefined, inFormula: boolean): Read {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') return v.trim() === '' ? EMPTY : { kind: 'text', text: v };
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', value: v } : { kind: 'invalid', message: 'Ô chứa số không hợp lệ' };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  if (v instanceof Date) {
    const iso = isoOfDate(v);
    return iso ? { kind: 'date', iso } : { kind: 'invalid', message: 'Ô chứa ngày không hợp lệ' };
  }
  if (typeof v !== 'object') return { kind: 'invalid', message: 'Không đọc được giá trị của ô' };
  if ('error' in v) return { kind: 'invalid', message: `Ô có lỗi ${String(v.error)}${inFormula ? ' (kết quả của công thức)' : ''}` };
  if ('richText' in v && Array.isArray(v.richText)) return readValue(v.richText.map((r) => r.text ?? '').join(''), inFormula);
  if ('hyperlink' in v) {
    // A typed address that Excel turned into a link: the text shown is the value; a bare link is its address.
    const shown = readValue((v as { text?: CellValue }).text, inFormula);
    if (shown.kind !== 'empty') return shown;
    const link = String(v.hyperlink ?? '').replace(/^mailto:/i, '');
    return link.trim() === '' ? EMPTY : { kind: 'text', text: link };
  }
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined || result === null) {
      // Saved by a program that does not compute (or with calculation off): the value the person saw is not in the file.
      return { kind: 'invalid', message: 'Ô chứa công thức chưa có kết quả tính; hãy nhập giá trị (hoặc mở và lưu lại tệp bằng Excel)' };
    }
    return readValue(result as CellValue, true);
  }
  return { kind: 'invalid', message: 'Không đọc được giá trị của ô' };
}

export function readCell(v: CellValue | undefined): Read {
  return readValue(v, false);
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** A number written in a text column: integers as they are, no exponent, no trailing float noise. */
export function numberText(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
  return String(Number(n.toPrecision(15)));
}
