import { tallyCouncilVote } from '../../shared/domain/council';
import { DomainError } from '../../shared/domain/errors';
import type { CouncilVoteInput, Title } from '../../shared/schemas/nomination';

/**
 * Council ballots (docs/legal-sources.md §1.8, §3.5): thresholds counted over the WHOLE membership, NĐ 98/2023 Điều 30
 * khoản 7 [S] (kept for vn-2025 [U]); quorum per Bắc Ninh QĐ 86/2025 Điều 8 khoản 4 điểm b [V], a province example.
 */

const session = (over: Partial<CouncilVoteInput> = {}): CouncilVoteInput => ({ ruleSet: 'vn-2024', membersTotal: 9, present: 9, writtenVotes: 0, ...over });
const one = (title: Title, yes: number, over: Partial<CouncilVoteInput> = {}) => tallyCouncilVote(session({ votes: [{ nominationId: 'n1', title, yes }], ...over })).results[0]!;

describe('ballot thresholds over the whole membership (rule, source)', () => {
  it.each([
    // [title, yes, total, passes, required, source]
    ['CSTDCS', 7, 9, false, 8, 'NĐ 98/2023 Điều 30 khoản 7: ≥ 80% (7/9 = 77,8%)'],
    ['CSTDCS', 8, 9, true, 8, 'NĐ 98/2023 Điều 30 khoản 7: ≥ 80% (8/9 = 88,9%)'],
    ['CO_THI_DUA_TINH', 7, 9, false, 8, 'NĐ 98/2023 Điều 30 khoản 7: ≥ 80% for Cờ thi đua'],
    ['CO_THI_DUA_TINH', 8, 10, true, 8, 'NĐ 98/2023 Điều 30 khoản 7: exactly 80% passes'],
    ['CSTD_TINH', 8, 9, false, 9, 'NĐ 98/2023 Điều 30 khoản 7: ≥ 90% (8/9 = 88,9%)'],
    ['CSTD_TINH', 9, 10, true, 9, 'NĐ 98/2023 Điều 30 khoản 7: exactly 90% passes'],
    ['TTLDTT', 5, 9, true, 5, 'Bắc Ninh QĐ 86/2025 Điều 9: simple majority of all members'],
    ['LDTT', 4, 9, false, 5, 'simple majority: 4/9 is not more than half'],
    ['GIAY_KHEN', 5, 10, false, 6, 'simple majority: exactly half is not more than half'],
    ['BANG_KHEN_TINH', 6, 10, true, 6, 'simple majority: 6/10'],
  ] as const)('%s with %i of %i: passes %s (needs %i) [%s]', (title, yes, total, passes, required, _source) => {
    const r = one(title, yes, { membersTotal: total, present: total });
    expect(r).toMatchObject({ passed: passes, required, yes, membersTotal: total });
  });

  it('counts over all members, not those present: 7 yes of 8 present is still 7/9', () => {
    const r = one('CSTDCS', 7, { present: 8, writtenVotes: 0 });
    expect(r.passed).toBe(false);
    expect(r.sentence).toBe(
      'Trường hợp được đề nghị, danh hiệu “Chiến sĩ thi đua cơ sở”: 7/9 thành viên Hội đồng đồng ý (77,8%), chưa đạt tỷ lệ ít nhất 80% tổng số thành viên Hội đồng (cần ít nhất 8 phiếu đồng ý) theo khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP.',
    );
  });

  it('8 of 9 passes, with the nominee named for the minutes and the secret ballot flagged', () => {
    const r = tallyCouncilVote(session({ votes: [{ nominationId: 'n1', title: 'CSTDCS', yes: 8, nominee: 'Bà Trần Thị B' }] })).results[0]!;
    expect(r).toMatchObject({ passed: true, thresholdPct: 80, comparison: 'at-least', secretBallot: true });
    expect(r.sentence).toContain('Bà Trần Thị B, danh hiệu “Chiến sĩ thi đua cơ sở”: 8/9 thành viên Hội đồng đồng ý (88,9%), đạt tỷ lệ ít nhất 80%');
  });

  it('vn-2025 keeps 80% / 90%, citing NĐ 152/2025 with the [U] tag', () => {
    const r = one('CSTDCS', 7, { ruleSet: 'vn-2025' });
    expect(r.passed).toBe(false);
    expect(r.citation).toMatchObject({ document: 'Nghị định số 152/2025/NĐ-CP', confidence: 'U' });
    expect(one('CSTD_TINH', 9, { ruleSet: 'vn-2025' }).passed).toBe(true);
  });

  it('vn-2017 uses the same defaults, tagged [U]', () => {
    const r = one('CSTDCS', 7, { ruleSet: 'vn-2017' });
    expect(r.passed).toBe(false);
    expect(r.citation.confidence).toBe('U');
  });

  it('a campaign may configure a threshold ([U] NĐ 152 Art 33.5 / 45)', () => {
    const r = one('CSTDCS', 7, { options: { thresholds: { CSTDCS: 75 } } });
    expect(r).toMatchObject({ passed: true, thresholdPct: 75, required: 7 });
  });
});

