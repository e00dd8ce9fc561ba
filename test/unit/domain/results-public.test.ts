import { tallyCouncilVote } from '../../../shared/domain/council';
import { NOT_PUT_TO_VOTE, finalizeResults, publicCounts, publicOutcome, type Outcome } from '../../../shared/domain/results';
import { DATES, nom, person, collective, run } from '../decide.fixtures';

/**
 * The public face of the results (Law 2022 Art 84.5 [S]: the proposed candidates are published, domain-rules §1.7):
 * who was awarded, by what vote, and why a nomination was not; a person not awarded is not named, a unit always is.
 * The vote is counted over the whole council (NĐ 98/2023 Art 30.7 [S]: ≥ 80% for CSTĐCS).
 */

// Built inside each test (not at load), so that mutation testing sees which tests run this code.
const finalize = () => {
  const proposal = run({
    date: DATES.v2024,
    noms: [
      nom('c1', 'CSTDCS', person('Trần Thị Bình', { personId: 'ttb', gender: 'female', taskRating: 'HTXSNV', unitId: 'U1' })),
      nom('c2', 'CSTDCS', person('Ngô Văn Em', { personId: 'nve', taskRating: 'HTXSNV', unitId: 'U2' })),
      nom('l2', 'LDTT', person('Phạm Văn Dũng', { personId: 'pvd', discipline: { status: 'pending' }, unitId: 'U2' })),
      nom('t1', 'TTLDTT', collective('U3', { members: { total: 10, byRating: { HTXSNV: 1, HTTNV: 6, HTNV: 3, KHTNV: 0 }, women: 3, ldtt: 5 } })),
    ],
  });
  const tally = tallyCouncilVote({
    ruleSet: 'vn-2024',
    membersTotal: 9,
    present: 9,
    writtenVotes: 0,
    votes: [
      { nominationId: 'c1', title: 'CSTDCS', yes: 8 },
      { nominationId: 'c2', title: 'CSTDCS', yes: 7 },
    ],
  });
  return finalizeResults({ decisions: proposal.decisions, tally, nominatingUnit: { c1: 'U1', c2: 'U2', l2: 'U2', t1: 'U3' } });
};
const outcome = (id: string): Outcome => finalize().outcomes.find((o) => o.nominationId === id) as Outcome;

describe('publicOutcome', () => {
  it('awarded: named, with the vote and its threshold', () => {
    const p = publicOutcome(outcome('c1'));
    expect(p).toMatchObject({ nominationId: 'c1', title: 'CSTDCS', outcome: 'awarded', nominatingUnitId: 'U1', nominee: { kind: 'individual', unitId: 'U1', name: 'Trần Thị Bình' } });
    expect(p.ground).toBe('Hội đồng biểu quyết 8/9 phiếu (88,9%) đồng ý, đạt (cần ít nhất 8/9, từ 80% tổng số thành viên trở lên).');
    expect(p.vote).toMatchObject({ yes: 8, membersTotal: 9, required: 8 });
  });
  it('not awarded by the vote: not named, the vote said', () => {
    const p = publicOutcome(outcome('c2'));
    expect(p.nominee).toEqual({ kind: 'individual', unitId: 'U2' });
    expect(p.outcome).toBe('not-awarded');
    expect(p.ground).toBe('Hội đồng biểu quyết 7/9 phiếu (77,8%) đồng ý, chưa đạt (cần ít nhất 8/9, từ 80% tổng số thành viên trở lên).');
  });
  it('deferred: a nomination not awarded in this round, not put to the vote, not named', () => {
    const p = publicOutcome(outcome('l2'));
    expect(p).toMatchObject({ outcome: 'not-awarded', ground: NOT_PUT_TO_VOTE, nominee: { kind: 'individual', unitId: 'U2' } });
    expect(p).not.toHaveProperty('vote');
    expect(p.nominee).not.toHaveProperty('name');
  });
  it('a collective is named either way', () => {
    const p = publicOutcome(outcome('t1'));
    expect(p.nominee).toEqual({ kind: 'collective', unitId: 'U3', name: 'Phòng U3' });
    expect(p.outcome).toBe('not-awarded');
  });
  it('passed the vote but beyond the seats: said so', () => {
    const o = outcome('c1');
    const p = publicOutcome({ ...o, outcome: 'not-awarded' });
    expect(p.ground).toBe('Hội đồng biểu quyết 8/9 phiếu (88,9%) đồng ý, đạt tỷ lệ nhưng không còn suất trong chỉ tiêu (cần ít nhất 8/9, từ 80% tổng số thành viên trở lên).');
    expect(p.nominee).not.toHaveProperty('name');
  });
  it('a simple majority is said as such', () => {
    const o = outcome('c1');
    const p = publicOutcome({ ...o, vote: { ...o.vote!, comparison: 'more-than', thresholdPct: 50, required: 5, yes: 5 } });
    expect(p.ground).toBe('Hội đồng biểu quyết 5/9 phiếu (55,6%) đồng ý, đạt (cần ít nhất 5/9, trên 50% tổng số thành viên).');
  });
});

