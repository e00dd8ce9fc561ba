import { type Cell as XlsxCell, Workbook, type Worksheet } from 'exceljs';
import { buildStatisticsWorkbook, DETAIL_SHEET, FORM_LAYOUTS, OFFICE_FILL_ARGB, STATISTICS_FORM_IDS, type StatisticsFormId } from '#shared/statistics/index';
import { input } from './fixtures';

async function read(form: StatisticsFormId, over = {}): Promise<Workbook> {
  const buf = await buildStatisticsWorkbook(form, input(over));
  const wb = new Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const sheet = (wb: Workbook, name: string): Worksheet => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

/** The sheet row whose column B holds the code. */
function rowOf(ws: Worksheet, code: string): number {
  let found = 0;
  ws.eachRow((row, n) => {
    if (!found && row.getCell(2).value === code && n > 8) found = n;
  });
  if (!found) throw new Error(`no row ${code}`);
  return found;
}

const text = (c: XlsxCell) => String(c.value ?? '');
const shaded = (c: XlsxCell) => c.fill?.type === 'pattern' && c.fill.pattern === 'solid' && c.fill.fgColor?.argb === OFFICE_FILL_ARGB;

describe('the workbook of 0603.N', () => {
  let wb: Workbook;
  let ws: Worksheet;
  beforeAll(async () => {
    wb = await read('0603.N');
    ws = sheet(wb, 'Biểu 0603.N');
  });

  it('has the title block: form number, circular, units, title, year with period and cut-off', () => {
    expect(text(ws.getCell('A1'))).toBe('Biểu số: 0603.N/BNV-TĐKT');
    expect(text(ws.getCell('E1'))).toBe('Đơn vị báo cáo: Ủy ban nhân dân tỉnh Lạng Sơn');
    expect(text(ws.getCell('A2'))).toBe('Ban hành kèm theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ');
    expect(text(ws.getCell('E2'))).toBe('Đơn vị nhận báo cáo: Bộ Nội vụ');
    expect(text(ws.getCell('A3'))).toBe('Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo');
    expect(text(ws.getCell('A4'))).toBe('SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG');
    expect(text(ws.getCell('A5'))).toBe('Năm 2025 (kỳ báo cáo từ ngày 01/12/2024 đến ngày 30/11/2025; số liệu tính đến ngày 30/11/2025)');
    expect(text(ws.getCell('A6'))).toContain('dựng lại');
  });

  it('merges the header as on the paper form', () => {
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    // Title rows: left half A:D, right half E:H; the title across A:H.
    expect(merges).toEqual(expect.arrayContaining(['A1:D1', 'E1:H1', 'A4:H4']));
    // Header: A, B, C and "Tổng số" over two rows; "Chia ra" over the four award columns.
    expect(merges).toEqual(expect.arrayContaining(['A8:A9', 'B8:B9', 'C8:C9', 'D8:D9', 'E8:H8']));
    expect(text(ws.getCell('E8'))).toBe('Chia ra');
    expect(text(ws.getCell('F9'))).toBe('Chiến sĩ thi đua cấp bộ, cấp tỉnh');
    expect(['A', 'B', 'C', '1', '2', '3', '4', '5'].map((_, i) => text(ws.getRow(10).getCell(i + 1)))).toEqual(['A', 'B', 'C', '1', '2', '3', '4', '5']);
  });

  it('writes the counted cells as numbers and leaves the Office’s cells empty and shaded', () => {
    const total = ws.getRow(rowOf(ws, '01'));
    expect([4, 5, 6, 7].map((c) => total.getCell(c).value)).toEqual([6, 3, 2, 1]);
    expect(total.getCell(8).value).toBeNull();
    expect(shaded(total.getCell(8))).toBe(true);
    expect(shaded(total.getCell(4))).toBe(false);
    const individuals = ws.getRow(rowOf(ws, '05'));
    expect(text(individuals.getCell(1))).toBe('- Cá nhân');
    expect(text(individuals.getCell(3))).toBe('Người');
    expect([4, 5, 6, 7].map((c) => individuals.getCell(c).value)).toEqual([4, 2, 2, 0]);
    const households = ws.getRow(rowOf(ws, '04'));
    for (let c = 4; c <= 8; c++) {
      expect(households.getCell(c).value).toBeNull();
      expect(shaded(households.getCell(c))).toBe(true);
    }
  });

  it('says on the sheet that the Office fills the shaded cells, and why', () => {
    const all: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => all.push(text(c))));
    expect(all).toContain('Ô tô xám: Văn phòng điền (hệ thống không có dữ liệu).');
    expect(all.some((s) => s.includes('Cột 5 (huy hiệu, kỷ niệm chương): hệ thống không quản lý.'))).toBe(true);
    expect(all.some((s) => s.includes('Dòng 06 đến 10: hồ sơ thành tích không lưu chức vụ của cá nhân.'))).toBe(true);
    expect(all).toEqual(expect.arrayContaining(['Người lập biểu', '(Ký, họ tên)']));
  });

  it('lists the system’s awards by title on a second sheet, women included', () => {
    const d = sheet(wb, DETAIL_SHEET);
    const row = [4, 5, 6, 7, 8, 9, 10, 11].find((r) => text(d.getCell(r, 1)) === 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh');
    expect(row).toBeDefined();
    expect([2, 3, 4, 5, 6, 7, 8, 9].map((c) => d.getCell(row as number, c).value)).toEqual([1, 2, 2, 0, 0, 1, 1, 0]);
  });
});

