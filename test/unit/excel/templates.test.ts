import type { DataValidation, Workbook } from 'exceljs';
import { columnLetter } from '../../../shared/excel/cells';
import { IMPORT_KINDS, KINDS } from '../../../shared/excel/kinds';
import { buildTemplate } from '../../../shared/excel/templates';
import { headers, load } from './fixtures';

/** The templates (`GET /templates/{kind}.xlsx`): Vietnamese headers, the notes sheet, the dropdowns of the coded columns. */

const validationAt = (wb: Workbook, sheet: string, address: string): DataValidation | undefined =>
  (wb.getWorksheet(sheet) as unknown as { dataValidations: { find(a: string): DataValidation | undefined } }).dataValidations.find(address);

/** The values a list validation's range points at, read from the workbook. */
function listValues(wb: Workbook, formula: string): string[] {
  const m = /^'(.+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(formula);
  if (!m) throw new Error(`not a range: ${formula}`);
  const ws = wb.getWorksheet(m[1]!)!;
  const out: string[] = [];
  for (let r = Number(m[3]); r <= Number(m[5]); r++) {
    const v = ws.getCell(`${m[2]}${r}`).value;
    if (v !== null && v !== undefined) out.push(String(v));
  }
  return out;
}

describe.each(IMPORT_KINDS)('the %s template', (kind) => {
  test('its sheets with the headers in row 1 (frozen), then "Hướng dẫn" explaining every column, then "Danh mục"', async () => {
    const wb = await load(await buildTemplate(kind));
    const def = KINDS[kind];
    expect(wb.worksheets.map((w) => w.name)).toEqual([...def.sheets.map((s) => s.name), 'Hướng dẫn', 'Danh mục']);
    for (const sheet of def.sheets) {
      const ws = wb.getWorksheet(sheet.name)!;
      expect(headers(ws)).toEqual(sheet.columns.map((c) => c.header));
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    const notes: string[][] = [];
    wb.getWorksheet('Hướng dẫn')!.eachRow((r) => {
      notes.push((r.values as unknown[]).slice(1).map((v) => String(v ?? '')));
    });
    for (const sheet of def.sheets) {
      sheet.columns.forEach((c, i) => {
        const line = notes.find((n) => n[0] === sheet.name && n[2] === c.header);
        expect(line).toEqual([sheet.name, columnLetter(i + 1), c.header, c.required ? 'Có' : '', c.note, ...(c.example ? [c.example] : [])]);
      });
    }
  });

  test('every coded column has a dropdown over its labels on all 5,000 data rows', async () => {
    const wb = await load(await buildTemplate(kind));
    for (const sheet of KINDS[kind].sheets) {
      sheet.columns.forEach((c, i) => {
        if (c.type.kind !== 'choice') return;
        for (const row of [2, 5001]) {
          const v = validationAt(wb, sheet.name, `${columnLetter(i + 1)}${row}`);
          expect(v).toMatchObject({ type: 'list', allowBlank: true, errorStyle: c.type.list.strict ? 'stop' : 'warning' });
          expect(listValues(wb, v!.formulae[0] as string)).toEqual(c.type.list.choices.map((x) => x.label));
        }
        expect(validationAt(wb, sheet.name, `${columnLetter(i + 1)}5002`)).toBeUndefined();
      });
    }
  });
});

test('the staff template: Nam/Nữ on "Giới tính"; with the agency’s units given, a dropdown of their ids on "Mã đơn vị"', async () => {
  const wb = await load(
    await buildTemplate('staff', {
      units: [
        { unitId: 'VP', name: 'Văn phòng' },
        { unitId: 'TCCB', name: 'Phòng Tổ chức cán bộ' },
      ],
    }),
  );
  expect(listValues(wb, validationAt(wb, 'Cán bộ', 'C2')!.formulae[0] as string)).toEqual(['Nam', 'Nữ']);
  const unit = validationAt(wb, 'Cán bộ', 'D2')!;
  expect(unit).toMatchObject({ type: 'list', errorStyle: 'warning' });
  expect(listValues(wb, unit.formulae[0] as string)).toEqual(['VP', 'TCCB']);
  // Ids are text: a code typed as digits keeps its leading zero.
  expect(wb.getWorksheet('Cán bộ')!.getColumn(1).numFmt).toBe('@');
  const without = await load(await buildTemplate('staff'));
  expect(validationAt(without, 'Cán bộ', 'D2')).toBeUndefined();
});

test('the nominations template: titles by their Vietnamese labels, individuals and collectives each their own list', async () => {
  const wb = await load(await buildTemplate('nominations'));
  const titles = (sheet: string) => {
    const col = headers(wb.getWorksheet(sheet)!).indexOf('Danh hiệu, hình thức đề nghị') + 1;
    return listValues(wb, validationAt(wb, sheet, `${columnLetter(col)}2`)!.formulae[0] as string);
  };
  expect(titles('Cá nhân')).toEqual(['Lao động tiên tiến', 'Chiến sĩ thi đua cơ sở', 'Chiến sĩ thi đua cấp tỉnh', 'Giấy khen', 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh']);
  expect(titles('Tập thể')).toEqual(['Tập thể lao động tiên tiến', 'Tập thể lao động xuất sắc', 'Giấy khen', 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', 'Cờ thi đua của Ủy ban nhân dân tỉnh']);
});
