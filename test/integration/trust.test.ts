import { minimalLetter } from '../../seed/minimal-letter';
import { canThoTable, canThoWorkedReport } from '../../seed/scoring-table-can-tho';
import { routes, type RouteSpec } from '../../shared/http/routes';
import { allItems, call, eventually, routePath, streamIdle, tokenFor } from './client';
import { campaignPk, directoryPk } from '../../shared/store/keys';
import { DEFAULT_AGENCY_ID } from '../../shared/usecases/principal';

/** A setup step shared by several tests, run once by whichever test needs it first. */
const once = <T>(step: () => Promise<T>): (() => Promise<T>) => {
  let result: Promise<T> | undefined;
  return () => (result ??= step());
};

/**
 * Trust between units (issue "close the leaks"): a whole campaign with two units, A and B (B with a
 * sub-unit), then every route of the API document asked by every role, as the owner and as a
 * rival. Unit B's private data carries markers; no answer to unit A or to a viewer may hold one.
 */
const MARK = `tr${Date.now().toString(36)}`;
const CODE = MARK.toUpperCase();
const A = `${MARK}_A`;
const B = `${MARK}_B`;
const B_SUB = `${MARK}_B_TO1`;
const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString().replace('Z', '+00:00');

/** Unit B's private data: its report, its evidence, a person it registered, a person under a disciplinary inquiry. */
const secret = {
  summary: `Tóm tắt nội bộ ${MARK}`,
  evidence: `minh-chung-${MARK}.pdf`,
  registered: `Phạm Đăng Ký ${MARK}`,
  disciplined: `Vũ Kỷ Luật ${MARK}`,
  office: `vanphong.${MARK}@example.org`,
};
const leaks = (text: string) => Object.values(secret).filter((s) => text.includes(s));

/**
 * What a request of this test could write: the campaign's own items and the directory's, less the
 * outbox, rendered mail and documents (PDFs) that the stream consumers keep writing in the background.
 */
