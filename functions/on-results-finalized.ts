import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBRecord } from 'aws-lambda';
import { normaliseAddress, resolveRecipients, unitEntryCode } from '#shared/domain/recipients';
import type { Outcome } from '#shared/domain/results';
import { renderResultsMail, renderUnitOutcomes } from '#shared/mail/result-mails';
import { queueMail } from '#shared/outbox';
import { attachmentOf, issueDocument, pdfName } from '#shared/documents/issue';
import { documentNumber } from '#shared/documents/number';
import { logger } from '#shared/powertools';
import { DomainEvent } from '#shared/schemas/events';
import { getCampaign } from '#shared/store/campaigns';
import { loadDirectory } from '#shared/store/directory';
import { getCouncilVote, getProposalHeader, getResults } from '#shared/store/nominations';
import type { CouncilMeeting } from '#shared/schemas/nomination';
import type { DocumentNumber } from '#shared/documents/number';
import { getAgency } from '#shared/store/agencies';
import { todayInVietnam } from '#shared/domain/vn-date';
import type { Campaign } from '#shared/schemas/campaign';
import type { ResultsDocuments } from '#shared/schemas/register';
import { markMailingPrepared } from '#shared/store/mailings';
import { recordResults } from '#shared/usecases/records';
import { streamConsumer } from '#shared/stream/batch';
import { newImage } from '#shared/stream/decode';

type LetterInput = {
  campaign: Campaign;
  outcomes: Outcome[];
  unitNames: Record<string, string>;
  finalizedAt: string;
  councilMinutes?: { number: DocumentNumber; date: string };
};

/** What the documents issued from the results read besides them, once: the agency's name for running text, the proposal's header. */
type DocumentContext = { agencyName?: string; proposal?: Awaited<ReturnType<typeof getProposalHeader>> };

/** The day the results were finalized, in Vietnam: the date of the documents they are issued in. */
const dayOf = (iso: string) => todayInVietnam(new Date(Date.parse(iso)));

/**
 * The award decision (Quyết định khen thưởng, with its annex) for the titles the agency awarded itself, under the number
 * finalize took; it goes with the notice to the whole Nơi nhận list. None when nothing was awarded here.
 */
async function awardDecisionOf(event: DomainEvent, numbers: ResultsDocuments | undefined, l: LetterInput, ctx: DocumentContext) {
  if (!numbers?.decision) return undefined;
  return issueDocument(event, {
    kind: 'award-decision',
    documentId: 'award-decision',
    filename: pdfName(numbers.decision),
    input: {
      ...l,
      number: documentNumber(numbers.decision),
      date: dayOf(l.finalizedAt),
      legalBasis: ctx.proposal?.legalBasis ?? [],
      ...(ctx.agencyName ? { agencyName: ctx.agencyName } : {}),
      noiNhan: [{ name: 'Như Điều 3' }, { name: 'Lưu: VT, VP' }],
    },
  });
}

/**
 * The minutes of the Council's meeting (Biên bản), from the ballot recorded with its meeting (chair, secretary, venue):
 * each nomination's tally against its threshold, the ties and the Council's choice, people named, never ids.
 */
async function councilMinutesOf(event: DomainEvent, numbers: ResultsDocuments | undefined, l: LetterInput, ctx: DocumentContext) {
  if (!numbers?.minutes) return undefined;
  const vote = await getCouncilVote(event.agencyId, event.campaignId);
  const meeting = (vote as { meeting?: CouncilMeeting } | undefined)?.meeting;
  if (!vote || !meeting) return undefined;
  const names = Object.fromEntries(l.outcomes.map((o) => [o.nominationId, `${o.nominee.name} (${l.unitNames[o.nominee.unitId] ?? o.nominee.unitId})`]));
  const date = meeting.date ?? dayOf(vote.recordedAt);
  const doc = await issueDocument(event, {
    kind: 'council-minutes',
    documentId: 'council-minutes',
    filename: pdfName(numbers.minutes),
    input: {
      campaign: l.campaign,
      tally: vote,
      ...(ctx.proposal?.ties ? { ties: ctx.proposal.ties } : {}),
      names,
      number: documentNumber(numbers.minutes),
      meeting: {
        date,
        ...(meeting.start ? { start: meeting.start } : {}),
        ...(meeting.end ? { end: meeting.end } : {}),
        venue: meeting.venue,
        chair: meeting.chair,
        secretary: meeting.secretary,
      },
    },
  });
  return { ...doc, meetingDate: date };
}

/** The submission to the superior (Tờ trình đề nghị) for the titles proposed upward: recorded, downloadable, filed by POST …/submissions. */
async function superiorSubmissionOf(event: DomainEvent, numbers: ResultsDocuments | undefined, l: LetterInput, ctx: DocumentContext) {
  if (!numbers?.submission) return undefined;
  return issueDocument(event, {
    kind: 'superior-submission',
    documentId: 'superior-submission',
    filename: pdfName(numbers.submission),
    input: {
      ...l,
      number: documentNumber(numbers.submission),
      date: dayOf(l.finalizedAt),
      ...(ctx.agencyName ? { agencyName: ctx.agencyName } : {}),
      noiNhan: [{ name: 'Như trên' }, { name: 'Lưu: VT, VP' }],
    },
  });
}

