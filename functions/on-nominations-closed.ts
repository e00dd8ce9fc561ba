import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBRecord } from 'aws-lambda';
import { renderProposalMail } from '#shared/mail/result-mails';
import { queueMail } from '#shared/outbox';
import { logger } from '#shared/powertools';
import { DomainEvent } from '#shared/schemas/events';
import { getCampaign } from '#shared/store/campaigns';
import { loadDirectory } from '#shared/store/directory';
import { saveProposal } from '#shared/store/nominations';
import { markMailingPrepared } from '#shared/store/mailings';
import { streamConsumer } from '#shared/stream/batch';
import { newImage } from '#shared/stream/decode';
import { decideCampaign } from '#shared/usecases/decide-campaign';
import { groupRecipients } from '#shared/usecases/group-recipients';

/**
 * NominationsClosed → the proposal. Decides every nomination under the law in force on the
 * campaign's reference date (a pure function of the stored inputs, so a retried batch writes the
 * same proposal), stores it with its input hash and rule-set version, and mails it as a table to
 * the Council (`councilGroup`) and the Office (`officeGroup`) through the outbox.
 */
async function onNominationsClosed(record: DynamoDBRecord): Promise<void> {
  const event = newImage(record, DomainEvent);
  const campaign = await getCampaign(event.agencyId, event.campaignId);
  if (!campaign) throw new Error(`campaign ${event.campaignId} of event ${event.eventId} does not exist`);
  const proposal = await decideCampaign(campaign);
  await saveProposal(campaign.agencyId, campaign.id, proposal, event.occurredAt);

  const directory = await loadDirectory(event.agencyId);
  const unitNames = Object.fromEntries(directory.units.map((u) => [u.unitId, u.name]));
  const queued = await queueMail(event, 'proposal', renderProposalMail({ campaign, proposal, unitNames, closedAt: event.occurredAt }), {
    emails: groupRecipients(directory.groups, [campaign.councilGroup, campaign.officeGroup]),
  });
  await markMailingPrepared(event, queued, new Date());
  logger.info('proposal ready', {
    campaignId: campaign.id,
    eventId: event.eventId,
    ruleSet: proposal.ruleSet,
    inputHash: proposal.inputHash,
    decisions: proposal.decisions.length,
    queued,
  });
}

export const handler = middy(streamConsumer(onNominationsClosed)).use(injectLambdaContext(logger));
