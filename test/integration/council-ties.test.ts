import { minimalLetter } from '../../seed/minimal-letter';
import { canThoTable, canThoWorkedReport } from '../../seed/scoring-table-can-tho';
import { call, eventually, once, sentEmails, tokenFor } from './client';

/**
 * Issue 11 on the twin: the ties reach the Council and its choice decides. Units B and C report equal totals (a
 * standings tie the chain cannot break); a Giấy khen quota of 2 seats falls inside their group; the proposal carries
 * both ties with the chain that failed, the Council chooses among the tied with its vote, and the results and the
 * final standings show the choice. No mail names a dossier by its id.
 */
const MARK = `ct${Date.now().toString(36)}`;
const CODE = MARK.toUpperCase();
const addr = (who: string) => `${who}.${MARK}@example.org`;
const unitIds = { a: `${MARK}_A`, b: `${MARK}_B`, c: `${MARK}_C` };
const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString().replace('Z', '+00:00');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const lower = { ...canThoWorkedReport.values, c2: { numerator: 400, denominator: 500 } };
const DOC = `${Math.floor(Math.random() * 9000) + 1000}/KH-SNgV`;

describe('the Council decides the ties (issue 11)', () => {
  const prepared = once(async () => {
    const admin = await tokenFor(['admin'], 'office');
    expect((await call('PUT', `/recipient-groups/${CODE}_VP`, { token: admin, body: { name: 'Văn phòng Sở', kind: 'email', emails: [addr('vanphong')] } })).status).toBe(200);
    expect((await call('PUT', `/recipient-groups/${CODE}_HD`, { token: admin, body: { name: 'Hội đồng', kind: 'email', emails: [addr('hoidong')] } })).status).toBe(200);
    const unitToken: Record<string, string> = {};
    for (const [k, unitId] of Object.entries(unitIds)) {
      expect((await call('PUT', `/units/${unitId}`, { token: admin, body: { name: `Phòng ${k.toUpperCase()}`, emails: [addr(`unit-${k}`)] } })).status).toBe(200);
      unitToken[k] = await tokenFor(['unit'], `reporter-${k}`, unitId);
    }
    const created = await call('POST', '/campaigns', {
      token: admin,
      body: minimalLetter({
        documentNumber: DOC,
        title: `Phong trào thi đua ${MARK}`,
        recipientGroups: [`${CODE}_VP`],
        participatingUnits: Object.values(unitIds),
        officeGroup: `${CODE}_VP`,
        councilGroup: `${CODE}_HD`,
        scoringTable: canThoTable,
        deadlines: { reports: hours(48), nominations: hours(400) },
        // 67% of the 3 nominated: 2 seats, the second inside the B–C group.
        ruleOptions: { quotas: { GIAY_KHEN: { individualsPct: 67 } } },
      }),
    });
    expect(created.status).toBe(201);
    const campaignId: string = created.body.id;
    expect((await call('POST', `/campaigns/${campaignId}/issue`, { token: admin })).status).toBe(200);
    const reports = [
      ['a', canThoWorkedReport.values],
      ['b', lower],
      ['c', lower],
    ] as const;
    for (const [k, values] of reports) {
      const unitId = unitIds[k];
      expect((await call('POST', `/campaigns/${campaignId}/reports`, { token: unitToken[k], body: { ...canThoWorkedReport, unitId, values } })).status).toBe(201);
    }
    const ids: Record<string, string> = {};
    for (const [k, name] of [
      ['a', 'Nguyễn Văn An'],
      ['b', 'Trần Văn Bình'],
      ['c', 'Lê Văn Cường'],
    ] as const) {
      const body = {
        nominee: { kind: 'individual', name, gender: 'male', unitId: unitIds[k], hireDate: '2015-03-01', taskRating: 'HTTNV' },
        title: 'GIAY_KHEN',
        achievementSummary: 'Hoàn thành tốt nhiệm vụ được giao trong năm.',
      };
      const res = await call('POST', `/campaigns/${campaignId}/nominations`, { token: admin, body });
      expect(res.status).toBe(201);
      ids[k] = res.body.id;
    }
    expect((await call('POST', `/campaigns/${campaignId}/close-nominations`, { token: admin })).status).toBe(200);
    const proposal = await eventually('the proposal', async () => {
      const res = await call('GET', `/campaigns/${campaignId}/proposal`, { token: admin });
      return res.status === 200 ? res.body : undefined;
    });
    return { admin, campaignId, ids, proposal };
  });

  it('the proposal carries the standings tie and the quota-edge tie, each with the chain that failed, and its mail shows them without ids', async () => {
    const { ids, proposal } = await prepared();
    expect(proposal.ties.map((t: { id: string; contenders: { id: string }[] }) => [t.id, t.contenders.map((c) => c.id).sort()])).toEqual([
      ['standings:2', [unitIds.b, unitIds.c].sort()],
      ['GIAY_KHEN:individuals', [ids.b, ids.c].sort()],
    ]);
    expect(proposal.ties[0].chain.length).toBeGreaterThan(1);
    expect(proposal.ties[0].sentence).toContain('Phòng B, Phòng C đồng hạng 2');
    const mail = await eventually('the proposal mail', async () => (await sentEmails()).find((e) => e.subject.startsWith(`[${DOC}] Dự kiến kết quả`)));
    // The mail is the Tờ trình's cover note (issue 12): the standings are in the attached Tờ trình; the ties the
    // Council must vote on are named in the note as well.
    expect(mail.body.text).toContain('Các trường hợp đồng hạng trình Hội đồng biểu quyết:');
    expect(mail.attachments?.map((a) => a.contentType)).toEqual(['application/pdf']);
    for (const t of proposal.ties) expect(mail.body.text).toContain(t.sentence);
    expect(`${mail.subject}\n${JSON.stringify(mail.body)}`).not.toMatch(UUID);
  });

  it('the Council’s choice gives the seat, and the results and the final standings show it', async () => {
    const { admin, campaignId, ids } = await prepared();
    const ballot = {
      membersTotal: 9,
      present: 9,
      writtenVotes: 0,
      votes: [ids.a, ids.b, ids.c].map((nominationId) => ({ nominationId, title: 'GIAY_KHEN', yes: 9 })),
      tieChoices: [
        { tieId: 'GIAY_KHEN:individuals', chosen: [ids.c], yes: 6 },
        { tieId: 'standings:2', chosen: [unitIds.c, unitIds.b], yes: 7 },
      ],
    };
    const tooMany = await call('POST', `/campaigns/${campaignId}/council-votes`, {
      token: admin,
      body: { ...ballot, tieChoices: [{ tieId: 'GIAY_KHEN:individuals', chosen: [ids.b, ids.c], yes: 6 }] },
    });
    expect(tooMany.status).toBe(400);
    const voted = await call('POST', `/campaigns/${campaignId}/council-votes`, { token: admin, body: ballot });
    expect(voted.status).toBe(200);
    expect(voted.body.tieChoices.map((c: { passed: boolean }) => c.passed)).toEqual([true, true]);
    expect(voted.body.tieChoices[0].sentence).toContain('Hội đồng lựa chọn Lê Văn Cường (Phòng C) cho 1 suất');
    for (const r of voted.body.results) expect(r.sentence).not.toMatch(UUID);

    const final = await call('POST', `/campaigns/${campaignId}/results/finalize`, { token: admin });
    expect(final.status).toBe(200);
    const outcome = (id: string | undefined) => final.body.outcomes.find((o: { nominationId: string }) => o.nominationId === id);
    expect(outcome(ids.a).outcome).toBe('awarded');
    expect(outcome(ids.c).outcome).toBe('awarded');
    expect(outcome(ids.b)).toMatchObject({ outcome: 'not-awarded', reason: expect.stringContaining('Hội đồng biểu quyết lựa chọn Lê Văn Cường (Phòng C) cho 1 suất') });
    expect(final.body.tieChoices).toHaveLength(2);

    const standings = await call('GET', `/campaigns/${campaignId}/standings?period=final`, { token: admin });
    const choiceOf = (unitId: string) => standings.body.rows.find((r: { unitId: string }) => r.unitId === unitId).tie?.councilChoice;
    expect(choiceOf(unitIds.c)).toMatchObject({ position: 1, passed: true });
    expect(choiceOf(unitIds.b)).toMatchObject({ position: 2, passed: true });
    expect(choiceOf(unitIds.a)).toBeUndefined();

    const results = await eventually('the result mails', async () => {
      const got = (await sentEmails()).filter((e) => e.subject.startsWith(`[${DOC}] Thông báo kết quả`) || e.subject.startsWith(`[${DOC}] Kết quả xét khen thưởng`));
      return got.length > 0 ? got : undefined;
    });
    for (const m of results) expect(`${m.subject}\n${JSON.stringify(m.body)}`).not.toMatch(UUID);
  });
});
