import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBRecord } from 'aws-lambda';
import { attachmentOf, issueDocument, pdfName } from '#shared/documents/issue';
import { documentNumber } from '#shared/documents/number';
import { todayInVietnam } from '#shared/domain/vn-date';
import { renderProposalMailFor } from '#shared/mail/result-mails';
import { queueMail } from '#shared/outbox';
import { logger } from '#shared/powertools';
import { DomainEvent, NominationsClosedData } from '#shared/schemas/events';
import { getAgency } from '#shared/store/agencies';
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
 * same proposal), stores it with its input hash and rule-set version, issues it as the Tờ trình to the Council (a PDF,
 * under the number the close took from the register: issue 12) and mails it, with a cover note, to the Council
 * (`councilGroup`) and the Office (`officeGroup`) through the outbox. A campaign closed before the register has no
 * number: its proposal is mailed whole, as a table, without a PDF.
 */
async function onNominationsClosed(record: DynamoDBRecord): Promise<void> {
  const event = newImage(record, DomainEvent);
  const campaign = await getCampaign(event.agencyId, event.campaignId);
  if (!campaign) throw new Error(`campaign ${event.campaignId} of event ${event.eventId} does not exist`);
  const proposal = await decideCampaign(campaign);
  await saveProposal(campaign.agencyId, campaign.id, proposal, event.occurredAt);

  const directory = await loadDirectory(event.agencyId);
  const unitNames = Object.fromEntries(directory.units.map((u) => [u.unitId, u.name]));
  const input = { campaign, proposal, unitNames, closedAt: event.occurredAt };
  const { councilSubmission: number } = NominationsClosedData.parse(event.data);
  // The Tờ trình in the bucket, recorded, before the mail is queued: the mail names its file. Dated the day the
  // nominations closed, in Vietnam; a retried consumer renders the same bytes under the same number.
  const date = todayInVietnam(new Date(Date.parse(event.occurredAt)));
  const agencyName = number ? (await getAgency(event.agencyId))?.name : undefined;
  const submission = number
    ? await issueDocument(event, {
        kind: 'council-submission',
        documentId: 'council-submission',
        filename: pdfName(number),
        input: { ...input, number: documentNumber(number), date, noiNhan: [{ name: 'Như trên' }, { name: 'Lưu: VT, VP' }] },
      })
    : undefined;
  const pdf = submission ? { submission: { documentNumber: submission.documentNumber, date, filename: submission.filename }, ...(agencyName ? { agencyName } : {}) } : undefined;
  const mail = renderProposalMailFor(input, pdf);
  const message = submission ? { ...mail, attachments: [attachmentOf(submission)] } : mail;
  const queued = await queueMail(event, 'proposal', message, {
    emails: groupRecipients(directory.groups, [campaign.councilGroup, campaign.officeGroup]),
  });
  await markMailingPrepared(event, queued, new Date());
  logger.info('proposal ready', {
    campaignId: campaign.id,
    eventId: event.eventId,
    ruleSet: proposal.ruleSet,
    inputHash: proposal.inputHash,
    decisions: proposal.decisions.length,
    councilSubmission: number,
    queued,
  });
}

export const handler = middy(streamConsumer(onNominationsClosed)).use(injectLambdaContext(logger));
