import { DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { minimalLetter } from '../../seed/minimal-letter';
import { canThoTable, canThoWorkedReport } from '../../seed/scoring-table-can-tho';
import { routes, type RouteSpec } from '../../shared/http/routes';
import { agencyPk, keys } from '../../shared/store/keys';
import { allItems, call, eventually, routePath, sentEmails, type StoredEmail } from './client';

/**
 * Agencies and the line of authority (issue 10), on the twin: a province and two of its departments in one deployment.
 * Department A forwards what its council proposed (a Bằng khen of the Chủ tịch UBND tỉnh) to the province, which decides
 * it; department B's data stays out of reach of every role of A, and of the platform operator.
 */
const MARK = `ag${Date.now().toString(36)}`;
const PROVINCE = `p-${MARK}`;
const DEPT_A = `a-${MARK}`;
const DEPT_B = `b-${MARK}`;
const DEPT_A_SENDER = 'thidua@songoaivu.example.org';
const DEPT_A_OFFICE = `vanphong.${MARK}@songoaivu.example.org`;
const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString().replace('Z', '+00:00');
const docNumber = () => `${Math.floor(Math.random() * 9000) + 1000}/KH-SNgV`;

/** Department B's private data: none of these may appear in any answer to agency A or to the platform. */
const secretB = {
  title: `Phong trào bí mật ${MARK}`,
  office: `vanphong.${MARK}@so-b.example.org`,
  unitName: `Phòng Nội bộ ${MARK}`,
  person: `Nguyễn Riêng Tư ${MARK}`,
  summary: `Báo cáo nội bộ ${MARK}`,
};
const leaks = (text: string) => Object.values(secretB).filter((s) => text.includes(s));

async function token(sub: string, groups: string[], agencyId?: string, unitId?: string): Promise<string> {
  const res = await call<{ token: string }>('POST', '/local/token', { body: { sub, groups, ...(agencyId ? { agencyId } : {}), ...(unitId ? { unitId } : {}) } });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

async function ok<T = any>(method: string, path: string, tokenValue: string, body?: unknown, status = 200): Promise<T> {
  const res = await call<T>(method, path, { token: tokenValue, ...(body !== undefined ? { body } : {}) });
  if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const person = (name: string, unitId: string, over: object = {}) => ({ kind: 'individual', name, gender: 'female', unitId, hireDate: '2014-09-01', taskRating: 'HTXSNV', ...over });

/** One agency's Office sets up a directory and an issued campaign. */
async function agencyCampaign(admin: string, code: string, units: { unitId: string; name: string; email: string }[], extra: object = {}) {
  await ok('PUT', `/recipient-groups/${code}`, admin, { name: `Văn phòng ${code}`, kind: 'email', emails: [`office.${code.toLowerCase()}@example.org`] });
  for (const u of units) await ok('PUT', `/units/${u.unitId}`, admin, { name: u.name, emails: [u.email] });
  const created = await ok<{ id: string }>(
    'POST',
    '/campaigns',
    admin,
    minimalLetter({
      documentNumber: docNumber(),
      title: `Phong trào thi đua ${code}`,
      recipientGroups: [code],
      participatingUnits: units.map((u) => u.unitId),
      officeGroup: code,
      deadlines: { nominations: hours(72) },
      // The 2025 year-end round: the law of 10/12/2025 (vn-2025), the work of 2025 judged.
      referenceDate: '2025-12-10',
      assessmentYear: 2025,
      ...extra,
    }),
    201,
  );
  await ok('POST', `/campaigns/${created.id}/issue`, admin);
  return created.id;
}

/** Close, let the engine decide, vote every decision through, finalize. */
async function decideAll(admin: string, campaignId: string) {
  await ok('POST', `/campaigns/${campaignId}/close-nominations`, admin);
  const proposal = await eventually('the proposal', async () => {
    const res = await call('GET', `/campaigns/${campaignId}/proposal`, { token: admin });
    return res.status === 200 ? res.body : undefined;
  });
  const votes = proposal.decisions
    .filter((d: { status: string }) => d.status !== 'ineligible')
    .map((d: { nominationId: string; title: string }) => ({ nominationId: d.nominationId, title: d.title, yes: 9 }));
  if (votes.length) await ok('POST', `/campaigns/${campaignId}/council-votes`, admin, { membersTotal: 9, present: 9, writtenVotes: 0, votes });
  return ok('POST', `/campaigns/${campaignId}/results/finalize`, admin);
}

let platform: string;
const once = <T>(step: () => Promise<T>): (() => Promise<T>) => {
  let result: Promise<T> | undefined;
  return () => (result ??= step());
};

const agencies = once(async () => {
  platform = await token(`platform-${MARK}`, ['platform']);
  await ok('PUT', `/agencies/${PROVINCE}`, platform, { name: 'Ủy ban nhân dân tỉnh Lạng Sơn', level: 'province', place: 'Lạng Sơn' });
  await ok('PUT', `/agencies/${DEPT_A}`, platform, {
    name: 'Sở Ngoại vụ tỉnh Lạng Sơn',
    level: 'department',
    place: 'Lạng Sơn',
    parentAgencyId: PROVINCE,
    // Its own sender, one the deployment allows (global-setup's ALLOWED_SENDERS), and its Office for replies.
    mailFrom: DEPT_A_SENDER,
    replyTo: DEPT_A_OFFICE,
  });
  await ok('PUT', `/agencies/${DEPT_B}`, platform, { name: 'Sở Tư pháp tỉnh Lạng Sơn', level: 'department', place: 'Lạng Sơn', parentAgencyId: PROVINCE });
});

describe('agencies and the line of authority', () => {
  it('the platform operator creates agencies, checked (an unknown parent, a cycle, a bad id are 400s naming the field); agency users cannot', async () => {
    await agencies();
    const list = await ok<{ items: { id: string; level: string; parentAgencyId?: string }[] }>('GET', '/agencies', platform);
    expect(list.items.filter((a) => a.id.endsWith(MARK)).map((a) => [a.id, a.level, a.parentAgencyId])).toEqual(
      expect.arrayContaining([
        [PROVINCE, 'province', undefined],
        [DEPT_A, 'department', PROVINCE],
        [DEPT_B, 'department', PROVINCE],
      ]),
    );
    const unknownParent = await call('PUT', `/agencies/c-${MARK}`, { token: platform, body: { name: 'Xã X', level: 'commune', place: 'Lạng Sơn', parentAgencyId: 'khong-co' } });
    expect(unknownParent.status).toBe(400);
    expect(unknownParent.body.errors).toEqual([{ path: 'parentAgencyId', message: expect.stringContaining('khong-co') }]);
    const cycle = await call('PUT', `/agencies/${PROVINCE}`, { token: platform, body: { name: 'Tỉnh', level: 'province', place: 'Lạng Sơn', parentAgencyId: DEPT_A } });
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors[0].path).toBe('parentAgencyId');
    const sender = await call('PUT', `/agencies/c-${MARK}`, { token: platform, body: { name: 'Xã X', level: 'commune', place: 'Lạng Sơn', mailFrom: 'gia-mao@example.org' } });
    expect(sender.status).toBe(400);
    expect(sender.body.errors).toEqual([{ path: 'mailFrom', message: expect.stringContaining('allowedSenders') }]);
    const badId = await call('PUT', '/agencies/So%23Nv', { token: platform, body: { name: 'Sở', level: 'department', place: 'Lạng Sơn' } });
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].path).toBe('agencyId');
    const admin = await token(`admin-${MARK}`, ['admin'], DEPT_A);
    expect((await call('GET', '/agencies', { token: admin })).body.code).toBe('auth.forbidden');
    expect((await call('PUT', `/agencies/${DEPT_A}`, { token: admin, body: { name: 'Sở', level: 'province', place: 'Lạng Sơn' } })).status).toBe(403);
    // Nothing changed by the refused calls.
    const again = await ok<{ items: { id: string; level: string; parentAgencyId?: string }[] }>('GET', '/agencies', platform);
    expect(again.items.find((a) => a.id === PROVINCE)).toMatchObject({ level: 'province' });
    expect(again.items.find((a) => a.id === PROVINCE)?.parentAgencyId).toBeUndefined();
    expect(again.items.some((a) => a.id === `c-${MARK}`)).toBe(false);
  });

  it('a disposable agency is removed with all its data; a real one, or one with agencies below it, is refused and kept', async () => {
    await agencies();
    const TRIAL = `trial-${MARK}`;
    await ok('PUT', `/agencies/${TRIAL}`, platform, { name: 'Cơ quan dùng thử', level: 'department', place: 'Lạng Sơn', parentAgencyId: PROVINCE, disposable: true });
    const admin = await token(`t-office-${MARK}`, ['admin'], TRIAL);
    const campaignId = await agencyCampaign(admin, `T${MARK.toUpperCase()}`, [{ unitId: 'VP', name: 'Văn phòng', email: `t.vp.${MARK}@example.org` }]);
    await eventually('the trial’s letter mailed', async () => ((await call('GET', `/campaigns/${campaignId}/deliveries`, { token: admin })).body.items?.length ? true : undefined));
    const itemsOf = async (agencyId: string) => (await allItems()).filter((i) => String(i.pk).startsWith(`${agencyPk(agencyId)}#`));
    expect((await itemsOf(TRIAL)).length).toBeGreaterThan(5);
    const before = (await itemsOf(DEPT_B)).length;

    // A real agency cannot be made disposable, nor a disposable one given a real agency's id; neither is removed.
    const flip = await call('PUT', `/agencies/${DEPT_B}`, {
      token: platform,
      body: { name: 'Sở Tư pháp tỉnh Lạng Sơn', level: 'department', place: 'Lạng Sơn', parentAgencyId: PROVINCE, disposable: true },
    });
    expect(flip.status).toBe(400);
    expect(flip.body.errors[0].path).toBe('disposable');
    const disguised = await call('PUT', `/agencies/trial-that-is-real-${MARK}`, { token: platform, body: { name: 'Sở thật', level: 'department', place: 'Lạng Sơn' } });
    expect(disguised.status).toBe(400);
    expect((await call('DELETE', `/agencies/${DEPT_B}`, { token: platform })).body.code).toBe('agency.not_disposable');
    expect((await call('DELETE', `/agencies/${PROVINCE}`, { token: platform })).body.code).toBe('agency.not_disposable');
    // An agency's own admin cannot remove it.
    expect((await call('DELETE', `/agencies/${TRIAL}`, { token: admin })).status).toBe(403);

    const removed = await call('DELETE', `/agencies/${TRIAL}`, { token: platform });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ agencyId: TRIAL, deletedItems: expect.any(Number) });
    await eventually('the trial’s items all gone', async () => ((await itemsOf(TRIAL)).length === 0 ? true : undefined));
    expect((await ok<{ items: { id: string }[] }>('GET', '/agencies', platform)).items.some((a) => a.id === TRIAL)).toBe(false);
    // Its record in the platform's partition is a tombstone (the purge may delete in disposable partitions only).
    expect((await allItems()).filter((i) => i.sk === `AGENCY#${TRIAL}`)).toEqual([expect.objectContaining({ removedAt: expect.any(String) })]);
    expect((await call('DELETE', `/agencies/${TRIAL}`, { token: platform })).status).toBe(404);
    // Nobody else's data went with it.
    expect((await itemsOf(DEPT_B)).length).toBe(before);
  });

  it('the platform operator enrols an agency’s first administrator, who signs in inside that agency; nobody else may', async () => {
    await agencies();
    const address = `quan-tri.${MARK}@so-tu-phap.example.org`;
    const enrolled = await call('POST', `/agencies/${DEPT_B}/admins`, { token: platform, body: { email: address, name: 'Trần Thị Quản Trị' } });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body).toMatchObject({ username: address, role: 'admin', state: 'enrolled' });
    const invitation = await eventually('the invitation', async () => (await sentEmails()).find((m) => m.destination.to.includes(address)));
    expect(invitation.subject).toMatch(/Tài khoản/);
    // Signed in as themselves, they act inside department B: its users list has them, A's does not.
    const signedIn = await call<{ token: string }>('POST', '/local/token', { body: { sub: address, groups: [] } });
    const listed = await ok<{ items: { username: string }[] }>('GET', '/users', signedIn.body.token);
    expect(listed.items.map((u) => u.username)).toContain(address);
    const aAdmin = await token(`a-office-${MARK}`, ['admin'], DEPT_A);
    expect((await ok<{ items: { username: string }[] }>('GET', '/users', aAdmin)).items.map((u) => u.username)).not.toContain(address);
    // An agency's own admin cannot use the platform's route, even for its own agency; an unknown agency is 404.
    expect((await call('POST', `/agencies/${DEPT_A}/admins`, { token: aAdmin, body: { email: `x.${MARK}@example.org`, name: 'X' } })).status).toBe(403);
    const unknown = await call('POST', '/agencies/khong-co/admins', { token: platform, body: { email: `y.${MARK}@example.org`, name: 'Y' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('agency.not_found');
    // The same address again: the account exists (409), nothing new.
    expect((await call('POST', `/agencies/${DEPT_B}/admins`, { token: platform, body: { email: address, name: 'Trần Thị Quản Trị' } })).body.code).toBe('user.exists');
  });

  it('a department forwards its council’s proposal to the province, which decides it and mails the department; a second call is 409, an interrupted one resumes without a duplicate', async () => {
    await agencies();
    const provAdmin = await token(`prov-office-${MARK}`, ['admin'], PROVINCE);
    const deptAdmin = await token(`dept-office-${MARK}`, ['admin'], DEPT_A);
    const deptMail = `vanphong.${DEPT_A}@so-ngoai-vu.example.org`;
    // The province lists its departments as its units: department A nominates there under its agency id.
    const provCampaign = await agencyCampaign(provAdmin, `P${MARK.toUpperCase()}`, [{ unitId: DEPT_A, name: 'Sở Ngoại vụ', email: deptMail }]);
    const deptCampaign = await agencyCampaign(deptAdmin, `A${MARK.toUpperCase()}`, [{ unitId: 'VP', name: 'Văn phòng Sở', email: `vp.${MARK}@example.org` }]);
    const bk = await ok<{ id: string }>(
      'POST',
      `/campaigns/${deptCampaign}/nominations`,
      deptAdmin,
      {
        title: 'BANG_KHEN_TINH',
        // Law 2022 Art 74: two consecutive years as Chiến sĩ thi đua cơ sở.
        nominee: person(`Hoàng Thị Thảo ${MARK}`, 'VP', {
          personId: 'nv-07',
          pastTitles: [
            { year: 2024, title: 'CSTDCS' },
            { year: 2025, title: 'CSTDCS' },
          ],
        }),
        achievementSummary: 'Hai năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở.',
      },
      201,
    );
    await ok(
      'POST',
      `/campaigns/${deptCampaign}/nominations`,
      deptAdmin,
      { title: 'GIAY_KHEN', nominee: person(`Lê Văn Tốt ${MARK}`, 'VP', { taskRating: 'HTTNV' }), achievementSummary: 'Hoàn thành tốt nhiệm vụ.' },
      201,
    );

    // The department's mail goes from its own sender, replies to its Office; the province's from the deployment's.
    const fromOf = async (to: string) =>
      eventually(`the letter to ${to}`, async () => (await sentEmails()).find((m) => m.destination.to.includes(to)) as (StoredEmail & { replyTo?: string[] }) | undefined);
    expect(await fromOf(`vp.${MARK}@example.org`)).toMatchObject({ from: DEPT_A_SENDER, replyTo: [DEPT_A_OFFICE] });
    expect((await fromOf(deptMail)).from).not.toBe(DEPT_A_SENDER);

    const early = await call('POST', `/campaigns/${deptCampaign}/submissions`, { token: deptAdmin, body: { parentCampaignId: provCampaign } });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('submission.not_final');

    const results = await decideAll(deptAdmin, deptCampaign);
    const outcomeOf = (title: string) => results.outcomes.find((o: { title: string }) => o.title === title);
    // A Sở's head awards a Giấy khen; the Bằng khen is the Chủ tịch UBND tỉnh's: proposed, not awarded.
    expect(outcomeOf('GIAY_KHEN').outcome).toBe('awarded');
    expect(outcomeOf('BANG_KHEN_TINH')).toMatchObject({ outcome: 'proposed', vote: { yes: 9, passed: true }, proposedTo: { decidedBy: 'province-chairman' } });
    // The department's own decision for the Giấy khen, its Tờ trình đề nghị for the Bằng khen: numbered, rendered, listed.
    expect(Object.keys(results.documents).sort()).toEqual(['decision', 'notice', 'submission']);
    const documents = await eventually('the department’s documents', async () => {
      const items = (await ok<{ items: { kind: string; documentNumber: string }[] }>('GET', `/campaigns/${deptCampaign}/documents`, deptAdmin)).items;
      // The letter, the Tờ trình to the Council (issued on close), the notice, the decision, the Tờ trình đề nghị.
      return items.length >= 5 ? items : undefined;
    });
    expect(documents.find((d) => d.kind === 'superior-submission')?.documentNumber).toBe(results.documents.submission);

    const forwarded = await call('POST', `/campaigns/${deptCampaign}/submissions`, { token: deptAdmin, body: { parentCampaignId: provCampaign } });
    expect(forwarded.status).toBe(201);
    expect(forwarded.body).toMatchObject({ parentAgencyId: PROVINCE, parentCampaignId: provCampaign, nominations: [{ nominationId: bk.id, title: 'BANG_KHEN_TINH', filed: true }] });
    const parentNominationId: string = forwarded.body.nominations[0].parentNominationId;

    const again = await call('POST', `/campaigns/${deptCampaign}/submissions`, { token: deptAdmin, body: { parentCampaignId: provCampaign } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('submission.already_forwarded');

    // A crash after the nominations were filed and before the closing mark: the mark is gone, the call is made again.
    const ddb = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'ap-southeast-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ddb.send(new DeleteItemCommand({ TableName: process.env.TABLE_NAME, Key: marshall(keys.submission(DEPT_A, deptCampaign, PROVINCE, provCampaign)) }));
    const resumed = await call('POST', `/campaigns/${deptCampaign}/submissions`, { token: deptAdmin, body: { parentCampaignId: provCampaign } });
    expect(resumed.status).toBe(201);
    expect(resumed.body.nominations).toEqual([expect.objectContaining({ parentNominationId, filed: false })]);
    const provNominations = await ok<{ items: { id: string; nominatingUnitId: string; origin?: Record<string, unknown> }[] }>('GET', `/campaigns/${provCampaign}/nominations`, provAdmin);
    expect(provNominations.items).toHaveLength(1);
    expect(provNominations.items[0]).toMatchObject({
      id: parentNominationId,
      nominatingUnitId: DEPT_A,
      origin: { agencyId: DEPT_A, campaignId: deptCampaign, nominationId: bk.id, unitId: 'VP', vote: { yes: 9, passed: true } },
    });
    expect((provNominations.items[0]!.origin as { checks: unknown[] }).checks.length).toBeGreaterThan(0);
    // One NominationSubmitted in the province's trail, not one per call.
    const trail = await ok<{ items: { type: string }[] }>('GET', `/campaigns/${provCampaign}/events`, provAdmin);
    expect(trail.items.filter((e) => e.type === 'NominationSubmitted')).toHaveLength(1);

    // Department B cannot see the province's campaign, nor forward into a campaign of an agency that is not its parent.
    const deptB = await token(`dept-b-office-${MARK}`, ['admin'], DEPT_B);
    expect((await call('GET', `/campaigns/${provCampaign}/nominations`, { token: deptB })).status).toBe(404);

    // The province decides under its own authority: its Chủ tịch awards the Bằng khen, and the result reaches the department.
    const provResults = await decideAll(provAdmin, provCampaign);
    expect(provResults.outcomes).toEqual([expect.objectContaining({ nominationId: parentNominationId, title: 'BANG_KHEN_TINH', outcome: 'awarded' })]);
    const mailed = await eventually('the province’s result mail to the department', async () => {
      const mails = (await sentEmails()).filter((m) => m.destination.to.includes(deptMail) && /kết quả/i.test(m.subject));
      return mails.length ? mails : undefined;
    });
    expect(mailed.some((m) => (m.body.html ?? m.body.text ?? '').includes(`Hoàng Thị Thảo ${MARK}`))).toBe(true);
  });

  it('every route of the API document, asked by every role of agency A about agency B’s resources: 403 or 404, none of B’s data, nothing of B’s written; the platform role reads no campaign', async () => {
    await agencies();
    // Agency B: a directory, a user, a campaign with a report and a nomination, all carrying markers.
    const bAdmin = await token(`b-office-${MARK}`, ['admin'], DEPT_B);
    const bUnit = 'VP';
    const bCode = `B${MARK.toUpperCase()}`;
    await ok('PUT', `/recipient-groups/${bCode}`, bAdmin, { name: 'Văn phòng Sở Tư pháp', kind: 'email', emails: [secretB.office] });
    await ok('PUT', `/units/${bUnit}`, bAdmin, { name: secretB.unitName, emails: [secretB.office] });
    const created = await ok<{ id: string }>(
      'POST',
      '/campaigns',
      bAdmin,
      minimalLetter({
        documentNumber: docNumber(),
        title: secretB.title,
        recipientGroups: [bCode],
        participatingUnits: [bUnit],
        officeGroup: bCode,
        scoringTable: canThoTable,
        deadlines: { reports: hours(48), nominations: hours(72) },
        referenceDate: '2025-12-10',
      }),
      201,
    );
    const bCampaign = created.id;
    await ok('POST', `/campaigns/${bCampaign}/issue`, bAdmin);
    const bReporter = await token(`b-reporter-${MARK}`, ['unit'], DEPT_B, bUnit);
    await ok('POST', `/campaigns/${bCampaign}/reports`, bReporter, { ...canThoWorkedReport, unitId: bUnit, summary: secretB.summary }, 201);
    const bNomination = await ok<{ id: string }>(
      'POST',
      `/campaigns/${bCampaign}/nominations`,
      bAdmin,
      { title: 'GIAY_KHEN', nominee: person(secretB.person, bUnit), achievementSummary: 'Hoàn thành tốt nhiệm vụ.' },
      201,
    );
    const bUser = await call('POST', '/users', { token: bAdmin, body: { email: `user.${MARK}@so-b.example.org`, name: secretB.person, role: 'viewer' } });
    expect(bUser.status).toBe(201);
    const bUsername: string = bUser.body.username;
    await eventually('B’s issue mail queued', async () => ((await call('GET', `/campaigns/${bCampaign}/deliveries`, { token: bAdmin })).body.items?.length ? true : undefined));

    // What B holds, keys and versions, read straight from the table; the outbox and rendered mail move on their own.
    const snapshotB = async () =>
      (await allItems())
        .filter((i) => String(i.pk).startsWith(`${agencyPk(DEPT_B)}#`) && !/^(DELIVERY|MESSAGE)#/.test(String(i.sk)))
        .map((i) => `${String(i.pk)}|${String(i.sk)}|${String(i.version ?? '')}|${String(i.status ?? '')}`)
        .sort();
    const before = await snapshotB();

    // Agency A's people, one per role; A's reporter holds the same unit id as B's unit.
    const a = {
      admin: await token(`a-office-${MARK}`, ['admin'], DEPT_A),
      council: await token(`a-council-${MARK}`, ['council'], DEPT_A),
      viewer: await token(`a-viewer-${MARK}`, ['viewer'], DEPT_A),
      unit: await token(`a-unit-${MARK}`, ['unit'], DEPT_A, bUnit),
    };
    /** Bodies that pass validation, so that each request reaches the use case and its keys. */
    const bodies: Record<string, unknown> = {
      'PUT /recipient-groups/{code}': { name: 'Nhóm', kind: 'email', emails: [`a.${MARK}@example.org`] },
      'PUT /units/{unitId}': { name: 'Phòng A', emails: [`a.${MARK}@example.org`] },
      'POST /campaigns': minimalLetter({ documentNumber: docNumber(), recipientGroups: [bCode], participatingUnits: [bUnit], deadlines: { nominations: hours(72) } }),
      'PUT /campaigns/{id}/scoring-table': canThoTable,
      'POST /campaigns/{id}/registrations': { unitId: bUnit, registrant: { kind: 'unit' }, targets: ['Hoàn thành xuất sắc nhiệm vụ'], titles: ['TTLDTT'] },
      'POST /campaigns/{id}/reports': { ...canThoWorkedReport, unitId: bUnit },
      'PUT /campaigns/{id}/reports/{unitId}/{period}/verification': { values: { c2: { numerator: 380, denominator: 500 } }, reasons: { c2: 'Kiểm tra thực tế' } },
      'POST /campaigns/{id}/nominations': { title: 'GIAY_KHEN', nominee: person('Người Ngoài', bUnit), achievementSummary: 'Hoàn thành tốt nhiệm vụ.' },
      'POST /campaigns/{id}/council-votes': { membersTotal: 9, present: 9, writtenVotes: 0, votes: [{ nominationId: bNomination.id, title: 'GIAY_KHEN', yes: 9 }] },
      'POST /campaigns/{id}/submissions': { parentCampaignId: bCampaign },
      'POST /campaigns/{id}/deadlines': { deadline: 'nominations', to: hours(100), reason: 'Gia hạn' },
      'POST /campaigns/{id}/reminders': { what: 'nominations' },
      'POST /users': { email: `new.${MARK}@example.org`, name: 'Người Mới', role: 'viewer' },
      'POST /document-numbers': { type: 'TB', title: `Thông báo ${MARK}` },
      'POST /campaigns/{id}/documents/{docId}/signed': { filename: 'ky-so.pdf', size: 10, sha256: '0'.repeat(64), contentType: 'application/pdf' },
      'PUT /people/{personId}': { name: 'Người Ngoài', gender: 'female', unitId: bUnit, hireDate: '2020-01-01' },
      'POST /imports': { kind: 'staff', filename: 'danh-sach.xlsx', size: 10, sha256: '0'.repeat(64), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      'POST /campaigns/{id}/files': { purpose: 'evidence', unitId: bUnit, period: 'final', filename: 'minh-chung.pdf', size: 10, sha256: '0'.repeat(64), contentType: 'application/pdf' },
    };
    /** Routes whose path names one of B's resources: they must answer 403 or 404. The rest act in A's own namespace. */
    const namesB = (spec: RouteSpec) => /\{(id|username)\}/.test(spec.path);
    const path = (spec: RouteSpec) => routePath(spec.path, { id: bCampaign, code: bCode, unitId: bUnit, username: bUsername });

    const doc = await call('GET', '/openapi.json');
    let checked = 0;
    let seen = '';
    for (const spec of routes as readonly RouteSpec[]) {
      expect(doc.body.paths[spec.path]?.[spec.method.toLowerCase()]).toBeDefined();
      if (spec.auth === 'none') continue;
      const key = `${spec.method} ${spec.path}`;
      for (const [role, t] of Object.entries({ ...a, platform })) {
        const body = spec.body ? (bodies[key] ?? {}) : undefined;
        const res = await call(spec.method, path(spec), { token: t, ...(body !== undefined ? { body } : {}) });
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
        seen += text;
        const isPlatformRoute = (spec.roles ?? []).includes('platform' as never);
        if (role === 'platform') {
          // The operator passes only the agencies routes, and reads nothing inside an agency.
          if (!isPlatformRoute) expect({ key, role, status: res.status }).toEqual({ key, role, status: 403 });
        } else if (isPlatformRoute || !(spec.roles ?? []).includes(role as never)) {
          expect({ key, role, status: res.status }).toEqual({ key, role, status: 403 });
        } else if (namesB(spec)) {
          expect({ key, role, status: [403, 404].includes(res.status) }).toEqual({ key, role, status: true });
        } else {
          expect({ key, role, serverError: res.status >= 500 }).toEqual({ key, role, serverError: false });
        }
        expect({ key, role, leaks: leaks(text) }).toEqual({ key, role, leaks: [] });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // The 404s name the id the caller sent, and nothing else of B: the markers above are the proof.
    expect(leaks(seen)).toEqual([]);
    expect(await snapshotB()).toEqual(before);
    // And B itself still reads its own.
    expect((await ok<{ items: { id: string }[] }>('GET', '/campaigns?limit=100', bAdmin)).items.map((c) => c.id)).toContain(bCampaign);
  });
});