describe('quorum (Bắc Ninh QĐ 86/2025 Điều 8 khoản 4 điểm b, configurable)', () => {
  it('an award session needs 80% present: 7 of 9 (needs 8) is not enough, and every result is void', () => {
    const t = tallyCouncilVote(session({ present: 7, writtenVotes: 2, votes: [{ nominationId: 'n1', title: 'CSTDCS', yes: 9 }] }));
    expect(t.quorum).toMatchObject({ required: 8, present: 7, written: 2, counted: 7, met: false, rule: '80%' });
    expect(t.results[0]).toMatchObject({ passed: false });
    expect(t.results[0]!.sentence).toContain('phiên họp không đủ số thành viên tham dự theo quy định');
    expect(t.quorum.sentence).toBe(
      'Phiên họp có 7/9 thành viên Hội đồng tham dự và 2 thành viên vắng mặt gửi ý kiến bằng văn bản; không đủ số thành viên tối thiểu là 8 (80% tổng số thành viên đối với phiên họp xét khen thưởng) theo điểm b khoản 4 Điều 8 Quyết định số 86/2025/QĐ-UBND của Ủy ban nhân dân tỉnh Bắc Ninh.',
    );
  });

  it('8 of 9 present meets it; written opinions of absent members count in the votes', () => {
    const t = tallyCouncilVote(session({ present: 8, writtenVotes: 1, votes: [{ nominationId: 'n1', title: 'CSTD_TINH', yes: 9 }] }));
    expect(t.quorum.met).toBe(true);
    expect(t.results[0]).toMatchObject({ passed: true, yes: 9 });
  });

  it('a general session needs 2/3: 6 of 9', () => {
    expect(tallyCouncilVote(session({ session: 'general', present: 6 })).quorum).toMatchObject({ required: 6, met: true, rule: '2/3' });
    expect(tallyCouncilVote(session({ session: 'general', present: 5 })).quorum.met).toBe(false);
  });

  it('written opinions count toward the quorum only when configured', () => {
    const t = tallyCouncilVote(session({ present: 7, writtenVotes: 2, options: { quorumCountsWritten: true } }));
    expect(t.quorum).toMatchObject({ counted: 9, met: true, countsWritten: true });
    expect(tallyCouncilVote(session({ present: 6, options: { quorumPct: 60 } })).quorum).toMatchObject({ required: 6, met: true, rule: '60%' });
  });

  it('refuses impossible counts with the field named', () => {
    expect(() => tallyCouncilVote(session({ present: 10 }))).toThrow(DomainError);
    try {
      tallyCouncilVote(session({ present: 5, writtenVotes: 1, votes: [{ nominationId: 'n1', title: 'LDTT', yes: 7 }] }));
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details).toEqual([expect.objectContaining({ path: 'votes.0.yes' })]);
    }
  });
});
