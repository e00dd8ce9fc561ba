import { createHash } from 'node:crypto';
import { minimalLetter } from '../../seed/minimal-letter';
import { call, tokenFor } from './client';

/**
 * Evidence and dossier files (issue 12), on the twin with its S3 emulator: a unit uploads through a presigned URL,
 * the file is read back and its type checked from the bytes; the Office and the Council download it; another unit
 * cannot see it, fetch it or finish it.
 */
const MARK = `FIL${Date.now().toString(36).toUpperCase()}`;
const [U1, U2] = [`${MARK}_A`, `${MARK}_B`];
const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString().replace('Z', '+00:00');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const pdf = Buffer.from(`%PDF-1.7\n% minh chứng ${MARK}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'utf8');
const declared = (bytes: Buffer, over: object = {}) => ({ filename: 'Minh chứng tiêu chí 1.pdf', size: bytes.length, sha256: sha256(bytes), contentType: 'application/pdf', ...over });

describe('evidence and dossier files', () => {
  let admin: string;
  let unitA: string;
  let unitB: string;
  let campaignId: string;
  const upload = async (token: string, bytes: Buffer, over: object = {}) => {
    const asked = await call('POST', `/campaigns/${campaignId}/files`, { token, body: { purpose: 'evidence', unitId: U1, period: 'final', criterionId: 'TC1', ...declared(bytes), ...over } });
    expect(asked.status).toBe(201);
    const put = await fetch(asked.body.upload.url, { method: 'PUT', headers: asked.body.upload.headers, body: new Uint8Array(bytes) });
    expect(put.status).toBe(200);
    return asked.body.file.fileId as string;
  };

  beforeAll(async () => {
    admin = await tokenFor(['admin']);
    for (const u of [U1, U2]) expect((await call('PUT', `/units/${u}`, { token: admin, body: { name: `Phòng ${u}`, emails: [`${u.toLowerCase()}@so.example.org`] } })).status).toBe(200);
    expect((await call('PUT', `/recipient-groups/${MARK}_DV`, { token: admin, body: { name: 'Các phòng', kind: 'email', purpose: 'để thực hiện', emails: ['p@so.example.org'] } })).status).toBe(200);
    const number = (await call('POST', '/document-numbers', { token: admin, body: { type: 'KH', title: `Kế hoạch ${MARK}` } })).body.documentNumber;
    const created = await call('POST', '/campaigns', {
      token: admin,
      body: {
        ...minimalLetter({ documentNumber: number, title: `Phong trào có minh chứng ${MARK}`, recipientGroups: [`${MARK}_DV`], deadlines: { nominations: hours(48) } }),
        participatingUnits: [U1, U2],
      },
    });
    expect(created.status).toBe(201);
    campaignId = created.body.id;
    expect((await call('POST', `/campaigns/${campaignId}/issue`, { token: admin })).status).toBe(200);
    [unitA, unitB] = [await tokenFor(['unit'], `${MARK}-a`, U1), await tokenFor(['unit'], `${MARK}-b`, U2)];
  });

  it('a unit uploads its evidence; checked from the bytes; the Office and the Council download the same file; another unit sees nothing', async () => {
    const fileId = await upload(unitA, pdf);
    const done = await call('POST', `/campaigns/${campaignId}/files/${fileId}/complete`, { token: unitA });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ fileId, unitId: U1, purpose: 'evidence', period: 'final', criterionId: 'TC1', status: 'verified', kind: 'pdf', sha256: sha256(pdf) });
    expect(JSON.stringify(done.body)).not.toContain('agency/');

    for (const token of [admin, await tokenFor(['council'])]) {
      const got = await call('GET', `/campaigns/${campaignId}/files/${fileId}`, { token });
      expect(got.status).toBe(200);
      const bytes = new Uint8Array(await (await fetch(got.body.download.url)).arrayBuffer());
      expect(sha256(bytes)).toBe(sha256(pdf));
      expect((await call('GET', `/campaigns/${campaignId}/files`, { token })).body.items.map((f: { fileId: string }) => f.fileId)).toContain(fileId);
    }
    // Another unit: not in its list, not found, cannot finish it, cannot upload for the first unit.
    expect((await call('GET', `/campaigns/${campaignId}/files`, { token: unitB })).body.items.map((f: { fileId: string }) => f.fileId)).not.toContain(fileId);
    const theirs = await call('GET', `/campaigns/${campaignId}/files/${fileId}`, { token: unitB });
    expect(theirs.status).toBe(404);
    expect(JSON.stringify(theirs.body)).not.toContain('Minh chứng');
    expect((await call('POST', `/campaigns/${campaignId}/files/${fileId}/complete`, { token: unitB })).status).toBe(404);
    expect((await call('POST', `/campaigns/${campaignId}/files`, { token: unitB, body: { purpose: 'evidence', unitId: U1, period: 'final', ...declared(pdf) } })).body.code).toBe('auth.not_own_unit');
    // Viewers read no unit's files.
    expect((await call('GET', `/campaigns/${campaignId}/files`, { token: await tokenFor(['viewer']) })).status).toBe(403);
  });

  it('a program renamed .pdf is refused from its content, with the reason, and cannot be downloaded', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(200, 0)]);
    const fileId = await upload(unitA, exe, { filename: 'bao-cao.pdf' });
    const refused = await call('POST', `/campaigns/${campaignId}/files/${fileId}/complete`, { token: unitA });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^Tệp "bao-cao.pdf" không được nhận: /);
    expect(refused.body.errors[0].path).toBe('file');
    expect((await call('GET', `/campaigns/${campaignId}/files/${fileId}`, { token: admin })).body.code).toBe('file.not_verified');
  });

  it('bad requests name the field: a dossier needs the unit’s nomination, evidence its period, a file at most 20 MB', async () => {
    const ask = (body: object) => call('POST', `/campaigns/${campaignId}/files`, { token: unitA, body: { unitId: U1, ...declared(pdf), ...body } });
    expect((await ask({ purpose: 'dossier', nominationId: 'khong-co' })).body.errors).toEqual([{ path: 'nominationId', message: 'không có đề nghị này của đơn vị' }]);
    expect((await ask({ purpose: 'evidence' })).body.errors).toEqual([{ path: 'period', message: 'bắt buộc với minh chứng (mid-year hoặc final)' }]);
    const big = await ask({ purpose: 'evidence', period: 'final', size: 20 * 1024 * 1024 + 1 });
    expect(big.status).toBe(400);
    expect(big.body.errors.map((e: { path: string }) => e.path)).toEqual(['size']);
  });
});
