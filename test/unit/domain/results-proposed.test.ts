import { tallyCouncilVote } from '../../../shared/domain/council';
import { finalizeResults, publicOutcome, type Outcome } from '../../../shared/domain/results';
import { resultsCsv } from '../../../shared/excel/csv';
import type { Initiative, Title } from '../../../shared/schemas/nomination';
import { DATES, collective, nom, person, run } from '../decide.fixtures';

/**
 * Results by the level of the campaign's agency (docs/legal-sources.md §1.9): a council's passing vote awards only the
 * titles its agency decides (Law 2022 Art 80.1 for a Sở; NĐ 129/2025 Art 59 for a commune from 01/07/2025; Art 80.3
 * before); for the others the outcome is `proposed`, the vote attached, with who decides and the article.
 * Decisions and tallies come from the real engine and ballot.
 */

const ini = (id: string, recognisedOn: string, recognisedBy: Initiative['recognisedBy']): Initiative => ({ id, title: `Sáng kiến ${id}`, recognisedBy, recognisedOn, kind: 'initiative' });

/** One eligible nomination of every title, in the given year (the person's CSTĐCS chain ends the year before). */
function everyTitle(date: { referenceDate: string; campaignYear: number }) {
  const y = date.campaignYear;
  const chain = () =>
    person('Trần Văn Chín', {
      personId: 'tvc',
      taskRating: 'HTXSNV',
      pastTitles: [
        { year: y - 2, title: 'CSTDCS' },
        { year: y - 1, title: 'CSTDCS' },
      ],
      initiatives: [ini('SK-P', `${y}-01-15`, 'province'), ini('SK-U', `${y}-02-01`, 'unit')],
    });
  const proposal = run({
    date,
    noms: [
      nom('ldtt', 'LDTT', person('Hoàng Thị Phương', { personId: 'htp', gender: 'female', unitId: 'U1' })),
      nom('cstdcs', 'CSTDCS', chain()),
      nom('cstd-tinh', 'CSTD_TINH', chain()),
      nom('ttldtt', 'TTLDTT', collective('U3', { members: { total: 10, byRating: { HTXSNV: 1, HTTNV: 8, HTNV: 1, KHTNV: 0 }, women: 5, ldtt: 8 } })),
      nom('ttldxs', 'TTLDXS', collective('U5', { taskRating: 'HTXSNV', members: { total: 10, byRating: { HTXSNV: 3, HTTNV: 6, HTNV: 1, KHTNV: 0 }, women: 5, ldtt: 8, cstdcs: 1 } })),
      nom('giay-khen', 'GIAY_KHEN', person('Người Giấy Khen', { personId: 'gk', unitId: 'U1' })),
      nom('bang-khen', 'BANG_KHEN_TINH', person('Người Bằng Khen', { personId: 'bk', unitId: 'U1' }), { grounds: 'movement' }),
      nom('co', 'CO_THI_DUA_TINH', collective('U6', { taskRating: 'HTXSNV', ledCluster: true, exceededTargets: true })),
    ],
    standings: [{ unitId: 'U1', rank: 1 }],
  });
  const votes = proposal.decisions.map((d) => ({ nominationId: d.nominationId, title: d.title, yes: 9 }));
  const tally = tallyCouncilVote({ ruleSet: proposal.ruleSet, membersTotal: 9, present: 9, writtenVotes: 0, votes });
  const nominatingUnit = Object.fromEntries(proposal.decisions.map((d) => [d.nominationId, d.nominee.unitId]));
  return { proposal, tally, nominatingUnit };
}

const v2024 = everyTitle(DATES.v2024);
const v2025 = everyTitle(DATES.v2025);

const byTitle = (outcomes: readonly Outcome[]) => Object.fromEntries(outcomes.map((o) => [o.title, o.outcome])) as Record<Title, Outcome['outcome']>;

describe('the fixture', () => {
  test.each([
    ['vn-2024', v2024],
    ['vn-2025', v2025],
  ] as const)('%s: every title eligible and voted 9/9', (ruleSet, f) => {
    expect(f.proposal.ruleSet).toBe(ruleSet);
    expect(f.proposal.decisions.map((d) => [d.title, d.status])).toEqual(expect.arrayContaining(f.proposal.decisions.map((d) => [d.title, 'eligible'])));
    expect(f.proposal.decisions).toHaveLength(8);
    expect(f.tally.results.every((r) => r.passed)).toBe(true);
  });
});

