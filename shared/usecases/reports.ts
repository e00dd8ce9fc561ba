import { isPast, reportDeadline } from '../domain/deadlines';
import { DomainError } from '../domain/errors';
import { maxTotal, scoreReport } from '../domain/scoring';
import { withCouncilChoices } from '../domain/council-choices';
import { computeStandings, type Standings, type StandingsReport } from '../domain/standings';
import { formatDeadline } from '../domain/vn-date';
import type { Principal } from './principal';
import { id } from '../schemas/ids';
import type { Campaign } from '../schemas/campaign';
import { type Registration, registrantKey, type RegistrationInput } from '../schemas/registration';
import { ReportPeriod, UnitReport, Verification, validateReportValues, validateVerification, type ScoringTable } from '../schemas/scoring';
import { newEvent, saveWithEvent } from '../store/campaigns';
import { requireIssued, requireOwnUnit, requireParticipant } from './guards';
import { listUnits } from '../store/directory';
import { getCouncilVote } from '../store/nominations';
import { getReport, listReports, listVerifications, registrationItem, reportItem, verificationItem } from '../store/reports';
import { findCampaign } from './find-campaign';
import { parseParam } from './params';

function requireTable(campaign: Campaign): ScoringTable {
  if (!campaign.scoringTable) throw new DomainError('conflict', 'Phong trào chưa có thang điểm; không thể nhận báo cáo chấm điểm.', undefined, 'campaign.no_scoring_table');
  return campaign.scoringTable;
}

/** Đăng ký thi đua: one per registrant, replaced by a later submission until the registration deadline. */
export async function submitRegistration(rawId: unknown, input: RegistrationInput, principal: Principal, now: Date): Promise<Registration> {
  const campaign = await findCampaign(principal.agencyId, rawId);
  requireOwnUnit(principal, input.unitId, true);
  requireIssued(campaign, 'đăng ký thi đua');
  requireParticipant(campaign, input.unitId);
  if (isPast(campaign.deadlines.registration, now)) {
    throw new DomainError('conflict', `Đã quá hạn đăng ký thi đua (${formatDeadline(campaign.deadlines.registration!)}).`, undefined, 'registration.deadline_passed');
  }
  const key = registrantKey(input.registrant);
  const at = now.toISOString();
  const registration: Registration = { ...input, campaignId: campaign.id, registrantKey: key, submittedAt: at, submittedBy: principal.sub, updatedAt: at };
  await saveWithEvent(
    [{ item: registrationItem(campaign.agencyId, campaign.id, input.unitId, key, registration) }],
    newEvent(campaign, 'RegistrationSubmitted', principal.sub, at, { unitId: input.unitId, registrantKey: key, titles: input.titles }),
  );
  return registration;
}

export type StoredReport = UnitReport & { submittedAt: string; submittedBy: string; resubmission: boolean; selfTotal: number };

/**
 * A unit's report for a period, with its `ReportSubmitted` event in the same transaction. One per
 * unit and period: a resubmission replaces it until the period's deadline, then 409.
 */
export async function submitReport(rawId: unknown, input: UnitReport, principal: Principal, now: Date): Promise<StoredReport> {
  const campaign = await findCampaign(principal.agencyId, rawId);
  requireOwnUnit(principal, input.unitId, false);
  requireIssued(campaign, 'nhận báo cáo');
  requireParticipant(campaign, input.unitId);
  const table = requireTable(campaign);
  const deadline = reportDeadline(campaign, input.period);
  if (isPast(deadline, now)) {
    throw new DomainError(
      'conflict',
      `Đã quá hạn nộp báo cáo ${input.period === 'final' ? 'tổng kết' : 'sơ kết'} (${formatDeadline(deadline!)}); báo cáo không được tiếp nhận.`,
      undefined,
      'report.deadline_passed',
    );
  }
  const problems = validateReportValues(table, input);
  if (problems.length) throw new DomainError('invalid', `Dữ liệu không hợp lệ: ${problems.map((p) => p.path).join(', ')}`, problems);

  const previous = await getReport(campaign.agencyId, campaign.id, input.period, input.unitId);
  const scored = scoreReport(table, input);
  const at = now.toISOString();
  const report: StoredReport = { ...input, submittedAt: at, submittedBy: principal.sub, resubmission: previous !== undefined, selfTotal: scored.total };
  await saveWithEvent(
    [{ item: reportItem(campaign.agencyId, campaign.id, input.period, input.unitId, report) }],
    // The event carries the report as received, so its acknowledgement shows this submission even
    // if a later one has replaced the stored report by the time the consumer runs.
    newEvent(campaign, 'ReportSubmitted', principal.sub, at, {
      unitId: input.unitId,
      period: input.period,
      selfTotal: scored.total,
      maxTotal: maxTotal(table),
      resubmission: report.resubmission,
      report: input,
    }),
  );
  return report;
}

