import { minimalLetter } from '../../seed/minimal-letter';
import { MAX_BODY_BYTES } from '../../shared/http/handler';
import { allItems, call, eventually, sentEmails, tokenFor } from './client';
import { readPdf } from '../unit/documents/read-pdf';
import { campaignPk, campaignsIndexPk } from '../../shared/store/keys';
import { DEFAULT_AGENCY_ID } from '../../shared/usecases/principal';

/**
 * Input a careless Office or a hostile client sends: letters as large as the API accepts (both
 * mailed, or both refused up front, never "issued" and then nothing), forged cursors, control
 * characters and names made of nothing visible. Each refusal names the field and writes nothing.
 */
const MARK = `ti${Date.now().toString(36)}`;
const CODE = MARK.toUpperCase();
const address = `lanhdao.${MARK}@example.org`;
const mentions = async () => (await allItems()).filter((i) => JSON.stringify(i).includes(MARK));

/** About `bytes` of UTF-8 in paragraphs the schema accepts (20,000 characters each at most). */
function paragraphsOf(unit: string, bytes: number): string[] {
  const perParagraph = Math.floor(19_000 / unit.length) * unit.length;
  const total = Math.floor(bytes / Buffer.byteLength(unit)) * unit.length;
  const text = unit.repeat(total / unit.length);
  const out: string[] = [];
  for (let at = 0; at < text.length; at += perParagraph) out.push(text.slice(at, at + perParagraph).trim() || unit.trim());
  return out;
}

