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

it('publicCounts: a deferral counts as not awarded in this round', () => {
  expect(publicCounts({ ...finalize().counts, awarded: 2, notAwarded: 3, deferred: 4 })).toEqual({ awarded: 2, notAwarded: 7 });
});
