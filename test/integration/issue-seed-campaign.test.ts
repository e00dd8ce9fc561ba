import { seedCampaign, seedCampaignIssuable, seedDirectory } from '../../seed/launch-letter-2023';
import { allItems, call, once, sentEmails, settledDeliveries, streamIdle, tokenFor } from './client';
import { campaignPk } from '../../shared/store/keys';
import { DEFAULT_AGENCY_ID } from '../../shared/usecases/principal';

/**
 * The first whole slice on the local twin's real components: load the seed letter (Sở Ngoại vụ
 * Lạng Sơn, 2023) with its eight Nơi nhận entries, issue it, and read what the SES emulator got.
 */
describe('issuing the seed campaign', () => {
  const documentNumber = seedCampaign.documentNumber;
  // The number exactly, not inside another ("3015/KH-SNgV", another test's random number, contains "15/KH-SNgV").
  const ownNumber = new RegExp(`(^|[^0-9])${documentNumber.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`);
  const ourEmails = async () => (await sentEmails()).filter((e) => ownNumber.test(e.subject));

  /** The directory and the seed campaign as a draft. */
  const drafted = once(async () => {
    const admin = await tokenFor(['admin'], 'office-clerk');
    const expected = new Set<string>();
    for (const { code, ...group } of seedDirectory.groups) {
      const res = await call('PUT', `/recipient-groups/${code}`, { token: admin, body: group });
      expect(res.status).toBe(200);
      if (group.kind === 'email') for (const e of group.emails ?? []) expected.add(e.trim().toLowerCase());
    }
    for (const { unitId, ...unit } of seedDirectory.units) {
      expect((await call('PUT', `/units/${unitId}`, { token: admin, body: unit })).status).toBe(200);
      if (seedCampaign.participatingUnits?.includes(unitId)) for (const e of unit.emails) expected.add(e.trim().toLowerCase());
    }
    // The 2023 letter, its deadlines moved ahead of today: a letter past its nomination deadline is not issued.
    const created = await call('POST', '/campaigns', { token: admin, body: seedCampaignIssuable() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', version: 1, documentNumber });
    // Before anything else happens to it: the stream has caught up with its creation, and no mail went out.
    await streamIdle();
    const emailsWhileDraft = (await ourEmails()).length;
    const deliveriesWhileDraft = (await call('GET', `/campaigns/${created.body.id}/deliveries`, { token: admin })).body.items;
    return { admin, expected, campaignId: created.body.id as string, emailsWhileDraft, deliveriesWhileDraft };
  });

  /** The draft issued, and every delivery settled. */
  const issued = once(async () => {
    const { admin, campaignId, expected } = await drafted();
    const response = await call('POST', `/campaigns/${campaignId}/issue`, { token: admin });
    expect(response.status).toBe(200);
    const deliveries = await settledDeliveries(admin, campaignId, expected.size + 2);
    return { response, deliveries };
  });

  it('sends nothing while the campaign is a draft', async () => {
    const { emailsWhileDraft, deliveriesWhileDraft } = await drafted();
    expect(emailsWhileDraft).toBe(0);
    expect(deliveriesWhileDraft).toEqual([]);
  });

  it('issues: exactly one email per distinct address, none to the archive or publication entries', async () => {
    const { expected } = await drafted();
    const { response, deliveries } = await issued();
    expect(response.body).toMatchObject({ status: 'issued', version: 2, date: seedCampaign.date });

    const emailRows = deliveries.filter((d) => d.channel === 'email');
    expect(emailRows.map((d) => d.address).sort()).toEqual([...expected].sort());
    expect(emailRows.every((d) => d.status === 'sent' && d.attempts === 1 && d.messageId)).toBe(true);
    expect(deliveries.filter((d) => d.channel === 'archive')).toEqual([expect.objectContaining({ address: 'LUU_VT_VP', status: 'archived' })]);
    expect(deliveries.filter((d) => d.channel === 'publication')).toEqual([expect.objectContaining({ address: 'TRANG_TTDT', status: 'published' })]);

    const emails = await ourEmails();
    const recipients = emails.flatMap((e) => [...e.destination.to, ...e.destination.cc, ...e.destination.bcc]);
    expect(recipients.sort()).toEqual([...expected].sort()); // one each: no duplicate, nobody missing
    expect(recipients.some((r) => !r.includes('@'))).toBe(false);
    expect(emails.every((e) => e.from === 'no-reply@thidua.example.org')).toBe(true);
  });

  it('a person on two groups gets one email that names both entries', async () => {
    const { deliveries } = await issued();
    const multi = deliveries.filter((d) => d.groups.length > 1);
    expect(multi.length).toBeGreaterThan(0);
    const emails = await ourEmails();
    for (const d of multi) expect(emails.filter((e) => e.destination.to.includes(d.address))).toHaveLength(1);
  });

  it('the Vietnamese subject and cover note arrive intact, the letter attached as its PDF', async () => {
    await issued();
    const [email] = await ourEmails();
    expect(email).toBeDefined();
    expect(email!.subject).toBe(`[${documentNumber}] ${seedCampaign.title}`);
    expect(email!.subject.normalize('NFC')).toBe(email!.subject);
    // The letter travels as its PDF (issue 12): the body is its cover note, naming it, its date and its file.
    for (const part of [email!.body.text!, email!.body.html!]) {
      expect(part.normalize('NFC')).toBe(part);
      expect(part).toContain('Kính gửi');
      expect(part).toContain('Hội đồng TĐKT tỉnh');
      expect(part).toContain(`Kế hoạch số ${documentNumber} ngày 05/3/2023 về việc phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2023`);
      expect(part).toContain('15_KH-SNgV.pdf');
      expect(part).toContain('Thời hạn gửi hồ sơ đề nghị khen thưởng');
      expect(part).toContain('Trịnh Tuyết Mai');
    }
    expect(email!.attachments?.map((a) => [a.filename, a.contentType])).toEqual([['15_KH-SNgV.pdf', 'application/pdf']]);
    expect(email!.body.text).not.toMatch(/<[a-z]/i);
  });

  it('the audit trail holds CampaignCreated then CampaignIssued', async () => {
    const { campaignId } = await drafted();
    await issued();
    const events = await call('GET', `/campaigns/${campaignId}/events`, { token: await tokenFor(['viewer']) });
    expect(events.status).toBe(200);
    expect(events.body.items.map((e: { type: string; version: number }) => [e.type, e.version])).toEqual([
      ['CampaignCreated', 1],
      ['CampaignIssued', 2],
    ]);
  });

  it('issuing again is a 409 and sends nothing more', async () => {
    const { admin, campaignId } = await drafted();
    await issued();
    await streamIdle();
    const before = (await ourEmails()).length;
    const ours = async () => (await allItems()).filter((i) => i.pk === campaignPk(DEFAULT_AGENCY_ID, campaignId)).length;
    const itemsBefore = await ours();
    const again = await call('POST', `/campaigns/${campaignId}/issue`, { token: admin });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'campaign.not_draft', message: expect.stringMatching(/issued/) });
    await streamIdle(); // a wrongly queued mail would have been sent by now
    expect((await ourEmails()).length).toBe(before);
    expect(await ours()).toBe(itemsBefore);
  });
});
