import { INVITATION } from '../../shared/mail/invitation';
import { allItems, call, eventually, sentEmails } from './client';

/**
 * Users through the API (issue 10) on the twin: an agency's admin enrols a unit's reporter, Cognito's stand-in sends the
 * invitation through the SES emulator, the reporter signs in as themselves; another agency neither sees nor touches
 * them; other roles are refused; bad input names its field and writes nothing; disabling stops new sign-ins.
 */
const MARK = `u${Date.now().toString(36)}`;
const AGENCY = 'default';
const OTHER = `so-noi-vu-${MARK}`;
const UNIT = `PHONG-${MARK}`;
const reporterEmail = `to.vien.${MARK}@example.org`;

async function token(body: Record<string, unknown>): Promise<{ status: number; token?: string; claims?: Record<string, any>; message?: string }> {
  const res = await call<{ token?: string; message?: string }>('POST', '/local/token', { body });
  const t = res.body.token;
  return { status: res.status, ...(t ? { token: t, claims: JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()) } : {}), ...(res.body.message ? { message: res.body.message } : {}) };
}
const tokenOf = async (sub: string, groups: string[], agencyId: string, unitId?: string) => (await token({ sub, groups, agencyId, ...(unitId ? { unitId } : {}) })).token!;
/** The table's user records of this run, wherever they are. */
const userItems = async () => (await allItems()).filter((i) => String(i.sk).startsWith('USER#') && String(i.sk).includes(MARK));

let admin: string;
let otherAdmin: string;
beforeAll(async () => {
  admin = await tokenOf(`van-phong-${MARK}`, ['admin'], AGENCY);
  otherAdmin = await tokenOf(`van-phong-noi-vu-${MARK}`, ['admin'], OTHER);
  expect((await call('PUT', `/units/${UNIT}`, { token: admin, body: { name: 'Phòng Lãnh sự', emails: [`ls.${MARK}@example.org`] } })).status).toBe(200);
  // A unit of the same id in the other agency: an id alone never crosses agencies.
  expect((await call('PUT', `/units/B${UNIT}`, { token: otherAdmin, body: { name: 'Phòng của Sở Nội vụ', emails: [`b.${MARK}@example.org`] } })).status).toBe(200);
});

/** Enrols the reporter once, whichever test asks first (each test runs alone too). */
let enrolled: Promise<{ status: number; body: any }> | undefined;
const enrolReporter = () => (enrolled ??= call('POST', '/users', { token: admin, body: { email: reporterEmail.toUpperCase(), name: 'Tô Viên', role: 'unit', unitId: UNIT } }));

describe('an admin enrols a unit’s reporter', () => {
  it('201: the account in the caller’s agency, with its unit and role, enrolled', async () => {
    const res = await enrolReporter();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: reporterEmail, email: reporterEmail, name: 'Tô Viên', role: 'unit', unitId: UNIT, state: 'enrolled', createdBy: `van-phong-${MARK}` });
    expect(res.body.sub).toMatch(/^[0-9a-f-]{36}$/);
    const items = await userItems();
    expect(items.map((i) => i.pk)).toEqual([`AGENCY#${AGENCY}#DIRECTORY`]);
  });

  it('the invitation lands in the SES emulator: in Vietnamese, with the login name and a temporary password', async () => {
    await enrolReporter();
    const mail = await eventually('the invitation', async () => (await sentEmails()).find((e) => e.destination.to.includes(reporterEmail)));
    expect(mail.subject).toBe(INVITATION.subject);
    expect(mail.body.text).toContain(`Tên đăng nhập: ${reporterEmail}`);
    expect(mail.body.text).toMatch(/Mật khẩu tạm thời: \S{12}/);
  });

  it('the reporter signs in as themselves: their sub, group, agency and unit, whatever the token request says', async () => {
    const enrolment = await enrolReporter();
    const t = await token({ sub: reporterEmail, groups: ['admin'], agencyId: OTHER });
    expect(t.claims).toMatchObject({ sub: enrolment.body.sub, 'cognito:groups': ['unit'], 'custom:agencyId': AGENCY, 'custom:unitId': UNIT, email: reporterEmail });
    // A unit's reporter sees its own unit's addresses: the token works with the API.
    const units = await call('GET', '/units', { token: t.token });
    expect(units.status).toBe(200);
    expect(units.body.items.find((u: any) => u.unitId === UNIT).emails).toEqual([`ls.${MARK}@example.org`]);
  });

  it('GET /users lists them for the agency’s admin; enrolling the same address again is 409 user.exists', async () => {
    await enrolReporter();
    const list = await call('GET', '/users', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.items.filter((u: any) => u.email === reporterEmail)).toEqual([expect.objectContaining({ state: 'enrolled', unitId: UNIT })]);
    const again = await call('POST', '/users', { token: admin, body: { email: reporterEmail, name: 'Tô Viên', role: 'viewer' } });
    expect(again).toMatchObject({ status: 409, body: { code: 'user.exists' } });
  });
});