/** The Office's verified values for one report; the unit's own values stay beside them. */
export async function verifyReport(rawId: unknown, rawUnitId: unknown, rawPeriod: unknown, input: Verification, principal: Principal, now: Date) {
  const campaign = await findCampaign(principal.agencyId, rawId);
  const unitId = parseParam(id, rawUnitId, 'unitId');
  const period = parseParam(ReportPeriod, rawPeriod, 'period');
  const table = requireTable(campaign);
  const stored = await getReport(campaign.agencyId, campaign.id, period, unitId);
  if (!stored) throw new DomainError('not-found', `Đơn vị "${unitId}" chưa nộp báo cáo ${period === 'final' ? 'tổng kết' : 'sơ kết'}.`, undefined, 'report.not_found');
  const problems = validateVerification(table, input);
  if (problems.length) throw new DomainError('invalid', `Dữ liệu không hợp lệ: ${problems.map((p) => p.path).join(', ')}`, problems);
  const report = UnitReport.parse(pickReport(stored));
  const scored = scoreReport(table, report, input);
  const at = now.toISOString();
  const verification = { ...input, unitId, period, verifiedAt: at, verifiedBy: principal.sub };
  await saveWithEvent(
    [{ item: verificationItem(campaign.agencyId, campaign.id, period, unitId, verification) }],
    newEvent(campaign, 'ReportVerified', principal.sub, at, { unitId, period, total: scored.total, selfTotal: scored.selfTotal }),
  );
  return { ...verification, scored };
}

/** The stored report without the bookkeeping, as the scoring core takes it. */
export const pickReport = (r: Record<string, unknown>) => {
  const { submittedAt: _a, submittedBy: _b, resubmission: _c, selfTotal: _d, ...rest } = r;
  return rest;
};

/** The Office's stored verifications, by unit, as the scoring core takes them (without who and when). */
export function verificationsByUnit(items: readonly Record<string, unknown>[]): Record<string, Verification> {
  const byUnit: Record<string, Verification> = {};
  for (const v of items) {
    const { unitId, period: _p, verifiedAt: _a, verifiedBy: _b, ...rest } = v as Record<string, unknown> & { unitId: string };
    byUnit[unitId] = Verification.parse(rest);
  }
  return byUnit;
}

/** Units ranked by total for a period: a pure recomputation from the stored reports (no stored copy to drift). */
export async function standings(agencyId: string, rawId: unknown, rawPeriod: unknown): Promise<Standings> {
  const campaign = await findCampaign(agencyId, rawId);
  const period = parseParam(ReportPeriod, rawPeriod ?? 'final', 'period');
  const table = requireTable(campaign);
  const [reports, verifications, units] = await Promise.all([
    listReports(campaign.agencyId, campaign.id, period),
    listVerifications(campaign.agencyId, campaign.id, period),
    listUnits(campaign.agencyId),
  ]);
  const byUnit = verificationsByUnit(verifications);
  const reported = new Set(reports.map((r) => String(r.unitId)));
  const unitNames = Object.fromEntries(units.filter((u) => reported.has(u.unitId)).map((u) => [u.unitId, u.name]));
  const computed = computeStandings(
    table,
    reports.map((r) => UnitReport.parse(pickReport(r)) as StandingsReport),
    byUnit,
    { period, unitNames },
  );
  // Issue 11: the final standings show the Council's choice on a tie the chain could not break.
  return period === 'final' ? withCouncilChoices(computed, (await getCouncilVote(campaign.agencyId, campaign.id))?.tieChoices) : computed;
}
