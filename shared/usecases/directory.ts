import { code, id } from '../schemas/ids';
import type { RecipientGroupInput, UnitInput, RecipientGroup, Unit } from '../schemas/directory';
import { DomainError } from '../domain/errors';
import { lineageOf } from '../domain/lineage';
import { listUnits, putRecipientGroup, putUnit } from '../store/directory';
import { parseParam } from './params';

/** Idempotent upsert: PUT the same body twice and the directory is the same. */
export async function upsertRecipientGroup(agencyId: string, rawCode: unknown, input: RecipientGroupInput, now: string): Promise<RecipientGroup> {
  const group: RecipientGroup = { code: parseParam(code, rawCode, 'code'), ...input, updatedAt: now };
  await putRecipientGroup(agencyId, group);
  return group;
}

export async function upsertUnit(agencyId: string, rawId: unknown, input: UnitInput, now: string): Promise<Unit> {
  const unitId = parseParam(id, rawId, 'unitId');
  if (input.parentUnitId !== undefined) {
    // The parent must exist, and the unit must not end up above itself: a reporter's scope is a tree.
    const parents = new Map((await listUnits(agencyId)).map((u) => [u.unitId, u.parentUnitId]));
    const problem = !parents.has(input.parentUnitId)
      ? `không có đơn vị "${input.parentUnitId}" trong danh bạ`
      : lineageOf(input.parentUnitId, parents).includes(unitId)
        ? `"${input.parentUnitId}" là đơn vị trực thuộc của "${unitId}"; không thể làm đơn vị cấp trên`
        : undefined;
    if (problem) throw new DomainError('invalid', 'Dữ liệu không hợp lệ: parentUnitId', [{ path: 'parentUnitId', message: problem }]);
  }
  const unit: Unit = { unitId, ...input, updatedAt: now };
  await putUnit(agencyId, unit);
  return unit;
}

export type { RecipientGroupInput, UnitInput };
