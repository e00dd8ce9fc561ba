import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { buildStatisticsWorkbook, STATISTICS_FORM_IDS } from '#shared/statistics/index';
import { input } from './fixtures';

/**
 * Issue 13 "Done means": the exported workbooks open in a real spreadsheet program. LibreOffice (installed on this
 * machine and by .ci/run) converts each form headless to .xlsx again; the values read back from its file are ours.
 * A missing soffice fails here, by name, rather than skipping.
 */
describe('the forms open in LibreOffice', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'thidua-stat-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('converts all five forms, and 0601.N and 0603.N keep their numbers and empty cells', async () => {
    const files: string[] = [];
    for (const form of STATISTICS_FORM_IDS) {
      const file = join(dir, `${form}.xlsx`);
      writeFileSync(file, await buildStatisticsWorkbook(form, input()));
      files.push(file);
    }
    const out = join(dir, 'out');
    // Its own profile directory: a second soffice (another test, a person) must not share or lock ours.
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, ...files], {
      stdio: 'pipe',
      timeout: 120_000,
    });

    const reread = async (form: string) => {
      const wb = new Workbook();
      await wb.xlsx.load(readFileSync(join(out, `${form}.xlsx`)) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(`Biểu ${form}`);
      if (!ws) throw new Error(`LibreOffice lost the sheet of ${form}`);
      return ws;
    };
    for (const form of STATISTICS_FORM_IDS) expect(String((await reread(form)).getCell('A1').value)).toBe(`Biểu số: ${form}/BNV-TĐKT`);

    const f0603 = await reread('0603.N');
    // Row 11 is the first data row (title block 7 rows, header 2, the numbering row).
    expect(f0603.getCell('B11').value).toBe('01');
    expect(['D11', 'E11', 'F11', 'G11', 'H11'].map((a) => f0603.getCell(a).value ?? null)).toEqual([6, 3, 2, 1, null]);
    const f0601 = await reread('0601.N');
    expect(['C11', 'D11', 'E11', 'F11'].map((a) => f0601.getCell(a).value ?? null)).toEqual([5, null, 2, 3]);
  });
});
