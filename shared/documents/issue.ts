import type { DomainEvent } from '../schemas/events';
import type { StoredDocument } from '../schemas/document';
import { putDocument } from '../store/documents';
import type { AttachmentRef } from '../store/messages';
import { renderDocument } from './render-client';
import type { RenderRequest } from './render-request';

type Request = Omit<RenderRequest, 'agencyId' | 'campaignId' | 'eventId' | 'createdAt'>;

/**
 * A document an event issues: the renderer makes its PDF in the bucket (named by the event, dated by it, so a retried
 * consumer makes the same bytes), then the campaign records it (GET /campaigns/{id}/documents). The consumer attaches
 * it to the mail it queues next.
 */
export async function issueDocument(event: Pick<DomainEvent, 'agencyId' | 'campaignId' | 'eventId' | 'occurredAt'>, request: Request): Promise<StoredDocument> {
  const rendered = await renderDocument({ ...request, agencyId: event.agencyId, campaignId: event.campaignId, eventId: event.eventId, createdAt: event.occurredAt } as RenderRequest);
  const doc: StoredDocument = { ...rendered, campaignId: event.campaignId, eventId: event.eventId, renderedAt: event.occurredAt };
  await putDocument(event.agencyId, doc);
  return doc;
}

/** A document issued as the signed original the Office uploaded (checked when the letter was issued): recorded, not rendered. */
export async function issueSigned(
  event: Pick<DomainEvent, 'agencyId' | 'campaignId' | 'eventId' | 'occurredAt'>,
  d: { kind: StoredDocument['kind']; documentId: string; documentNumber: string; key: string; versionId?: string; sha256: string; size: number; filename: string },
): Promise<StoredDocument> {
  const doc: StoredDocument = {
    kind: d.kind,
    documentId: d.documentId,
    documentNumber: d.documentNumber,
    key: d.key,
    ...(d.versionId ? { versionId: d.versionId } : {}),
    sha256: d.sha256,
    size: d.size,
    filename: d.filename,
    contentType: 'application/pdf',
    campaignId: event.campaignId,
    eventId: event.eventId,
    renderedAt: event.occurredAt,
    signed: true,
  };
  await putDocument(event.agencyId, doc);
  return doc;
}

/** What a message keeps of a document to attach it: where it is and what it must hash to. */
export const attachmentOf = (d: StoredDocument): AttachmentRef => ({
  key: d.key,
  ...(d.versionId ? { versionId: d.versionId } : {}),
  sha256: d.sha256,
  size: d.size,
  filename: d.filename,
  contentType: d.contentType,
});

/** "15/KH-SNgV" → "15_KH-SNgV.pdf": a file name without a slash, the number still readable. */
export const pdfName = (documentNumber: string) => `${documentNumber.replaceAll('/', '_')}.pdf`;
