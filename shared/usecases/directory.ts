import { code, id } from '../schemas/common';
import { RecipientGroupInput, UnitInput, type RecipientGroup, type Unit } from '../schemas/directory';
import { putRecipientGroup, putUnit } from '../store/directory';
import { parseParam } from './params';

/** Idempotent upsert: PUT the same body twice and the directory is the same. */
export async function upsertRecipientGroup(rawCode: unknown, input: RecipientGroupInput, now: string): Promise<RecipientGroup> {
  const group: RecipientGroup = { code: parseParam(code, rawCode, 'code'), ...input, updatedAt: now };
  await putRecipientGroup(group);
  return group;
}

export async function upsertUnit(rawId: unknown, input: UnitInput, now: string): Promise<Unit> {
  const unit: Unit = { unitId: parseParam(id, rawId, 'unitId'), ...input, updatedAt: now };
  await putUnit(unit);
  return unit;
}

export type { RecipientGroupInput, UnitInput };
