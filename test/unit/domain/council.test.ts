import { tallyCouncilVote } from '../../../shared/domain/council';
import type { CouncilVoteInput } from '../../../shared/schemas/nomination';

/**
 * The council's minutes, word for word (domain-rules §1.8): the quorum sentence of Bắc Ninh QĐ 86/2025 Art 8.4.b [V]
 * (≥ 2/3 of members for a meeting, ≥ 80% for one that considers awards; configurable) and the ballot sentences of
 * NĐ 98/2023 Art 30.7 [S] (≥ 80% / ≥ 90% of ALL members) and Bắc Ninh Art 9 [V] (more than half).
 */

const BN = 'điểm b khoản 4 Điều 8 Quyết định số 86/2025/QĐ-UBND của Ủy ban nhân dân tỉnh Bắc Ninh';
const session = (over: Partial<CouncilVoteInput> = {}): CouncilVoteInput => ({ ruleSet: 'vn-2024', membersTotal: 9, present: 9, writtenVotes: 0, ...over });

describe('the quorum sentence', () => {
  it.each([
    {
      name: 'award session, no written votes, met (Art 8.4.b: 80%)',
      over: { present: 8 },
      sentence: `Phiên họp có 8/9 thành viên Hội đồng tham dự; đủ số thành viên tối thiểu là 8 (80% tổng số thành viên đối với phiên họp xét khen thưởng) theo ${BN}.`,
    },
    {
      name: 'general session, no written votes, met (Art 8.4.b: 2/3)',
      over: { session: 'general' as const, present: 6 },
      sentence: `Phiên họp có 6/9 thành viên Hội đồng tham dự; đủ số thành viên tối thiểu là 6 (2/3 tổng số thành viên) theo ${BN}.`,
    },
    {
      name: 'general session with written opinions, not met',
      over: { session: 'general' as const, present: 5, writtenVotes: 3 },
      sentence: `Phiên họp có 5/9 thành viên Hội đồng tham dự và 3 thành viên vắng mặt gửi ý kiến bằng văn bản; không đủ số thành viên tối thiểu là 6 (2/3 tổng số thành viên) theo ${BN}.`,
    },
    {
      name: 'a rate configured by the campaign: no "award session" wording, the campaign cited',
      over: { present: 6, options: { quorumPct: 60 } },
      sentence: 'Phiên họp có 6/9 thành viên Hội đồng tham dự; đủ số thành viên tối thiểu là 6 (60% tổng số thành viên) theo Kế hoạch tổ chức phong trào thi đua.',
    },
  ])('$name', ({ over, sentence }) => {
    expect(tallyCouncilVote(session(over)).quorum.sentence).toBe(sentence);
  });

  it.each([
    [10, 'award', 8],
    [11, 'award', 9],
    [9, 'general', 6],
    [10, 'general', 7],
    [3, 'general', 2],
  ] as const)('%i members, %s session: at least %i (rounded up)', (total, kind, required) => {
    const q = tallyCouncilVote(session({ membersTotal: total, present: required, session: kind })).quorum;
    expect(q).toMatchObject({ required, met: true });
    expect(tallyCouncilVote(session({ membersTotal: total, present: required - 1, session: kind })).quorum.met).toBe(false);
  });

  it('written opinions count toward the quorum only when configured', () => {
    expect(tallyCouncilVote(session({ present: 7, writtenVotes: 1 })).quorum).toMatchObject({ counted: 7, countsWritten: false, met: false });
    expect(tallyCouncilVote(session({ present: 7, writtenVotes: 1, options: { quorumCountsWritten: true } })).quorum).toMatchObject({ counted: 8, countsWritten: true, met: true });
  });
});

