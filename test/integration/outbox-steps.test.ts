import { randomUUID } from 'node:crypto';

/**
 * `queueMail` (shared/outbox.ts) on the twin's DynamoDB Local, called directly: a list of 230
 * addresses is checked and written a hundred at a time (so the mailer starts after one step, not
 * after the whole list), and the steps add up to what one pass would write: the suppressed address
 * in the second step recorded `suppressed`, every other one `pending` once, the archive line with
 * the last step; a second run (a retried batch) writes nothing. The campaign is one of its own; the
 * twin's mailer sends its pending rows to the SES emulator like any other.
 */

type Outbox = typeof import('../../shared/outbox');
type Deliveries = typeof import('../../shared/store/deliveries');
let outbox: Outbox;
let deliveries: Deliveries;

beforeAll(async () => {
  // The handlers' document client reads its endpoint from the SDK's own variable, as the twin sets it for them.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = process.env.DYNAMODB_ENDPOINT;
  process.env.AWS_REGION ??= 'ap-southeast-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  outbox = await import('../../shared/outbox');
  deliveries = await import('../../shared/store/deliveries');
});

it('230 addresses in three steps: one suppressed in the second step, the rest pending once, the archive line last; a re-run writes nothing', async () => {
  const agencyId = 'default';
  const campaignId = `outbox-steps-${randomUUID()}`;
  const group = { code: 'STEPS', name: 'Các đơn vị' };
  const emails = Array.from({ length: 230 }, (_, i) => ({ address: `don-vi-${i}@steps.example.org`, groups: [group] }));
  const bounced = emails[150]!.address;
  await deliveries.suppress(agencyId, bounced, { kind: 'bounce', detail: 'test', at: new Date().toISOString() });
  const event = { eventId: randomUUID(), type: 'CampaignIssued' as const, agencyId, campaignId, version: 2, occurredAt: new Date().toISOString(), actor: 'test', data: {} };
  const message = { subject: '[1/KH-STEPS] Thử', html: '<p>Thử</p>', text: 'Thử' };
  const rows = { emails, archives: [{ code: 'LUU_VT', name: 'Lưu: VT' }] };

  expect(await outbox.queueMail(event, 'letter', message, rows)).toBe(231);
  const written = await deliveries.listDeliveries(agencyId, campaignId);
  const email = written.filter((d) => d.channel === 'email');
  expect(email).toHaveLength(230);
  expect(new Set(email.map((d) => d.address)).size).toBe(230);
  expect(email.find((d) => d.address === bounced)!.status).toBe('suppressed');
  // Pending, or already on its way: the twin's mailer is at work on the first steps.
  expect(email.filter((d) => d.address !== bounced).every((d) => d.status !== 'suppressed')).toBe(true);
  expect(written.filter((d) => d.channel === 'archive').map((d) => d.address)).toEqual(['LUU_VT']);

  expect(await outbox.queueMail(event, 'letter', message, rows)).toBe(0);
  expect(await deliveries.listDeliveries(agencyId, campaignId)).toHaveLength(231);
});
