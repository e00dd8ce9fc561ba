import { Workbook } from 'exceljs';
import { type ImportError, MAX_IMPORT_ROWS, MAX_UNPACKED_BYTES, declaredUnpackedSize, parseImport } from '../../../shared/excel/import';
import type { NominationRow, StaffRow, UnitRow } from '../../../shared/excel/kinds';
import { buildTemplate, fillTemplate } from '../../../shared/excel/templates';
import { INJECTION, UNIT_IDS, load, save, staffRows } from './fixtures';

/**
 * The import (issue 13 "Import from .xlsx"): the template filled by hand, every cell shape Excel writes read as the
 * value the person sees, every bad cell named by sheet, row and column, and a good file parsed by the project's schemas.
 */

const where = (e: ImportError) => `${e.sheet}!${e.column?.letter ?? '-'}${e.row ?? '-'}`;

/** The staff template, loaded, with `fill` applied to its data sheet. */
async function staffFile(fill: (ws: import('exceljs').Worksheet) => void): Promise<Buffer> {
  const wb = await load(await buildTemplate('staff'));
  fill(wb.getWorksheet('Cán bộ')!);
  return save(wb);
}

describe('5,000 staff rows: template → import → export → import', () => {
  const rows = staffRows(MAX_IMPORT_ROWS);

  test('a template filled as a person does (dates typed three ways) imports to the same data, exports and re-imports unchanged', async () => {
    const file = await staffFile((ws) => {
      rows.forEach((p, i) => {
        const r = ws.getRow(i + 2);
        r.getCell(1).value = p.personId;
        r.getCell(2).value = p.name;
        r.getCell(3).value = p.gender === 'female' ? 'Nữ' : 'Nam';
        r.getCell(4).value = p.unitId;
        if (p.position) r.getCell(5).value = p.position;
        const [y, m, d] = p.hireDate.split('-');
        // An Excel date, a Vietnamese dd/mm/yyyy typed as text, an ISO date typed as text.
        r.getCell(6).value = i % 3 === 0 ? new Date(`${p.hireDate}T00:00:00Z`) : i % 3 === 1 ? `${d}/${m}/${y}` : p.hireDate;
      });
    });
    const first = await parseImport('staff', file, { unitIds: UNIT_IDS });
    if (!first.ok) throw new Error(JSON.stringify(first.errors.slice(0, 5)));
    expect(first.rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(first.rows.map((r) => r.value)).toEqual(rows);
    expect(first.rows[0]).toMatchObject({ sheet: 'Cán bộ', row: 2, key: 'CB00001' });
    expect(first.rows.find((r) => r.value.name === INJECTION)?.value.name).toBe(INJECTION);

    const exported = await fillTemplate(
      'staff',
      first.rows.map((r) => r.value),
    );
    const again = await parseImport('staff', exported, { unitIds: UNIT_IDS });
    if (!again.ok) throw new Error(JSON.stringify(again.errors.slice(0, 5)));
    expect(again.rows.map((r) => r.value)).toEqual(rows);
    expect(again.rows.map((r) => r.key)).toEqual(first.rows.map((r) => r.key));
  });

  test('one row more than the limit is refused whole, with one error that says the limit', async () => {
    const file = await fillTemplate('staff', staffRows(MAX_IMPORT_ROWS + 1));
    const res = await parseImport('staff', file);
    expect(res).toEqual({ ok: false, errors: [{ sheet: 'Cán bộ', row: null, column: null, message: expect.stringContaining('5.001 dòng dữ liệu, vượt quá giới hạn 5.000') }] });
  });
});

describe('a file with errors in exactly 20 cells answers all 20', () => {
  const good = staffRows(30);
  const broken: [cell: string, value: unknown, header: string, message: RegExp][] = [
    ['A3', 'CB 01', 'Mã cán bộ', /1–64 ký tự/],
    ['B4', null, 'Họ và tên', /Không được để trống/],
    ['C5', 'Nam giới', 'Giới tính', /“Nam giới” không có trong danh mục Giới tính; chọn một trong: Nam, Nữ/],
    ['D6', 'KHONGCO', 'Mã đơn vị', /Không có đơn vị mã “KHONGCO” trong danh bạ/],
    ['F7', '31/02/2020', 'Ngày tuyển dụng', /“31\/02\/2020” không phải ngày hợp lệ/],
    ['F8', 'hôm qua', 'Ngày tuyển dụng', /không phải ngày hợp lệ; nhập ngày theo dạng dd\/mm\/yyyy/],
    ['B9', 'x'.repeat(201), 'Họ và tên', /200/],
    ['C10', null, 'Giới tính', /Không được để trống/],
    ['A11', 'DUP1', 'Mã cán bộ', /Trùng mã cán bộ với dòng 12/],
    ['A12', 'DUP1', 'Mã cán bộ', /Trùng mã cán bộ với dòng 11/],
    ['E13', 'a'.repeat(201), 'Chức vụ', /200/],
    ['F14', { formula: 'TODAY()' }, 'Ngày tuyển dụng', /công thức chưa có kết quả tính/],
    ['D15', null, 'Mã đơn vị', /Không được để trống/],
    ['B16', '\u200B\u200B', 'Họ và tên', /Không được để trống/i],
    ['F17', 0, 'Ngày tuyển dụng', /ngày không hợp lệ/],
    ['C18', { error: '#N/A' }, 'Giới tính', /Ô có lỗi #N\/A/],
    ['A19', null, 'Mã cán bộ', /Không được để trống/],
    ['D20', 'U 1', 'Mã đơn vị', /1–64 ký tự/],
    ['F21', '2020-13-01', 'Ngày tuyển dụng', /không phải ngày hợp lệ/],
    ['E22', true, 'Chức vụ', /Phải là chữ/],
  ];

  test('each bad cell is named once, by sheet, row, column letter and header, in Vietnamese; the good rows raise nothing', async () => {
    const wb = await load(await fillTemplate('staff', good));
    const ws = wb.getWorksheet('Cán bộ')!;
    for (const [cell, value] of broken) ws.getCell(cell).value = value as never;
    const res = await parseImport('staff', await save(wb), { unitIds: UNIT_IDS });
    if (res.ok) throw new Error('expected errors');
    expect(res.errors.map(where)).toEqual(broken.map(([cell]) => `Cán bộ!${cell}`));
    res.errors.forEach((e, i) => {
      const [, , header, message] = broken[i]!;
      expect(e.column?.header).toBe(header);
      expect(e.message).toMatch(message);
    });
    expect(res.errors).toHaveLength(20);
  });
});

describe('cells as Excel writes them', () => {
  test('rich text, a mailto hyperlink, a formula with its cached result, numbers in text columns, addresses on several lines', async () => {
    const wb = await load(await buildTemplate('units'));
    const ws = wb.getWorksheet('Đơn vị')!;
    ws.getRow(2).values = ['VP', { richText: [{ text: 'Văn ', font: { bold: true } }, { text: 'phòng Sở' }] }, { text: 'vanphong@songv.gov.vn', hyperlink: 'mailto:vanphong@songv.gov.vn' }];
    ws.getRow(3).values = [{ formula: 'UPPER("p1")', result: 'P1' }, 'Phòng Tổng hợp', 'th@songv.gov.vn;\nTH2@SONGV.GOV.VN , th3@songv.gov.vn', 'VP'];
    ws.getRow(4).values = [
      123,
      'Phòng 123',
      { text: { richText: [{ text: 'p123@' }, { text: 'songv.gov.vn' }] }, hyperlink: 'mailto:p123@songv.gov.vn' } as never,
      { sharedFormula: 'A3', result: 'P1' } as never,
    ];
    const res = await parseImport('units', await save(wb));
    if (!res.ok) throw new Error(JSON.stringify(res.errors));
    expect(res.rows.map((r) => r.value)).toEqual<UnitRow[]>([
      { unitId: 'VP', name: 'Văn phòng Sở', emails: ['vanphong@songv.gov.vn'] },
      { unitId: 'P1', name: 'Phòng Tổng hợp', emails: ['th@songv.gov.vn', 'th2@songv.gov.vn', 'th3@songv.gov.vn'], parentUnitId: 'VP' },
      { unitId: '123', name: 'Phòng 123', emails: ['p123@songv.gov.vn'], parentUnitId: 'P1' },
    ]);
  });

  test('a name that looks like a formula, typed as text, comes through as the literal string; decomposed Vietnamese is stored NFC', async () => {
    const file = await staffFile((ws) => {
      ws.getRow(2).values = ['CB1', INJECTION, 'Nam', 'P01', '', '01/09/2015'];
      ws.getRow(3).values = ['CB2', 'Nguyễn Thị Hoa'.normalize('NFD'), 'nữ', 'P01', '+Trưởng phòng', '2015-09-01'];
    });
    const res = await parseImport('staff', file);
    if (!res.ok) throw new Error(JSON.stringify(res.errors));
    expect(res.rows.map((r) => r.value)).toEqual<StaffRow[]>([
      { personId: 'CB1', name: INJECTION, gender: 'male', unitId: 'P01', hireDate: '2015-09-01' },
      { personId: 'CB2', name: 'Nguyễn Thị Hoa'.normalize('NFC'), gender: 'female', unitId: 'P01', position: '+Trưởng phòng', hireDate: '2015-09-01' },
    ]);
  });

  test('headers are found by their text, in any order, with extra columns left alone', async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['STT', 'Ngày tuyển dụng', 'họ và tên', 'Mã cán bộ', 'Giới tính', 'Mã đơn vị']);
    ws.addRow([1, new Date(Date.UTC(2015, 8, 1)), 'Lê Văn An', 'CB9', 'Nam', 'P02']);
    const res = await parseImport('staff', await save(wb));
    expect(res).toEqual({ ok: true, rows: [{ sheet: 'Danh sách', row: 2, key: 'CB9', value: { personId: 'CB9', name: 'Lê Văn An', gender: 'male', unitId: 'P02', hireDate: '2015-09-01' } }] });
  });
});

