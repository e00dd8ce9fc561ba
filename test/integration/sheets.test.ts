import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { fillTemplate } from '../../shared/excel/templates';
import type { NominationRow, StaffRow } from '../../shared/excel/kinds';
import { minimalLetter } from '../../seed/minimal-letter';
import { apiUrl, call, eventually, streamIdle, tokenFor } from './client';

/**
 * Spreadsheets on the twin (issue 13): a template downloaded, a staff list imported through the presigned upload and
 * applied, the same file applied again changing nothing, a file with bad cells refused whole with every cell named,
 * and who may import and read an import.
 */
const MARK = `XL${Date.now().toString(36).toUpperCase()}`;
const [U1, U2] = [`${MARK}_A`, `${MARK}_B`];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const staff = (n: number): StaffRow[] =>
  Array.from({ length: n }, (_, i) => ({
    personId: `${MARK}-${String(i).padStart(4, '0')}`,
    name: i === 0 ? "=cmd|' /C calc'!A0" : `Nguyễn Thị Ánh ${MARK} ${i}`,
    gender: i % 2 ? 'male' : 'female',
    unitId: i % 3 ? U1 : U2,
    position: 'Chuyên viên',
    hireDate: `20${String(10 + (i % 10)).padStart(2, '0')}-0${1 + (i % 9)}-15`,
  }));

