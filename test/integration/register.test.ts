import { minimalLetter } from '../../seed/minimal-letter';
import { allItems, call, tokenFor } from './client';

/**
 * The register of outgoing documents (issue 12; NĐ 30/2020 Art 15): numbers per agency, year and type, taken
 * atomically; a number given by hand is checked against it when the letter is issued. On the twin, over loopback.
 */
const MARK = `REG${Date.now().toString(36).toUpperCase()}`;
const YEAR = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString().replace('Z', '+00:00');

async function agencyToken(groups: string[], agencyId: string): Promise<string> {
  const res = await call<{ token: string }>('POST', '/local/token', { body: { sub: `${MARK}-${groups[0]}-${agencyId}`, groups, agencyId } });
  if (res.status !== 200) throw new Error(`token: ${res.status}`);
  return res.body.token;
}

describe('the register of outgoing documents', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await tokenFor(['admin']);
    const put = await call('PUT', `/recipient-groups/${MARK}_LD`, { token: admin, body: { name: 'Lãnh đạo Sở', kind: 'email', purpose: 'để chỉ đạo', emails: ['gd@example.org'] } });
    expect(put.status).toBe(200);
  });

  it('50 parallel requests for the next number get 50 distinct, consecutive numbers in the agency’s ký hiệu', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => call('POST', '/document-numbers', { token: admin, body: { type: 'BB', title: `Biên bản thử ${MARK} ${i}` } })));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const numbers = answers.map((a) => a.body.number as number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(50);
    expect(numbers.at(-1)! - numbers[0]!).toBe(49);
    for (const a of answers) expect(a.body).toMatchObject({ documentNumber: `${a.body.number}/BB-SNgV`, type: 'BB', year: YEAR, source: 'requested' });
    // The register lists each once, in order.
    const listed = await call('GET', `/document-numbers?year=${YEAR}&type=BB`, { token: admin });
    expect(listed.status).toBe(200);
    const mine = listed.body.items.filter((e: { title: string }) => e.title.includes(MARK)).map((e: { number: number }) => e.number);
    expect(mine).toEqual(numbers);
  });

  it('a letter’s number given by hand is registered when it is issued; the same number again is a 409 that changes nothing', async () => {
    const n = 40_000 + Math.floor(Math.random() * 9000);
    const number = `${n}/KH-SNgV`;
    const letter = (title: string) => minimalLetter({ documentNumber: number, title, recipientGroups: [`${MARK}_LD`], deadlines: { nominations: hours(48) } });
    const first = await call('POST', '/campaigns', { token: admin, body: letter(`Phong trào thứ nhất ${MARK}`) });
    const second = await call('POST', '/campaigns', { token: admin, body: letter(`Phong trào thứ hai ${MARK}`) });
    expect((await call('POST', `/campaigns/${first.body.id}/issue`, { token: admin })).status).toBe(200);
    // Issued again (a lost answer retried): still its own number, no conflict with itself.
    expect((await call('POST', `/campaigns/${first.body.id}/issue`, { token: admin })).body.code).toBe('campaign.not_draft');

    const before = JSON.stringify((await allItems()).filter((i) => JSON.stringify(i).includes(second.body.id)));
    const refused = await call('POST', `/campaigns/${second.body.id}/issue`, { token: admin });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'document.number_taken' });
    expect(refused.body.message).toBe(`Số văn bản ${number} đã được đăng ký năm ${YEAR} cho văn bản “Phong trào thứ nhất ${MARK}” (Kế hoạch); hãy dùng số khác.`);
    expect(refused.body.errors).toEqual([{ path: 'documentNumber', message: 'trùng số trong sổ đăng ký văn bản đi' }]);
    expect(JSON.stringify((await allItems()).filter((i) => JSON.stringify(i).includes(second.body.id)))).toBe(before);
    expect((await call('GET', `/campaigns/${second.body.id}`, { token: admin })).body.status).toBe('draft');

    // The next KH number follows the one given by hand.
    const next = await call('POST', '/document-numbers', { token: admin, body: { type: 'KH', title: `Kế hoạch tiếp theo ${MARK}` } });
    expect(next.body.number).toBeGreaterThan(n);
    const entry = (await call('GET', `/document-numbers?year=${YEAR}&type=KH`, { token: admin })).body.items.find((e: { number: number }) => e.number === n);
    expect(entry).toMatchObject({ documentNumber: number, source: 'campaign-letter', campaignId: first.body.id, title: `Phong trào thứ nhất ${MARK}` });
  });

  it('a number the Office took from the register is the letter’s that carries it', async () => {
    const taken = await call('POST', '/document-numbers', { token: admin, body: { type: 'KH', title: `Kế hoạch dự kiến ${MARK}` } });
    const created = await call('POST', '/campaigns', {
      token: admin,
      body: minimalLetter({ documentNumber: taken.body.documentNumber, title: `Phong trào số lấy trước ${MARK}`, recipientGroups: [`${MARK}_LD`], deadlines: { nominations: hours(48) } }),
    });
    expect((await call('POST', `/campaigns/${created.body.id}/issue`, { token: admin })).status).toBe(200);
    const entry = (await call('GET', `/document-numbers?year=${YEAR}&type=KH`, { token: admin })).body.items.find((e: { number: number }) => e.number === taken.body.number);
    expect(entry).toMatchObject({ source: 'campaign-letter', campaignId: created.body.id });
  });

  it('who sees the register: the Office and viewers of the agency; units and the Council are refused; another agency sees only its own', async () => {
    await call('POST', '/document-numbers', { token: admin, body: { type: 'TB', title: `Thông báo riêng ${MARK}` } });
    expect((await call('GET', `/document-numbers?year=${YEAR}`, { token: await tokenFor(['viewer']) })).status).toBe(200);
    for (const groups of [['unit'], ['council']]) {
      const token = await tokenFor(groups, `${MARK}-${groups[0]}`, groups[0] === 'unit' ? 'VP' : undefined);
      expect((await call('GET', `/document-numbers?year=${YEAR}`, { token })).status).toBe(403);
      expect((await call('POST', '/document-numbers', { token, body: { type: 'TB', title: 'x' } })).status).toBe(403);
    }
    const other = await agencyToken(['admin'], `other-${MARK.toLowerCase()}`);
    const theirs = await call('GET', `/document-numbers?year=${YEAR}`, { token: other });
    expect(theirs.status).toBe(200);
    expect(JSON.stringify(theirs.body)).not.toContain(MARK);
    // Their agency has no ký hiệu on record: the field to send is named, and nothing is taken.
    const noSymbol = await call('POST', '/document-numbers', { token: other, body: { type: 'TB', title: `Thông báo ${MARK}` } });
    expect(noSymbol.status).toBe(400);
    expect(noSymbol.body.errors).toEqual([{ path: 'symbol', message: 'bắt buộc khi cơ quan chưa có documentSymbol' }]);
    const withSymbol = await call('POST', '/document-numbers', { token: other, body: { type: 'TB', title: `Thông báo ${MARK}`, symbol: 'SKHĐT' } });
    expect(withSymbol.body).toMatchObject({ documentNumber: '1/TB-SKHĐT', number: 1 });
  });

  it('bad input names the field', async () => {
    const bad = await call('POST', '/document-numbers', { token: admin, body: { type: 'XX', title: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((d: { path: string }) => d.path).sort()).toEqual(['title', 'type']);
    expect((await call('GET', '/document-numbers?year=abc', { token: admin })).status).toBe(400);
  });
});