describe('the file and the sheet', () => {
  test('not a zip: one clear error; an old .xls: told to save as .xlsx; a broken zip: unreadable', async () => {
    const notZip = await parseImport('staff', Buffer.from('Mã cán bộ,Họ và tên\r\nCB1,An\r\n'));
    expect(notZip).toEqual({ ok: false, errors: [{ sheet: '', row: null, column: null, message: expect.stringContaining('không phải là tệp Excel (.xlsx)') }] });
    const xls = await parseImport('staff', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
    expect(xls.ok === false && xls.errors[0]?.message).toMatch(/Excel 97–2003 \(\.xls\)/);
    const broken = await parseImport('staff', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]));
    expect(broken.ok === false && broken.errors).toEqual([{ sheet: '', row: null, column: null, message: expect.stringContaining('tệp bị hỏng') }]);
  });

  test('a zip that declares more than 100 MB unpacked is refused before it is inflated', async () => {
    const file = Buffer.from(await buildTemplate('staff'));
    expect(declaredUnpackedSize(file)).toBeGreaterThan(file.length);
    expect(declaredUnpackedSize(file)).toBeLessThan(MAX_UNPACKED_BYTES);
    // The first central-directory entry now declares 200 MB uncompressed, as a zip bomb's does.
    const cd = file.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    file.writeUInt32LE(200 * 1024 * 1024, cd + 24);
    const res = await parseImport('staff', file);
    expect(res).toEqual({ ok: false, errors: [{ sheet: '', row: null, column: null, message: expect.stringContaining('Tệp quá lớn') }] });
  });

  test('missing required headers are each named; the rows of that sheet are not reported one by one', async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet('Cán bộ');
    ws.addRow(['Mã cán bộ', 'Họ và tên', 'Chức vụ']);
    ws.addRow(['CB1', 'An', '']);
    const res = await parseImport('staff', await save(wb));
    if (res.ok) throw new Error('expected errors');
    expect(res.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [1, null, 'Thiếu cột bắt buộc “Giới tính” ở dòng tiêu đề (dòng 1)'],
      [1, null, 'Thiếu cột bắt buộc “Mã đơn vị” ở dòng tiêu đề (dòng 1)'],
      [1, null, 'Thiếu cột bắt buộc “Ngày tuyển dụng” ở dòng tiêu đề (dòng 1)'],
    ]);
  });

  test('a template with no data row is refused: nothing to import', async () => {
    const res = await parseImport('recipient-groups', await buildTemplate('recipient-groups'));
    expect(res.ok === false && res.errors[0]?.message).toMatch(/không có dòng dữ liệu nào/);
  });
});

