import { DomainError } from '../domain/errors';
import { lineageOf } from '../domain/lineage';
import type { Campaign } from '../schemas/campaign';
import type { Unit } from '../schemas/directory';
import type { Principal } from './principal';

/** Checks the use cases share before they accept a unit's submission. */
export function requireIssued(campaign: Campaign, what: string) {
  if (campaign.status === 'draft') throw new DomainError('conflict', `Phong trào chưa được phát động; chưa thể ${what}.`, undefined, 'campaign.not_issued');
  // Once nominations close, the standings and nominations the proposal was decided on are frozen.
  if (campaign.status !== 'issued') throw new DomainError('conflict', `Phong trào đã khóa nhận hồ sơ (status "${campaign.status}"); không thể ${what}.`, undefined, 'campaign.closed');
}

/** A unit's reporter acts for its own unit only; the Office (admin) for any where the route allows it. */
export function requireOwnUnit(principal: Principal, unitId: string, adminAllowed: boolean) {
  if (adminAllowed && principal.roles.includes('admin')) return;
  if (!principal.roles.includes('unit') || principal.unitId !== unitId) {
    throw new DomainError('forbidden', `Đơn vị chỉ được thực hiện cho chính đơn vị mình (tài khoản thuộc "${principal.unitId ?? '-'}", yêu cầu cho "${unitId}").`, undefined, 'auth.not_own_unit');
  }
}

/** A unit takes part when the letter names it, or names a unit above it in the directory (its Sở, for a phòng). */
export function takesPart(campaign: Pick<Campaign, 'participatingUnits'>, unitId: string, parents: ReadonlyMap<string, string | undefined>): boolean {
  return campaign.participatingUnits.length === 0 || lineageOf(unitId, parents).some((u) => campaign.participatingUnits.includes(u));
}

export function requireParticipant(campaign: Campaign, unitId: string, units: readonly Pick<Unit, 'unitId' | 'parentUnitId'>[] = []) {
  if (!takesPart(campaign, unitId, new Map(units.map((u) => [u.unitId, u.parentUnitId])))) {
    throw new DomainError(
      'invalid',
      `Đơn vị "${unitId}" không tham gia phong trào này.`,
      [{ path: 'unitId', message: `"${unitId}" không phải đơn vị tham gia phong trào này` }],
      'campaign.not_participant',
    );
  }
}
