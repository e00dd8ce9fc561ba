import { DomainError } from '../domain/errors';
import { lineageOf } from '../domain/lineage';
import { type Agency, type AgencyAdminInput, type AgencyDeleted, type AgencyInput, agencyId as agencyIdSchema, DISPOSABLE_ID_PREFIXES, isDisposableId } from '../schemas/agency';
import type { User, UserInput } from '../schemas/user';
import { getAgency, listAgencies, markAgencyRemoved, purgeAgencyData, putAgency } from '../store/agencies';
import { parseParam } from './params';
import type { PlatformPrincipal, Principal } from './principal';
import { allowedSenders } from './senders';

/**
 * Create or replace an agency (the platform operator only). The parent must exist and not be the agency itself or
 * below it; the sender must be one the deployment allows, since SES sends only from verified identities and the
 * function's permission names them.
 */
export async function upsertAgency(rawId: unknown, input: AgencyInput, principal: PlatformPrincipal, now: string): Promise<Agency> {
  const id = parseParam(agencyIdSchema, rawId, 'agencyId');
  const details: { path: string; message: string }[] = [];
  if (input.parentAgencyId !== undefined) {
    const parents = new Map((await listAgencies()).map((a) => [a.id, a.parentAgencyId]));
    if (!parents.has(input.parentAgencyId)) details.push({ path: 'parentAgencyId', message: `không có cơ quan "${input.parentAgencyId}"` });
    else if (lineageOf(input.parentAgencyId, parents).includes(id)) {
      details.push({ path: 'parentAgencyId', message: `"${input.parentAgencyId}" là cơ quan cấp dưới của "${id}"; không thể làm cơ quan cấp trên` });
    }
  }
  if (isDisposableId(id) !== Boolean(input.disposable)) {
    details.push({
      path: 'disposable',
      message: `cơ quan dùng thử (disposable: true) có mã bắt đầu bằng ${DISPOSABLE_ID_PREFIXES.join(' hoặc ')}, và chỉ cơ quan dùng thử mới có mã như vậy`,
    });
  }
  const senders = allowedSenders();
  if (input.mailFrom !== undefined && !senders.includes(input.mailFrom)) {
    details.push({ path: 'mailFrom', message: `địa chỉ gửi chưa được triển khai cho phép (allowedSenders: ${senders.join(', ') || 'chưa có'})` });
  }
  if (details.length) throw new DomainError('invalid', `Dữ liệu không hợp lệ: ${details.map((d) => d.path).join(', ')}`, details);
  const existing = await getAgency(id);
  const agency: Agency = { ...input, id, createdAt: existing?.createdAt ?? now, updatedAt: now, updatedBy: principal.sub };
  await putAgency(agency);
  return agency;
}

export async function readAgencies(): Promise<{ items: Agency[] }> {
  return { items: await listAgencies() };
}

/** An agency the caller may act towards: its parent for a submission. */
export async function requireAgency(agencyId: string): Promise<Agency> {
  const agency = await getAgency(agencyId);
  if (!agency) throw new DomainError('not-found', `Không tìm thấy cơ quan "${agencyId}".`, undefined, 'agency.not_found');
  return agency;
}

/**
 * The platform operator enrols an agency's first Office administrator (issue 15: the operator's path needs no console
 * after the operator's own account). Through the same enrolment as `POST /users`, acting inside that agency: the
 * account carries the agency, the `admin` group, and Cognito's invitation. From then on that admin enrols the rest.
 */
export async function enrolAgencyAdmin(
  users: { enrol(principal: Principal, input: UserInput, now: string): Promise<User> },
  rawId: unknown,
  input: AgencyAdminInput,
  principal: PlatformPrincipal,
  now: string,
): Promise<User> {
  const agency = await requireAgency(parseParam(agencyIdSchema, rawId, 'agencyId'));
  return users.enrol({ sub: principal.sub, roles: ['admin'], agencyId: agency.id }, { email: input.email, name: input.name, role: 'admin' }, now);
}

/**
 * Removes a disposable agency (a trial, a smoke test's) with every item of its partitions: its campaigns and all they
 * hold, its directory and users' records, its suppression list; the agency record last (a tombstone), so a call cut
 * short is made again and finishes. A real agency, or one with agencies below it, is refused. Its people's Cognito accounts are not
 * the API's to delete (the operator's, README "Smoke test").
 */
export async function deleteAgency(rawId: unknown, now: string): Promise<AgencyDeleted> {
  const agency = await requireAgency(parseParam(agencyIdSchema, rawId, 'agencyId'));
  if (!agency.disposable) {
    throw new DomainError('conflict', `Cơ quan "${agency.id}" không phải cơ quan dùng thử; dữ liệu của cơ quan không bị xoá.`, undefined, 'agency.not_disposable');
  }
  const children = (await listAgencies()).filter((a) => a.parentAgencyId === agency.id).map((a) => a.id);
  if (children.length) {
    throw new DomainError('conflict', `Cơ quan "${agency.id}" còn cơ quan cấp dưới (${children.join(', ')}); xoá các cơ quan đó trước.`, undefined, 'agency.has_children');
  }
  // Registers are per year: every year the agency existed in, and the next (a document dated ahead).
  const registerYears = Array.from({ length: Number(now.slice(0, 4)) + 2 - Number(agency.createdAt.slice(0, 4)) }, (_, i) => Number(agency.createdAt.slice(0, 4)) + i);
  const deletedItems = await purgeAgencyData(agency.id, registerYears);
  await markAgencyRemoved(agency, now);
  return { agencyId: agency.id, deletedItems };
}
