import { createHash } from 'node:crypto';
import { seedCampaign, seedDirectory } from '../../seed/launch-letter-2023';
import { call, eventually, once, sentEmails, settledDeliveries, tokenFor } from './client';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The seed campaign from issue to finalized results on the local twin: registrations, nominations,
 * the close (once, however often it is asked), the proposal under the 2023 law (vn-2017), the
 * Council's ballot, the results, and the result emails to the Nơi nhận list and to each nominating
 * unit, exactly once. Numbered 16/KH-SNgV so its mail is told apart from the launch-letter test's.
 */
const DOC = '16/KH-SNgV';
const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString().replace('Z', '+00:00');
const thao = {
  kind: 'individual',
  personId: 'vp-thao',
  name: 'Hoàng Thị Thảo',
  gender: 'female',
  unitId: 'VP',
  hireDate: '2012-08-01',
  taskRating: 'HTXSNV',
  initiatives: [{ id: 'sk-2023-vp-01', title: 'Số hóa hồ sơ đối ngoại', recognisedBy: 'unit', recognisedOn: '2023-11-15', kind: 'initiative' }],
};
const vp = { kind: 'collective', unitId: 'VP', name: 'Văn phòng Sở', taskRating: 'HTTNV', members: { total: 10, byRating: { HTXSNV: 2, HTTNV: 7, HTNV: 1, KHTNV: 0 }, women: 6, ldtt: 8 } };
const unregistered = { kind: 'individual', name: 'Lê Văn Bình', gender: 'male', unitId: 'TTR', hireDate: '2016-01-01', taskRating: 'HTTNV' };

/**
 * The campaign's life as steps, each run once by the first test that needs it: every test awaits
 * the step it checks, so each passes alone and in any order.
 */