describe('finalizeResults by the level of the agency', () => {
  test('a Sở awards LĐTT, CSTĐCS, TTLĐTT and Giấy khen; it proposes CSTĐ tỉnh, TTLĐXS, Bằng khen and Cờ thi đua', () => {
    const r = finalizeResults({ decisions: v2025.proposal.decisions, tally: v2025.tally, nominatingUnit: v2025.nominatingUnit, agencyLevel: 'department' });
    expect(byTitle(r.outcomes)).toEqual({
      LDTT: 'awarded',
      CSTDCS: 'awarded',
      TTLDTT: 'awarded',
      GIAY_KHEN: 'awarded',
      CSTD_TINH: 'proposed',
      TTLDXS: 'proposed',
      BANG_KHEN_TINH: 'proposed',
      CO_THI_DUA_TINH: 'proposed',
    });
    expect(r.counts).toEqual({ awarded: 4, proposed: 4, notAwarded: 0, deferred: 0 });
  });

  test('without a level the campaign is a Sở’s (data from before agencies)', () => {
    const implicit = finalizeResults({ decisions: v2025.proposal.decisions, tally: v2025.tally, nominatingUnit: v2025.nominatingUnit });
    const explicit = finalizeResults({ decisions: v2025.proposal.decisions, tally: v2025.tally, nominatingUnit: v2025.nominatingUnit, agencyLevel: 'department' });
    expect(implicit).toEqual(explicit);
  });

  test('the province awards all eight', () => {
    const r = finalizeResults({ decisions: v2025.proposal.decisions, tally: v2025.tally, nominatingUnit: v2025.nominatingUnit, agencyLevel: 'province' });
    expect(r.outcomes.every((o) => o.outcome === 'awarded' && o.proposedTo === undefined)).toBe(true);
    expect(r.counts).toEqual({ awarded: 8, proposed: 0, notAwarded: 0, deferred: 0 });
  });

  test('a commune from 01/07/2025 awards the same four as a Sở (NĐ 129/2025 Art 59)', () => {
    const r = finalizeResults({ decisions: v2025.proposal.decisions, tally: v2025.tally, nominatingUnit: v2025.nominatingUnit, agencyLevel: 'commune' });
    expect(r.outcomes.filter((o) => o.outcome === 'awarded').map((o) => o.title)).toEqual(expect.arrayContaining(['LDTT', 'CSTDCS', 'TTLDTT', 'GIAY_KHEN']));
    expect(r.counts).toMatchObject({ awarded: 4, proposed: 4 });
    const cstd = r.outcomes.find((o) => o.title === 'CSTD_TINH')!;
    expect(cstd.reason).toContain('không thuộc thẩm quyền quyết định của Chủ tịch Ủy ban nhân dân cấp xã theo Điều 59 Nghị định số 129/2025/NĐ-CP');
  });

  test('a commune before 01/07/2025 awarded only LĐTT and Giấy khen: CSTĐCS and TTLĐTT went to the district (Art 80.2)', () => {
    const r = finalizeResults({ decisions: v2024.proposal.decisions, tally: v2024.tally, nominatingUnit: v2024.nominatingUnit, agencyLevel: 'commune' });
    expect(byTitle(r.outcomes)).toMatchObject({ LDTT: 'awarded', GIAY_KHEN: 'awarded', CSTDCS: 'proposed', TTLDTT: 'proposed', CSTD_TINH: 'proposed' });
    const cstdcs = r.outcomes.find((o) => o.title === 'CSTDCS')!;
    expect(cstdcs.proposedTo).toMatchObject({ decidedBy: 'district-chairman', label: 'Chủ tịch Ủy ban nhân dân cấp huyện' });
  });

  test('a proposal carries the council’s vote, who decides and the article, and its reason says so', () => {
    const r = finalizeResults({ decisions: v2025.proposal.decisions, tally: v2025.tally, nominatingUnit: v2025.nominatingUnit });
    const o = r.outcomes.find((x) => x.title === 'CSTD_TINH')!;
    expect(o).toMatchObject({
      nominationId: 'cstd-tinh',
      outcome: 'proposed',
      proposal: 'eligible',
      vote: { yes: 9, membersTotal: 9, required: 9, thresholdPct: 90, comparison: 'at-least', passed: true },
      proposedTo: { agencyLevel: 'department', decidedBy: 'province-chairman', label: 'Chủ tịch Ủy ban nhân dân tỉnh', agencyPower: { article: 'Điều 80', clause: 'khoản 1', confidence: 'V' } },
    });
    expect(o.reason).toBe(
      'Được Hội đồng biểu quyết 9/9 phiếu (100%), đạt tỷ lệ từ 90% tổng số thành viên trở lên; đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh” (không thuộc thẩm quyền quyết định của Thủ trưởng cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh theo khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15).',
    );
    expect(o.reason).not.toContain('đề nghị công nhận');
  });

  test('an awarded title carries no decider', () => {
    const r = finalizeResults({ decisions: v2025.proposal.decisions, tally: v2025.tally, nominatingUnit: v2025.nominatingUnit });
    const ldtt = r.outcomes.find((x) => x.title === 'LDTT')!;
    expect(ldtt.outcome).toBe('awarded');
    expect(ldtt).not.toHaveProperty('proposedTo');
  });

  test('a failed vote on a title beyond the agency is not proposed: nothing goes up', () => {
    const votes = v2025.proposal.decisions.map((d) => ({ nominationId: d.nominationId, title: d.title, yes: d.title === 'CSTD_TINH' ? 8 : 9 }));
    const tally = tallyCouncilVote({ ruleSet: 'vn-2025', membersTotal: 9, present: 9, writtenVotes: 0, votes });
    const o = finalizeResults({ decisions: v2025.proposal.decisions, tally, nominatingUnit: v2025.nominatingUnit }).outcomes.find((x) => x.title === 'CSTD_TINH')!;
    expect(o).toMatchObject({ outcome: 'not-awarded', vote: { yes: 8, required: 9, passed: false } });
    expect(o).not.toHaveProperty('proposedTo');
    expect(o.reason).toContain('không đề nghị');
  });

  test('the proposals are easy to pick out for forwarding: outcome, title and vote on each', () => {
    const r = finalizeResults({ decisions: v2025.proposal.decisions, tally: v2025.tally, nominatingUnit: v2025.nominatingUnit });
    const forwarded = r.outcomes.filter((o) => o.outcome === 'proposed').map((o) => [o.nominationId, o.title, o.vote?.yes, o.proposedTo?.decidedBy]);
    expect(forwarded).toEqual(
      expect.arrayContaining([
        ['cstd-tinh', 'CSTD_TINH', 9, 'province-chairman'],
        ['ttldxs', 'TTLDXS', 9, 'province-chairman'],
        ['bang-khen', 'BANG_KHEN_TINH', 9, 'province-chairman'],
        ['co', 'CO_THI_DUA_TINH', 9, 'province-chairman'],
      ]),
    );
    expect(forwarded).toHaveLength(4);
  });
});

describe('the CSV carries the outcome and who decides a proposal', () => {
  const r = finalizeResults({ decisions: v2025.proposal.decisions, tally: v2025.tally, nominatingUnit: v2025.nominatingUnit });

  test.each([
    ['internal', r.outcomes as readonly Outcome[]],
    ['public', r.outcomes.map(publicOutcome)],
  ] as const)('%s rows', (_face, outcomes) => {
    const lines = resultsCsv(outcomes, {}).slice(1).split('\r\n');
    const row = (name: string) => lines.find((l) => l.includes(name))!;
    expect(row('Người Bằng Khen')).toContain(',Đề nghị cấp trên xét tặng,Chủ tịch Ủy ban nhân dân tỉnh,');
    expect(row('Hoàng Thị Phương')).toContain(',Được khen thưởng,,');
    expect(lines.filter((l) => l.includes('Đề nghị cấp trên xét tặng,Chủ tịch Ủy ban nhân dân tỉnh'))).toHaveLength(4);
  });
});