async function download(path: string, token: string) {
  const res = await fetch(`${apiUrl()}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

async function importFile(token: string, kind: string, bytes: Buffer, extra: object = {}) {
  const asked = await call('POST', '/imports', { token, body: { kind, filename: 'Danh sách cán bộ.xlsx', size: bytes.length, sha256: sha256(bytes), contentType: XLSX, ...extra } });
  expect(asked.status).toBe(201);
  const put = await fetch(asked.body.upload.url, { method: 'PUT', headers: asked.body.upload.headers, body: new Uint8Array(bytes) });
  expect(put.status).toBe(200);
  return asked.body.import.importId as string;
}

describe('spreadsheets: templates and imports', () => {
  let admin: string;
  let unitA: string;
  beforeAll(async () => {
    admin = await tokenFor(['admin'], `${MARK}-office`);
    for (const u of [U1, U2]) expect((await call('PUT', `/units/${u}`, { token: admin, body: { name: `Phòng ${u}`, emails: [`${u.toLowerCase()}@so.example.org`] } })).status).toBe(200);
    unitA = await tokenFor(['unit'], `${MARK}-a`, U1);
  });

  it('serves each template as a workbook with its notes sheet and the agency’s units in its lists', async () => {
    for (const kind of ['units', 'staff', 'recipient-groups', 'nominations']) {
      const got = await download(`/templates/${kind}.xlsx`, admin);
      expect({ kind, status: got.status, type: got.type }).toEqual({ kind, status: 200, type: XLSX });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(got.bytes as unknown as ExcelJS.Buffer);
      expect(wb.worksheets.map((w) => w.name)).toContain('Hướng dẫn');
      if (kind === 'staff') expect(JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()))).toContain(U1);
    }
  });

  it('imports a staff list whole, then the same file changes nothing; a name that looks like a formula is kept as text', async () => {
    const rows = staff(120);
    const bytes = await fillTemplate('staff', rows);
    const importId = await importFile(admin, 'staff', bytes);
    const applied = await call('POST', `/imports/${importId}/apply`, { token: admin });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ importId, status: 'applied', counts: { rows: 120, created: 120, updated: 0, unchanged: 0 } });
    const people = (await call('GET', '/people', { token: admin })).body.items.filter((p: { personId: string }) => p.personId.startsWith(MARK));
    expect(people).toHaveLength(120);
    const first = people.find((p: { personId: string }) => p.personId === rows[0]!.personId);
    expect(first).toMatchObject({ name: rows[0]!.name, gender: 'female', unitId: U2, hireDate: rows[0]!.hireDate, position: 'Chuyên viên' });
    const stamp = first.updatedAt;

    // Applying the same import again answers what it did; a new import of the same file finds every row as it is.
    expect((await call('POST', `/imports/${importId}/apply`, { token: admin })).body).toEqual(applied.body);
    const again = await call('POST', `/imports/${await importFile(admin, 'staff', bytes)}/apply`, { token: admin });
    expect(again.body.counts).toEqual({ rows: 120, created: 0, updated: 0, unchanged: 120 });
    const after = (await call('GET', '/people', { token: admin })).body.items.find((p: { personId: string }) => p.personId === rows[0]!.personId);
    expect(after.updatedAt).toBe(stamp);

    // A unit's reporter reads the people of its own unit only.
    const seen = (await call('GET', '/people', { token: unitA })).body.items.filter((p: { personId: string }) => p.personId.startsWith(MARK));
    expect(seen.length).toBe(rows.filter((r) => r.unitId === U1).length);
    expect(seen.every((p: { unitId: string }) => p.unitId === U1)).toBe(true);
  });

  it('refuses a file with bad cells whole, naming every one, and writes nothing', async () => {
    const rows = staff(30).map((r) => ({ ...r, personId: `${r.personId}-bad` }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fillTemplate('staff', rows)) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    const header = Array.from(sheet.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (text: string) => header.findIndex((h) => h.includes(text));
    const bad = [
      [3, col('Giới tính'), 'không rõ'],
      [7, col('Ngày tuyển dụng'), '31/02/2020'],
      [12, col('Mã đơn vị'), 'KHONG_CO'],
    ] as const;
    for (const [row, c, value] of bad) {
      expect(c).toBeGreaterThan(0);
      sheet.getRow(row).getCell(c).value = value;
    }
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const importId = await importFile(admin, 'staff', bytes);
    const before = (await call('GET', '/people', { token: admin })).body.items.length;
    const refused = await call('POST', `/imports/${importId}/apply`, { token: admin });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('import.invalid');
    expect(refused.body.errors.map((e: { sheet: string; row: number; column: { letter: string } }) => [e.sheet, e.row, e.column.letter]).sort()).toEqual(
      bad.map(([row, c]) => [sheet.name, row, sheet.getColumn(c).letter]).sort(),
    );
    expect(refused.body.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
    expect((await call('GET', '/people', { token: admin })).body.items.length).toBe(before);
    expect((await call('GET', `/imports/${importId}`, { token: admin })).body).toMatchObject({ status: 'refused', errors: expect.any(Array) });
  });

  it('a unit imports only its own nominations, and reads only its own imports', async () => {
    const bytes = await fillTemplate('staff', staff(2));
    const office = await importFile(admin, 'staff', bytes);
    const asked = await call('POST', '/imports', { token: unitA, body: { kind: 'staff', filename: 'x.xlsx', size: bytes.length, sha256: sha256(bytes), contentType: XLSX } });
    expect([asked.status, asked.body.code]).toEqual([403, 'auth.forbidden']);
    expect((await call('GET', `/imports/${office}`, { token: unitA })).status).toBe(404);
    expect((await call('POST', `/imports/${office}/apply`, { token: unitA })).status).toBe(404);
    const noCampaign = await call('POST', '/imports', { token: unitA, body: { kind: 'nominations', filename: 'x.xlsx', size: bytes.length, sha256: sha256(bytes), contentType: XLSX } });
    expect([noCampaign.status, noCampaign.body.errors?.[0]?.path]).toEqual([400, 'campaignId']);
  });

  it('an import not yet uploaded is a 409 that writes nothing', async () => {
    const asked = await call('POST', '/imports', { token: admin, body: { kind: 'units', filename: 'x.xlsx', size: 100, sha256: '0'.repeat(64), contentType: XLSX } });
    const res = await call('POST', `/imports/${asked.body.import.importId}/apply`, { token: admin });
    expect([res.status, res.body.code]).toEqual([409, 'import.not_uploaded']);
  });

  it('a unit imports its nominations; once the results are final each award is on its person’s record, in the exports and the statistics, and not shown to another unit', async () => {
    const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString().replace('Z', '+00:00');
    const council = await tokenFor(['council'], `${MARK}-council`);
    const unitB = await tokenFor(['unit'], `${MARK}-b`, U2);
    expect((await call('PUT', `/recipient-groups/${MARK}_DV`, { token: admin, body: { name: 'Các phòng', kind: 'email', purpose: 'để thực hiện', emails: ['p@so.example.org'] } })).status).toBe(200);
    const number = (await call('POST', '/document-numbers', { token: admin, body: { type: 'KH', title: `Kế hoạch ${MARK}` } })).body.documentNumber;
    const created = await call('POST', '/campaigns', {
      token: admin,
      body: {
        ...minimalLetter({ documentNumber: number, title: `Phong trào nhập từ Excel ${MARK}`, recipientGroups: [`${MARK}_DV`], deadlines: { nominations: hours(48) } }),
        participatingUnits: [U1, U2],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call('POST', `/campaigns/${id}/issue`, { token: admin })).status).toBe(200);

    // Unit A's people on the staff list; the third row names unit B: the file is refused whole.
    for (const [i, unitId] of [
      [1, U1],
      [2, U1],
      [3, U2],
    ] as const) {
      const body = { name: `Nguyễn Thị Ánh ${MARK} ${i}`, gender: i % 2 ? 'male' : 'female', unitId, hireDate: '2015-03-01' };
      expect((await call('PUT', `/people/${MARK}-${String(i).padStart(4, '0')}`, { token: admin, body })).status).toBe(200);
    }
    const nominee = (i: number, unitId: string): NominationRow => ({
      title: 'GIAY_KHEN',
      achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ được giao.',
      nominee: {
        kind: 'individual',
        personId: `${MARK}-${String(i).padStart(4, '0')}`,
        name: `Nguyễn Thị Ánh ${MARK} ${i}`,
        gender: i % 2 ? 'male' : 'female',
        unitId,
        hireDate: '2015-03-01',
        taskRating: 'HTXSNV',
        discipline: { status: 'none' },
        initiatives: [],
        pastTitles: [],
        pastRatings: [],
      },
    });
    const mixed = await fillTemplate('nominations', [nominee(1, U1), nominee(2, U1), nominee(3, U2)]);
    const refused = await call('POST', `/imports/${await importFile(unitA, 'nominations', mixed, { campaignId: id })}/apply`, { token: unitA });
    expect([refused.status, refused.body.code]).toEqual([400, 'import.invalid']);
    expect(refused.body.errors.map((e: { row: number; column: { header: string } }) => [e.row, e.column.header])).toEqual([[4, 'Mã đơn vị']]);
    expect((await call('GET', `/campaigns/${id}/nominations`, { token: admin })).body.items).toHaveLength(0);

    const own = await fillTemplate('nominations', [nominee(1, U1), nominee(2, U1)]);
    const applied = await call('POST', `/imports/${await importFile(unitA, 'nominations', own, { campaignId: id })}/apply`, { token: unitA });
    expect(applied.body.counts).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0 });
    const again = await call('POST', `/imports/${await importFile(unitA, 'nominations', own, { campaignId: id })}/apply`, { token: unitA });
    expect(again.body.counts).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 2 });
    const nominations = (await call('GET', `/campaigns/${id}/nominations`, { token: admin })).body.items as { id: string; nominatingUnitId: string; nominee: { personId: string; name: string } }[];
    expect(nominations.map((n) => [n.nominee.personId, n.nominatingUnitId]).sort()).toEqual([
      [`${MARK}-0001`, U1],
      [`${MARK}-0002`, U1],
    ]);

    // Filed one by one, the same person under another unit is refused: the staff list says whose they are.
    const elsewhere = await call('POST', `/campaigns/${id}/nominations`, { token: admin, body: { ...nominee(3, U1), title: 'LDTT' } });
    expect([elsewhere.status, elsewhere.body.code, elsewhere.body.errors?.[0]?.path]).toEqual([400, 'nomination.not_staff_unit', 'nominee.personId']);

    expect((await call('POST', `/campaigns/${id}/close-nominations`, { token: admin })).status).toBe(200);
    await eventually('the proposal', async () => ((await call('GET', `/campaigns/${id}/proposal`, { token: council })).status === 200 ? true : undefined));
    const votes = nominations.map((n, i) => ({ nominationId: n.id, title: 'GIAY_KHEN', yes: i === 0 ? 9 : 2 }));
    expect((await call('POST', `/campaigns/${id}/council-votes`, { token: admin, body: { membersTotal: 9, present: 9, writtenVotes: 0, votes } })).status).toBe(200);
    const results = await call('POST', `/campaigns/${id}/results/finalize`, { token: admin });
    expect(results.status).toBe(200);
    await streamIdle();

    const awarded = nominations[0]!.nominee.personId;
    const notAwarded = nominations[1]!.nominee.personId;
    const record = await call('GET', `/people/${awarded}/record`, { token: unitA });
    expect(record.status).toBe(200);
    expect(record.body.person).toMatchObject({ personId: awarded, unitId: U1 });
    expect(record.body.items).toEqual([
      expect.objectContaining({ title: 'GIAY_KHEN', outcome: 'awarded', campaignId: id, document: expect.objectContaining({ number: results.body.documents.decision }) }),
    ]);
    expect((await call('GET', `/people/${notAwarded}/record`, { token: admin })).body.items).toEqual([]);
    expect((await call('GET', `/people/${awarded}/record`, { token: unitB })).status).toBe(403);
    expect((await call('GET', `/units/${U1}/record`, { token: unitB })).status).toBe(403);

    // The results as a workbook (unit A sees its own nominees in full) and as a CSV whose first line is the header.
    const book = await download(`/campaigns/${id}/exports/results.xlsx`, unitA);
    expect([book.status, book.type]).toEqual([200, XLSX]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(book.bytes as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]!.getSheetValues().flat().join('|')).toContain(nominations[1]!.nominee.name);
    expect(wb.worksheets[1]!.getSheetValues().flat().join('|')).toContain(created.body.documentNumber);
    const csv = await download(`/campaigns/${id}/exports/results.csv`, unitB);
    expect(csv.status).toBe(200);
    const header = csv.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0]!;
    expect(header.split(',').length).toBeGreaterThan(3);
    // Unit B reads the public face: the one not awarded is not named.
    expect(csv.bytes.toString('utf8')).toContain(nominations[0]!.nominee.name);
    expect(csv.bytes.toString('utf8')).not.toContain(nominations[1]!.nominee.name);

    // The Ministry's form for the year the decision falls in (its reporting year runs 01/12 to 30/11).
    const decided = new Date(Date.now() + 7 * 3600_000);
    const year = decided.getUTCMonth() === 11 ? decided.getUTCFullYear() + 1 : decided.getUTCFullYear();
    const form = await download(`/statistics/0603.N?year=${year}`, admin);
    expect([form.status, form.type]).toEqual([200, XLSX]);
    expect((await download(`/statistics/0603.N?year=${year}`, unitA)).status).toBe(403);
  });
});
