import { minimalLetter, type LetterInput } from '../../seed/minimal-letter';
import { canThoTable, canThoWorkedReport } from '../../seed/scoring-table-can-tho';
import { allItems, call, eventually, once, sentEmails, streamIdle, tokenFor } from './client';
import { campaignPk } from '../../shared/store/keys';
import { DEFAULT_AGENCY_ID } from '../../shared/usecases/principal';

/**
 * Registrations, reports and standings on the local twin's real components: a report is
 * acknowledged to its unit and noticed by the Office by email, a late report is refused, a unit
 * cannot report for another, standings rank with the tie chain, reminders go out once.
 */
const MARK = `rp${Date.now().toString(36)}`;
const CODE = MARK.toUpperCase();
const addr = (who: string) => `${who}.${MARK}@example.org`;
const unitIds = { a: `${MARK}_A`, b: `${MARK}_B`, c: `${MARK}_C`, d: `${MARK}_D` };
const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString().replace('Z', '+00:00');

const letter = (over: Partial<LetterInput>) =>
  minimalLetter({
    documentNumber: `${Math.floor(Math.random() * 9000) + 1000}/KH-SNgV`,
    title: `Phong trào thi đua ${MARK}`,
    recipientGroups: [`${CODE}_VP`],
    participatingUnits: Object.values(unitIds),
    officeGroup: `${CODE}_VP`,
    scoringTable: canThoTable,
    ...over,
  });

const report = (unitId: string, values: Record<string, unknown> = canThoWorkedReport.values) => ({ ...canThoWorkedReport, unitId, values });
const lower = { ...canThoWorkedReport.values, c2: { numerator: 400, denominator: 500 } };

