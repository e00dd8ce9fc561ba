import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors';
import { objectKey } from '../files/keys';
import { EVIDENCE_KINDS } from '../files/kinds';
import { presignDownload, presignUpload } from '../files/presign';
import { verifyUpload } from '../files/verify';
import type { FileRequest, StoredFile } from '../schemas/files';
import { listUnits } from '../store/directory';
import { type FileRecord, getFile, listFiles, putFile } from '../store/files';
import { listNominations } from '../store/nominations';
import { findCampaign } from './find-campaign';
import { parseParam } from './params';
import { id } from '../schemas/fields';
import { requireParticipant } from './guards';
import type { Principal } from './principal';
import { type Audience, audienceOf, seesUnit } from './visibility';

/*
 * Evidence and dossier files (minh chứng, hồ sơ; issue 12): a unit uploads them through a presigned URL (PDF, images,
 * DOCX, XLSX, at most 20 MB, the size and SHA-256 signed), then says it is done; the file is read back and its kind
 * checked from the content. Who sees them follows the trust rules (README "Who sees what"): the Office and the Council
 * every unit's, a unit its own and those below it, nobody else; another unit's file is "not found", as if it did not exist.
 */

const notFound = (fileId: string) => new DomainError('not-found', `Không tìm thấy tệp "${fileId}".`, undefined, 'file.not_found');
const publicView = ({ key: _k, versionId: _v, agencyId: _a, ...f }: FileRecord): StoredFile => f;

async function scopeOf(principal: Principal, agencyId: string) {
  const units = await listUnits(agencyId);
  return { units, audience: audienceOf(principal, units) };
}

/** POST /campaigns/{id}/files: an upload URL for a file of the caller's unit (the Office: any unit's). */
export async function requestFileUpload(rawId: unknown, input: FileRequest, principal: Principal, now: Date) {
  const campaign = await findCampaign(principal.agencyId, rawId);
  const { units, audience } = await scopeOf(principal, campaign.agencyId);
  if (!units.some((u) => u.unitId === input.unitId))
    throw new DomainError('invalid', `Không có đơn vị "${input.unitId}" trong danh bạ.`, [{ path: 'unitId', message: `không có đơn vị "${input.unitId}" trong danh bạ` }]);
  if (audience.kind !== 'office' && !(audience.kind === 'unit' && audience.units.has(input.unitId))) {
    throw new DomainError('forbidden', `Đơn vị chỉ được tải tệp cho đơn vị mình và đơn vị trực thuộc ("${input.unitId}" không thuộc).`, undefined, 'auth.not_own_unit');
  }
  requireParticipant(campaign, input.unitId, units);
  if (input.purpose === 'dossier') {
    const nomination = input.nominationId ? (await listNominations(campaign.agencyId, campaign.id)).find((n) => n.id === input.nominationId) : undefined;
    if (!nomination || nomination.nominatingUnitId !== input.unitId) {
      throw new DomainError('invalid', 'Hồ sơ phải gắn với một đề nghị khen thưởng của đơn vị.', [{ path: 'nominationId', message: 'không có đề nghị này của đơn vị' }]);
    }
  } else if (!input.period) {
    throw new DomainError('invalid', 'Minh chứng phải gắn với một kỳ báo cáo.', [{ path: 'period', message: 'bắt buộc với minh chứng (mid-year hoặc final)' }]);
  }
  const fileId = randomUUID();
  const key = objectKey(campaign.agencyId, campaign.id, 'files', input.unitId, fileId);
  const sha256 = input.sha256.toLowerCase();
  const upload = await presignUpload({ key, size: input.size, sha256, contentType: input.contentType, kinds: EVIDENCE_KINDS });
  const { filename, contentType, size, purpose, unitId, nominationId, period, criterionId } = input;
  const record: FileRecord = {
    fileId,
    campaignId: campaign.id,
    agencyId: campaign.agencyId,
    key,
    purpose,
    unitId,
    ...(nominationId ? { nominationId } : {}),
    ...(period ? { period } : {}),
    ...(criterionId ? { criterionId } : {}),
    filename,
    contentType,
    size,
    sha256,
    status: 'uploading',
    uploadedBy: principal.sub,
    requestedAt: now.toISOString(),
  };
  await putFile(record);
  return { file: publicView(record), upload };
}

/** The file, if the caller may see it; "not found" otherwise. */
async function visibleFile(principal: Principal, rawId: unknown, rawFileId: unknown): Promise<{ file: FileRecord; audience: Audience }> {
  const campaign = await findCampaign(principal.agencyId, rawId);
  const fileId = parseParam(id, rawFileId, 'fileId');
  const file = await getFile(campaign.agencyId, campaign.id, fileId);
  const { audience } = await scopeOf(principal, campaign.agencyId);
  if (!file || !seesUnit(audience, file.unitId)) throw notFound(fileId);
  return { file, audience };
}

/** POST /campaigns/{id}/files/{fileId}/complete: the upload read back and checked (size, SHA-256, kind from the bytes). */
export async function completeFileUpload(rawId: unknown, fileId: unknown, principal: Principal, now: Date): Promise<StoredFile> {
  const { file, audience } = await visibleFile(principal, rawId, fileId);
  if (audience.kind === 'council') throw new DomainError('forbidden', 'Hội đồng chỉ xem tệp, không tải lên.', undefined, 'auth.forbidden');
  if (file.status === 'verified') return publicView(file);
  const verified = await verifyUpload(file.key, { size: file.size, sha256: file.sha256, kinds: EVIDENCE_KINDS, contentType: file.contentType });
  if (!verified.ok) {
    await putFile({ ...file, status: 'refused', refusal: verified.message });
    throw new DomainError('invalid', `Tệp "${file.filename}" không được nhận: ${verified.message}`, [{ path: 'file', message: verified.message }]);
  }
  const done: FileRecord = { ...file, status: 'verified', kind: verified.kind, verifiedAt: now.toISOString(), ...(verified.versionId ? { versionId: verified.versionId } : {}) };
  const { refusal: _r, ...clean } = done;
  await putFile(clean);
  return publicView(clean);
}

/** GET /campaigns/{id}/files: the files the caller may see. */
export async function readFiles(rawId: unknown, principal: Principal) {
  const campaign = await findCampaign(principal.agencyId, rawId);
  const { audience } = await scopeOf(principal, campaign.agencyId);
  const files = (await listFiles(campaign.agencyId, campaign.id)).filter((f) => seesUnit(audience, f.unitId));
  return { items: files.map(publicView) };
}

/** GET /campaigns/{id}/files/{fileId}: a checked file and a download URL of a few minutes. */
export async function readFile(rawId: unknown, fileId: unknown, principal: Principal) {
  const { file } = await visibleFile(principal, rawId, fileId);
  if (file.status !== 'verified') throw new DomainError('conflict', `Tệp "${file.filename}" chưa được kiểm tra xong (trạng thái ${file.status}).`, undefined, 'file.not_verified');
  return { file: publicView(file), download: await presignDownload(file.key, file.filename, file.versionId ? { versionId: file.versionId } : {}) };
}
