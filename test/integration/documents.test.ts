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
    // The mail is the letter's cover note: it names the letter and its file; the letter itself is the PDF.
    for (const part of [mails[0]!.body.text!, mails[0]!.body.html!]) {
      expect(part).toContain(`Kế hoạch số ${number} ngày`);
      expect(part).toContain(`${number.replace('/', '_')}.pdf`);
      expect(part).toContain('Kính gửi');
      expect(part).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    }

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

  it('closing nominations issues the Tờ trình to the Council under a number of the register, mailed as its PDF to the Council and the Office', async () => {
    const council = `hd.${MARK.toLowerCase()}@so.example.org`;
    expect((await call('PUT', `/recipient-groups/${MARK}_HD`, { token: admin, body: { name: 'Hội đồng TĐKT Sở', kind: 'email', emails: [council] } })).status).toBe(200);
    const kh = (await call('POST', '/document-numbers', { token: admin, body: { type: 'KH', title: `Kế hoạch ${MARK} (Tờ trình)` } })).body.documentNumber as string;
    const created = await call('POST', '/campaigns', {
      token: admin,
      body: minimalLetter({ documentNumber: kh, title: `Phong trào thi đua có Tờ trình ${MARK}`, recipientGroups: [`${MARK}_DV`], councilGroup: `${MARK}_HD`, deadlines: { nominations: hours(48) } }),
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call('POST', `/campaigns/${id}/issue`, { token: admin })).status).toBe(200);
    expect((await call('POST', `/campaigns/${id}/close-nominations`, { token: admin })).status).toBe(200);
    // Closing again is refused, and takes no second number.
    expect((await call('POST', `/campaigns/${id}/close-nominations`, { token: admin })).status).toBe(409);

    const events = (await call('GET', `/campaigns/${id}/events`, { token: admin })).body.items as { type: string; data: { councilSubmission?: string } }[];
    const ttr = events.find((e) => e.type === 'NominationsClosed')!.data.councilSubmission!;
    expect(ttr).toMatch(/^\d+\/TTr-/);
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));
    const register = (await call('GET', `/document-numbers?year=${year}&type=TTr`, { token: admin })).body.items as { documentNumber: string; campaignId?: string }[];
    expect(register.filter((e) => e.campaignId === id).map((e) => e.documentNumber)).toEqual([ttr]);

    const mail = await eventually('the proposal mail', async () => (await sentEmails()).find((e) => e.subject.startsWith(`[${kh}] Dự kiến kết quả`) && e.destination.to.includes(council)));
    expect(mail.attachments?.map((a) => a.filename)).toEqual([`${ttr.replace('/', '_')}.pdf`]);
    expect(mail.body.text).toContain(`Tờ trình số ${ttr} ngày`);
    expect(mail.body.text).not.toContain('DANH SÁCH HỒ SƠ VÀ ĐỀ XUẤT');
    const docs = (await call('GET', `/campaigns/${id}/documents`, { token: admin })).body.items as { kind: string; documentNumber: string; sha256: string }[];
    const submission = docs.find((d) => d.kind === 'council-submission')!;
    expect(submission.documentNumber).toBe(ttr);
    expect(sha256(Buffer.from(mail.attachments![0]!.content, 'base64'))).toBe(submission.sha256);
    // The Council's paper: the Council reads it, a viewer does not.
    const kinds = async (groups: string[]) => ((await call('GET', `/campaigns/${id}/documents`, { token: await tokenFor(groups) })).body.items as { kind: string }[]).map((d) => d.kind).sort();
    expect(await kinds(['council'])).toEqual(['council-submission', 'launch-letter']);
    expect(await kinds(['viewer'])).toEqual(['launch-letter']);
  });

  describe('the signed original', () => {
    // A PDF as a signing tool would return it: file-type knows a PDF by its bytes, whatever the name.
    const signedPdf = Buffer.from(`%PDF-1.7\n% bản ký số ${MARK}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'utf8');
    const draft = async (title: string) => {
      const n = (await call('POST', '/document-numbers', { token: admin, body: { type: 'KH', title } })).body.documentNumber as string;
      const created = await call('POST', '/campaigns', { token: admin, body: minimalLetter({ documentNumber: n, title, recipientGroups: [`${MARK}_DV`], deadlines: { nominations: hours(48) } }) });
      return { id: created.body.id as string, number: n };
    };
    const ask = (id: string, body: object, token = admin) => call('POST', `/campaigns/${id}/documents/launch-letter/signed`, { token, body });
    const declared = { filename: 'Kế hoạch ký số.pdf', size: signedPdf.length, sha256: sha256(signedPdf), contentType: 'application/pdf' };

    it('uploaded through its presigned URL, it is the file the letter is issued as: the same SHA-256 in every email', async () => {
      const c = await draft(`Phong trào có bản ký số ${MARK}`);
      const asked = await ask(c.id, declared);
      expect(asked.status).toBe(201);
      const put = await fetch(asked.body.upload.url, { method: 'PUT', headers: asked.body.upload.headers, body: new Uint8Array(signedPdf) });
      expect(put.status).toBe(200);
      const done = await call('POST', `/campaigns/${c.id}/documents/launch-letter/signed/complete`, { token: admin });
      expect(done.status).toBe(200);
      expect(done.body).toEqual({ documentId: 'launch-letter', filename: 'Kế hoạch ký số.pdf', size: signedPdf.length, sha256: sha256(signedPdf), verifiedAt: expect.any(String) });
      expect((await call('POST', `/campaigns/${c.id}/issue`, { token: admin })).status).toBe(200);

      const mails = await eventually('the signed letters', async () => {
        const got = (await sentEmails()).filter((e) => e.subject.startsWith(`[${c.number}]`));
        return got.length >= addresses.length ? got : undefined;
      });
      for (const m of mails) {
        expect(m.attachments?.map((a) => a.filename)).toEqual(['Kế hoạch ký số.pdf']);
        expect(sha256(Buffer.from(m.attachments![0]!.content, 'base64'))).toBe(sha256(signedPdf));
      }
      const listed = (await call('GET', `/campaigns/${c.id}/documents`, { token: admin })).body.items;
      expect(listed).toEqual([expect.objectContaining({ kind: 'launch-letter', documentNumber: c.number, sha256: sha256(signedPdf), signed: true })]);
    });

    it('asked for and not uploaded, or another file uploaded: completing says why, issuing is refused, and nothing is issued', async () => {
      const c = await draft(`Phong trào thiếu bản ký số ${MARK}`);
      expect((await ask(c.id, declared)).status).toBe(201);
      const missing = await call('POST', `/campaigns/${c.id}/documents/launch-letter/signed/complete`, { token: admin });
      expect(missing.status).toBe(400);
      expect(missing.body.message).toMatch(/^Bản ký số không được nhận: /);
      const refused = await call('POST', `/campaigns/${c.id}/issue`, { token: admin });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('document.signed_invalid');
      expect((await call('GET', `/campaigns/${c.id}`, { token: admin })).body.status).toBe('draft');

      // Another body through the same URL: the twin's S3 refuses it as S3 does (the checksum is signed).
      const again = await ask(c.id, declared);
      const other = new Uint8Array(Buffer.concat([signedPdf, Buffer.from('x')]).subarray(1));
      expect((await fetch(again.body.upload.url, { method: 'PUT', headers: again.body.upload.headers, body: other })).status).toBeGreaterThanOrEqual(400);
      expect((await call('POST', `/campaigns/${c.id}/documents/launch-letter/signed/complete`, { token: admin })).status).toBe(400);
      expect((await call('POST', `/campaigns/${c.id}/issue`, { token: admin })).body.code).toBe('document.signed_invalid');
    });

    it('an agency that requires the signed original: a letter without one is refused, and stays a draft', async () => {
      const agencyId = `sig-${MARK.toLowerCase()}`;
      const tokenOf = async (groups: string[]) =>
        (await call<{ token: string }>('POST', '/local/token', { body: { sub: `${MARK}-${groups[0]}`, groups, ...(groups[0] === 'platform' ? {} : { agencyId }) } })).body.token;
      const platform = await tokenOf(['platform']);
      const put = await call('PUT', `/agencies/${agencyId}`, {
        token: platform,
        body: { name: 'Sở Tư pháp', level: 'department', place: 'Lạng Sơn', documentSymbol: 'STP', requireSignedLetter: true },
      });
      expect(put.status).toBe(200);
      const theirAdmin = await tokenOf(['admin']);
      expect((await call('PUT', `/recipient-groups/${MARK}_TP`, { token: theirAdmin, body: { name: 'Các phòng', kind: 'email', purpose: 'để thực hiện', emails: addresses } })).status).toBe(200);
      const created = await call('POST', '/campaigns', {
        token: theirAdmin,
        body: minimalLetter({ documentNumber: '7/KH-STP', title: `Phong trào cần ký số ${MARK}`, recipientGroups: [`${MARK}_TP`], deadlines: { nominations: hours(48) } }),
      });
      const refused = await call('POST', `/campaigns/${created.body.id}/issue`, { token: theirAdmin });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'document.signed_required', message: 'Cơ quan yêu cầu bản ký số của văn bản trước khi phát động; hãy tải lên bản PDF đã ký.' });
      expect((await call('GET', `/campaigns/${created.body.id}`, { token: theirAdmin })).body.status).toBe('draft');
    });

    it('only a PDF, only the Office, only before the letter is issued', async () => {
      const c = await draft(`Phong trào kiểm tra bản ký số ${MARK}`);
      const notPdf = await ask(c.id, { ...declared, contentType: 'image/png' });
      expect(notPdf.status).toBe(400);
      expect(notPdf.body.errors).toEqual([{ path: 'contentType', message: 'chỉ nhận application/pdf' }]);
      expect((await ask(c.id, { ...declared, size: 21 * 1024 * 1024 })).status).toBe(400);
      expect((await ask(c.id, declared, await tokenFor(['unit'], `${MARK}-unit`, 'VP'))).status).toBe(403);
      expect((await call('POST', `/campaigns/${c.id}/documents/results-notice/signed`, { token: admin, body: declared })).status).toBe(404);
      expect((await ask(campaignId, declared)).body.code).toBe('campaign.not_draft');
    });
  });
});
