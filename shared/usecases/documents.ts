import { presignDownload } from '../files/presign';
import type { StoredDocument } from '../schemas/document';
import { listDocuments } from '../store/documents';
import { findCampaign } from './find-campaign';
import type { Principal } from './principal';
import { type Audience, audienceOf } from './visibility';

/**
 * Who reads which document of a campaign (README "Who sees what"): the letters the campaign sends to its whole Nơi
 * nhận list (the launch letter, the results notice) every role of the agency; the Council's papers (the Tờ trình, the
 * Biên bản), which name every dossier's checks, the Office and the Council only.
 */
const PUBLIC_KINDS: ReadonlySet<string> = new Set(['launch-letter', 'results-notice', 'award-decision']);
export const seesDocument = (a: Audience, d: Pick<StoredDocument, 'kind'>) => a.kind === 'office' || a.kind === 'council' || PUBLIC_KINDS.has(d.kind);

/** GET /campaigns/{id}/documents: each document the caller may read, with its number, SHA-256 and a download URL of a few minutes. */
export async function readDocuments(rawId: unknown, principal: Principal) {
  const campaign = await findCampaign(principal.agencyId, rawId);
  const audience = audienceOf(principal);
  const docs = (await listDocuments(campaign.agencyId, campaign.id)).filter((d) => seesDocument(audience, d));
  return {
    items: await Promise.all(
      docs.map(async (d) => ({
        documentId: d.documentId,
        kind: d.kind,
        documentNumber: d.documentNumber,
        filename: d.filename,
        contentType: d.contentType,
        size: d.size,
        sha256: d.sha256,
        issuedAt: d.renderedAt,
        ...(d.signed ? { signed: true } : {}),
        download: await presignDownload(d.key, d.filename, d.versionId ? { versionId: d.versionId } : {}),
      })),
    ),
  };
}
