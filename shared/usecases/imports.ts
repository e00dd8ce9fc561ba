import { createHash, randomUUID } from 'node:crypto';
import { isPast } from '../domain/deadlines';
import { DomainError, type ErrorDetail } from '../domain/errors';
import { lineageOf } from '../domain/lineage';
import { formatDeadline } from '../domain/vn-date';
import { type ImportError, parseImport } from '../excel/import';
import type { ImportKind, ImportValue } from '../excel/kinds';
import { getVerifiedObject } from '../files/get';
import { importObjectKey } from '../files/keys';
import { presignUpload } from '../files/presign';
import type { Campaign } from '../schemas/campaign';
import type { RecipientGroup, Unit } from '../schemas/directory';
import { id } from '../schemas/fields';
import type { ImportRecord, ImportRequest } from '../schemas/imports';
import type { Person } from '../schemas/person';
import { newEvent } from '../store/campaigns';
import { batchWriteAll } from '../store/batch-write';
import { listRecipientGroups, listUnits } from '../store/directory';
import { getImport, putImport, putImportedNominations } from '../store/imports';
import { keys } from '../store/keys';
import { listNominations, type StoredNomination } from '../store/nominations';
import { listStaff, putPeople } from '../store/staff';
import { findCampaign } from './find-campaign';
import { requireIssued, takesPart } from './guards';
import { staffUnitProblem } from './nominations';
import { parseParam } from './params';
import type { Principal } from './principal';
import { unitScope } from './visibility';

/**
 * Imports from .xlsx (issue 13). `POST /imports` records the request and hands out a presigned upload (the size and
 * SHA-256 signed into it); `POST /imports/{importId}/apply` reads the file back (its SHA-256 checked), reads every row
 * (shared/excel/import.ts) and checks it against the agency's data, then:
 * - any bad cell: 400 `import.invalid` naming every one (sheet, row, column, in Vietnamese); nothing is written;
 * - all good: every row applied, the rows already as the file says left alone (not even their `updatedAt`), so
 *   applying the same file twice changes nothing the second time.
 * Writing 5,000 rows is not one transaction (DynamoDB's hold 100 items): the import is `applying` while it writes,
 * every write is a put of the row's final value (or, for nominations, a put only-if-absent under an id the row
 * determines), so applying again after a failure half-way finishes the same work. Nothing the file does not hold is
 * deleted: a directory, a staff list or a campaign's nominations are only added to and corrected.
 *
 * Who: the Office imports any kind; a unit's reporter only nominations, for its own units (the rows of other units are
 * bad cells). Only who requested an import (or the Office) reads or applies it.
 */

const notFound = (importId: string) => new DomainError('not-found', `Không tìm thấy lần nhập dữ liệu "${importId}".`, undefined, 'import.not_found');
const KIND_LABEL: Readonly<Record<ImportKind, string>> = { units: 'đơn vị', staff: 'cán bộ', 'recipient-groups': 'nơi nhận', nominations: 'đề nghị khen thưởng' };

export async function requestImport(principal: Principal, input: ImportRequest, now: Date) {
  const isOffice = principal.roles.includes('admin');
  if (!isOffice && input.kind !== 'nominations') {
    throw new DomainError('forbidden', 'Chỉ Văn phòng nhập danh bạ, danh sách cán bộ và nơi nhận; đơn vị chỉ nhập đề nghị khen thưởng của mình.', undefined, 'auth.forbidden');
  }
  if (input.kind === 'nominations') {
    if (!input.campaignId) throw new DomainError('invalid', 'Dữ liệu không hợp lệ: campaignId', [{ path: 'campaignId', message: 'bắt buộc khi nhập đề nghị khen thưởng' }]);
    requireIssued(await findCampaign(principal.agencyId, input.campaignId), 'nhận hồ sơ đề nghị khen thưởng');
  } else if (input.campaignId) {
    throw new DomainError('invalid', 'Dữ liệu không hợp lệ: campaignId', [{ path: 'campaignId', message: `chỉ dùng khi nhập đề nghị khen thưởng, không dùng với ${KIND_LABEL[input.kind]}` }]);
  }
  const importId = randomUUID();
  const sha256 = input.sha256.toLowerCase();
  const upload = await presignUpload({ key: importObjectKey(principal.agencyId, importId), size: input.size, sha256, contentType: input.contentType, kinds: ['xlsx'] });
  const record: ImportRecord = {
    importId,
    kind: input.kind,
    ...(input.campaignId ? { campaignId: input.campaignId } : {}),
    filename: input.filename,
    size: input.size,
    sha256,
    status: 'awaiting-upload',
    requestedBy: principal.sub,
    requestedAt: now.toISOString(),
  };
  await putImport(principal.agencyId, record);
  return { import: record, upload };
}

