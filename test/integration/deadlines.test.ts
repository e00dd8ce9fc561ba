import { allItems, call, eventually, once, sentEmails, streamIdle, tokenFor } from './client';
import { minimalLetter } from '../../seed/minimal-letter';
import { todayInVietnam } from '../../shared/domain/vn-date';

/**
 * Deadlines that move (issue 11), on the twin's real components: an extension (gia hạn) emailed to
 * the participating units and the Office; the clock's reminders before the registration and
 * nomination deadlines, each once, only to the units that have not acted, and a queued reminder
 * superseded when its unit acts; the Office's reminder on demand, once per unit and day; and a
 * letter past its nomination deadline refused at issue. The twin's clock runs only on
 * `POST /local/scheduler/run`. Each scenario has its own units, so their mails never mix.
 */
const MARK = `dl${Date.now().toString(36)}`;
const CODE = MARK.toUpperCase();
const addr = (who: string) => `${who}.${MARK}@example.org`;
const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString().replace('Z', '+00:00');
let docSeq = 100 + Math.floor(Math.random() * 800);
const docNumber = () => `${docSeq++}/KH-${CODE.slice(0, 6)}`;

interface Scenario {
  admin: string;
  units: Record<string, string>;
  tokens: Record<string, string>;
  campaignId: string;
  documentNumber: string;
  deadlines: Record<string, string>;
}

/** An Office group, units `keys` of scenario `s`, and a campaign over them with `deadlines`, issued. */
async function scenario(s: string, keys: string[], deadlines: Record<string, string>): Promise<Scenario> {
  const admin = await tokenFor(['admin'], `office-${s}`);
  const vp = `${CODE}_${s}_VP`.toUpperCase();
  expect((await call('PUT', `/recipient-groups/${vp}`, { token: admin, body: { name: 'Văn phòng Sở', kind: 'email', emails: [addr(`${s}-vanphong`)] } })).status).toBe(200);
  const units: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  for (const k of keys) {
    units[k] = `${CODE}_${s}_${k}`.toUpperCase();
    expect((await call('PUT', `/units/${units[k]}`, { token: admin, body: { name: `Phòng ${k.toUpperCase()} (${s})`, emails: [addr(`${s}-${k}`)] } })).status).toBe(200);
    tokens[k] = await tokenFor(['unit'], `reporter-${s}-${k}`, units[k]);
  }
  const documentNumber = docNumber();
  const created = await call('POST', '/campaigns', {
    token: admin,
    body: minimalLetter({ documentNumber, title: `Phong trào ${MARK} ${s}`, recipientGroups: [vp], officeGroup: vp, participatingUnits: Object.values(units), deadlines: deadlines as never }),
  });
  expect(created.status).toBe(201);
  expect((await call('POST', `/campaigns/${created.body.id}/issue`, { token: admin })).status).toBe(200);
  return { admin, units, tokens, campaignId: created.body.id, documentNumber, deadlines };
}

const mailsOf = async (documentNumber: string, subject: string) => (await sentEmails()).filter((e) => e.subject.startsWith(`[${documentNumber}] ${subject}`));
const recipientsOf = async (documentNumber: string, subject: string) => (await mailsOf(documentNumber, subject)).flatMap((e) => e.destination.to).sort();
const eventsOf = async (token: string, campaignId: string, type: string) =>
  ((await call('GET', `/campaigns/${campaignId}/events`, { token })).body.items as { type: string; eventId: string; data: Record<string, unknown> }[]).filter((e) => e.type === type);
const register = (sc: Scenario, k: string) =>
  call('POST', `/campaigns/${sc.campaignId}/registrations`, {
    token: sc.tokens[k],
    body: { unitId: sc.units[k], registrant: { kind: 'unit' }, targets: ['Hoàn thành xuất sắc nhiệm vụ'], titles: ['TTLDTT'] },
  });
const nominate = (sc: Scenario, k: string) =>
  call('POST', `/campaigns/${sc.campaignId}/nominations`, {
    token: sc.admin,
    body: {
      title: 'TTLDTT',
      nominee: {
        kind: 'collective',
        unitId: sc.units[k],
        name: `Phòng ${k.toUpperCase()}`,
        taskRating: 'HTTNV',
        members: { total: 10, byRating: { HTXSNV: 2, HTTNV: 7, HTNV: 1, KHTNV: 0 }, women: 6, ldtt: 8 },
      },
      achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ.',
    },
  });