describe('ballot sentences', () => {
  const ballot = (title: CouncilVoteInput['votes'] extends (infer V)[] | undefined ? V : never, over: Partial<CouncilVoteInput> = {}) =>
    tallyCouncilVote(session({ votes: [title], ...over })).results[0]!;
  it('a threshold in % (NĐ 98/2023 Art 30.7), with the nominee named', () => {
    const r = ballot({ nominationId: 'n1', title: 'CSTDCS', yes: 7, nominee: 'Ông Nguyễn Văn A' });
    expect(r.sentence).toBe(
      'Ông Nguyễn Văn A, danh hiệu “Chiến sĩ thi đua cơ sở”: 7/9 thành viên Hội đồng đồng ý (77,8%), chưa đạt tỷ lệ ít nhất 80% tổng số thành viên Hội đồng (cần ít nhất 8 phiếu đồng ý) theo khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP.',
    );
    expect(r).toMatchObject({ passed: false, secretBallot: true, comparison: 'at-least', thresholdPct: 80 });
  });
  it('a simple majority (Bắc Ninh Art 9), without a name', () => {
    const r = ballot({ nominationId: 'n2', title: 'BANG_KHEN_TINH', yes: 5 });
    expect(r.sentence).toBe(
      'Trường hợp được đề nghị, Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: 5/9 thành viên Hội đồng đồng ý (55,6%), đạt tỷ lệ trên 50% tổng số thành viên Hội đồng (cần ít nhất 5 phiếu đồng ý) theo Điều 9 Quyết định số 86/2025/QĐ-UBND của Ủy ban nhân dân tỉnh Bắc Ninh.',
    );
    expect(r).toMatchObject({ passed: true, secretBallot: false, comparison: 'more-than', thresholdPct: 50, required: 5 });
  });
  it('a threshold set by the campaign cites the campaign', () => {
    const r = ballot({ nominationId: 'n3', title: 'CSTDCS', yes: 7 }, { options: { thresholds: { CSTDCS: 75 } } });
    expect(r.sentence).toBe(
      'Trường hợp được đề nghị, danh hiệu “Chiến sĩ thi đua cơ sở”: 7/9 thành viên Hội đồng đồng ý (77,8%), đạt tỷ lệ ít nhất 75% tổng số thành viên Hội đồng (cần ít nhất 7 phiếu đồng ý) theo Kế hoạch tổ chức phong trào thi đua.',
    );
  });
  it('without a quorum the result is void, said so', () => {
    const r = ballot({ nominationId: 'n4', title: 'LDTT', yes: 7 }, { present: 7 });
    expect(r.sentence).toBe(
      'Trường hợp được đề nghị, danh hiệu “Lao động tiên tiến”: phiên họp không đủ số thành viên tham dự theo quy định nên kết quả biểu quyết (7/9 thành viên Hội đồng đồng ý (77,8%)) chưa có giá trị.',
    );
    expect(r.passed).toBe(false);
  });
  it.each([
    [8, 10, false],
    [9, 10, true],
  ])('CSTĐ tỉnh (90%): %i of %i passes %s', (yes, total, passed) => {
    expect(ballot({ nominationId: 'n', title: 'CSTD_TINH', yes }, { membersTotal: total, present: total })).toMatchObject({ passed, required: 9, thresholdPct: 90 });
  });
});

describe('refusals and configured sources', () => {
  it('impossible counts are refused with every field named, in one sentence', () => {
    expect(() => tallyCouncilVote(session({ present: 10 }))).toThrow(
      'Số liệu biểu quyết không hợp lệ: present: không được vượt quá membersTotal (9); writtenVotes: present + writtenVotes không được vượt quá membersTotal (9)',
    );
    expect(() => tallyCouncilVote(session({ present: 5, writtenVotes: 1, votes: [{ nominationId: 'n1', title: 'LDTT', yes: 7 }] }))).toThrow(
      'Số liệu biểu quyết không hợp lệ: votes.0.yes: không được vượt quá số thành viên đã biểu quyết (6)',
    );
  });
  it('a quorum or threshold configured by the campaign cites the campaign, with a note saying so', () => {
    const t = tallyCouncilVote(session({ options: { quorumPct: 60, thresholds: { CSTDCS: 75 } }, votes: [{ nominationId: 'n', title: 'CSTDCS', yes: 7 }] }));
    expect(t.quorum.citation).toEqual({ document: 'Kế hoạch tổ chức phong trào thi đua', confidence: 'V', note: 'Tỷ lệ tham dự do phong trào cấu hình (quorumPct).' });
    expect(t.results[0]?.citation).toEqual({ document: 'Kế hoạch tổ chức phong trào thi đua', confidence: 'V', note: 'Tỷ lệ biểu quyết do phong trào cấu hình (thresholds).' });
  });
});