async function ownImport(principal: Principal, rawId: unknown): Promise<ImportRecord> {
  const importId = parseParam(id, rawId, 'importId');
  const record = await getImport(principal.agencyId, importId);
  if (!record || (!principal.roles.includes('admin') && record.requestedBy !== principal.sub)) throw notFound(importId);
  return record;
}

export const readImport = (principal: Principal, rawId: unknown) => ownImport(principal, rawId);

const cellDetail = (e: ImportError): ErrorDetail => ({
  path: e.row !== null && e.column ? `${e.sheet}!${e.column.letter}${e.row}` : e.sheet || '(tệp)',
  message: e.message,
  sheet: e.sheet,
  row: e.row,
  column: e.column,
});

type Counts = { created: number; updated: number; unchanged: number };

export async function applyImport(principal: Principal, rawId: unknown, now: Date): Promise<ImportRecord> {
  const record = await ownImport(principal, rawId);
  if (record.status === 'applied') return record;
  let bytes: Uint8Array;
  try {
    bytes = await getVerifiedObject({ key: importObjectKey(principal.agencyId, record.importId), sha256: record.sha256 });
  } catch (error) {
    const name = (error as { name?: string }).name;
    const message = name === 'NoSuchKey' || name === 'NotFound' ? 'chưa tải tệp lên (dùng địa chỉ tải lên của lần nhập này)' : 'tệp đã tải lên khác tệp đã khai báo (kích thước hoặc mã SHA-256)';
    throw new DomainError('conflict', `Chưa thể nhập dữ liệu: ${message}.`, undefined, 'import.not_uploaded');
  }
  const at = now.toISOString();
  const outcome = await checkAndApply(record, bytes, principal, at);
  if (!outcome.ok) {
    const errors = outcome.errors;
    await putImport(principal.agencyId, { ...record, status: 'refused', errors });
    const details = errors.map(cellDetail);
    throw new DomainError('invalid', `Tệp "${record.filename}" có ${errors.length} lỗi; chưa nhập dòng nào. Sửa các ô được nêu rồi tải lên lại.`, details, 'import.invalid');
  }
  const done: ImportRecord = { ...record, status: 'applied', counts: { rows: outcome.rows, ...outcome.counts }, appliedAt: at };
  const { errors: _e, ...clean } = done;
  await putImport(principal.agencyId, clean);
  return clean;
}

type Checked = { ok: true; rows: number; counts: Counts } | { ok: false; errors: ImportError[] };

async function checkAndApply(record: ImportRecord, bytes: Uint8Array, principal: Principal, at: string): Promise<Checked> {
  const agencyId = principal.agencyId;
  const units = await listUnits(agencyId);
  const unitIds = units.map((u) => u.unitId);
  switch (record.kind) {
    case 'units': {
      const parsed = await parseImport('units', bytes, { unitIds });
      if (!parsed.ok) return parsed;
      return applyUnits(agencyId, parsed.rows, units, at);
    }
    case 'staff': {
      const parsed = await parseImport('staff', bytes, { unitIds });
      if (!parsed.ok) return parsed;
      return applyStaff(agencyId, parsed.rows, at);
    }
    case 'recipient-groups': {
      const parsed = await parseImport('recipient-groups', bytes);
      if (!parsed.ok) return parsed;
      return applyGroups(agencyId, parsed.rows, at);
    }
    case 'nominations': {
      const campaign = await findCampaign(agencyId, record.campaignId);
      const staff = await listStaff(agencyId);
      const parsed = await parseImport('nominations', bytes, { unitIds, personIds: staff.map((p) => p.personId) });
      if (!parsed.ok) return parsed;
      return applyNominations(campaign, parsed.rows, units, staff, principal, record.importId, at);
    }
  }
}

type Rows<K extends ImportKind> = { sheet: string; row: number; key: string; value: ImportValue[K] }[];

