import { DomainError } from '../domain/errors';
import { id } from '../schemas/ids';
import type { Person, PersonInput } from '../schemas/person';
import { listUnits } from '../store/directory';
import { listStaff, putPerson } from '../store/staff';
import { parseParam } from './params';
import type { Principal } from './principal';
import { audienceOf, seesUnit } from './visibility';

/**
 * The staff list (issue 13). Who sees it: the Office all of it; a unit's reporter the people of its own unit and
 * sub-units; nobody else (names, genders and hire dates are personal data, and the Council reads them through the
 * nominations and records it decides on).
 */

/** Idempotent upsert: PUT the same body twice and the list is the same. The person's unit must be in the directory. */
export async function upsertPerson(agencyId: string, rawId: unknown, input: PersonInput, now: string): Promise<Person> {
  const personId = parseParam(id, rawId, 'personId');
  if (!(await listUnits(agencyId)).some((u) => u.unitId === input.unitId)) {
    throw new DomainError('invalid', 'Dữ liệu không hợp lệ: unitId', [{ path: 'unitId', message: `không có đơn vị "${input.unitId}" trong danh bạ` }]);
  }
  const person: Person = { personId, ...input, updatedAt: now };
  await putPerson(agencyId, person);
  return person;
}

export async function readStaff(principal: Principal) {
  const [people, units] = await Promise.all([listStaff(principal.agencyId), listUnits(principal.agencyId)]);
  const a = audienceOf(principal, units);
  if (a.kind === 'office') return { items: people };
  if (a.kind === 'unit') return { items: people.filter((p) => seesUnit(a, p.unitId)) };
  throw new DomainError('forbidden', 'Danh sách cán bộ chỉ dành cho Văn phòng và đơn vị của người đó.', undefined, 'auth.forbidden');
}
