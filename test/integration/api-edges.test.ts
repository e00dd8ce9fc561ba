import { minimalLetter, type LetterInput } from '../../seed/minimal-letter';
import { routes } from '../../shared/http/routes';
import { allItems, call, tokenFor } from './client';

/** Bad input gets a 4xx naming the field and changes nothing; tokens and roles are checked. */
const MARK = `EDGE${Date.now()}`;
const group = { name: 'Lãnh đạo Sở', kind: 'email', purpose: 'để chỉ đạo', emails: ['gd@example.org'] };
const letter = (over: Partial<LetterInput> = {}) =>
  minimalLetter({
    documentNumber: '77/KH-SNgV',
    title: `Phong trào thi đua ${MARK}`,
    recipientGroups: [`${MARK}_LD`],
    deadlines: { nominations: '2023-12-10T17:00:00+07:00' },
    ...over,
  });
const mentions = async () => (await allItems()).filter((i) => JSON.stringify(i).includes(MARK));

describe('API edges on the local twin', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await tokenFor(['admin']);
    expect((await call('PUT', `/recipient-groups/${MARK}_LD`, { token: admin, body: group })).status).toBe(200);
  });

  it('health and the API document need no token', async () => {
    expect(await call('GET', '/health')).toEqual({ status: 200, body: { status: 'ok' } });
    const doc = await call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    for (const r of routes) expect(doc.body.paths[r.path][r.method.toLowerCase()]).toBeDefined();
    // generated from the zod schema that validates the body, not written by hand
    const schema = doc.body.paths['/campaigns'].post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['documentNumber', 'recipientGroups', 'signer', 'deadlines']));
  });

  it('401 without a token or with a bad one', async () => {
    expect((await call('GET', '/campaigns')).status).toBe(401);
    expect((await call('GET', '/campaigns', { token: 'not.a.jwt' })).status).toBe(401);
    const forged = (await tokenFor(['admin'])).replace(/\.[^.]+$/, '.c2lnbmF0dXJl');
    expect((await call('GET', '/campaigns', { token: forged })).status).toBe(401);
  });

  it('403 for a role the route does not allow, and nothing written', async () => {
    const viewer = await tokenFor(['viewer']);
    const unit = await tokenFor(['unit'], 'u-vp', 'VP');
    expect((await call('POST', '/campaigns', { token: viewer, body: letter() })).status).toBe(403);
    expect((await call('PUT', `/recipient-groups/${MARK}_X`, { token: unit, body: group })).status).toBe(403);
    expect((await call('GET', '/campaigns', { token: viewer })).status).toBe(200);
    const mine = await mentions();
    expect(mine.map((i) => i.sk)).toEqual([`GROUP#${MARK}_LD`]);
  });

  it.each([
    ['a missing field', letter({ title: undefined }), ['title']],
    ['a bad number and symbol', letter({ documentNumber: 'KH 15' }), ['documentNumber']],
    ['an empty signer name', letter({ signer: { name: '  ', position: 'Giám đốc' } }), ['signer.name']],
    ['an unknown recipient group', letter({ recipientGroups: [`${MARK}_LD`, 'NO_SUCH_GROUP'] }), ['recipientGroups.1']],
    ['an unknown unit', letter({ participatingUnits: ['NO_SUCH_UNIT'] }), ['participatingUnits.0']],
    ['a deadline without an offset', letter({ deadlines: { nominations: '2023-12-10T17:00:00' } }), ['deadlines.nominations']],
    ['deadlines out of order', letter({ deadlines: { reports: '2023-12-20T17:00:00+07:00', nominations: '2023-12-10T17:00:00+07:00' } }), ['deadlines.nominations']],
  ])('400 for %s, naming the field, and nothing written', async (_what, body, paths) => {
    const res = await call('POST', '/campaigns', { token: admin, body });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(paths));
    expect((await mentions()).filter((i) => i.entity !== 'RecipientGroup')).toEqual([]);
  });

  it('400 for a body that is not JSON, and for a bad group', async () => {
    const bad = await call('POST', '/campaigns', { token: admin, rawBody: '{"title": ' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('(body)');
    const g = await call('PUT', `/recipient-groups/${MARK}_BAD`, { token: admin, body: { name: 'X', kind: 'email', emails: ['not-an-address'] } });
    expect(g.status).toBe(400);
    expect(g.body.errors.map((e: { path: string }) => e.path)).toEqual(['emails.0']);
    const k = await call('PUT', `/recipient-groups/lower_case`, { token: admin, body: group });
    expect(k.status).toBe(400);
    expect(k.body.errors[0].path).toBe('code');
    expect((await mentions()).map((i) => i.sk)).toEqual([`GROUP#${MARK}_LD`]);
  });

  it('413 for a body over 256 KB, and nothing written', async () => {
    const res = await call('POST', '/campaigns', { token: admin, body: letter({ theme: `${MARK} ${'x'.repeat(300 * 1024)}` }) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('request.too_large');
    expect((await mentions()).filter((i) => i.entity !== 'RecipientGroup')).toEqual([]);
  });

  it('404 for an unknown campaign and an unknown route', async () => {
    expect(await call('GET', '/campaigns/no-such-campaign', { token: admin })).toMatchObject({
      status: 404,
      body: { code: 'campaign.not_found', message: 'Không tìm thấy phong trào "no-such-campaign".' },
    });
    expect((await call('POST', '/campaigns/no-such-campaign/issue', { token: admin })).body.code).toBe('campaign.not_found');
    expect((await call('GET', '/no/such/route', { token: admin })).status).toBe(404);
  });

  it('PUT of a group is an idempotent upsert', async () => {
    const a = await call('PUT', `/recipient-groups/${MARK}_LD`, { token: admin, body: group });
    const b = await call('PUT', `/recipient-groups/${MARK}_LD`, { token: admin, body: group });
    expect(a.status).toBe(200);
    expect({ ...b.body, updatedAt: undefined }).toEqual({ ...a.body, updatedAt: undefined });
    const list = await call('GET', '/recipient-groups', { token: await tokenFor(['council']) });
    expect(list.body.items.filter((g: { code: string }) => g.code === `${MARK}_LD`)).toHaveLength(1);
  });

  it('lists campaigns newest first, page by page with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call('POST', '/campaigns', { token: admin, body: letter({ documentNumber: `${80 + i}/KH-SNgV` }) });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call('GET', `/campaigns?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: admin });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const ours = seen.filter((id) => ids.includes(id));
    expect(ours).toEqual([...ids].reverse());
    const bad = await call('GET', '/campaigns?limit=0', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.limit']);
    // the query parameters are in the API document, from the same schema
    const doc = await call('GET', '/openapi.json');
    expect(doc.body.paths['/campaigns'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['query:limit', 'query:cursor']);
  });
});
