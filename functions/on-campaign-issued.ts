import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBRecord } from 'aws-lambda';
import { resolveRecipients } from '#shared/domain/recipients';
import { renderLetterCoverNote } from '#shared/mail/letter';
import { getAgency } from '#shared/store/agencies';
import { logger } from '#shared/powertools';
import { DomainEvent } from '#shared/schemas/events';
import { getCampaign } from '#shared/store/campaigns';
import { queueMail } from '#shared/outbox';
import { attachmentOf, issueDocument, issueSigned, pdfName } from '#shared/documents/issue';
import { getSignedLetter } from '#shared/store/signed-letters';
import { documentNumber } from '#shared/documents/number';
import { loadDirectory } from '#shared/store/directory';
import { markMailingPrepared } from '#shared/store/mailings';
import { streamConsumer } from '#shared/stream/batch';
import { newImage } from '#shared/stream/decode';

/**
 * CampaignIssued → the outbox. Resolves the letter's Nơi nhận list, has the renderer make the letter's PDF (stored
 * and recorded as the campaign's document), renders the mail once (a cover note, the PDF attached), and
 * writes one delivery per distinct address (conditional puts, so a retried batch adds nothing),
 * plus one row per archive and publication entry, which are recorded, never emailed.
 */
async function onCampaignIssued(record: DynamoDBRecord): Promise<void> {
  const event = newImage(record, DomainEvent);
  const log = logger.createChild({ persistentKeys: { eventId: event.eventId, campaignId: event.campaignId } });
  const campaign = await getCampaign(event.agencyId, event.campaignId);
  if (!campaign) throw new Error(`campaign ${event.campaignId} of event ${event.eventId} does not exist`);

  const directory = await loadDirectory(event.agencyId);
  const resolved = resolveRecipients(campaign.recipientGroups, campaign.participatingUnits, directory);
  const names = new Map(directory.groups.map((g) => [g.code, g]));
  const noiNhan = campaign.recipientGroups.flatMap((code) => {
    const g = names.get(code);
    return g ? [{ name: g.name, ...(g.purpose ? { purpose: g.purpose } : {}) }] : [];
  });
  // The letter as a PDF in the bucket before anything is queued (issue 12): the mail carries it. The signed original,
  // when the Office uploaded one (checked when it was issued), in place of the rendering.
  const signed = await getSignedLetter(campaign);
  const letter = signed?.verifiedAt
    ? await issueSigned(event, { kind: 'launch-letter', documentId: 'launch-letter', documentNumber: campaign.documentNumber, ...signed })
    : await issueDocument(event, {
        kind: 'launch-letter',
        documentId: 'launch-letter',
        filename: pdfName(campaign.documentNumber),
        input: { campaign, noiNhan, number: documentNumber(campaign.documentNumber) },
      });
  // The letter travels as its PDF: the mail is its cover note (issue 12), with the deadlines the units must meet.
  const agencyName = (await getAgency(event.agencyId))?.name;
  const message = {
    ...renderLetterCoverNote(campaign, { recipients: resolved.emails, filename: letter.filename, ...(agencyName ? { agencyName } : {}) }),
    attachments: [attachmentOf(letter)],
  };
  const added = await queueMail(event, 'letter', message, {
    emails: resolved.emails,
    archives: resolved.archives,
    publications: resolved.publications,
    // A code the directory lost after the letter was written is shown as failed, not dropped.
    failures: resolved.missing.map((code) => ({ code, name: code, error: `"${code}" không còn trong danh bạ nơi nhận` })),
  });
  await markMailingPrepared(event, added, new Date());
  log.info('outbox written', {
    addresses: resolved.emails.length,
    archives: resolved.archives.length,
    publications: resolved.publications.length,
    missing: resolved.missing,
    newlyQueued: added,
  });
}

export const handler = middy(streamConsumer(onCampaignIssued)).use(injectLambdaContext(logger));
