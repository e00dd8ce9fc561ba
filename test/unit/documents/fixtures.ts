import { seedCampaign, seedDirectory } from '../../../seed/launch-letter-2023';
import { tallyCouncilVote } from '../../../shared/domain/council';
import { finalizeResults } from '../../../shared/domain/results';
import type { NoiNhanEntry } from '../../../shared/mail/layout';
import { Campaign, CampaignInput } from '../../../shared/schemas/campaign';
import { decideNominations } from '../../../shared/domain/decide';
import { RuleOptions } from '../../../shared/schemas/nomination';
import { DATES, collective, nom, person } from '../decide.fixtures';

/** The seed campaign (Sở Ngoại vụ Lạng Sơn 2023), a proposal with every status, the Council's ballot and the results. */

export const campaign: Campaign = Campaign.parse({
  ...CampaignInput.parse(seedCampaign),
  id: 'c-2023',
  agencyId: 'default',
  status: 'nominations-closed',
  version: 3,
  createdAt: '2023-03-01T02:00:00.000Z',
  createdBy: 'admin',
});

/** The sentence full of diacritics every test looks for, NFC. */
export const DIACRITICS = 'Nguyễn Thị Hồng Nhung, Phòng Hợp tác quốc tế, hoàn thành xuất sắc nhiệm vụ';
export const NHUNG = 'Nguyễn Thị Hồng Nhung';

export const unitNames = { VP: 'Văn phòng Sở', LS: 'Phòng Lãnh sự', HT: 'Phòng Hợp tác quốc tế', KT: 'Thanh tra Sở' };

export const proposal = decideNominations({
  ...DATES.v2024,
  nominations: [
    nom('c1', 'CSTDCS', person('Trần Thị Bình', { personId: 'ttb', gender: 'female', taskRating: 'HTXSNV', unitId: 'VP' })),
    nom('c2', 'CSTDCS', person('Ngô Văn Em', { personId: 'nve', taskRating: 'HTXSNV', unitId: 'LS' })),
    nom('l1', 'LDTT', person('Lê Văn Cường', { personId: 'lvc', hireDate: '2024-10-01', unitId: 'VP' })),
    nom('l2', 'LDTT', person('Phạm Văn Dũng', { personId: 'pvd', discipline: { status: 'pending' }, unitId: 'LS' })),
    nom('l3', 'LDTT', person(NHUNG, { personId: 'nthn', unitId: 'HT' })),
    nom('t1', 'TTLDTT', collective('LS', { name: 'Phòng Lãnh sự', members: { total: 10, byRating: { HTXSNV: 2, HTTNV: 6, HTNV: 2, KHTNV: 0 }, women: 4, ldtt: 8 } })),
    nom('b1', 'BANG_KHEN_TINH', person('Người Một', { personId: 'b1', unitId: 'VP' }), { grounds: 'movement' }),
    nom('b2', 'BANG_KHEN_TINH', person('Người Hai', { personId: 'b2', unitId: 'LS' }), { grounds: 'movement' }),
    nom('b3', 'BANG_KHEN_TINH', person('Người Ba', { personId: 'b3', unitId: 'HT' }), { grounds: 'movement' }),
    nom('b4', 'BANG_KHEN_TINH', person('Người Bốn', { personId: 'b4', unitId: 'KT' }), { grounds: 'movement' }),
  ],
  // The standings with the names and totals the scoring core gives, so the Council reads names and points.
  unitStandings: [
    { unitId: 'VP', rank: 1, unitName: unitNames.VP, total: 9720 },
    { unitId: 'LS', rank: 2, tie: true, unitName: unitNames.LS, total: 9500 },
    { unitId: 'HT', rank: 2, tie: true, unitName: unitNames.HT, total: 9500 },
    { unitId: 'KT', rank: 4, unitName: unitNames.KT, total: 8875 },
  ],
  usedInitiatives: [],
  options: RuleOptions.parse({ disciplinePrinciple: true, quotas: { BANG_KHEN_TINH: { individualsPct: 5, individualsBase: 40, source: 'Quyết định số 10/2024/QĐ-UBND' } } }),
});

export const nominatingUnit = Object.fromEntries(proposal.decisions.map((d) => [d.nominationId, d.nominee.unitId]));

export const vote = {
  ruleSet: 'vn-2024' as const,
  membersTotal: 9,
  present: 8,
  writtenVotes: 1,
  votes: [
    { nominationId: 'c1', title: 'CSTDCS' as const, yes: 8 },
    { nominationId: 'c2', title: 'CSTDCS' as const, yes: 7 },
    { nominationId: 'l3', title: 'LDTT' as const, yes: 6 },
    { nominationId: 't1', title: 'TTLDTT' as const, yes: 9 },
    { nominationId: 'b1', title: 'BANG_KHEN_TINH' as const, yes: 9 },
    { nominationId: 'b2', title: 'BANG_KHEN_TINH' as const, yes: 5 },
    { nominationId: 'b3', title: 'BANG_KHEN_TINH' as const, yes: 7 },
  ],
};
/** nominationId → how the minutes name the nominee: "Nguyễn Thị Hồng Nhung (Phòng Hợp tác quốc tế)". */
export const names: Record<string, string> = Object.fromEntries(
  proposal.decisions.map((d) => [
    d.nominationId,
    d.nominee.kind === 'collective' ? d.nominee.name : `${d.nominee.name} (${unitNames[d.nominee.unitId as keyof typeof unitNames] ?? d.nominee.unitId})`,
  ]),
);
export const tally = tallyCouncilVote(
  { ...vote, tieChoices: [{ tieId: 'standings:2', chosen: ['HT', 'LS'], yes: 7, note: 'Phòng Hợp tác quốc tế có nhiều sáng kiến được công nhận hơn.' }] },
  { ties: proposal.ties, names },
);
export const results = finalizeResults({ decisions: proposal.decisions, tally, nominatingUnit });
export const outcomes = results.outcomes;

export const CLOSED_AT = '2024-12-10T10:00:00.000Z';
export const FINALIZED_AT = '2024-12-20T03:00:00.000Z';
export const noiNhan: NoiNhanEntry[] = seedDirectory.groups.map((g) => ({ name: g.name, ...(g.purpose ? { purpose: g.purpose } : {}) }));
