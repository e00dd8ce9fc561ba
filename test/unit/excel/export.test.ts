import { ValueType, type Worksheet } from 'exceljs';
import { resultsColumns, standingsColumns } from '../../../shared/excel/columns';
import { csvField, neutraliseCsv, resultsCsv, standingsCsv, toCsv } from '../../../shared/excel/csv';
import { proposalWorkbook, registrationsWorkbook, reportsWorkbook, resultsWorkbook, standingsWorkbook } from '../../../shared/excel/export';
import type { Column } from '../../../shared/excel/workbook';
import type { Registration } from '../../../shared/schemas/registration';
import { CAMPAIGN, INJECTION, UNIT_NAMES, load, proposal, reportsAndVerifications, results, standingsOf, table, zipEntry } from './fixtures';

/**
 * The exports (issue 13 "Export to .xlsx"): a table with its header in row 1, frozen; numbers, points and dates typed as
 * such; a "Thông tin" sheet proving what the figures come from; user text, formula-looking or not, written as text.
 */

const standings = standingsOf(12);
const registrations: Registration[] = [
  {
    campaignId: 'c',
    unitId: 'U1',
    registrant: { kind: 'unit' },
    targets: ['Hoàn thành 100% kế hoạch', '-Không có cán bộ vi phạm'],
    titles: ['TTLDXS', 'CO_THI_DUA_TINH'],
    registrantKey: 'UNIT',
    submittedAt: '2025-02-10T02:30:00.000Z',
    submittedBy: 'u',
    updatedAt: '2025-02-10T02:30:00.000Z',
  },
  {
    campaignId: 'c',
    unitId: 'U2',
    registrant: { kind: 'individual', personId: 'CB1', name: INJECTION, position: '@Chuyên viên' },
    targets: ['Hoàn thành xuất sắc nhiệm vụ'],
    titles: ['CSTDCS'],
    registrantKey: 'ID:CB1',
    submittedAt: '2025-02-11T16:45:00.000Z',
    submittedBy: 'u',
    updatedAt: '2025-02-11T16:45:00.000Z',
  },
];

const { reports, verifications } = reportsAndVerifications(3);

const workbooks = {
  registrations: () => registrationsWorkbook({ campaign: CAMPAIGN, registrations, unitNames: UNIT_NAMES }),
  reports: () =>
    reportsWorkbook({ campaign: CAMPAIGN, period: 'final', table, reports: reports.map((report) => ({ report, verification: verifications[report.unitId], unitName: `Đơn vị ${report.unitId}` })) }),
  standings: () => standingsWorkbook({ campaign: CAMPAIGN, standings, exportedAt: '2026-12-01T03:04:05Z' }),
  proposal: () => proposalWorkbook({ campaign: CAMPAIGN, proposal, unitNames: UNIT_NAMES }),
  results: () =>
    resultsWorkbook({
      campaign: CAMPAIGN,
      results: { ...results, ruleSet: 'vn-2024', inputHash: proposal.inputHash, engineVersion: proposal.engineVersion, finalizedAt: '2024-12-20T08:00:00.000Z' },
      unitNames: UNIT_NAMES,
    }),
};

const info = (ws: Worksheet) => {
  const out: Record<string, unknown> = {};
  ws.eachRow((r) => {
    out[String(r.getCell(1).value)] = r.getCell(2).value;
  });
  return out;
};

describe.each(Object.entries(workbooks))('the %s workbook', (_name, make) => {
  test('sheet 1 is an Excel table from A1 with the header frozen; sheet 2 "Thông tin" names the campaign', async () => {
    const buffer = await make();
    const wb = await load(buffer);
    expect(wb.worksheets.map((w) => w.name)[1]).toBe('Thông tin');
    const ws = wb.worksheets[0]!;
    const views = ws.views[0] as { state?: string; ySplit?: number };
    expect(views).toMatchObject({ state: 'frozen', ySplit: 1 });
    // The table part itself: one table, from A1 over the header and every row, its header row counted.
    const xml = await zipEntry(buffer, 'xl/tables/table1.xml');
    expect(xml).toMatch(new RegExp(`ref="A1:[A-Z]+${Math.max(ws.rowCount, 2)}"`));
    expect(xml).toContain('headerRowCount="1"');
    for (let c = 1; c <= ws.actualColumnCount; c++) expect(ws.getColumn(c).width).toBeGreaterThan(5);
    expect(info(wb.getWorksheet('Thông tin')!)).toMatchObject({ 'Phong trào thi đua': CAMPAIGN.title, 'Số, ký hiệu văn bản': CAMPAIGN.documentNumber });
  });

  test('no cell of the workbook is a formula', async () => {
    const buffer = await make();
    for (const sheet of ['sheet1', 'sheet2']) expect(await zipEntry(buffer, `xl/worksheets/${sheet}.xml`)).not.toMatch(/<f[ >]/);
  });
});

