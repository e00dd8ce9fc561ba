import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ValueType, type Workbook, type Worksheet } from 'exceljs';
import { proposalWorkbook, registrationsWorkbook, resultsWorkbook, standingsWorkbook } from '../../../shared/excel/export';
import { parseImport } from '../../../shared/excel/import';
import { buildTemplate, fillTemplate } from '../../../shared/excel/templates';
import { CAMPAIGN, INJECTION, UNIT_IDS, UNIT_NAMES, load, proposal, results, staffRows, standingsOf } from './fixtures';

/**
 * The workbooks open in a real spreadsheet program (issue 13 "Done means"): LibreOffice Calc, headless, reads every
 * export and template and saves it again as .xlsx; what it saved is read back and must hold the same values: numbers
 * as numbers, dates as dates, Vietnamese text in NFC, the injection probe as a text cell. A staff list LibreOffice saved
 * still imports to the same rows. One soffice call converts every file (its start-up is the slow part).
 * LibreOffice is required, not optional: CI installs it (libreoffice-calc-nogui); a machine without it fails here.
 */

const run = promisify(execFile);

function soffice(): string {
  for (const bin of ['soffice', 'libreoffice']) {
    try {
      execFileSync(bin, ['--version'], { stdio: 'pipe', timeout: 30_000 });
      return bin;
    } catch {
      // try the next name
    }
  }
  throw new Error('LibreOffice is not installed (no `soffice` on PATH): the Excel round-trip test needs it. Install libreoffice-calc-nogui (Debian) as .ci/run does.');
}

