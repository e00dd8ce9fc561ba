import { DomainError } from '../domain/errors';
import { type Agency, type AgencyAdminInput, type AgencyInput, agencyId as agencyIdSchema } from '../schemas/agency';
import type { User, UserInput } from '../schemas/user';
import { getAgency, listAgencies, putAgency } from '../store/agencies';
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
    const all = new Map((await listAgencies()).map((a) => [a.id, a]));
    const parent = all.get(input.parentAgencyId);
    if (!parent) details.push({ path: 'parentAgencyId', message: `không có cơ quan "${input.parentAgencyId}"` });
    else {
      const lineage: string[] = [];
      for (let a: Agency | undefined = parent; a && !lineage.includes(a.id); a = a.parentAgencyId ? all.get(a.parentAgencyId) : undefined) lineage.push(a.id);
      if (lineage.includes(id)) details.push({ path: 'parentAgencyId', message: `"${input.parentAgencyId}" là cơ quan cấp dưới của "${id}"; không thể làm cơ quan cấp trên` });
    }
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
