import { tallyCouncilVote } from '../../../shared/domain/council';
import { COUNCIL_CHOICE_LABEL, DECISION_STATUS_LABEL, awardVerbPhrase, finalizeResults, proposalText, voteText } from '../../../shared/domain/results';
import { SCORING_ENGINE_VERSION, scoreReport } from '../../../shared/domain/scoring';
import { computeStandings, ruleVersionOf } from '../../../shared/domain/standings';
import { ScoringTable } from '../../../shared/schemas/scoring';
import { DATES, nom, person, run } from '../decide.fixtures';

/**
 * Branches the wider tests leave aside: how results name an award (công nhận a title, tặng a form: Law 2022 Art 7
 * and 9 as domain-rules §2 lists them), a ballot recorded twice, a rate with nobody to count in a steps criterion
 * (domain-rules §3.2), a table without bonus or penalty sections, and the rule version standings are bound to.
 */

describe('results wording', () => {
  it.each([
    ['LDTT', 'công nhận danh hiệu “Lao động tiên tiến”'],
    ['CSTDCS', 'công nhận danh hiệu “Chiến sĩ thi đua cơ sở”'],
    ['GIAY_KHEN', 'tặng Giấy khen'],
    ['BANG_KHEN_TINH', 'tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh'],
    ['CO_THI_DUA_TINH', 'tặng Cờ thi đua của Ủy ban nhân dân tỉnh'],
  ] as const)('%s: %s', (title, phrase) => {
    expect(awardVerbPhrase(title)).toBe(phrase);
  });
  it('the vote column: the share and what was needed, or nothing', () => {
    expect(voteText({ yes: 8, membersTotal: 9, required: 8 } as never)).toBe('8/9 (cần 8)');
    expect(voteText(undefined)).toBe('');
  });
  it("the proposal column, with the council's choice when the line fell in a tie", () => {
    expect(proposalText({ proposal: 'eligible', needsCouncilVote: true })).toBe(`${DECISION_STATUS_LABEL.eligible}; ${COUNCIL_CHOICE_LABEL}`);
    expect(proposalText({ proposal: 'deferred', needsCouncilVote: false })).toBe(DECISION_STATUS_LABEL.deferred);
  });
  it('a nomination with two ballots in one session is refused', () => {
    const proposal = run({ date: DATES.v2024, noms: [nom('c1', 'CSTDCS', person('A', { personId: 'a', taskRating: 'HTXSNV' }))] });
    const tally = tallyCouncilVote({
      ruleSet: 'vn-2024',
      membersTotal: 9,
      present: 9,
      writtenVotes: 0,
      votes: [
        { nominationId: 'c1', title: 'CSTDCS', yes: 8 },
        { nominationId: 'c1', title: 'CSTDCS', yes: 3 },
      ],
    });
    expect(() => finalizeResults({ decisions: proposal.decisions, tally, nominatingUnit: { c1: 'U1' } })).toThrow(
      'Hồ sơ c1 có hai kết quả biểu quyết trong cùng một phiên; mỗi hồ sơ chỉ được ghi một kết quả.',
    );
  });
});

describe('scoring edges', () => {
  const table = ScoringTable.parse({
    version: 'v1',
    legalBasis: 'Bảng điểm thử nghiệm',
    sections: [
      {
        id: 's',
        name: 'Tiêu chí',
        kind: 'base',
        criteria: [
          {
            id: 'r',
            name: 'Tỷ lệ',
            max: 5,
            rule: {
              kind: 'steps',
              steps: [
                { from: 0, to: 50, points: 1 },
                { from: 50, points: 5 },
              ],
            },
          },
        ],
      },
    ],
    tieBreak: [],
  });
  it('steps over a rate with a zero denominator: 0 points, said so (nobody to count)', () => {
    const c = scoreReport(table, { unitId: 'X', values: { r: { numerator: 0, denominator: 0 } } }).criteria[0]!;
    expect(c.points).toBe(0);
    expect(c.self.explanation).toBe('Mẫu số bằng 0 (0/0): không tính được tỷ lệ nên 0,00 điểm');
  });
  it('a rate in steps is named with its percentage', () => {
    expect(scoreReport(table, { unitId: 'X', values: { r: { numerator: 1, denominator: 3 } } }).criteria[0]!.self.explanation).toBe('Tỷ lệ 1/3 = ≈ 33,33% thuộc khoảng [0; 50) → 1,00 điểm');
  });
  it('a table with only base criteria: the total names no bonus and no penalty', () => {
    expect(scoreReport(table, { unitId: 'X', values: { r: 60 } }).explanation).toBe('Tổng điểm = 5,00 (cơ bản) = 5,00/5 điểm');
  });
  it('standings are bound to the table version and the engine', () => {
    expect(ruleVersionOf(table)).toBe(`v1+${SCORING_ENGINE_VERSION}`);
    expect(() => computeStandings(table, [], {}, { period: 'final', ruleVersion: 'v0+old' })).toThrow(`Phiên bản quy tắc chấm điểm là v1+${SCORING_ENGINE_VERSION}, không phải v0+old.`);
    expect(computeStandings(table, [], {}, { period: 'final', ruleVersion: ruleVersionOf(table) }).rows).toEqual([]);
  });
});
