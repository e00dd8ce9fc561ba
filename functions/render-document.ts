import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { awardDecisionDocument } from '#shared/documents/award-decision';
import { councilMinutesDocument } from '#shared/documents/council-minutes';
import { councilSubmissionDocument } from '#shared/documents/council-submission';
import { launchLetterDocument } from '#shared/documents/launch-letter';
import { superiorSubmissionDocument } from '#shared/documents/superior-submission';
import type { OfficialDocument } from '#shared/documents/model';
import { renderPdf } from '#shared/documents/pdf';
import type { RenderedDocument, RenderRequest } from '#shared/documents/render-request';
import { resultsNoticeDocument } from '#shared/documents/results-notice';
import { objectKey } from '#shared/files/keys';
import { putObject } from '#shared/files/put';
import { logger } from '#shared/powertools';

/** The document of a request, from the builders of shared/documents (the same content as the mail). */
function documentOf(request: RenderRequest): OfficialDocument {
  switch (request.kind) {
    case 'launch-letter':
      return launchLetterDocument(request.input);
    case 'results-notice':
      return resultsNoticeDocument(request.input);
    case 'award-decision':
      return awardDecisionDocument(request.input);
    case 'superior-submission':
      return superiorSubmissionDocument(request.input);
    case 'council-minutes':
      return councilMinutesDocument(request.input);
    case 'council-submission':
      return councilSubmissionDocument(request.input);
  }
}

/**
 * Renders one official document to PDF and stores it in the documents bucket (issue 12 "Where the work runs"):
 * invoked synchronously by the consumer that issues the document, before it queues the mail that carries it, so the
 * mailer only reads bytes. The key and the creation date come from the issuing event: a retried consumer gets the same
 * object, byte for byte.
 */
async function renderDocument(request: RenderRequest): Promise<RenderedDocument> {
  const doc = documentOf(request);
  const pdf = await renderPdf(doc, { createdAt: new Date(request.createdAt) });
  const stored = await putObject(objectKey(request.agencyId, request.campaignId, 'documents', request.documentId, request.eventId), pdf, 'application/pdf');
  logger.info('document rendered', { kind: request.kind, campaignId: request.campaignId, eventId: request.eventId, bytes: stored.size });
  return {
    kind: request.kind,
    documentId: request.documentId,
    documentNumber: String(doc.head.documentNumber),
    key: stored.key,
    ...(stored.versionId ? { versionId: stored.versionId } : {}),
    sha256: stored.sha256,
    size: stored.size,
    filename: request.filename,
    contentType: 'application/pdf',
  };
}

export const handler = middy(renderDocument).use(injectLambdaContext(logger));