describe('another agency', () => {
  it('does not see the user, cannot disable them (404), and cannot enrol their address (409 user.taken), writing nothing', async () => {
    await enrolReporter();
    const list = await call('GET', '/users', { token: otherAdmin });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(reporterEmail);
    const disable = await call('POST', `/users/${encodeURIComponent(reporterEmail)}/disable`, { token: otherAdmin });
    expect(disable).toMatchObject({ status: 404, body: { code: 'user.not_found' } });
    expect(JSON.stringify(disable.body)).not.toContain('Tô Viên');
    const takeOver = await call('POST', '/users', { token: otherAdmin, body: { email: reporterEmail, name: 'Người khác', role: 'admin' } });
    expect(takeOver).toMatchObject({ status: 409, body: { code: 'user.taken' } });
    expect((await userItems()).map((i) => i.pk)).toEqual([`AGENCY#${AGENCY}#DIRECTORY`]);
    // Still enabled, still a reporter of the first agency.
    expect((await token({ sub: reporterEmail, groups: [] })).claims).toMatchObject({ 'cognito:groups': ['unit'], 'custom:agencyId': AGENCY });
  });
});

describe('who may', () => {
  it.each([
    ['unit', ['unit'], UNIT],
    ['viewer', ['viewer'], undefined],
    ['council', ['council'], undefined],
    // The platform operator creates agencies, not an agency's people.
    ['platform', ['platform'], undefined],
  ])('a %s gets 403 on every users route, and nothing is written', async (_, groups, unitId) => {
    const t = groups[0] === 'platform' ? (await token({ sub: `platform-${MARK}`, groups })).token! : await tokenOf(`${groups[0]}-${MARK}`, groups as string[], AGENCY, unitId);
    const body = { email: `sneaky.${groups[0]}.${MARK}@example.org`, name: 'Ai Đó', role: 'admin' };
    expect((await call('POST', '/users', { token: t, body })).status).toBe(403);
    expect((await call('GET', '/users', { token: t })).status).toBe(403);
    expect((await call('POST', `/users/${encodeURIComponent(reporterEmail)}/disable`, { token: t })).status).toBe(403);
    expect((await userItems()).filter((i) => String(i.sk).includes('sneaky'))).toEqual([]);
  });
});

describe('bad input', () => {
  it.each([
    ['a reporter without a unit', 'unitId', { name: 'A', role: 'unit' }],
    ['a unit of another agency', 'unitId', { name: 'A', role: 'unit', unitId: `B${UNIT}` }],
    ['a unit that does not exist', 'unitId', { name: 'A', role: 'unit', unitId: 'NO-SUCH-UNIT' }],
    ['the platform role', 'role', { name: 'A', role: 'platform' }],
    ['an agency in the body', '(body)', { name: 'A', role: 'viewer', agencyId: OTHER }],
    ['a blank name', 'name', { name: ' ', role: 'viewer' }],
  ])('%s: 400 naming %s, nothing written, no account, no invitation', async (what, path, fields) => {
    const email = `bad.${what.replaceAll(' ', '-')}.${MARK}@example.org`;
    const res = await call('POST', '/users', { token: admin, body: { email, ...fields } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('request.invalid');
    expect(res.body.errors.map((e: any) => e.path)).toContain(path);
    expect((await userItems()).filter((i) => i.sk === `USER#${email}`)).toEqual([]);
    // No account: a token for the address is a test token (its sub is what was asked), not an enrolled user's.
    expect((await token({ sub: email, groups: [] })).claims).toMatchObject({ sub: email, 'cognito:groups': [] });
    expect((await sentEmails()).filter((e) => e.destination.to.includes(email))).toEqual([]);
  });

  it('a disable of an address that is not one: 400 naming username', async () => {
    const res = await call('POST', '/users/not-an-address/disable', { token: admin });
    expect(res).toMatchObject({ status: 400, body: { code: 'request.invalid', errors: [{ path: 'username' }] } });
  });
});

describe('disabling', () => {
  it('the agency’s admin disables the user: the record says so, and the account gets no more tokens', async () => {
    const email = `ra.di.${MARK}@example.org`;
    expect((await call('POST', '/users', { token: admin, body: { email, name: 'Rà Đi', role: 'viewer' } })).status).toBe(201);
    expect((await token({ sub: email, groups: [] })).status).toBe(200);
    const res = await call('POST', `/users/${encodeURIComponent(email)}/disable`, { token: admin });
    expect(res).toMatchObject({ status: 200, body: { username: email, state: 'disabled', disabledBy: `van-phong-${MARK}` } });
    expect(await token({ sub: email, groups: ['viewer'] })).toMatchObject({ status: 400, message: 'User is disabled.' });
    const list = await call('GET', '/users', { token: admin });
    expect(list.body.items.find((u: any) => u.email === email).state).toBe('disabled');
    // Idempotent: again is the same answer.
    expect((await call('POST', `/users/${encodeURIComponent(email)}/disable`, { token: admin })).body.state).toBe('disabled');
  });

  it('an admin cannot disable their own account (409 user.self)', async () => {
    const email = `chanh.vp.${MARK}@example.org`;
    expect((await call('POST', '/users', { token: admin, body: { email, name: 'Chánh Văn phòng', role: 'admin' } })).status).toBe(201);
    const self = (await token({ sub: email, groups: [] })).token!;
    expect(await call('POST', `/users/${encodeURIComponent(email)}/disable`, { token: self })).toMatchObject({ status: 409, body: { code: 'user.self' } });
    expect((await token({ sub: email, groups: [] })).status).toBe(200);
  });
});