describe('reports, acknowledgements and standings', () => {
  /** The directory, a token per unit, and the campaign issued (a report for a draft refused on the way). */
  const issued = once(async () => {
    const admin = await tokenFor(['admin'], 'office');
    const unitToken: Record<string, string> = {};
    expect((await call('PUT', `/recipient-groups/${CODE}_VP`, { token: admin, body: { name: 'Văn phòng Sở', kind: 'email', emails: [addr('vanphong')] } })).status).toBe(200);
    for (const [k, unitId] of Object.entries(unitIds)) {
      expect((await call('PUT', `/units/${unitId}`, { token: admin, body: { name: `Phòng ${k.toUpperCase()}`, emails: [addr(`unit-${k}`)] } })).status).toBe(200);
      unitToken[k] = await tokenFor(['unit'], `reporter-${k}`, unitId);
    }
    // Reports due in 48 hours: inside the three-day reminder window.
    const created = await call('POST', '/campaigns', { token: admin, body: letter({ deadlines: { registration: hours(24), reports: hours(48), nominations: hours(400) } }) });
    expect(created.status).toBe(201);
    const campaignId: string = created.body.id;
    expect((await call('POST', `/campaigns/${campaignId}/reports`, { token: unitToken.a, body: report(unitIds.a) })).status).toBe(409); // still a draft
    expect((await call('POST', `/campaigns/${campaignId}/issue`, { token: admin })).status).toBe(200);
    return { admin, unitToken, campaignId };
  });

  /** Unit A's report, at the worked example's 97,20 points. */
  const reportedA = once(async () => {
    const { unitToken, campaignId } = await issued();
    return call('POST', `/campaigns/${campaignId}/reports`, { token: unitToken.a, body: report(unitIds.a) });
  });

  /** Units B and D report equal, lower totals; unit C never reports. */
  const reportedABD = once(async () => {
    const { unitToken, campaignId } = await issued();
    await reportedA();
    const b = await call('POST', `/campaigns/${campaignId}/reports`, { token: unitToken.b, body: report(unitIds.b, lower) });
    const d = await call('POST', `/campaigns/${campaignId}/reports`, { token: unitToken.d, body: report(unitIds.d, lower) });
    return { b, d };
  });

  it('a unit registers its own targets and titles, updatable, but not for another unit', async () => {
    const { unitToken, campaignId } = await issued();
    const body = { unitId: unitIds.a, registrant: { kind: 'unit' }, targets: ['Hoàn thành 100% kế hoạch'], titles: ['TTLDTT'] };
    expect((await call('POST', `/campaigns/${campaignId}/registrations`, { token: unitToken.a, body })).status).toBe(200);
    expect((await call('POST', `/campaigns/${campaignId}/registrations`, { token: unitToken.a, body: { ...body, titles: ['TTLDXS'] } })).status).toBe(200);
    expect((await call('POST', `/campaigns/${campaignId}/registrations`, { token: unitToken.a, body: { ...body, unitId: unitIds.b } })).status).toBe(403);
    const list = await call('GET', `/campaigns/${campaignId}/registrations`, { token: unitToken.a });
    expect(list.body.items).toEqual([expect.objectContaining({ unitId: unitIds.a, titles: ['TTLDXS'] })]);
  });

  it('a report is acknowledged by email to its unit, with its total, and the Office is notified', async () => {
    const res = await reportedA();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ unitId: unitIds.a, period: 'final', selfTotal: 9720, resubmission: false });

    const mails = await eventually('ack and office notice', async () => {
      // Both also got the launch letter when the campaign was issued: look at the report mails only.
      const ack = (await sentEmails()).filter((e) => e.subject.includes('báo cáo') && e.destination.to.includes(addr('unit-a')));
      const notice = (await sentEmails()).filter((e) => e.subject.includes('Phòng A') && e.destination.to.includes(addr('vanphong')));
      return ack.length >= 1 && notice.length >= 1 ? [...ack, ...notice] : undefined;
    });
    const ack = mails.find((m) => m.destination.to.includes(addr('unit-a')))!;
    const notice = mails.find((m) => m.destination.to.includes(addr('vanphong')))!;
    expect(ack.subject).toContain('Xác nhận đã nhận báo cáo tổng kết');
    expect(ack.body.text).toContain('97,20');
    expect(ack.body.text).toMatch(/giờ \d\d, ngày/); // the deadline, in Vietnam's time
    expect(notice.subject).toContain('Phòng A');
    expect(notice.body.text).toContain('97,20');
    await streamIdle(); // a second acknowledgement, if one were queued, would have been sent by now
    expect((await sentEmails()).filter((e) => e.subject.includes('Xác nhận') && e.destination.to.includes(addr('unit-a')))).toHaveLength(1);
  });

  it('refuses a report for another unit (403), from a viewer (403), and values that do not fit the table (400)', async () => {
    // Unit C: the unit that never reports in this file, so "nothing written" holds whatever ran before.
    const { unitToken, campaignId } = await issued();
    expect((await call('POST', `/campaigns/${campaignId}/reports`, { token: unitToken.a, body: report(unitIds.c) })).status).toBe(403);
    expect((await call('POST', `/campaigns/${campaignId}/reports`, { token: await tokenFor(['viewer']), body: report(unitIds.c) })).status).toBe(403);
    const bad = await call('POST', `/campaigns/${campaignId}/reports`, { token: unitToken.c, body: report(unitIds.c, { ...lower, c2: 5, nope: 1 }) });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['values.c2', 'values.nope']);
    expect((await allItems()).filter((i) => i.pk === campaignPk(DEFAULT_AGENCY_ID, campaignId) && /^(REPORT|VERIFICATION)#/.test(String(i.sk)) && String(i.sk).includes(unitIds.c))).toEqual([]);
  });

  it('ranks by total with the tie chain, marks a tie the chain cannot break, and shows verified beside self-assessed points', async () => {
    const { admin, campaignId } = await issued();
    const { b, d: dReport } = await reportedABD();
    expect(b.status).toBe(201);
    expect(dReport.status).toBe(201);
    const s = await call('GET', `/campaigns/${campaignId}/standings?period=final`, { token: await tokenFor(['council']) });
    expect(s.status).toBe(200);
    expect(s.body.inputHash).toMatch(/^[0-9a-f]{64}$/);
    const rows = s.body.rows as { unitId: string; rank: number; total: number; tie?: { note: string } }[];
    expect(rows.map((r) => [r.unitId, r.rank])).toEqual([
      [unitIds.a, 1],
      [unitIds.b, 2],
      [unitIds.d, 2],
    ]);
    expect(rows[1]!.tie?.note).toBe('tie: needs council vote');
    expect(rows[0]!.tie).toBeUndefined();

    const v = await call('PUT', `/campaigns/${campaignId}/reports/${unitIds.d}/final/verification`, {
      token: admin,
      body: { values: { c2: { numerator: 380, denominator: 500 } }, reasons: { c2: 'Kiểm tra thực tế: 380 tài khoản' } },
    });
    expect(v.status).toBe(200);
    const after = await call('GET', `/campaigns/${campaignId}/standings`, { token: admin });
    const d = after.body.rows.find((r: { unitId: string }) => r.unitId === unitIds.d);
    expect(d.rank).toBe(3);
    expect(d.tie).toBeUndefined();
    const c2 = d.criteria.find((c: { criterionId: string }) => c.criterionId === 'c2');
    expect(c2.self.points).toBe(3200);
    expect(c2.verified).toMatchObject({ points: 3040, reason: 'Kiểm tra thực tế: 380 tài khoản' });
    expect(after.body.inputHash).not.toBe(s.body.inputHash);
    // Same inputs, same bytes.
    const again = await call('GET', `/campaigns/${campaignId}/standings`, { token: admin });
    expect(JSON.stringify(again.body)).toBe(JSON.stringify(after.body));
  });

  it('reminds, once, every participating unit that has not reported three days before the deadline', async () => {
    await reportedABD();
    for (let i = 0; i < 2; i++) expect((await call('POST', '/local/scheduler/run')).status).toBe(200);
    const reminded = await eventually('the reminder', async () => {
      const r = (await sentEmails()).filter((e) => e.subject.includes('Nhắc nộp báo cáo') && e.destination.to.some((t) => t.endsWith(`.${MARK}@example.org`)));
      return r.length >= 1 ? r : undefined;
    });
    await streamIdle(); // a second reminder, if one were queued, would have been sent by now
    const all = (await sentEmails()).filter((e) => e.subject.includes('Nhắc nộp báo cáo') && e.destination.to.some((t) => t.endsWith(`.${MARK}@example.org`)));
    expect(all.flatMap((e) => e.destination.to)).toEqual([addr('unit-c')]);
    expect(reminded[0]!.body.text).toMatch(/giờ \d\d, ngày/);
  });

  it('refuses a report after the deadline with a 409 that says the deadline in Vietnam time', async () => {
    const { admin, unitToken } = await issued();
    const late = await call('POST', '/campaigns', {
      token: admin,
      // Reports long past, nominations still ahead: a letter past its nomination deadline would not be issued at all.
      body: letter({ deadlines: { reports: '2023-11-30T10:00:00Z', nominations: hours(400) } }),
    });
    expect((await call('POST', `/campaigns/${late.body.id}/issue`, { token: admin })).status).toBe(200);
    const res = await call('POST', `/campaigns/${late.body.id}/reports`, { token: unitToken.a, body: report(unitIds.a) });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('17 giờ 00, ngày 30/11/2023');
  });
});