/** Whether a stored item already holds what the row says (the fields the row sets; `updatedAt` and the keys aside). */
const same = (stored: Record<string, unknown> | undefined, next: Record<string, unknown>) =>
  stored !== undefined &&
  JSON.stringify(
    Object.keys(next)
      .sort()
      .map((k) => [k, stored[k]]),
  ) ===
    JSON.stringify(
      Object.keys(next)
        .sort()
        .map((k) => [k, next[k]]),
    );

function tally<T>(rows: readonly T[], storedOf: (r: T) => Record<string, unknown> | undefined, fieldsOf: (r: T) => Record<string, unknown>) {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  const changed: T[] = [];
  for (const r of rows) {
    const stored = storedOf(r);
    if (same(stored, fieldsOf(r))) counts.unchanged++;
    else {
      changed.push(r);
      if (stored) counts.updated++;
      else counts.created++;
    }
  }
  return { counts, changed };
}

const headerOf = (column: string) => ({ letter: '', header: column });

async function applyUnits(agencyId: string, rows: Rows<'units'>, units: readonly Unit[], at: string): Promise<Checked> {
  // The tree after the import: a parent must exist in it, and no unit may end up above itself.
  const parents = new Map(units.map((u) => [u.unitId, u.parentUnitId]));
  for (const r of rows) parents.set(r.value.unitId, r.value.parentUnitId);
  const errors: ImportError[] = rows.flatMap((r) => {
    const p = r.value.parentUnitId;
    if (p === undefined) return [];
    const message = !parents.has(p)
      ? `không có đơn vị "${p}" trong danh bạ hay trong tệp`
      : lineageOf(p, parents).includes(r.value.unitId)
        ? `"${p}" nằm dưới "${r.value.unitId}"; đơn vị không thể là cấp trên của chính mình`
        : undefined;
    return message ? [{ sheet: r.sheet, row: r.row, column: headerOf('Mã đơn vị cấp trên'), message }] : [];
  });
  if (errors.length) return { ok: false, errors };
  const byId = new Map(units.map((u) => [u.unitId, u as unknown as Record<string, unknown>]));
  const fieldsOf = (r: Rows<'units'>[number]) => ({ name: r.value.name, emails: r.value.emails, parentUnitId: r.value.parentUnitId });
  const { counts, changed } = tally(rows, (r) => byId.get(r.value.unitId), fieldsOf);
  await batchWriteAll(changed.map((r) => ({ PutRequest: { Item: { ...keys.unit(agencyId, r.value.unitId), entity: 'Unit', ...stripUndefined({ ...r.value, updatedAt: at }) } } })));
  return { ok: true, rows: rows.length, counts };
}

async function applyStaff(agencyId: string, rows: Rows<'staff'>, at: string): Promise<Checked> {
  const byId = new Map((await listStaff(agencyId)).map((p) => [p.personId, p as unknown as Record<string, unknown>]));
  const fieldsOf = (r: Rows<'staff'>[number]) => ({ name: r.value.name, gender: r.value.gender, unitId: r.value.unitId, position: r.value.position, hireDate: r.value.hireDate });
  const { counts, changed } = tally(rows, (r) => byId.get(r.value.personId), fieldsOf);
  await putPeople(
    agencyId,
    changed.map((r) => stripUndefined({ ...r.value, updatedAt: at }) as Person),
  );
  return { ok: true, rows: rows.length, counts };
}

async function applyGroups(agencyId: string, rows: Rows<'recipient-groups'>, at: string): Promise<Checked> {
  const byCode = new Map((await listRecipientGroups(agencyId)).map((g) => [g.code, g as unknown as Record<string, unknown>]));
  const fieldsOf = (r: Rows<'recipient-groups'>[number]) => ({ name: r.value.name, kind: r.value.kind, purpose: r.value.purpose, emails: r.value.emails });
  const { counts, changed } = tally(rows, (r) => byCode.get(r.value.code), fieldsOf);
  await batchWriteAll(
    changed.map((r) => ({ PutRequest: { Item: { ...keys.group(agencyId, r.value.code), entity: 'RecipientGroup', ...(stripUndefined({ ...r.value, updatedAt: at }) as RecipientGroup) } } })),
  );
  return { ok: true, rows: rows.length, counts };
}

/**
 * Nominations: each row becomes the nomination a POST would file, under an id its campaign and key determine, so the
 * same row imported again is the same nomination. The checks are the POST's: the campaign open and before its
 * deadline, the nominee's unit (and collective) in the importer's scope and taking part, and, when the staff list
 * holds the person, the person's unit as the list says. A row already filed with other content is a bad cell: a
 * nomination is not edited by a second import.
 */
