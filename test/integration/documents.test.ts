import { createHash } from 'node:crypto';
import { minimalLetter } from '../../seed/minimal-letter';
import { call, eventually, sentEmails, tokenFor } from './client';

/**
 * The documents the process runs on (issue 12), on the twin: the letter issued is rendered to a PDF by its own
 * function, stored in the S3 emulator, recorded as the campaign's document, attached to every email of the Nơi nhận
 * list (the same bytes), and downloadable through a short-lived URL by the agency's roles; another agency sees nothing.
 */
const MARK = `DOC${Date.now().toString(36).toUpperCase()}`;
const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString().replace('Z', '+00:00');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('documents as PDFs', () => {
  let admin: string;
  let campaignId: string;
  let number: string;
  const addresses = [`vp.${MARK.toLowerCase()}@so.example.org`, `ht.${MARK.toLowerCase()}@so.example.org`];

  beforeAll(async () => {
    admin = await tokenFor(['admin']);
    expect((await call('PUT', `/recipient-groups/${MARK}_DV`, { token: admin, body: { name: 'Các phòng thuộc Sở', kind: 'email', purpose: 'để thực hiện', emails: addresses } })).status).toBe(200);
    number = (await call('POST', '/document-numbers', { token: admin, body: { type: 'KH', title: `Kế hoạch ${MARK}` } })).body.documentNumber;
    const created = await call('POST', '/campaigns', {
      token: admin,
      body: minimalLetter({ documentNumber: number, title: `Phong trào thi đua có văn bản PDF ${MARK}`, recipientGroups: [`${MARK}_DV`], deadlines: { nominations: hours(48) } }),
    });
    expect(created.status).toBe(201);
    campaignId = created.body.id;
    expect((await call('POST', `/campaigns/${campaignId}/issue`, { token: admin })).status).toBe(200);
  });

  it('the issued letter goes to each address with its PDF attached, the same file the campaign lists and serves', async () => {
    const mails = await eventually('the letters', async () => {
      const got = (await sentEmails()).filter((e) => e.subject.startsWith(`[${number}]`));
      return got.length >= addresses.length ? got : undefined;
    });
    expect(mails.flatMap((m) => m.destination.to).sort()).toEqual([...addresses].sort());
    const attached = mails.map((m) => {
      expect(m.attachments).toHaveLength(1);
      const a = m.attachments![0]!;
      expect(a).toMatchObject({ filename: `${number.replace('/', '_')}.pdf`, contentType: 'application/pdf' });
      return Buffer.from(a.content, 'base64');
    });
    expect(attached[0]!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(new Set(attached.map(sha256)).size).toBe(1);

    const listed = await call('GET', `/campaigns/${campaignId}/documents`, { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ documentId: 'launch-letter', kind: 'launch-letter', documentNumber: number, contentType: 'application/pdf', sha256: sha256(attached[0]!), size: attached[0]!.length }),
    ]);
    // The download URL serves the same bytes, under the document's file name, without a token.
    const download = await fetch(listed.body.items[0].download.url);
    expect(download.status).toBe(200);
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(attached[0]!));
    expect(download.headers.get('content-disposition')).toContain(`${number.replace('/', '_')}.pdf`);
    // A URL for another key, made by changing the one given, is refused (the signature covers the key).
    const forged = listed.body.items[0].download.url.replace('/launch-letter/', '/results-notice/');
    expect((await fetch(forged)).status).toBe(403);
  });

  it('who reads the documents: every role of the agency reads the letter it was sent; another agency’s admin gets 404', async () => {
    for (const groups of [['viewer'], ['council']]) {
      const res = await call('GET', `/campaigns/${campaignId}/documents`, { token: await tokenFor(groups) });
      expect(res.status).toBe(200);
      expect(res.body.items.map((d: { kind: string }) => d.kind)).toEqual(['launch-letter']);
    }
    const other = (await call<{ token: string }>('POST', '/local/token', { body: { sub: `${MARK}-other`, groups: ['admin'], agencyId: `other-${MARK.toLowerCase()}` } })).body.token;
    const res = await call('GET', `/campaigns/${campaignId}/documents`, { token: other });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(number);
  });
});