const written = async (campaignId: string) =>
  (await allItems()).filter((i) => (i.pk === campaignPk(DEFAULT_AGENCY_ID, campaignId) && !/^(DELIVERY|MESSAGE|DOCUMENT)#/.test(String(i.sk))) || i.pk === directoryPk(DEFAULT_AGENCY_ID)).length;

const person = (name: string, unitId: string, over: object = {}) => ({
  kind: 'individual',
  name,
  gender: 'male',
  unitId,
  hireDate: '2015-01-01',
  taskRating: 'HTTNV',
  ...over,
});
const nomination = (title: string, nominee: object) => ({ title, nominee, achievementSummary: 'Hoàn thành tốt nhiệm vụ.' });

describe('trust between units', () => {
  const world = once(async () => {
    const admin = await tokenFor(['admin'], `office-${MARK}`);
    const council = await tokenFor(['council'], `council-${MARK}`);
    const viewer = await tokenFor(['viewer'], `viewer-${MARK}`);
    const unitA = await tokenFor(['unit'], `reporter-a-${MARK}`, A);
    const unitB = await tokenFor(['unit'], `reporter-b-${MARK}`, B);
    expect((await call('PUT', `/recipient-groups/${CODE}_VP`, { token: admin, body: { name: 'Văn phòng Sở', kind: 'email', emails: [secret.office] } })).status).toBe(200);
    for (const [unitId, extra] of [
      [A, {}],
      [B, {}],
      [B_SUB, { parentUnitId: B }],
    ] as const) {
      const res = await call('PUT', `/units/${unitId}`, { token: admin, body: { name: `Phòng ${unitId}`, emails: [`${unitId.toLowerCase()}@example.org`], ...extra } });
      expect(res.status).toBe(200);
    }
    const created = await call('POST', '/campaigns', {
      token: admin,
      body: minimalLetter({
        documentNumber: `${Math.floor(Math.random() * 9000) + 1000}/KH-SNgV`,
        title: `Phong trào thi đua ${MARK}`,
        recipientGroups: [`${CODE}_VP`],
        participatingUnits: [A, B],
        officeGroup: `${CODE}_VP`,
        scoringTable: canThoTable,
        deadlines: { registration: hours(24), reports: hours(48), nominations: hours(72) },
        referenceDate: '2025-12-10',
      }),
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect((await call('POST', `/campaigns/${id}/issue`, { token: admin })).status).toBe(200);
    return { admin, council, viewer, unitA, unitB, id };
  });

  /** Both units report and register; unit B nominates an eligible person, a person under inquiry, and one of its sub-unit. */
  const submitted = once(async () => {
    const { unitA, unitB, id } = await world();
    const report = (unitId: string, extra: object = {}) => ({ ...canThoWorkedReport, unitId, ...extra });
    expect((await call('POST', `/campaigns/${id}/reports`, { token: unitA, body: report(A) })).status).toBe(201);
    expect((await call('POST', `/campaigns/${id}/reports`, { token: unitB, body: report(B, { summary: secret.summary, evidence: { c1: [secret.evidence] } }) })).status).toBe(201);
    const reg = await call('POST', `/campaigns/${id}/registrations`, {
      token: unitB,
      body: { unitId: B, registrant: { kind: 'individual', name: secret.registered }, targets: ['Hoàn thành xuất sắc'], titles: ['LDTT'] },
    });
    expect(reg.status).toBe(200);
    const ids: Record<string, string> = {};
    for (const [key, body] of [
      ['open', nomination('GIAY_KHEN', person(`Trần Công Khai ${MARK}`, B, { personId: 'nv-01' }))],
      ['inquiry', nomination('GIAY_KHEN', person(secret.disciplined, B, { discipline: { status: 'pending' } }))],
      ['sub', nomination('GIAY_KHEN', person(`Lê Tổ Một ${MARK}`, B_SUB))],
    ] as const) {
      const res = await call('POST', `/campaigns/${id}/nominations`, { token: unitB, body });
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
    }
    return ids;
  });

  /** Closed, voted (the open nomination passes), finalized. */
  const finalized = once(async () => {
    const { admin, council, id } = await world();
    const ids = await submitted();
    expect((await call('POST', `/campaigns/${id}/close-nominations`, { token: admin })).status).toBe(200);
    await eventually('the proposal', async () => ((await call('GET', `/campaigns/${id}/proposal`, { token: council })).status === 200 ? true : undefined));
    const votes = [
      { nominationId: ids.open, title: 'GIAY_KHEN', yes: 9 },
      { nominationId: ids.sub, title: 'GIAY_KHEN', yes: 2 },
    ];
    const ballot = await call('POST', `/campaigns/${id}/council-votes`, { token: admin, body: { membersTotal: 9, present: 9, writtenVotes: 0, votes } });
    expect(ballot.status).toBe(200);
    expect((await call('POST', `/campaigns/${id}/results/finalize`, { token: admin })).status).toBe(200);
    return ids;
  });

  it('a unit nominates only within its own units: another unit, or a member counted in another unit’s team, is refused and nothing is written', async () => {
    const { unitA, unitB, admin, id } = await world();
    const before = await written(id);
    const attempts = [
      [unitA, nomination('GIAY_KHEN', person(`Kẻ Lạ ${MARK}`, B))],
      [unitA, nomination('LDTT', person(`Kẻ Lạ ${MARK}`, A, { memberOf: B, taskRating: 'KHTNV', discipline: { status: 'in-effect', level: 'canh-cao' } }))],
      [unitA, nomination('LDTT', person(`Kẻ Lạ ${MARK}`, B_SUB))],
    ] as const;
    for (const [token, body] of attempts) {
      const res = await call('POST', `/campaigns/${id}/nominations`, { token, body });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'nomination.not_own_unit', message: expect.stringMatching(/chỉ được đề nghị khen thưởng cho đơn vị mình/) });
    }
    // Unknown units are named as the bad field.
    const unknown = await call('POST', `/campaigns/${id}/nominations`, { token: admin, body: nomination('LDTT', person('X', A, { memberOf: 'NO_SUCH_UNIT' })) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'nominee.memberOf', message: expect.stringContaining('NO_SUCH_UNIT') }]);
    expect(await written(id)).toBe(before);
    // The parent unit's reporter may nominate for its sub-unit (the directory says so), the sub-unit counted as nominee unit.
    const sub = await call('POST', `/campaigns/${id}/nominations`, { token: unitB, body: nomination('LDTT', person(`Người Tổ ${MARK}`, B_SUB, { memberOf: B })) });
    expect(sub.status).toBe(201);
    expect(sub.body.nominatingUnitId).toBe(B);
  });

  it('a person id is the unit’s own: the same staff number in two units is two people', async () => {
    const { id, council } = await world();
    const ids = await finalized();
    const proposal = await call('GET', `/campaigns/${id}/proposal`, { token: council });
    const d = proposal.body.decisions.find((x: { nominationId: string }) => x.nominationId === ids.open);
    expect(d.nominee.personId).toBe(`${B}/nv-01`);
  });

  it('every route answers every role as its spec says: a role it does not name gets 403 and nothing is written', async () => {
    const { admin, council, viewer, unitA, id } = await world();
    await finalized();
    // The results' consumer writes its documents after finalizing: counted once it is done.
    await streamIdle();
    const doc = await call('GET', '/openapi.json');
    const tokens = { admin, council, viewer, unit: unitA } as const;
    const before = await written(id);
    let checked = 0;
    for (const spec of routes as readonly RouteSpec[]) {
      expect(doc.body.paths[spec.path][spec.method.toLowerCase()]).toBeDefined();
      if (spec.auth === 'none') continue;
      const path = routePath(spec.path, { id, code: `${CODE}_VP`, unitId: B });
      for (const [role, token] of Object.entries(tokens)) {
        if ((spec.roles ?? []).includes(role as never)) continue;
        const res = await call(spec.method, path, { token, ...(spec.body ? { body: {} } : {}) });
        expect({ route: `${spec.method} ${spec.path}`, role, status: res.status, code: res.body.code }).toEqual({ route: `${spec.method} ${spec.path}`, role, status: 403, code: 'auth.forbidden' });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(await written(id)).toBe(before);
  });

  it('no read route shows unit B’s report, evidence, people or discipline to unit A or to a viewer, while B, the Council and the Office read them', async () => {
    const { admin, council, viewer, unitA, unitB, id } = await world();
    await finalized();
    // One file's route names a file (none here); the register is read by year.
    // An import is its requester's (none here). Unit B's person (nv-01, awarded) and unit B itself name the records read.
    const reads = (routes as readonly RouteSpec[]).filter((r) => r.method === 'GET' && r.auth === 'jwt' && !r.path.includes('{fileId}') && !r.path.includes('{importId}'));
    const path = (spec: RouteSpec) => spec.path.replace('{id}', id).replace('{personId}', 'nv-01').replace('{unitId}', B).replace('{template}', 'nominations.xlsx').replace('{form}', '0603.N');
    // The records consumer writes after finalize: the records read below are there.
    await streamIdle();
    const seen: Record<string, string> = {};
    for (const [who, token] of Object.entries({ admin, council, viewer, unitA, unitB })) {
      let text = '';
      for (const spec of reads) {
        const suffixes =
          spec.path.endsWith('/results') || spec.path.endsWith('/standings')
            ? ['', '?format=csv']
            : spec.path.endsWith('/campaigns')
              ? ['?limit=100']
              : spec.path === '/people/{personId}/record'
                ? [`?unitId=${B}`]
                : spec.path === '/document-numbers' || spec.path.startsWith('/statistics/')
                  ? [`?year=${new Date().getUTCFullYear()}`]
                  : [''];
        // Every export the role may read; the CSVs carry their text as it is, where a leak would show.
        const paths = spec.path.endsWith('/exports/{file}') ? ['standings.csv', 'results.csv', 'registrations.xlsx', 'standings.xlsx'].map((f) => path(spec).replace('{file}', f)) : [path(spec)];
        for (const [suffix, p] of suffixes.flatMap((x) => paths.map((p) => [x, p] as const))) {
          const res = await call('GET', `${p}${suffix}`, { token });
          // Unit B's records are B's: unit A is refused them though its role may read records.
          const expected = who === 'unitA' && spec.path.endsWith('/record') ? 403 : 200;
          if ((spec.roles ?? []).includes((who.startsWith('unit') ? 'unit' : who) as never)) expect({ who, route: p, status: res.status }).toEqual({ who, route: p, status: expected });
          text += typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
        }
      }
      seen[who] = text;
    }
    expect(leaks(seen.unitA!)).toEqual([]);
    expect(leaks(seen.viewer!)).toEqual([]);
    // Not vacuous: the same routes do carry the markers to those allowed to read them.
    expect(leaks(seen.unitB!).sort()).toEqual([secret.disciplined, secret.evidence, secret.registered, secret.summary].sort());
    expect(leaks(seen.council!).sort()).toEqual([secret.disciplined, secret.evidence, secret.registered, secret.summary].sort());
    expect(leaks(seen.admin!).sort()).toEqual(Object.values(secret).sort());
  });

  it('results: the public face to a rival unit and a viewer, the reasons to the nominating unit', async () => {
    const { viewer, unitA, unitB, id } = await world();
    const ids = await finalized();
    const byId = async (token: string) =>
      Object.fromEntries(((await call('GET', `/campaigns/${id}/results`, { token })).body.outcomes as { nominationId: string; nominee: object }[]).map((o) => [o.nominationId, o]));
    for (const token of [viewer, unitA]) {
      const r = await byId(token);
      expect(r[ids.open!]).toMatchObject({ outcome: 'awarded', nominee: { name: `Trần Công Khai ${MARK}` }, ground: expect.stringContaining('9/9') });
      expect(r[ids.inquiry!]).toEqual(expect.objectContaining({ outcome: 'not-awarded', ground: 'Không trình Hội đồng biểu quyết trong đợt xét này.' }));
      expect(r[ids.inquiry!]).not.toHaveProperty('reason');
      expect(r[ids.sub!]).toMatchObject({ outcome: 'not-awarded', ground: expect.stringContaining('chưa đạt') });
      expect(r[ids.sub!]!.nominee).not.toHaveProperty('name');
    }
    const own = await byId(unitB);
    expect(own[ids.inquiry!]).toMatchObject({ outcome: 'deferred', reason: expect.stringContaining('đang trong thời gian xem xét kỷ luật') });
  });

  it('the audit trail: campaign events for all, a unit’s events for that unit, bounce diagnostics for the Office only', async () => {
    const { admin, viewer, unitA, unitB, id } = await world();
    await submitted();
    const types = async (token: string) =>
      ((await call('GET', `/campaigns/${id}/events`, { token })).body.items as { type: string; data: { unitId?: string } }[]).map((e) => `${e.type}${e.data.unitId ? `:${e.data.unitId}` : ''}`);
    const all = await types(admin);
    expect(all).toEqual(expect.arrayContaining(['CampaignCreated', 'CampaignIssued', `ReportSubmitted:${A}`, `ReportSubmitted:${B}`, `RegistrationSubmitted:${B}`]));
    expect(await types(unitA)).toEqual(all.filter((t) => !t.includes(':') || t.endsWith(`:${A}`)));
    expect((await types(unitB)).some((t) => t.endsWith(`:${A}`))).toBe(false);
    expect((await types(viewer)).every((t) => !t.includes(':'))).toBe(true);
  });
});