describe('the workbook of 0601.N', () => {
  it('fills columns 3 and 4 and shades column 2 and the rows the system does not hold', async () => {
    const ws = sheet(await read('0601.N'), 'Biểu 0601.N');
    expect(text(ws.getCell('A1'))).toBe('Biểu số: 0601.N/BNV-TĐKT');
    expect(text(ws.getCell('A7'))).toBe('Đơn vị tính: Phong trào');
    expect(text(ws.getRow(10).getCell(3))).toBe('1=(2+3+4)');
    const total = ws.getRow(rowOf(ws, '01'));
    expect([3, 4, 5, 6].map((c) => total.getCell(c).value)).toEqual([5, null, 2, 3]);
    expect(shaded(total.getCell(4))).toBe(true);
    const cluster = ws.getRow(rowOf(ws, '04'));
    expect([3, 4, 5, 6].every((c) => cluster.getCell(c).value === null && shaded(cluster.getCell(c)))).toBe(true);
  });

  it('a department reports to its parent agency', async () => {
    const ws = sheet(await read('0601.N', { agencyId: 'sngv', rollUp: false }), 'Biểu 0601.N');
    expect(text(ws.getCell('D2'))).toBe('Đơn vị nhận báo cáo: Ủy ban nhân dân tỉnh Lạng Sơn');
  });
});

describe('every form', () => {
  it.each(STATISTICS_FORM_IDS)('%s: the table’s number cells are numbers or empty and shaded, never anything else', async (form) => {
    const ws = sheet(await read(form), `Biểu ${form}`);
    const first = rowOf(ws, '01');
    const { labelColumns } = FORM_LAYOUTS[form];
    let checked = 0;
    for (let r = first; text(ws.getCell(r, 1)) !== ''; r++) {
      if (text(ws.getCell(r, 2)) === '') continue; // a section heading
      for (let c = labelColumns + 1; c <= ws.columnCount; c++) {
        const cell = ws.getCell(r, c);
        if (cell.value === null) expect(shaded(cell)).toBe(true);
        else expect(typeof cell.value).toBe('number');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('the same data gives the same file', async () => {
    const a = await buildStatisticsWorkbook('0603.N', input());
    const b = await buildStatisticsWorkbook('0603.N', input());
    expect(a.equals(b)).toBe(true);
  });
});