describe('units, groups, nominations', () => {
  test('units: a parent must be in the file or the directory, never itself, never a loop', async () => {
    const file = await fillTemplate('units', [
      { unitId: 'A', name: 'A', emails: ['a@x.vn'], parentUnitId: 'B' },
      { unitId: 'B', name: 'B', emails: ['b@x.vn'], parentUnitId: 'A' },
      { unitId: 'C', name: 'C', emails: ['c@x.vn'], parentUnitId: 'C' },
      { unitId: 'D', name: 'D', emails: ['d@x.vn'], parentUnitId: 'SO' },
      { unitId: 'E', name: 'E', emails: ['e@x.vn'], parentUnitId: 'ZZ' },
    ]);
    const res = await parseImport('units', file, { unitIds: ['SO'] });
    if (res.ok) throw new Error('expected errors');
    expect(res.errors.map((e) => `${where(e)} ${e.message}`)).toEqual([
      'Đơn vị!D2 Quan hệ cấp trên tạo thành vòng lặp: A → B → A',
      'Đơn vị!D3 Quan hệ cấp trên tạo thành vòng lặp: B → A → B',
      'Đơn vị!D4 Đơn vị không thể là cấp trên của chính nó',
      'Đơn vị!D6 Không có đơn vị mã “ZZ” trong tệp này hay trong danh bạ',
    ]);
  });

  test('recipient groups: the kind by its label, an email group without addresses refused on the addresses column', async () => {
    const wb = await load(await buildTemplate('recipient-groups'));
    const ws = wb.getWorksheet('Nơi nhận')!;
    ws.getRow(2).values = ['HDTDKT_TINH', 'Hội đồng TĐKT tỉnh', 'Gửi thư điện tử', 'b/c', 'hd@tinh.gov.vn'];
    ws.getRow(3).values = ['LUU', 'Lưu: VT, VP', 'Lưu'];
    ws.getRow(4).values = ['ubnd', 'UBND tỉnh', 'Email'];
    const res = await parseImport('recipient-groups', await save(wb));
    if (res.ok) throw new Error('expected errors');
    expect(res.errors.map((e) => `${where(e)} ${e.message}`)).toEqual([
      'Nơi nhận!A4 Phải gồm 1–64 ký tự A–Z, 0–9, _ hoặc -, bắt đầu bằng chữ hoặc số',
      'Nơi nhận!E4 Nhóm gửi thư cần ít nhất một địa chỉ',
    ]);
    ws.getCell('A4').value = 'UBND';
    ws.getCell('E4').value = 'ubnd@tinh.gov.vn';
    const fixed = await parseImport('recipient-groups', await save(wb));
    expect(fixed.ok && fixed.rows.map((r) => [r.key, r.value.kind, r.value.emails])).toEqual([
      ['HDTDKT_TINH', 'email', ['hd@tinh.gov.vn']],
      ['LUU', 'archive', []],
      ['UBND', 'email', ['ubnd@tinh.gov.vn']],
    ]);
  });

  const individual: NominationRow = {
    nominee: {
      kind: 'individual',
      personId: 'CB1',
      name: 'Trần Thị Bình',
      gender: 'female',
      unitId: 'P01',
      hireDate: '2012-03-01',
      taskRating: 'HTXSNV',
      discipline: { status: 'served', level: 'khien-trach', endedOn: '2021-06-30' },
      initiatives: [],
      pastTitles: [
        { year: 2023, title: 'CSTDCS' },
        { year: 2024, title: 'CSTDCS' },
        { year: 2024, title: 'LDTT' },
      ],
      pastRatings: [
        { year: 2023, rating: 'HTXSNV' },
        { year: 2024, rating: 'HTXSNV' },
      ],
    },
    title: 'BANG_KHEN_TINH',
    grounds: 'record',
    achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ hai năm liên tục.',
  };
  const collective: NominationRow = {
    nominee: {
      kind: 'collective',
      unitId: 'P02',
      name: 'Phòng Tổng hợp',
      taskRating: 'HTXSNV',
      members: { total: 12, byRating: { HTXSNV: 4, HTTNV: 8, HTNV: 0, KHTNV: 0 }, women: 5, cstdcs: 1 },
      disciplinedMembers: { khienTrach: 0, canhCao: 0, higher: 0 },
      discipline: { status: 'none' },
      pastTitles: [{ year: 2024, title: 'TTLDXS' }],
      pastRatings: [],
      ledCluster: false,
      exceededTargets: true,
    },
    title: 'TTLDXS',
    achievementSummary: 'Tập thể hoàn thành xuất sắc nhiệm vụ.',
  };

  test('nominations: an individual and a collective, each on its sheet, round-trip through the template', async () => {
    const res = await parseImport('nominations', await fillTemplate('nominations', [individual, collective]), { unitIds: UNIT_IDS, personIds: ['CB1'] });
    expect(res).toEqual({
      ok: true,
      rows: [
        { sheet: 'Cá nhân', row: 2, key: 'individual:CB1|BANG_KHEN_TINH', value: individual },
        { sheet: 'Tập thể', row: 2, key: 'collective:P02|TTLDXS', value: collective },
      ],
    });
  });

  test('nominations as an Office types them: abbreviations, codes, blanks for zero; and the cross-field checks named on their columns', async () => {
    const wb = await load(await buildTemplate('nominations'));
    const people = wb.getWorksheet('Cá nhân')!;
    people.getRow(2).values = ['', 'Lê Văn An', 'Nam', 'P01', '', '15/08/2019', 'LĐTT', '', 'HTTNV', '2023: LĐTT; 2024: ldtt', '2024: Hoàn thành tốt nhiệm vụ', '', '', '', 'Hoàn thành tốt nhiệm vụ.'];
    people.getRow(3).values = ['CB2', 'Phạm Văn Dũng', 'Nam', 'P01', '', '15/08/2019', 'Giấy khen', 'Thành tích trong phong trào', 'HTXSNV', '2023 CSTĐCS', '', 'Đang thi hành', '', '', 'x'];
    people.getRow(4).values = ['CB3', 'Vũ Thị Giang', 'Nữ', 'P01', '', '15/08/2019', 'Tập thể lao động xuất sắc', '', 'HTXSNV', '', '', '', '', '', 'x'];
    const teams = wb.getWorksheet('Tập thể')!;
    teams.getRow(2).values = ['P03', '', 'TTLĐTT', '', 'HTTNV', 10, 3, 6, '', '', 11];
    const res = await parseImport('nominations', await save(wb));
    if (res.ok) throw new Error('expected errors');
    expect(res.errors.map((e) => `${where(e)} ${e.message}`)).toEqual([
      'Cá nhân!H3 Chỉ dùng cho “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh”',
      'Cá nhân!J3 “2023 CSTĐCS” không đúng dạng “năm: danh hiệu”. Ghi theo dạng “2023: CSTĐCS; 2024: CSTĐCS”',
      'Cá nhân!M3 Bắt buộc khi tình trạng kỷ luật là “Đang thi hành kỷ luật”',
      'Cá nhân!G4 “Tập thể lao động xuất sắc” không có trong danh mục Danh hiệu cá nhân; chọn một trong: Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Chiến sĩ thi đua cấp tỉnh, Giấy khen, Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
      'Tập thể!G2 Tổng phải bằng tổng số thành viên (10), hiện là 9',
      'Tập thể!K2 Không được vượt quá tổng số thành viên (10)',
      'Tập thể!X2 Không được để trống',
    ]);
  });
});