describe('hostile and oversized input', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await tokenFor(['admin'], `office-${MARK}`);
    expect((await call('PUT', `/recipient-groups/${CODE}_LD`, { token: admin, body: { name: 'Lãnh đạo Sở', kind: 'email', emails: [address] } })).status).toBe(200);
  });

  it.each([
    ['250 KB of Vietnamese text', 'Đẩy mạnh phong trào thi đua yêu nước, hoàn thành xuất sắc nhiệm vụ chính trị được giao. ', 245_000, 'L'],
    ['80 KB of "&", five times longer once escaped in HTML', '&', 80_000, 'A'],
  ])('a letter of %s is stored, issued and mailed whole', async (_what, unit, bytes, tag) => {
    const documentNumber = `${Math.floor(Math.random() * 9000) + 1000}/KH-${tag}${MARK.slice(-4).toUpperCase()}`;
    const body = minimalLetter({
      documentNumber,
      title: `Thư lớn ${MARK} ${tag}`,
      recipientGroups: [`${CODE}_LD`],
      contents: paragraphsOf(unit, bytes),
      deadlines: { nominations: '2030-12-10T17:00:00+07:00' },
    });
    const size = Buffer.byteLength(JSON.stringify(body));
    expect(size).toBeGreaterThan(bytes);
    expect(size).toBeLessThan(MAX_BODY_BYTES);
    const created = await call('POST', '/campaigns', { token: admin, body });
    expect(created.status).toBe(201);
    expect((await call('POST', `/campaigns/${created.body.id}/issue`, { token: admin })).status).toBe(200);
    const row = await eventually('the letter sent', async () => {
      const [d] = (await call('GET', `/campaigns/${created.body.id}/deliveries`, { token: admin })).body.items ?? [];
      return d && ['sent', 'failed', 'uncertain'].includes(d.status) ? d : undefined;
    });
    expect(row).toMatchObject({ address, status: 'sent' });
    const mail = await eventually('the letter in the SES emulator', async () => (await sentEmails()).find((e) => e.subject.startsWith(`[${documentNumber}]`)));
    // The whole letter, its last paragraph included, is the attached PDF (issue 12); the mail is its cover note.
    expect(mail.body.text).toContain(`Kế hoạch số ${documentNumber} ngày`);
    expect(mail.attachments).toHaveLength(1);
    const pdf = readPdf(Buffer.from(mail.attachments![0]!.content, 'base64'));
    const squeezed = (s: string) => s.replace(/\s+/g, '');
    // Its end, spaces aside (the renderer justifies lines and cuts a word longer than a line).
    expect(squeezed(pdf.pages.map((p) => p.text).join(''))).toContain(squeezed(body.contents.at(-1)!).slice(-40));
    expect(pdf.pages.length).toBeGreaterThan(10);
  });

  it('a message in several parts reads back whole from DynamoDB Local', async () => {
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: process.env.DYNAMODB_ENDPOINT,
      AWS_REGION: 'ap-southeast-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const { putMessageIfAbsent, getMessage, PART_BYTES } = await import('../../shared/store/messages');
    let seed = 11;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    const noise = Array.from({ length: 500_000 }, () => String.fromCharCode(0x1ea0 + (next() % 90))).join('');
    const message = { subject: `Thư nhiều phần ${MARK}`, html: `<p>${noise}</p>`, text: noise };
    await putMessageIfAbsent(DEFAULT_AGENCY_ID, `parts-${MARK}`, 'e1', 'letter', message);
    await putMessageIfAbsent(DEFAULT_AGENCY_ID, `parts-${MARK}`, 'e1', 'letter', message); // a retried consumer writes the same parts, once
    const parts = (await allItems()).filter((i) => i.pk === campaignPk(DEFAULT_AGENCY_ID, `parts-${MARK}`) && String(i.sk).includes('#PART#'));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => (p.body as Uint8Array).length <= PART_BYTES)).toBe(true);
    expect(await getMessage(DEFAULT_AGENCY_ID, `parts-${MARK}`, 'e1', 'letter')).toEqual(message);
  });

  it('a forged or truncated pagination cursor is a 400 naming query.cursor', async () => {
    const forged = [
      Buffer.from(JSON.stringify({ pk: 'CAMPAIGN#x', sk: 'CAMPAIGN', gsi1pk: 'DIRECTORY', gsi1sk: 'x' })).toString('base64url'),
      // Another agency's cursor: a real key shape, another agency's index partition.
      Buffer.from(JSON.stringify({ pk: campaignPk('other', 'x'), sk: 'CAMPAIGN', gsi1pk: campaignsIndexPk('other'), gsi1sk: '2026-01-01T00:00:00.000Z#x' })).toString('base64url'),
      Buffer.from(JSON.stringify({ pk: { S: 'x' } })).toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      'bm90IGpzb24',
    ];
    for (const cursor of forged) {
      const res = await call('GET', `/campaigns?cursor=${cursor}`, { token: admin });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'request.invalid', errors: [{ path: 'query.cursor', message: 'không phải con trỏ trang do API này trả về' }] });
    }
    // A cursor the API returned still pages on.
    const page = await call('GET', '/campaigns?limit=1', { token: admin });
    if (page.body.nextCursor) expect((await call('GET', `/campaigns?limit=1&cursor=${page.body.nextCursor}`, { token: admin })).status).toBe(200);
  });

  it.each([
    ['NUL in the title', { title: `Phong trào\u0000 ${MARK}` }, 'title'],
    ['BEL in the signer’s name', { signer: { name: 'Trịnh\u0007 Mai', position: 'Giám đốc' } }, 'signer.name'],
    ['ESC in a paragraph', { contents: [`Nội dung \u001b[31m đỏ ${MARK}`] }, 'contents.0'],
    ['a name of zero-width spaces', { signer: { name: '\u200b\u200b \u200b', position: 'Giám đốc' } }, 'signer.name'],
  ])('%s is refused, naming the field, and nothing is written', async (_what, over, field) => {
    const before = (await mentions()).length;
    const res = await call('POST', '/campaigns', { token: admin, body: minimalLetter({ title: `Phong trào ${MARK}`, recipientGroups: [`${CODE}_LD`], ...over }) });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([field]);
    expect((await mentions()).length).toBe(before);
  });

  it('a ballot of more lines than a campaign can hold is refused', async () => {
    const votes = Array.from({ length: 5001 }, (_, i) => ({ nominationId: `n${i}`, title: 'LDTT', yes: 1 }));
    const res = await call('POST', `/campaigns/none-${MARK}/council-votes`, { token: admin, body: { membersTotal: 9, present: 9, writtenVotes: 0, votes } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['votes']);
  });
});