/**
 * ResultsFinalized → the results letter to the campaign's whole Nơi nhận list (resolved as for the
 * launch letter: one email per distinct address, archive and publication entries recorded), and
 * to each nominating unit the outcomes of its own nominees. Outbox keys make both exactly once.
 */
async function onResultsFinalized(record: DynamoDBRecord): Promise<void> {
  const event = newImage(record, DomainEvent);
  const campaign = await getCampaign(event.agencyId, event.campaignId);
  const results = await getResults(event.agencyId, event.campaignId);
  if (!campaign || !results) throw new Error(`campaign ${event.campaignId} or its results are missing (event ${event.eventId})`);
  const outcomes = results.outcomes as Outcome[];
  // The achievement records first (issue 13): the awards are decided whether or not every mail goes out.
  const recorded = await recordResults(campaign, {
    outcomes,
    ruleSet: String(results.ruleSet),
    finalizedAt: event.occurredAt,
    ...(results.documents ? { documents: results.documents as ResultsDocuments } : {}),
  });
  // The documents' numbers from the register (finalize took them); results frozen before the register have none.
  const numbers = results.documents as ResultsDocuments | undefined;
  const noticeNumber = numbers?.notice;
  const directory = await loadDirectory(event.agencyId);
  const unitNames = Object.fromEntries(directory.units.map((u) => [u.unitId, u.name]));
  const groups = new Map(directory.groups.map((g) => [g.code, g]));
  const nơiNhận = campaign.recipientGroups.flatMap((code) => {
    const g = groups.get(code);
    return g ? [{ name: g.name, ...(g.purpose ? { purpose: g.purpose } : {}) }] : [];
  });

  const resolved = resolveRecipients(campaign.recipientGroups, campaign.participatingUnits, directory);
  const letterInput = { campaign, outcomes, unitNames, nơiNhận, finalizedAt: event.occurredAt };
  // The notice as a PDF in the bucket before anything is queued (issue 12), under the number finalize took from the
  // register; results frozen before the register have no number, and go out as before, without a PDF.
  const notice = noticeNumber
    ? await issueDocument(event, {
        kind: 'results-notice',
        documentId: 'results-notice',
        filename: pdfName(noticeNumber),
        input: { ...letterInput, number: documentNumber(noticeNumber) },
      })
    : undefined;
  // Read once for the cover note, the decision, the Tờ trình đề nghị and the minutes, and only when they are issued.
  const ctx: DocumentContext = numbers
    ? await Promise.all([getAgency(event.agencyId), getProposalHeader(event.agencyId, event.campaignId)]).then(([agency, proposal]) => ({
        ...(agency ? { agencyName: agency.name } : {}),
        ...(proposal ? { proposal } : {}),
      }))
    : {};
  const minutes = await councilMinutesOf(event, numbers, letterInput, ctx);
  const minutesRef = minutes ? { councilMinutes: { number: documentNumber(minutes.documentNumber), date: minutes.meetingDate } } : {};
  const decision = await awardDecisionOf(event, numbers, { ...letterInput, ...minutesRef }, ctx);
  await superiorSubmissionOf(event, numbers, { ...letterInput, ...minutesRef }, ctx);
  // With its PDFs the mail is their cover note (issue 12); results frozen before the register go out whole, as before.
  const mail = renderResultsMail(
    letterInput,
    notice && {
      recipients: resolved.emails,
      notice: { documentNumber: notice.documentNumber, filename: notice.filename },
      ...(decision ? { decision: { documentNumber: decision.documentNumber, filename: decision.filename } } : {}),
      ...(ctx.agencyName ? { agencyName: ctx.agencyName } : {}),
    },
  );
  const attached = [notice, decision].flatMap((d) => (d ? [attachmentOf(d)] : []));
  const letter = attached.length ? { ...mail, attachments: attached } : mail;
  let queued = await queueMail(event, 'results', letter, {
    emails: resolved.emails,
    archives: resolved.archives,
    publications: resolved.publications,
    failures: resolved.missing.map((code) => ({ code, name: code, error: `"${code}" không còn trong danh bạ nơi nhận` })),
  });

  const nominating = [...new Set(outcomes.map((o) => o.nominatingUnitId))];
  for (const unitId of nominating) {
    const unit = directory.units.find((u) => u.unitId === unitId);
    if (!unit) {
      logger.warn('a nominating unit left the directory: its outcomes are not mailed', { unitId });
      continue;
    }
    queued += await queueMail(event, `unit:${unitId}`, renderUnitOutcomes({ campaign, unit, outcomes: outcomes.filter((o) => o.nominatingUnitId === unitId), finalizedAt: event.occurredAt }), {
      emails: [...new Set(unit.emails.map(normaliseAddress))].map((address) => ({ address, groups: [{ code: unitEntryCode(unitId), name: unit.name }] })),
    });
  }
  await markMailingPrepared(event, queued, new Date());
  logger.info('results recorded and mailed', { campaignId: campaign.id, eventId: event.eventId, recorded, recipients: resolved.emails.length, units: nominating.length });
}

export const handler = middy(streamConsumer(onResultsFinalized)).use(injectLambdaContext(logger));
