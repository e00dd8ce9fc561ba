import type { AwardRecord } from '#shared/schemas/record';
import type { Title } from '#shared/schemas/titles';
import type { StatisticsAgency, StatisticsCampaign, StatisticsInput } from '#shared/statistics/index';

/**
 * A small province for the statistical forms' tests: the province's People's Committee, two departments under it, and
 * a second province whose data must never count. The expected numbers in the tests are worked out by hand from the
 * comments below, not by the code under test.
 *
 * Reporting year 2025: the period is 01/12/2024 – 30/11/2025.
 */
export const AGENCIES: StatisticsAgency[] = [
  { id: 'ls', name: 'Ủy ban nhân dân tỉnh Lạng Sơn', level: 'province' },
  { id: 'sngv', name: 'Sở Ngoại vụ tỉnh Lạng Sơn', level: 'department', parentAgencyId: 'ls' },
  { id: 'snv', name: 'Sở Nội vụ tỉnh Lạng Sơn', level: 'department', parentAgencyId: 'ls' },
  { id: 'cb', name: 'Ủy ban nhân dân tỉnh Cao Bằng', level: 'province' },
  { id: 'cb-snv', name: 'Sở Nội vụ tỉnh Cao Bằng', level: 'department', parentAgencyId: 'cb' },
];

const campaign = (c: Partial<StatisticsCampaign> & Pick<StatisticsCampaign, 'id' | 'agencyId'>): StatisticsCampaign => ({
  title: `Phong trào ${c.id}`,
  documentNumber: `01/KH-${c.id.toUpperCase()}`,
  status: 'finalized',
  deadlines: { nominations: '2025-12-10T17:00:00+07:00' },
  ...c,
});

export const CAMPAIGNS: StatisticsCampaign[] = [
  // In the 2025 period (launched 01/12/2024 – 30/11/2025):
  campaign({ id: 'c1', agencyId: 'ls', kind: 'regular', date: '2025-02-10', assessmentYear: 2025 }), // province, regular
  campaign({ id: 'c2', agencyId: 'sngv', status: 'issued', date: '2025-01-15', assessmentYear: 2025 }), // no kind: counted regular
  campaign({ id: 'c3', agencyId: 'snv', kind: 'thematic', status: 'nominations-closed', date: '2025-03-01', assessmentYear: 2025, deadlines: { nominations: '2026-09-30T17:00:00+07:00' } }), // 18 months
  campaign({ id: 'c4', agencyId: 'sngv', kind: 'thematic', date: '2025-05-01', assessmentYear: 2025, deadlines: { nominations: '2025-10-15T17:00:00+07:00' } }), // 5 months
  campaign({ id: 'c7', agencyId: 'ls', kind: 'thematic', date: '2024-12-05', assessmentYear: 2025, deadlines: { nominations: '2025-09-30T17:00:00+07:00' } }), // 9 months, launched in December of 2024
  // Not in the 2025 period:
  campaign({ id: 'c5', agencyId: 'sngv', status: 'draft', date: '2025-04-01', assessmentYear: 2025 }), // a draft is not launched
  campaign({ id: 'c6', agencyId: 'snv', kind: 'regular', date: '2024-02-01', assessmentYear: 2024 }), // 2024 period
  campaign({ id: 'c12', agencyId: 'ls', kind: 'regular', date: '2024-01-15', assessmentYear: 2024 }), // 2024 period
  campaign({ id: 'c8', agencyId: 'ls', kind: 'thematic', status: 'issued', date: '2025-12-10', assessmentYear: 2025 }), // after the cut-off
  campaign({ id: 'c9', agencyId: 'cb-snv', kind: 'regular', date: '2025-02-01', assessmentYear: 2025 }), // another province
  // No letter date: issued 30/11/2025 18:00 UTC, which is 01/12/2025 01:00 in Vietnam, after the cut-off.
  campaign({ id: 'c10', agencyId: 'sngv', kind: 'regular', status: 'issued', issuedAt: '2025-11-30T18:00:00Z', assessmentYear: 2026 }),
];

let n = 0;
function record(agencyId: string, title: Title, outcome: AwardRecord['outcome'], subject: 'F' | 'M' | '?' | 'T', campaignId: string, date: string, year: number): AwardRecord {
  n++;
  return {
    agencyId,
    subject:
      subject === 'T'
        ? { kind: 'collective', unitId: `u${n}`, name: `Phòng ${n}` }
        : { kind: 'individual', personId: `p${n}`, name: `Người ${n}`, unitId: 'u0', ...(subject === 'F' ? { gender: 'female' as const } : subject === 'M' ? { gender: 'male' as const } : {}) },
    year,
    title,
    outcome,
    campaignId,
    campaignTitle: `Phong trào ${campaignId}`,
    nominationId: `n${n}`,
    document: { number: `${n}/QĐ-X`, date, decidedBy: 'Chủ tịch Ủy ban nhân dân tỉnh' },
    recordedAt: `${date}T10:00:00Z`,
  };
}

/** F female, M male, ? no gender, T a collective. */
export const RECORDS: AwardRecord[] = [
  record('ls', 'BANG_KHEN_TINH', 'awarded', 'F', 'c1', '2025-06-10', 2025), // R1
  record('ls', 'BANG_KHEN_TINH', 'awarded', 'T', 'c1', '2025-06-10', 2025), // R2
  record('ls', 'CSTD_TINH', 'awarded', 'M', 'c1', '2025-11-30', 2025), // R3: the cut-off day itself
  record('ls', 'CO_THI_DUA_TINH', 'awarded', 'T', 'c7', '2025-01-20', 2025), // R4: thematic campaign
  record('ls', 'CSTD_TINH', 'awarded', 'F', 'c7', '2025-10-01', 2025), // R5: thematic campaign
  record('sngv', 'BANG_KHEN_TINH', 'proposed', 'F', 'c2', '2025-06-01', 2025), // R7: proposed to the Chairman
  record('sngv', 'CO_THI_DUA_TINH', 'proposed', 'T', 'c2', '2025-06-01', 2025), // R8: proposed
  record('sngv', 'CSTDCS', 'awarded', 'M', 'c2', '2025-06-01', 2025), // R9: no column on 0603.N
  record('sngv', 'LDTT', 'awarded', 'F', 'c2', '2025-06-01', 2025), // R10
  record('snv', 'TTLDTT', 'awarded', 'T', 'c3', '2025-07-01', 2025), // R11
  record('snv', 'TTLDXS', 'proposed', 'T', 'c3', '2025-07-01', 2025), // R12
  record('ls', 'BANG_KHEN_TINH', 'awarded', 'F', 'c12', '2024-12-20', 2024), // R13: assessment year 2024, decided in the 2025 period
  record('ls', 'CSTD_TINH', 'awarded', 'M', 'c1', '2025-12-12', 2025), // R14: assessment year 2025, decided after the cut-off
  record('cb', 'BANG_KHEN_TINH', 'awarded', 'F', 'c9', '2025-06-01', 2025), // R15: another province
  record('snv', 'GIAY_KHEN', 'awarded', '?', 'c3', '2025-07-01', 2025), // R16: no gender
];

export const input = (over: Partial<StatisticsInput> = {}): StatisticsInput => ({
  agencyId: 'ls',
  year: 2025,
  rollUp: true,
  agencies: AGENCIES,
  campaigns: CAMPAIGNS,
  records: RECORDS,
  ...over,
});