const dir = mkdtempSync(path.join(tmpdir(), 'thidua-excel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const standings = standingsOf(25);
const staff = staffRows(60);
const registration = {
  campaignId: 'c',
  unitId: 'U2',
  registrant: { kind: 'individual' as const, personId: 'CB1', name: 'Nguyễn Thị Hoa' },
  targets: ['Hoàn thành xuất sắc nhiệm vụ'],
  titles: ['CSTDCS' as const],
  registrantKey: 'ID:CB1',
  submittedAt: '2025-02-11T16:45:00.000Z',
  submittedBy: 'u',
  updatedAt: '2025-02-11T16:45:00.000Z',
};

/** Every file, written, converted by one soffice call, read back. */
let converted: Record<string, Workbook>;
/** The files as LibreOffice saved them. */
let saved: Record<string, Buffer>;

beforeAll(async () => {
  const bin = soffice();
  const files: Record<string, Buffer> = {
    standings: await standingsWorkbook({ campaign: CAMPAIGN, standings }),
    proposal: await proposalWorkbook({ campaign: CAMPAIGN, proposal, unitNames: UNIT_NAMES }),
    results: await resultsWorkbook({ campaign: CAMPAIGN, results: { ...results, inputHash: proposal.inputHash, ruleSet: 'vn-2024' }, unitNames: UNIT_NAMES }),
    registrations: await registrationsWorkbook({ campaign: CAMPAIGN, registrations: [registration], unitNames: UNIT_NAMES }),
    staff: await fillTemplate('staff', staff),
    'template-nominations': await buildTemplate('nominations', { units: [{ unitId: 'VP', name: 'Văn phòng Sở' }] }),
  };
  const inputs = Object.entries(files).map(([name, buffer]) => {
    const file = path.join(dir, `${name}.xlsx`);
    writeFileSync(file, buffer);
    return file;
  });
  const out = path.join(dir, 'out');
  mkdirSync(out);
  // Its own profile directory: a second soffice (another suite, a person's desktop) would otherwise lock this one out.
  const profile = pathToFileURL(path.join(dir, 'profile')).href;
  await run(bin, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, ...inputs], { timeout: 120_000 });
  converted = {};
  saved = {};
  for (const name of Object.keys(files)) {
    saved[name] = readFileSync(path.join(out, `${name}.xlsx`));
    converted[name] = await load(saved[name]);
  }
}, 150_000);

const column = (ws: Worksheet, header: string) => (ws.getRow(1).values as unknown[]).indexOf(header);
const cell = (ws: Worksheet, row: number, header: string) => ws.getRow(row).getCell(column(ws, header));

test('standings: the table’s values, numbers as numbers with two decimals shown, names in NFC, the injection probe a text cell', () => {
  const wb = converted.standings!;
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Bảng xếp hạng', 'Thông tin']);
  const ws = wb.worksheets[0]!;
  standings.rows.forEach((r, i) => {
    expect(cell(ws, i + 2, 'Hạng').value).toBe(r.rank);
    expect(cell(ws, i + 2, 'Mã đơn vị').value).toBe(r.unitId);
    expect(cell(ws, i + 2, 'Tổng điểm').value).toBe(r.total / 100);
    const name = cell(ws, i + 2, 'Tên đơn vị');
    expect(name.value).toBe(r.unitName);
    expect(name.type).toBe(ValueType.String);
    expect(String(name.value).normalize('NFC')).toBe(name.value);
  });
  expect(cell(ws, 2, 'Tổng điểm').numFmt).toBe('0.00');
  expect(standings.rows.some((r) => r.unitName === INJECTION)).toBe(true);
  // (Frozen panes are view settings: a headless LibreOffice has no view and saves none, so they are checked on our own
  // output, export.test.ts, not here.)
  const info = wb.getWorksheet('Thông tin')!;
  expect(info.getCell('B1').value).toBe(CAMPAIGN.title);
  expect(info.getCell('B2').value).toBe(CAMPAIGN.documentNumber);
});

test('proposal and results: names and reasons as text, vote counts as numbers', () => {
  const p = converted.proposal!.worksheets[0]!;
  proposal.decisions.forEach((d, i) => {
    expect(cell(p, i + 2, 'Họ tên / Tập thể').value).toBe(d.nominee.name);
    expect(cell(p, i + 2, 'Họ tên / Tập thể').type).toBe(ValueType.String);
    expect(cell(p, i + 2, 'Lý do').value).toBe(d.summary);
  });
  const r = converted.results!.worksheets[0]!;
  results.outcomes.forEach((o, i) => {
    expect(cell(r, i + 2, 'Mã hồ sơ').value).toBe(o.nominationId);
    expect(cell(r, i + 2, 'Số phiếu đồng ý').value).toBe(o.vote?.yes ?? null);
  });
});

test('registrations: the time is a date LibreOffice keeps as a date', () => {
  const ws = converted.registrations!.worksheets[0]!;
  const at = cell(ws, 2, 'Thời điểm đăng ký');
  expect(at.value).toEqual(new Date(Date.UTC(2025, 1, 11, 23, 45)));
  expect(cell(ws, 2, 'Họ và tên').value).toBe('Nguyễn Thị Hoa');
});

test('a staff list LibreOffice saved imports to the same rows (dates, text ids, the injection probe as a name)', async () => {
  const res = await parseImport('staff', saved.staff!, { unitIds: UNIT_IDS });
  if (!res.ok) throw new Error(JSON.stringify(res.errors.slice(0, 5)));
  expect(res.rows.map((r) => r.value)).toEqual(staff);
});

test('the nominations template keeps its sheets, headers and dropdowns through LibreOffice', () => {
  const wb = converted['template-nominations']!;
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Cá nhân', 'Tập thể', 'Hướng dẫn', 'Danh mục']);
  const ws = wb.getWorksheet('Cá nhân')!;
  expect(ws.getCell('C1').value).toBe('Giới tính');
  const gender = (ws as unknown as { dataValidations: { find(a: string): { type: string; formulae: string[] } | undefined } }).dataValidations.find('C2');
  expect(gender?.type).toBe('list');
  expect(String(gender?.formulae[0])).toMatch(/Danh mục/);
});