describe('values are typed', () => {
  test('standings: ranks as integers, points as numbers shown with two decimals, the hash and rule version on "Thông tin"', async () => {
    const wb = await load(await workbooks.standings());
    const ws = wb.worksheets[0]!;
    const header = ws.getRow(1).values as unknown[];
    const col = (h: string) => header.indexOf(h);
    const first = standings.rows[0]!;
    expect(ws.getRow(2).getCell(col('Hạng')).value).toBe(1);
    const total = ws.getRow(2).getCell(col('Tổng điểm'));
    expect(total.type).toBe(ValueType.Number);
    expect(total.value).toBe(first.total / 100);
    expect(total.numFmt).toBe('0.00');
    expect(ws.getRow(2).getCell(col('Mã đơn vị')).value).toBe(first.unitId);
    // One column per criterion, its counted points.
    const kh = header.findIndex((h) => typeof h === 'string' && h.startsWith('Tiêu chí kh'));
    expect(ws.getRow(2).getCell(kh).value).toBe(first.criteria.find((c) => c.criterionId === 'kh')!.points / 100);
    expect(ws.rowCount).toBe(standings.rows.length + 1);
    expect(info(wb.getWorksheet('Thông tin')!)).toMatchObject({
      'Phiên bản quy tắc chấm điểm': standings.ruleVersion,
      'Mã băm dữ liệu đầu vào (SHA-256)': standings.inputHash,
      'Kỳ báo cáo': 'Tổng kết',
      'Thời điểm xuất (giờ Việt Nam)': '2026-12-01 10:04',
    });
  });

  test('registrations: the time of registration is a date in Vietnam time; targets one a line', async () => {
    const ws = (await load(await workbooks.registrations())).worksheets[0]!;
    const header = ws.getRow(1).values as unknown[];
    const at = ws.getRow(3).getCell(header.indexOf('Thời điểm đăng ký'));
    // 16:45 UTC on the 11th is 23:45 in Vietnam.
    expect(at.value).toEqual(new Date(Date.UTC(2025, 1, 11, 23, 45)));
    expect(at.numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(ws.getRow(2).getCell(header.indexOf('Chỉ tiêu, mục tiêu')).value).toBe('Hoàn thành 100% kế hoạch\n-Không có cán bộ vi phạm');
    expect(ws.getRow(2).getCell(header.indexOf('Danh hiệu đăng ký')).value).toBe('Tập thể lao động xuất sắc; Cờ thi đua của Ủy ban nhân dân tỉnh');
  });

  test('reports: each criterion, the self-assessed value and points beside the verified ones and the reason', async () => {
    const ws = (await load(await workbooks.reports())).worksheets[0]!;
    const header = ws.getRow(1).values as unknown[];
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2));
    const criteria = table.sections.flatMap((s) => s.criteria);
    expect(rows).toHaveLength(reports.length * criteria.length);
    const kh = rows.find((r) => r.getCell(header.indexOf('Mã đơn vị')).value === reports[0]!.unitId && r.getCell(header.indexOf('Mã tiêu chí')).value === 'kh')!;
    expect(kh.getCell(header.indexOf('Số liệu tự đánh giá')).value).toBe('10/20');
    expect(kh.getCell(header.indexOf('Số liệu thẩm định')).value).toBe('9/20');
    expect(kh.getCell(header.indexOf('Điểm tự chấm')).value).toBe(20);
    expect(kh.getCell(header.indexOf('Điểm thẩm định')).value).toBe(18);
    expect(kh.getCell(header.indexOf('Điểm được tính')).value).toBe(18);
    expect(kh.getCell(header.indexOf('Lý do thẩm định')).value).toMatch(/9\/20/);
    const sk = rows.find((r) => r.getCell(header.indexOf('Mã tiêu chí')).value === 'sk')!;
    expect(sk.getCell(header.indexOf('Số liệu tự đánh giá')).type).toBe(ValueType.Number);
  });

  test('proposal and results: the rule set, engine and input hash on "Thông tin"; vote counts as numbers', async () => {
    const p = await load(await workbooks.proposal());
    expect(info(p.getWorksheet('Thông tin')!)).toMatchObject({
      'Bộ quy tắc áp dụng': 'vn-2024',
      'Phiên bản bộ máy xét': proposal.engineVersion,
      'Mã băm dữ liệu đầu vào (SHA-256)': proposal.inputHash,
      'Năm đánh giá': 2024,
    });
    expect(p.worksheets[0]!.rowCount).toBe(proposal.decisions.length + 1);
    const r = await load(await workbooks.results());
    const ws = r.worksheets[0]!;
    const header = ws.getRow(1).values as unknown[];
    const c1 = ws.getRow(2 + results.outcomes.findIndex((o) => o.nominationId === 'c1'));
    expect([c1.getCell(header.indexOf('Số phiếu đồng ý')).value, c1.getCell(header.indexOf('Tổng số thành viên Hội đồng')).value, c1.getCell(header.indexOf('Số phiếu cần đạt')).value]).toEqual([
      8, 9, 8,
    ]);
    expect(info(r.getWorksheet('Thông tin')!)).toMatchObject({
      'Bộ quy tắc áp dụng': 'vn-2024',
      'Mã băm dữ liệu đầu vào (SHA-256)': proposal.inputHash,
      'Thời điểm chốt kết quả (giờ Việt Nam)': '2024-12-20 15:00',
    });
  });

  test('an empty export is still a table (one empty row), not a sheet Excel must repair', async () => {
    expect(await zipEntry(await resultsWorkbook({ campaign: CAMPAIGN, results: { outcomes: [] } }), 'xl/tables/table1.xml')).toMatch(/ref="A1:L2"/);
  });
});

