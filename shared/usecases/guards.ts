import { DomainError } from '../domain/errors';
import type { Principal } from '../http/auth';
import { HttpError } from '../http/errors';
import type { Campaign } from '../schemas/campaign';

/** Checks the use cases share before they accept a unit's submission. */
export function requireIssued(campaign: Campaign, what: string) {
  if (campaign.status === 'draft') throw new DomainError('conflict', `Phong trào chưa được phát động; chưa thể ${what}.`);
  // Once nominations close, the standings and nominations the proposal was decided on are frozen.
  if (campaign.status !== 'issued') throw new DomainError('conflict', `Phong trào đã khóa nhận hồ sơ (status "${campaign.status}"); không thể ${what}.`);
}

/** A unit's reporter acts for its own unit only; the Office (admin) for any where the route allows it. */
export function requireOwnUnit(principal: Principal, unitId: string, adminAllowed: boolean) {
  if (adminAllowed && principal.roles.includes('admin')) return;
  if (!principal.roles.includes('unit') || principal.unitId !== unitId) {
    throw new HttpError(403, `Forbidden: a unit's reporter may act only for its own unit (token unit "${principal.unitId ?? '-'}", body unitId "${unitId}")`);
  }
}

export function requireParticipant(campaign: Campaign, unitId: string) {
  if (campaign.participatingUnits.length > 0 && !campaign.participatingUnits.includes(unitId)) {
    throw new DomainError('invalid', `Đơn vị "${unitId}" không tham gia phong trào này.`, [{ path: 'unitId', message: `"${unitId}" is not a participating unit of this campaign` }]);
  }
}