async function applyNominations(campaign: Campaign, rows: Rows<'nominations'>, units: readonly Unit[], staff: readonly Person[], principal: Principal, importId: string, at: string): Promise<Checked> {
  requireIssued(campaign, 'nhận hồ sơ đề nghị khen thưởng');
  if (isPast(campaign.deadlines.nominations, new Date(Date.parse(at)))) {
    throw new DomainError('conflict', `Đã quá hạn nộp hồ sơ đề nghị khen thưởng (${formatDeadline(campaign.deadlines.nominations)}).`, undefined, 'nomination.deadline_passed');
  }
  const isOffice = principal.roles.includes('admin');
  if (!isOffice && !principal.unitId) throw new DomainError('forbidden', 'Tài khoản chưa gắn với đơn vị nào; không thể đề nghị khen thưởng.', undefined, 'auth.no_unit');
  const scope = isOffice ? undefined : unitScope(principal.unitId as string, units);
  const parents = new Map(units.map((u) => [u.unitId, u.parentUnitId]));
  const people = new Map(staff.map((p) => [p.personId, p]));
  const existing = new Map((await listNominations(campaign.agencyId, campaign.id)).map((n) => [n.id, n]));
  const errors: ImportError[] = [];
  const fresh: { nomination: StoredNomination; event: ReturnType<typeof newEvent> }[] = [];
  let unchanged = 0;
  for (const r of rows) {
    const n = r.value;
    const cell = (header: string, message: string) => errors.push({ sheet: r.sheet, row: r.row, column: headerOf(header), message });
    const unitId = n.nominee.unitId;
    const memberOf = n.nominee.kind === 'individual' ? n.nominee.memberOf : undefined;
    if (scope && !scope.has(unitId)) cell('Mã đơn vị', `"${unitId}" không thuộc đơn vị "${principal.unitId}"; đơn vị chỉ đề nghị cho đơn vị mình và đơn vị trực thuộc`);
    if (scope && memberOf !== undefined && !scope.has(memberOf)) cell('Thuộc tập thể', `"${memberOf}" không thuộc đơn vị "${principal.unitId}"`);
    if (!takesPart(campaign, unitId, parents)) cell('Mã đơn vị', `"${unitId}" không phải đơn vị tham gia phong trào này`);
    const person = n.nominee.kind === 'individual' && n.nominee.personId !== undefined ? people.get(n.nominee.personId) : undefined;
    const notTheirs = person && staffUnitProblem(person, unitId, parents);
    if (notTheirs) cell('Mã cán bộ', notTheirs);
    const nominationId = `imp-${createHash('sha256').update(`${campaign.id}\n${r.key}`).digest('hex').slice(0, 32)}`;
    const stored = existing.get(nominationId);
    if (stored) {
      const { id: _i, nominatingUnitId: _u, submittedAt: _s, submittedBy: _b, importId: _imp, ...filed } = stored;
      if (JSON.stringify(canonical(filed)) === JSON.stringify(canonical(n))) unchanged++;
      else cell('Danh hiệu', 'đã được đề nghị với nội dung khác; không sửa đề nghị đã nộp bằng một lần nhập khác');
      continue;
    }
    const nominatingUnitId = isOffice ? unitId : (principal.unitId as string);
    const nomination: StoredNomination = { ...n, id: nominationId, nominatingUnitId, submittedAt: at, submittedBy: principal.sub, importId };
    fresh.push({ nomination, event: newEvent(campaign, 'NominationSubmitted', principal.sub, at, { nominationId, unitId: nominatingUnitId, nomineeUnitId: unitId, title: n.title, importId }) });
  }
  if (errors.length) return { ok: false, errors };
  if (!(await putImportedNominations(campaign, fresh))) {
    throw new DomainError('conflict', 'Phong trào vừa khóa nhận hồ sơ, hoặc tệp này đang được nhập ở nơi khác; xem lại rồi nhập lại.', undefined, 'campaign.concurrent_change');
  }
  return { ok: true, rows: rows.length, counts: { created: fresh.length, updated: 0, unchanged } };
}

/** A value with its keys sorted at every level and undefined fields dropped: two equal nominations print the same. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => [k, canonical(x)]),
    );
  return v;
}

const stripUndefined = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