describe('nominations close, the Council votes, the results are emailed', () => {
  /** The directory, the tokens, and the campaign issued. */
  const issued = once(async () => {
    const admin = await tokenFor(['admin'], 'office');
    const vpToken = await tokenFor(['unit'], 'reporter-vp', 'VP');
    const ttrToken = await tokenFor(['unit'], 'reporter-ttr', 'TTR');
    const distinct = new Set<string>();
    for (const { code, ...group } of seedDirectory.groups) {
      expect((await call('PUT', `/recipient-groups/${code}`, { token: admin, body: group })).status).toBe(200);
      if (group.kind === 'email') for (const e of group.emails ?? []) distinct.add(e.trim().toLowerCase());
    }
    for (const { unitId, ...unit } of seedDirectory.units) {
      expect((await call('PUT', `/units/${unitId}`, { token: admin, body: unit })).status).toBe(200);
      if (seedCampaign.participatingUnits?.includes(unitId)) for (const e of unit.emails) distinct.add(e.trim().toLowerCase());
    }
    const created = await call('POST', '/campaigns', {
      token: admin,
      body: {
        ...seedCampaign,
        documentNumber: DOC,
        deadlines: { registration: hours(24), nominations: hours(48) },
        councilGroup: 'HDTDKT_SO',
        // The 2023 review: the law in force on 10/12/2023 (Luật TĐKT 2003/2013, NĐ 91/2017).
        referenceDate: '2023-12-10',
        // The old 15% CSTĐCS cap (NĐ 91/2017 Art 9.3) counts the Sở's LĐTT, not only those nominated here.
        // Registration is required by this campaign's choice: the rule is unverified, off unless turned on (issue 11).
        ruleOptions: { ldttCountForCap: 20, registrationRequired: true },
      },
    });
    expect(created.status).toBe(201);
    const campaignId: string = created.body.id;
    expect((await call('POST', `/campaigns/${campaignId}/issue`, { token: admin })).status).toBe(200);
    return { admin, vpToken, ttrToken, campaignId, distinct };
  });

  /** Registrations, then four nominations (one by TTR for a person who did not register). */
  const nominated = once(async () => {
    const { vpToken, ttrToken, campaignId } = await issued();
    const reg = (body: object, token = vpToken) => call('POST', `/campaigns/${campaignId}/registrations`, { token, body });
    const registrations = [
      await reg({ unitId: 'VP', registrant: { kind: 'unit' }, targets: ['Hoàn thành xuất sắc nhiệm vụ'], titles: ['TTLDTT'] }),
      await reg({ unitId: 'VP', registrant: { kind: 'individual', personId: 'vp-thao', name: 'Hoàng Thị Thảo' }, targets: ['Có sáng kiến'], titles: ['LDTT', 'CSTDCS'] }),
    ];
    const ids: Record<string, string> = {};
    const nominate = async (key: string, title: string, nominee: object, token = vpToken) => {
      const res = await call('POST', `/campaigns/${campaignId}/nominations`, { token, body: { title, nominee, achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2023.' } });
      expect(res.status).toBe(201); // the later steps need every id
      ids[key] = res.body.id;
    };
    await nominate('thaoLdtt', 'LDTT', thao);
    await nominate('thaoCstdcs', 'CSTDCS', thao);
    await nominate('vpTtldtt', 'TTLDTT', vp);
    await nominate('binh', 'LDTT', unregistered, ttrToken);
    return { registrations, ids };
  });

  /** The close asked twice by hand and once by the clock, then a late nomination; the proposal when it is ready. */
  const closed = once(async () => {
    const { admin, vpToken, campaignId } = await issued();
    await nominated();
    const first = await call('POST', `/campaigns/${campaignId}/close-nominations`, { token: admin });
    const second = await call('POST', `/campaigns/${campaignId}/close-nominations`, { token: admin });
    const tick = await call('POST', '/local/scheduler/run');
    const late = await call('POST', `/campaigns/${campaignId}/nominations`, { token: vpToken, body: { title: 'LDTT', nominee: thao, achievementSummary: 'x' } });
    const proposal = await eventually('the proposal', async () => {
      const res = await call('GET', `/campaigns/${campaignId}/proposal`, { token: await tokenFor(['council']) });
      return res.status === 200 ? res.body : undefined;
    });
    return { statuses: [first.status, second.status, tick.status, late.status], proposal };
  });

  /** The Council's ballot: a malformed one refused, then 7 of 9 for CSTĐCS. */
  const voted = once(async () => {
    const { admin, campaignId } = await issued();
    const { ids } = await nominated();
    await closed();
    const ballot = {
      membersTotal: 9,
      present: 8,
      writtenVotes: 1,
      votes: [
        { nominationId: ids.thaoLdtt, title: 'LDTT', yes: 9 },
        { nominationId: ids.thaoCstdcs, title: 'CSTDCS', yes: 7 },
        { nominationId: ids.vpTtldtt, title: 'TTLDTT', yes: 9 },
      ],
      // The meeting, for its minutes (issue 12).
      meeting: {
        start: '08 giờ 00',
        venue: 'Phòng họp tầng 2, Sở Ngoại vụ',
        chair: { name: 'Trịnh Tuyết Mai', position: 'Giám đốc Sở, Chủ tịch Hội đồng' },
        secretary: { name: 'Nông Văn Thư', position: 'Chánh Văn phòng Sở' },
      },
    };
    const malformed = await call('POST', `/campaigns/${campaignId}/council-votes`, { token: admin, body: { ...ballot, votes: [{ nominationId: 'nope', title: 'LDTT', yes: 1 }] } });
    // Issue 11: a choice among the tied names a tie of the proposal; this one has none.
    const noSuchTie = await call('POST', `/campaigns/${campaignId}/council-votes`, { token: admin, body: { ...ballot, tieChoices: [{ tieId: 'standings:1', chosen: ['VP'], yes: 6 }] } });
    const recorded = await call('POST', `/campaigns/${campaignId}/council-votes`, { token: admin, body: ballot });
    return { malformed, noSuchTie, recorded };
  });

  /** The results finalized, and finalizing asked again. */
  const finalized = once(async () => {
    const { admin, campaignId } = await issued();
    await voted();
    const first = await call('POST', `/campaigns/${campaignId}/results/finalize`, { token: admin });
    const again = await call('POST', `/campaigns/${campaignId}/results/finalize`, { token: admin });
    return { first, again };
  });

  it('takes registrations and nominations from the units, each for its own people', async () => {
    const { ttrToken, campaignId } = await issued();
    const { registrations, ids } = await nominated();
    expect(registrations.map((r) => r.status)).toEqual([200, 200]);
    // A unit cannot nominate another unit's people.
    expect((await call('POST', `/campaigns/${campaignId}/nominations`, { token: ttrToken, body: { title: 'LDTT', nominee: thao, achievementSummary: 'x' } })).status).toBe(403);
    const mine = await call('GET', `/campaigns/${campaignId}/nominations`, { token: ttrToken });
    expect(mine.body.items.map((n: { id: string }) => n.id)).toEqual([ids.binh]);
  });

  it('closes once, however often it is asked, and decides every nomination under the law of the reference date', async () => {
    const { admin, campaignId } = await issued();
    const { ids } = await nominated();
    const { statuses, proposal } = await closed();
    expect(statuses).toEqual([200, 409, 200, 409]); // close, close again, the clock's run, a late nomination
    const events = await call('GET', `/campaigns/${campaignId}/events`, { token: admin });
    expect(events.body.items.filter((e: { type: string }) => e.type === 'NominationsClosed')).toHaveLength(1);

    expect(proposal.ruleSet).toBe('vn-2017');
    // The assessment year is the letter's (issue 11), and the regime says which law decided.
    expect(proposal.regime).toMatchObject({ ruleSet: 'vn-2017', assessmentYear: proposal.campaignYear });
    expect(proposal.inputHash).toMatch(/^[0-9a-f]{64}$/);
    // The unverified rule this campaign turned on is listed for the Council, with the campaign as its source.
    expect(proposal.unverified).toContainEqual(expect.objectContaining({ option: 'registrationRequired', sentence: expect.stringContaining('Cấu hình của phong trào') }));
    const status = (id: string | undefined) => proposal.decisions.find((d: { nominationId: string }) => d.nominationId === id);
    expect(status(ids.thaoLdtt).status).toBe('eligible');
    expect(status(ids.thaoCstdcs)).toMatchObject({ status: 'eligible', quota: { id: 'CSTDCS:cap', limit: 3, outcome: 'within' } });
    expect(status(ids.vpTtldtt).status).toBe('eligible');
    const binh = status(ids.binh);
    expect(binh.status).toBe('not-eligible');
    const failed = binh.checks.filter((c: { passed: boolean }) => !c.passed);
    expect(failed.length).toBeGreaterThan(0);
    for (const c of binh.checks) {
      expect(c.citation.document).toBeTruthy();
      expect(typeof c.sentence).toBe('string');
    }
    // The Council gets the proposal by email, once per member.
    const council = seedDirectory.groups.find((g) => g.code === 'HDTDKT_SO')!.emails!.map((e) => e.trim().toLowerCase());
    await eventually('the proposal mail', async () => {
      const got = (await sentEmails()).filter((e) => e.subject.startsWith(`[${DOC}] Dự kiến kết quả`));
      return got.length >= new Set(council).size ? got : undefined;
    });
    const proposalMails = (await sentEmails()).filter((e) => e.subject.startsWith(`[${DOC}] Dự kiến kết quả`));
    expect(proposalMails.flatMap((e) => e.destination.to).sort()).toEqual([...new Set(council)].sort());
    // Issue 11: the mail names people and units, never a dossier's id (the nominations' ids are UUIDs).
    for (const m of proposalMails) expect(`${m.subject}\n${JSON.stringify(m.body)}`).not.toMatch(UUID);
    // The proposal travels as the Tờ trình to the Council (issue 12), under the number the close took from the register;
    // the mail is its cover note, and the Tờ trình is the file the campaign lists.
    const trail = (await call('GET', `/campaigns/${campaignId}/events`, { token: admin })).body.items as { type: string; data: { councilSubmission?: string } }[];
    const ttr = trail.find((e) => e.type === 'NominationsClosed')!.data.councilSubmission!;
    expect(ttr).toMatch(/^\d+\/TTr-SNgV$/);
    expect(proposalMails[0]!.body.text).toContain(`Tờ trình số ${ttr} ngày`);
    for (const m of proposalMails) expect(m.attachments?.map((a) => a.filename)).toEqual([`${ttr.replace('/', '_')}.pdf`]);
    const documents = (await call('GET', `/campaigns/${campaignId}/documents`, { token: admin })).body.items as { kind: string; documentNumber: string; sha256: string }[];
    const submission = documents.find((d) => d.kind === 'council-submission')!;
    expect(submission.documentNumber).toBe(ttr);
    expect(createHash('sha256').update(Buffer.from(proposalMails[0]!.attachments![0]!.content, 'base64')).digest('hex')).toBe(submission.sha256);
  });

  it('a manual close racing the scheduled one (and another manual one) yields one NominationsClosed event', async () => {
    const { admin } = await issued();
    // Issued while its deadline is still ahead (a letter past it is refused), then the deadline passes.
    const deadline = Date.now() + 2000;
    const past = await call('POST', '/campaigns', {
      token: admin,
      body: { ...seedCampaign, documentNumber: '18/KH-SNgV', deadlines: { nominations: new Date(deadline).toISOString() }, councilGroup: 'HDTDKT_SO' },
    });
    const c = past.body.id;
    expect((await call('POST', `/campaigns/${c}/issue`, { token: admin })).status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now()) + 50));
    const [a, b, tick] = await Promise.all([
      call('POST', `/campaigns/${c}/close-nominations`, { token: admin }),
      call('POST', `/campaigns/${c}/close-nominations`, { token: admin }),
      call('POST', '/local/scheduler/run'),
    ]);
    expect(tick.status).toBe(200);
    // Whoever wins, the others lose cleanly: at most one 200 among the manual closes, never two.
    expect([a.status, b.status].filter((st) => st === 200).length).toBeLessThanOrEqual(1);
    expect([a.status, b.status].every((st) => st === 200 || st === 409)).toBe(true);
    const events = await call('GET', `/campaigns/${c}/events`, { token: admin });
    expect(events.body.items.filter((e: { type: string }) => e.type === 'NominationsClosed')).toHaveLength(1);
    expect((await call('GET', `/campaigns/${c}`, { token: admin })).body.status).toBe('nominations-closed');
  });

  it('checks the ballot over the whole membership: 7 of 9 fails the 80% of CSTĐCS', async () => {
    const { ids } = await nominated();
    const { malformed, noSuchTie, recorded: res } = await voted();
    expect(malformed.status).toBe(400);
    expect(noSuchTie.status).toBe(400);
    expect(noSuchTie.body.message).toBe('Không có trường hợp đồng hạng "standings:1" trong dự kiến kết quả.');
    expect(res.body.tieChoices).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.quorum.met).toBe(true);
    const result = (id: string | undefined) => res.body.results.find((r: { nominationId: string }) => r.nominationId === id);
    expect(result(ids.thaoCstdcs)).toMatchObject({ passed: false, yes: 7, required: 8 });
    expect(result(ids.thaoLdtt).passed).toBe(true);
  });

  it('finalizes once, and emails the Nơi nhận list and each nominating unit exactly once', async () => {
    const { admin, campaignId, distinct } = await issued();
    const { ids } = await nominated();
    const { first: res, again } = await finalized();
    expect(res.status).toBe(200);
    const outcome = (id: string | undefined) => res.body.outcomes.find((o: { nominationId: string }) => o.nominationId === id);
    expect(outcome(ids.thaoLdtt).outcome).toBe('awarded');
    expect(outcome(ids.thaoCstdcs).outcome).toBe('not-awarded');
    expect(outcome(ids.thaoCstdcs).reason).toContain('7');
    expect(outcome(ids.binh).outcome).toBe('not-awarded');
    expect(again.status).toBe(409);
    // The documents the results are issued in have their numbers from the register (issue 12): the notice, and the
    // decision for the title the Sở awarded; nothing was proposed upward, so no submission number was taken.
    expect(res.body.documents).toEqual({
      notice: expect.stringMatching(/^\d+\/TB-SNgV$/),
      decision: expect.stringMatching(/^\d+\/QĐ-SNgV$/),
      minutes: expect.stringMatching(/^\d+\/BB-SNgV$/),
    });
    const year = res.body.finalizedAt.slice(0, 4);
    // The Tờ trình to the Council took its number when nominations closed (the same year here).
    const closedEvents = (await call('GET', `/campaigns/${campaignId}/events`, { token: admin })).body.items as { type: string; data: { councilSubmission?: string } }[];
    const councilSubmission = closedEvents.find((e) => e.type === 'NominationsClosed')!.data.councilSubmission!;
    const register = (await call('GET', `/document-numbers?year=${year}`, { token: admin })).body.items as { documentNumber: string; campaignId?: string; source: string }[];
    expect(
      register
        .filter((e) => e.campaignId === campaignId)
        .map((e) => e.documentNumber)
        .sort(),
    ).toEqual([res.body.documents.notice, res.body.documents.decision, res.body.documents.minutes, councilSubmission].sort());
    // The letter's own number is in the register of its date's year.
    const letterYear = (await call('GET', `/campaigns/${campaignId}`, { token: admin })).body.date.slice(0, 4);
    const letterRegister = (await call('GET', `/document-numbers?year=${letterYear}&type=KH`, { token: admin })).body.items as typeof register;
    expect(letterRegister.filter((e) => e.campaignId === campaignId)).toEqual([expect.objectContaining({ documentNumber: DOC, source: 'campaign-letter' })]);

    const deliveries = await settledDeliveries(admin, campaignId, 1);
    const resultRows = await eventually('result deliveries', async () => {
      const all = (await call('GET', `/campaigns/${campaignId}/deliveries`, { token: admin })).body.items as { eventType: string; status: string; message: string }[];
      const rows = all.filter((d) => d.eventType === 'ResultsFinalized');
      return rows.length >= distinct.size + 2 + 2 && rows.every((d) => !['pending', 'claimed', 'sending'].includes(d.status)) ? rows : undefined;
    });
    expect(deliveries.length).toBeGreaterThan(0);
    expect(resultRows.filter((d) => d.message === 'results' && d.status === 'sent')).toHaveLength(distinct.size);

    const letters = (await sentEmails()).filter((e) => e.subject.startsWith(`[${DOC}] Thông báo kết quả`));
    const to = letters.flatMap((e) => e.destination.to);
    expect(to.sort()).toEqual([...distinct].sort()); // each distinct address once, nobody twice
    // The mail is the cover note of the notice and the decision (issue 12), each named by the number the register gave;
    // the names are in the PDFs.
    expect(letters[0]!.body.text).toContain(`Thông báo số ${res.body.documents.notice} ngày`);
    expect(letters[0]!.body.text).toContain(`Quyết định số ${res.body.documents.decision} ngày`);
    expect(letters[0]!.body.text).toContain('Tổng số hồ sơ được xét: 4; được khen thưởng:');
    // The notice and the award decision go as PDFs with the letter, the files the campaign lists (issue 12).
    const pdfName = (n: string) => `${n.replace('/', '_')}.pdf`;
    for (const l of letters) expect(l.attachments?.map((a) => a.filename)).toEqual([pdfName(res.body.documents.notice), pdfName(res.body.documents.decision)]);
    const documents = (await call('GET', `/campaigns/${campaignId}/documents`, { token: admin })).body.items as { kind: string; documentNumber: string; sha256: string }[];
    expect(documents.map((d) => [d.kind, d.documentNumber]).sort()).toEqual(
      [
        ['award-decision', res.body.documents.decision],
        ['council-minutes', res.body.documents.minutes],
        ['council-submission', councilSubmission],
        ['launch-letter', DOC],
        ['results-notice', res.body.documents.notice],
      ].sort(),
    );
    // The Council's minutes are the Office's and the Council's; a unit reads the letters it was sent, not the minutes.
    const unitKinds = (await call('GET', `/campaigns/${campaignId}/documents`, { token: (await issued()).ttrToken })).body.items.map((d: { kind: string }) => d.kind);
    expect(unitKinds.sort()).toEqual(['award-decision', 'launch-letter', 'results-notice']);
    const sha = (b64: string) => createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex');
    expect(sha(letters[0]!.attachments![1]!.content)).toBe(documents.find((d) => d.kind === 'award-decision')!.sha256);

    const unitMails = (await sentEmails()).filter((e) => e.subject.startsWith(`[${DOC}] Kết quả xét khen thưởng`));
    const vpEmails = seedDirectory.units.find((u) => u.unitId === 'VP')!.emails.map((e) => e.trim().toLowerCase());
    const ttrEmails = seedDirectory.units.find((u) => u.unitId === 'TTR')!.emails.map((e) => e.trim().toLowerCase());
    expect(unitMails.flatMap((e) => e.destination.to).sort()).toEqual([...vpEmails, ...ttrEmails].sort());
    const ttrMail = unitMails.find((e) => e.destination.to.includes(ttrEmails[0]!))!;
    expect(ttrMail.body.text).toContain('Lê Văn Bình');
    expect(ttrMail.body.text).not.toContain('Hoàng Thị Thảo');
    for (const m of [...letters, ...unitMails]) expect(`${m.subject}\n${JSON.stringify(m.body)}`).not.toMatch(UUID);
  });

  it('serves the results as JSON and as a UTF-8 CSV that Excel opens with its diacritics', async () => {
    const { admin, campaignId } = await issued();
    await finalized();
    const json = await call('GET', `/campaigns/${campaignId}/results`, { token: await tokenFor(['viewer']) });
    expect(json.status).toBe(200);
    expect(json.body.outcomes).toHaveLength(4);
    const res = await fetch(`${process.env.API_URL}/campaigns/${campaignId}/results?format=csv`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('Hoàng Thị Thảo');
    expect(text).toContain('\r\n');
  });
});