describe('formula injection', () => {
  test('a name like =cmd|… is a string cell (shared string, no <f>) in every export that carries it', async () => {
    for (const make of [workbooks.standings, workbooks.proposal, workbooks.results, workbooks.registrations]) {
      const buffer = await make();
      const ws = (await load(buffer)).worksheets[0]!;
      const cells: { type: ValueType; formula?: string }[] = [];
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (c.value === INJECTION) cells.push({ type: c.type, ...(c.formula ? { formula: c.formula } : {}) });
        }),
      );
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) expect(c).toEqual({ type: ValueType.String });
      expect(await zipEntry(buffer, 'xl/sharedStrings.xml')).toContain('<t>=cmd|&apos; /C calc&apos;!A0</t>');
    }
  });

  test('in CSV, fields starting with = + - @ tab or CR get an apostrophe; nothing else changes', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'a=b', ' =x', 'Nguyễn'].map(neutraliseCsv)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", 'a=b', ' =x', 'Nguyễn']);
    const csv = resultsCsv(results.outcomes, UNIT_NAMES);
    expect(csv).toContain(`,'${INJECTION},`);
    expect(csv).not.toMatch(/(^|,)=cmd/m);
  });
});

describe('CSV', () => {
  test('RFC 4180 quoting, UTF-8 BOM, CRLF, the header first (no title row)', () => {
    const columns: Column<{ a: string; n: number }>[] = [
      { header: 'Tên, đơn vị', kind: 'text', value: (r) => r.a },
      { header: 'Điểm', kind: 'points', value: (r) => r.n },
    ];
    const csv = toCsv(columns, [
      { a: 'Phòng "A"', n: 9720 },
      { a: 'dòng 1\ndòng 2', n: 5 },
    ]);
    expect(csv).toBe('\uFEFF"Tên, đơn vị",Điểm\r\n"Phòng ""A""",97.20\r\n"dòng 1\ndòng 2",0.05\r\n');
    expect(csvField('a,b')).toBe('"a,b"');
  });

  test('standings and results CSV have the .xlsx columns, one list each; the results CSV loses the old title row', () => {
    const s = standingsCsv(standings.rows);
    expect(s.split('\r\n')[0]).toBe(
      `\uFEFF${standingsColumns(standings.rows)
        .map((c) => csvField(c.header))
        .join(',')}`,
    );
    expect(s.split('\r\n')).toHaveLength(standings.rows.length + 2);
    const r = resultsCsv(results.outcomes, UNIT_NAMES);
    expect(r.split('\r\n')[0]).toBe(
      `\uFEFF${resultsColumns(UNIT_NAMES)
        .map((c) => c.header)
        .join(',')}`,
    );
  });
});
