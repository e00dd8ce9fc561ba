import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBRecord } from 'aws-lambda';
import { mapLimit } from '#shared/concurrency';
import { resolveRecipients } from '#shared/domain/recipients';
import { renderLetter } from '#shared/mail/letter';
import { logger } from '#shared/powertools';
import { Delivery, DomainEvent } from '#shared/schemas/events';
import { getCampaign } from '#shared/store/campaigns';
import { putDeliveryIfAbsent, putMessageIfAbsent } from '#shared/store/deliveries';
import { loadDirectory } from '#shared/store/directory';
import { streamConsumer } from '#shared/stream/batch';
import { newImage } from '#shared/stream/decode';

/** DynamoDB handles ~25 concurrent small writes per connection pool comfortably; more only queues. */
const WRITE_CONCURRENCY = 16;

/**
 * CampaignIssued → the outbox. Resolves the letter's Nơi nhận list, renders the letter once, and
 * writes one delivery per distinct address (conditional puts, so a retried batch adds nothing),
 * plus one row per archive and publication entry, which are recorded, never emailed.
 */
async function onCampaignIssued(record: DynamoDBRecord): Promise<void> {
  const event = newImage(record, DomainEvent);
  const log = logger.createChild({ persistentKeys: { eventId: event.eventId, campaignId: event.campaignId } });
  const campaign = await getCampaign(event.campaignId);
  if (!campaign) throw new Error(`campaign ${event.campaignId} of event ${event.eventId} does not exist`);

  const directory = await loadDirectory();
  const resolved = resolveRecipients(campaign.recipientGroups, campaign.participatingUnits, directory);
  const names = new Map(directory.groups.map((g) => [g.code, g]));
  const message = renderLetter(
    campaign,
    campaign.recipientGroups.flatMap((code) => {
      const g = names.get(code);
      return g ? [{ name: g.name, ...(g.purpose ? { purpose: g.purpose } : {}) }] : [];
    }),
  );
  await putMessageIfAbsent(campaign.id, event.eventId, message);

  const now = new Date().toISOString();
  const base = { campaignId: campaign.id, eventId: event.eventId, eventType: event.type, attempts: 0, createdAt: now, updatedAt: now };
  const deliveries: Delivery[] = [
    ...resolved.emails.map((e) => ({ ...base, channel: 'email' as const, address: e.address, groups: e.groups, status: 'pending' as const })),
    ...resolved.archives.map((a) => ({ ...base, channel: 'archive' as const, address: a.code, groups: [a], status: 'archived' as const })),
    ...resolved.publications.map((p) => ({ ...base, channel: 'publication' as const, address: p.code, groups: [p], status: 'published' as const })),
    // A code the directory lost after the letter was written is shown as failed, not dropped.
    ...resolved.missing.map((code) => ({
      ...base,
      channel: 'email' as const,
      address: code,
      groups: [{ code, name: code }],
      status: 'failed' as const,
      retryable: false,
      lastError: `"${code}" không còn trong danh bạ nơi nhận`,
    })),
  ];
  const added = await mapLimit(deliveries, WRITE_CONCURRENCY, (d) => putDeliveryIfAbsent(d));
  log.info('outbox written', {
    addresses: resolved.emails.length,
    archives: resolved.archives.length,
    publications: resolved.publications.length,
    missing: resolved.missing,
    newlyQueued: added.filter(Boolean).length,
  });
}

export const handler = middy(streamConsumer(onCampaignIssued)).use(injectLambdaContext(logger));