it('publicCounts: a deferral counts as not awarded in this round; proposals are counted apart', () => {
  expect(publicCounts({ ...finalize().counts, awarded: 2, proposed: 1, notAwarded: 3, deferred: 4 })).toEqual({ awarded: 2, proposed: 1, notAwarded: 7 });
  // Results stored before proposals existed carry no `proposed` count.
  expect(publicCounts({ awarded: 2, notAwarded: 3, deferred: 4 })).toEqual({ awarded: 2, proposed: 0, notAwarded: 7 });
});

describe('publicOutcome of a proposal (a title the agency may not award, docs/legal-sources.md §1.9)', () => {
  // A Sở's council votes a Bằng khen of the Chủ tịch UBND tỉnh: Law 2022 Art 80.1 leaves it to the province.
  const proposed = () => {
    const proposal = run({
      date: DATES.v2024,
      noms: [nom('b1', 'BANG_KHEN_TINH', person('Người Một', { personId: 'b1', unitId: 'U1' }), { grounds: 'movement' })],
      standings: [{ unitId: 'U1', rank: 1 }],
    });
    const tally = tallyCouncilVote({ ruleSet: 'vn-2024', membersTotal: 9, present: 9, writtenVotes: 0, votes: [{ nominationId: 'b1', title: 'BANG_KHEN_TINH', yes: 6 }] });
    return finalizeResults({ decisions: proposal.decisions, tally, nominatingUnit: { b1: 'U1' } }).outcomes[0] as Outcome;
  };

  it('reads proposed, named (the notice lists the proposed), with the vote and who decides', () => {
    const p = publicOutcome(proposed());
    expect(p).toMatchObject({ outcome: 'proposed', nominee: { kind: 'individual', unitId: 'U1', name: 'Người Một' }, vote: { yes: 6, required: 5 } });
    expect(p.proposedTo).toMatchObject({ decidedBy: 'province-chairman', label: 'Chủ tịch Ủy ban nhân dân tỉnh', agencyLevel: 'department' });
    expect(p.ground).toBe(
      'Hội đồng biểu quyết 6/9 phiếu (66,7%) đồng ý, đạt (cần ít nhất 5/9, trên 50% tổng số thành viên); đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (không thuộc thẩm quyền quyết định của Thủ trưởng cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh theo khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15).',
    );
    expect(JSON.stringify(p)).not.toContain('Được khen thưởng');
  });

  it('a proposal that lost its seat reads not awarded, unnamed, without a decider', () => {
    const o = proposed();
    const { proposedTo: _, ...withoutDecider } = o;
    const p = publicOutcome({ ...withoutDecider, outcome: 'not-awarded' });
    expect(p.outcome).toBe('not-awarded');
    expect(p).not.toHaveProperty('proposedTo');
    expect(p.nominee).not.toHaveProperty('name');
  });

  it('a stored proposal missing its decider is not shown as proposed', () => {
    const { proposedTo: _, ...bare } = proposed();
    expect(publicOutcome(bare).outcome).toBe('not-awarded');
  });
});