describe('deadlines that move', () => {
  it('refuses to issue a letter whose nomination deadline has passed, naming it in Vietnam’s time', async () => {
    const admin = await tokenFor(['admin'], 'office-past');
    expect((await call('PUT', `/recipient-groups/${CODE}_PAST`, { token: admin, body: { name: 'Lãnh đạo Sở', kind: 'email', emails: [addr('past')] } })).status).toBe(200);
    const created = await call('POST', '/campaigns', {
      token: admin,
      body: minimalLetter({ documentNumber: docNumber(), title: `Phong trào ${MARK} past`, recipientGroups: [`${CODE}_PAST`], deadlines: { nominations: '2023-12-10T17:00:00+07:00' } }),
    });
    const res = await call('POST', `/campaigns/${created.body.id}/issue`, { token: admin });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'campaign.deadline_passed', message: expect.stringContaining('hạn gửi hồ sơ đề nghị khen thưởng (17 giờ 00, ngày 10/12/2023)') });
    // A refused request writes nothing: still a draft, no CampaignIssued, nobody mailed.
    expect((await call('GET', `/campaigns/${created.body.id}`, { token: admin })).body.status).toBe('draft');
    expect(await eventsOf(admin, created.body.id, 'CampaignIssued')).toEqual([]);
  });

  describe('an extension (gia hạn)', () => {
    const extended = once(async () => {
      const sc = await scenario('ext', ['a', 'b'], { registration: hours(100), reports: hours(300), nominations: hours(400) });
      const to = hours(200);
      const res = await call('POST', `/campaigns/${sc.campaignId}/deadlines`, { token: sc.admin, body: { deadline: 'registration', to, reason: 'Nhiều đơn vị đề nghị lùi hạn do <mưa lũ>' } });
      return { sc, to, res };
    });

    it('moves the deadline, records DeadlineExtended for everyone to see, and emails the notice to the units and the Office once', async () => {
      const { sc, to, res } = await extended();
      expect(res.status).toBe(200);
      expect(Date.parse(res.body.deadlines.registration)).toBe(Date.parse(to));
      expect(res.body.version).toBe(3);
      // The law in force stays put: the reference date it was derived from (the nomination deadline's day) is now pinned.
      expect(res.body.referenceDate).toBe(todayInVietnam(new Date(Date.parse(sc.deadlines.nominations!))));
      const [event] = await eventsOf(sc.tokens.a!, sc.campaignId, 'DeadlineExtended');
      expect(event?.data).toMatchObject({ deadline: 'registration', to, reason: 'Nhiều đơn vị đề nghị lùi hạn do <mưa lũ>' });
      const expected = [addr('ext-a'), addr('ext-b'), addr('ext-vanphong')].sort();
      await eventually('the extension notice', async () => ((await recipientsOf(sc.documentNumber, 'Thông báo gia hạn')).length >= 3 ? true : undefined));
      await streamIdle();
      expect(await recipientsOf(sc.documentNumber, 'Thông báo gia hạn đăng ký thi đua')).toEqual(expected);
      const [mail] = await mailsOf(sc.documentNumber, 'Thông báo gia hạn');
      expect(mail!.body.text).toContain('Lý do gia hạn: Nhiều đơn vị đề nghị lùi hạn do <mưa lũ>');
      expect(mail!.body.html).toContain('&lt;mưa lũ&gt;');
    });

    it('refuses an earlier date, a date past the next deadline, and a unit’s reporter; changing nothing', async () => {
      const { sc, to } = await extended();
      const post = (body: object, token = sc.admin) => call('POST', `/campaigns/${sc.campaignId}/deadlines`, { token, body });
      expect((await post({ deadline: 'registration', to: hours(150), reason: 'x' })).body.code).toBe('deadline.not_later');
      const outOfOrder = await post({ deadline: 'registration', to: hours(350), reason: 'x' });
      expect(outOfOrder).toMatchObject({ status: 409, body: { code: 'deadline.out_of_order', message: expect.stringContaining('hạn gửi báo cáo tổng kết') } });
      expect((await post({ deadline: 'midYearReports', to: hours(250), reason: 'x' })).body.code).toBe('deadline.not_set');
      expect((await post({ deadline: 'registration', to: hours(250), reason: 'x' }, sc.tokens.a)).status).toBe(403);
      expect((await post({ deadline: 'registration', to: hours(250) })).status).toBe(400);
      const campaign = (await call('GET', `/campaigns/${sc.campaignId}`, { token: sc.admin })).body;
      expect(Date.parse(campaign.deadlines.registration)).toBe(Date.parse(to));
      expect(await eventsOf(sc.admin, sc.campaignId, 'DeadlineExtended')).toHaveLength(1);
    });
  });

  it('the clock reminds before the registration and nomination deadlines once each, only units that have not acted; a queued reminder is superseded when its unit acts', async () => {
    // Registration in a day, nominations in two: both inside the three-day window.
    const sc = await scenario('clk', ['a', 'b', 'c'], { registration: hours(24), nominations: hours(48) });
    expect((await register(sc, 'a')).status).toBe(200);
    expect((await nominate(sc, 'b')).status).toBe(201);
    // The launch letter (C is on it as a participating unit) has gone out before the faults are set.
    await eventually('the letter sent', async () => {
      const rows = (await call('GET', `/campaigns/${sc.campaignId}/deliveries`, { token: sc.admin })).body.items as { status: string }[];
      return rows.length > 0 && rows.every((d) => d.status === 'sent') ? true : undefined;
    });
    // C's next two mails fail with a 5xx (retryable, backed off): its reminders wait in the outbox.
    expect((await call('POST', '/local/faults', { body: { match: { to: addr('clk-c') }, queue: [{ kind: 'error5xx' }, { kind: 'error5xx' }] } })).status).toBe(200);
    try {
      await streamIdle();
      for (let i = 0; i < 2; i++) expect((await call('POST', '/local/scheduler/run')).status).toBe(200);
      await eventually('the reminders sent to A and B', async () =>
        (await recipientsOf(sc.documentNumber, 'Nhắc đăng ký thi đua')).length >= 1 && (await recipientsOf(sc.documentNumber, 'Nhắc gửi hồ sơ')).length >= 1 ? true : undefined,
      );
      const failedForC = await eventually('C’s two reminders failed', async () => {
        const rows = (await call('GET', `/campaigns/${sc.campaignId}/deliveries`, { token: sc.admin })).body.items as { address: string; status: string; eventType: string }[];
        const c = rows.filter((d) => d.address === addr('clk-c') && d.status === 'failed');
        return c.length === 2 ? c : undefined;
      });
      expect(failedForC.map((d) => d.eventType)).toEqual(['ReminderDue', 'ReminderDue']);
      // Now C registers: its registration reminder, still queued, is stale.
      expect((await register(sc, 'c')).status).toBe(200);
      await streamIdle();
      const [registrationReminder] = (await eventsOf(sc.admin, sc.campaignId, 'ReminderDue')).filter((e) => e.data.what === 'registration');
      const message = (await allItems()).find((i) => String(i.sk) === `MESSAGE#${registrationReminder!.eventId}#reminder:${sc.units.c}`);
      expect(message?.supersededBy).toEqual(expect.any(String));
    } finally {
      await call('POST', '/local/faults', { body: {} });
    }
    // The registration reminder waiting for C is superseded, not sent; the Office's retry sends the nomination one.
    const cRows = async () =>
      ((await call('GET', `/campaigns/${sc.campaignId}/deliveries`, { token: sc.admin })).body.items as { address: string; status: string; eventId: string }[]).filter(
        (d) => d.address === addr('clk-c'),
      );
    const [registrationDue] = (await eventsOf(sc.admin, sc.campaignId, 'ReminderDue')).filter((e) => e.data.what === 'registration');
    expect((await cRows()).find((d) => d.eventId === registrationDue!.eventId)?.status).toBe('superseded');
    expect((await call('POST', `/campaigns/${sc.campaignId}/deliveries/retry`, { token: sc.admin })).body.requeued).toBe(1);
    await eventually('C’s nomination reminder sent', async () => {
      const c = (await cRows()).filter((d) => d.eventId !== registrationDue!.eventId).map((d) => d.status);
      return c.every((s) => s === 'sent') ? c : undefined;
    });
    // The clock again: nothing new is recorded.
    expect((await call('POST', '/local/scheduler/run')).status).toBe(200);
    await streamIdle();
    const due = await eventsOf(sc.tokens.a!, sc.campaignId, 'ReminderDue');
    expect(due.map((e) => e.data.what).sort()).toEqual(['nominations', 'registration']);
    expect(await recipientsOf(sc.documentNumber, 'Nhắc đăng ký thi đua')).toEqual([addr('clk-b')]);
    // B nominated (the Office filed for it); A and C had not.
    expect(await recipientsOf(sc.documentNumber, 'Nhắc gửi hồ sơ đề nghị khen thưởng')).toEqual([addr('clk-a'), addr('clk-c')].sort());
  });

  it('the Office reminds on demand the units that have not submitted, at most once per unit and day', async () => {
    // Deadlines beyond the clock's three days: only the Office's reminders go out.
    const sc = await scenario('dem', ['a', 'b', 'c'], { reports: hours(200), nominations: hours(300) });
    expect((await nominate(sc, 'a')).status).toBe(201);
    const remind = (what: string, token = sc.admin) => call('POST', `/campaigns/${sc.campaignId}/reminders`, { token, body: { what } });
    const first = await remind('nominations');
    expect(first.status).toBe(200);
    expect(first.body.reminded.map((u: { unitId: string }) => u.unitId).sort()).toEqual([sc.units.b, sc.units.c].sort());
    expect(first.body.skipped).toEqual([{ unitId: sc.units.a, name: 'Phòng A (dem)', reason: 'already-submitted' }]);
    expect(first.body.eventIds).toHaveLength(1);
    const second = await remind('nominations');
    expect(second.body.reminded).toEqual([]);
    expect(second.body.eventIds).toEqual([]);
    expect(second.body.skipped.map((s: { unitId: string; reason: string }) => `${s.unitId}:${s.reason}`).sort()).toEqual(
      [`${sc.units.a}:already-submitted`, `${sc.units.b}:already-reminded-today`, `${sc.units.c}:already-reminded-today`].sort(),
    );
    // Another reminder (the final report) is its own: all three, none had reported.
    const reports = await remind('final');
    expect(reports.body.reminded).toHaveLength(3);
    await eventually('the on-demand reminders', async () => ((await recipientsOf(sc.documentNumber, 'Nhắc')).length >= 5 ? true : undefined));
    await streamIdle();
    expect(await recipientsOf(sc.documentNumber, 'Nhắc gửi hồ sơ đề nghị khen thưởng')).toEqual([addr('dem-b'), addr('dem-c')].sort());
    expect(await recipientsOf(sc.documentNumber, 'Nhắc nộp báo cáo tổng kết')).toEqual([addr('dem-a'), addr('dem-b'), addr('dem-c')].sort());
    // B nominates the same day: the Office's reminder to B is stale (superseded, if still waiting).
    expect((await nominate(sc, 'b')).status).toBe(201);
    const marked = await eventually('B’s on-demand reminder superseded', async () => {
      const m = (await allItems()).find((i) => String(i.sk) === `MESSAGE#${first.body.eventIds[0]}#reminder:${sc.units.b}`);
      return m?.supersededBy ? m : undefined;
    });
    expect((await allItems()).find((i) => String(i.sk) === `MESSAGE#${first.body.eventIds[0]}#reminder:${sc.units.c}`)?.supersededBy).toBeUndefined();
    expect(marked.supersededBy).toEqual(expect.any(String));
    // Refusals: a reporter may not, a deadline the letter lacks, a bad body.
    expect((await remind('nominations', sc.tokens.b)).status).toBe(403);
    expect((await remind('registration')).body.code).toBe('deadline.not_set');
    expect((await remind('everything')).status).toBe(400);
    // Which units were behind is the Office's: a unit's reporter does not see ReminderRequested.
    expect(await eventsOf(sc.admin, sc.campaignId, 'ReminderRequested')).toHaveLength(2);
    expect(await eventsOf(sc.tokens.b!, sc.campaignId, 'ReminderRequested')).toEqual([]);
  });
});
