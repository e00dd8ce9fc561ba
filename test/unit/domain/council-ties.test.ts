import { type TieChoiceResult, tallyCouncilVote } from '../../../shared/domain/council';
import { withCouncilChoices } from '../../../shared/domain/council-choices';
import { DomainError } from '../../../shared/domain/errors';
import { finalizeResults } from '../../../shared/domain/results';
import { renderResultsLetter, renderUnitOutcomes } from '../../../shared/mail/result-mails';
import { seedCampaign } from '../../../seed/launch-letter-2023';
import { Campaign, CampaignInput } from '../../../shared/schemas/campaign';
import { decisionOf, nom, person, run } from '../decide.fixtures';

/**
 * Issue 11: the ties reach the Council, and its choice decides. A quota line inside a group of equal standing
 * (applyQuota) and a standings tie the scoring chain could not break; the Council's choice among the tied holds with
 * more than half of ALL members (Bắc Ninh QĐ 86/2025 Art 9 [V], the majority rule where no share is set).
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const id = (n: number) => `7d1e5a20-0000-4000-8000-00000000000${n}`;

const proposal = run({
  date: { referenceDate: '2024-12-10', campaignYear: 2024 },
  noms: [
    nom(id(1), 'GIAY_KHEN', person('Nguyễn Văn An', { personId: 'a', unitId: 'U1' })),
    nom(id(2), 'GIAY_KHEN', person('Trần Văn Bình', { personId: 'b', unitId: 'U2' })),
    nom(id(3), 'GIAY_KHEN', person('Lê Văn Cường', { personId: 'c', unitId: 'U3' })),
  ],
  standings: [
    { unitId: 'U1', rank: 1, tie: true, unitName: 'Phòng Một' } as never,
    { unitId: 'U2', rank: 1, tie: true, unitName: 'Phòng Hai' } as never,
    { unitId: 'U3', rank: 3, unitName: 'Phòng Ba' } as never,
  ],
  options: { quotas: { GIAY_KHEN: { individualsPct: 34, individualsBase: 3 } } },
});
const names = Object.fromEntries(proposal.decisions.map((d) => [d.nominationId, d.nominee.name]));
const votes = proposal.decisions.filter((d) => d.status === 'eligible').map((d) => ({ nominationId: d.nominationId, title: d.title, yes: 9 }));
const ballot = (tieChoices: { tieId: string; chosen: string[]; yes: number }[], present = 9) =>
  tallyCouncilVote(
    { ruleSet: proposal.ruleSet, membersTotal: 9, present, writtenVotes: 0, votes: votes.map((v) => ({ ...v, yes: Math.min(v.yes, present) })), tieChoices },
    { ties: proposal.ties, names },
  );
/** A quota tie names each person with their unit, as the standings name it. */
const seatName: Record<string, string> = { [id(1)]: 'Nguyễn Văn An (Phòng Một)', [id(2)]: 'Trần Văn Bình (Phòng Hai)' };
const nominatingUnit = Object.fromEntries(proposal.decisions.map((d) => [d.nominationId, d.nominee.unitId]));

describe('the proposal carries the ties', () => {
  it('the quota line falls inside the rank-1 group: both eligible, the Council to choose 1 of 2', () => {
    expect(decisionOf(proposal, id(1))).toMatchObject({ status: 'eligible', needsCouncilVote: true, quota: { seats: 1, contenders: 2 } });
    expect(decisionOf(proposal, id(3)).status).toBe('over-quota');
    expect(proposal.ties.map((t) => t.id)).toEqual(['standings:1', 'GIAY_KHEN:individuals']);
    expect(proposal.ties[0]?.contenders.map((c) => c.name)).toEqual(['Phòng Một', 'Phòng Hai']);
  });
});

describe('the Council’s choice decides (table)', () => {
  it.each([
    { name: 'chooses Bình with 6/9: Bình awarded, An not', yes: 6, chosen: [id(2)], awarded: [id(2)], passed: true },
    { name: 'chooses An with 5/9 (more than half): An awarded', yes: 5, chosen: [id(1)], awarded: [id(1)], passed: true },
    { name: '4/9 is not a majority: the equal ballots leave the last seat tied (another round)', yes: 4, chosen: [id(2)], awarded: null, passed: false },
  ])('$name', ({ yes, chosen, awarded, passed }) => {
    const tally = ballot([{ tieId: 'GIAY_KHEN:individuals', chosen, yes }]);
    expect(tally.tieChoices?.[0]).toMatchObject({ passed, required: 5, kind: 'quota' });
    if (awarded === null) {
      expect(() => finalizeResults({ decisions: proposal.decisions, tally, nominatingUnit })).toThrow(DomainError);
      return;
    }
    const res = finalizeResults({ decisions: proposal.decisions, tally, nominatingUnit });
    expect(res.outcomes.filter((o) => o.outcome === 'awarded').map((o) => o.nominationId)).toEqual(awarded);
    const loser = res.outcomes.find((o) => o.needsCouncilVote && o.outcome === 'not-awarded');
    expect(loser?.reason).toBe(
      `Hội đồng biểu quyết lựa chọn ${seatName[chosen[0] as string]} cho 1 suất trong chỉ tiêu dành cho 2 trường hợp đồng hạng (${yes}/9 phiếu đồng ý, trên 50% tổng số thành viên); không đề nghị tặng Giấy khen.`,
    );
    expect(res.tieChoices?.[0]?.chosen).toEqual(chosen);
  });

  it('the choice’s sentence names people and cites the majority rule', () => {
    const c = ballot([{ tieId: 'GIAY_KHEN:individuals', chosen: [id(2)], yes: 6 }]).tieChoices?.[0] as TieChoiceResult;
    expect(c.sentence).toBe(
      'Hội đồng lựa chọn Trần Văn Bình (Phòng Hai) cho 1 suất còn lại trong số 2 trường hợp đồng hạng tại vị trí giới hạn chỉ tiêu: 6/9 thành viên Hội đồng đồng ý (66,7%), đạt tỷ lệ trên 50% tổng số thành viên Hội đồng (cần ít nhất 5 phiếu đồng ý) theo Điều 9 Quyết định số 86/2025/QĐ-UBND của Ủy ban nhân dân tỉnh Bắc Ninh.',
    );
    expect(c.sentence).not.toMatch(UUID);
  });

  it('without a quorum the choice is void', () => {
    const c = ballot([{ tieId: 'GIAY_KHEN:individuals', chosen: [id(2)], yes: 6 }], 6).tieChoices?.[0];
    expect(c?.passed).toBe(false);
    expect(c?.sentence).toContain('phiên họp không đủ số thành viên tham dự theo quy định');
  });

  it.each([
    { name: 'an unknown tie', choice: { tieId: 'LDTT:individuals', chosen: [id(1)], yes: 6 } },
    { name: 'a contender outside the tie', choice: { tieId: 'GIAY_KHEN:individuals', chosen: [id(3)], yes: 6 } },
    { name: 'more than the seats', choice: { tieId: 'GIAY_KHEN:individuals', chosen: [id(1), id(2)], yes: 6 } },
  ])('refuses $name', ({ choice }) => {
    expect(() => ballot([choice])).toThrow(DomainError);
  });

  it('a standings tie: the Council’s order is shown on the tied rows', () => {
    const tally = ballot([{ tieId: 'standings:1', chosen: ['U2', 'U1'], yes: 7 }]);
    const c = tally.tieChoices?.[0] as TieChoiceResult;
    expect(c.sentence).toBe(
      'Hội đồng xếp Phòng Hai, Phòng Một theo thứ tự này trong nhóm 2 đơn vị đồng hạng 1: 7/9 thành viên Hội đồng đồng ý (77,8%), đạt tỷ lệ trên 50% tổng số thành viên Hội đồng (cần ít nhất 5 phiếu đồng ý) theo Điều 9 Quyết định số 86/2025/QĐ-UBND của Ủy ban nhân dân tỉnh Bắc Ninh.',
    );
    const tie = { with: [], note: 'tie: needs council vote' as const, explanation: '' };
    const shown = withCouncilChoices(
      {
        rows: [
          { unitId: 'U1', rank: 1, tie },
          { unitId: 'U2', rank: 1, tie },
          { unitId: 'U3', rank: 3 },
        ],
      },
      tally.tieChoices,
    );
    expect(shown.rows.map((r) => (r.tie as { councilChoice?: { position: number } } | undefined)?.councilChoice?.position ?? null)).toEqual([2, 1, null]);
  });
});

describe('the result mails name people, never ids (issue 11)', () => {
  it('no UUID in the results letter nor in a unit’s outcomes', () => {
    const tally = ballot([{ tieId: 'GIAY_KHEN:individuals', chosen: [id(2)], yes: 6 }]);
    const { outcomes } = finalizeResults({ decisions: proposal.decisions, tally, nominatingUnit });
    const campaign = Campaign.parse({ ...CampaignInput.parse(seedCampaign), id: 'c', agencyId: 'default', status: 'finalized', version: 4, createdAt: '2024-01-01T00:00:00Z', createdBy: 'a' });
    const unitNames = { U1: 'Phòng Một', U2: 'Phòng Hai', U3: 'Phòng Ba' };
    const finalizedAt = '2025-01-10T10:00:00+07:00';
    for (const o of outcomes) expect(o.reason).not.toMatch(UUID);
    const letter = renderResultsLetter({ campaign, outcomes, unitNames, nơiNhận: [], finalizedAt });
    const unitMail = renderUnitOutcomes({ campaign, unit: { unitId: 'U2', name: 'Phòng Hai' }, outcomes: outcomes.filter((o) => o.nominatingUnitId === 'U2'), finalizedAt });
    for (const m of [letter, unitMail]) expect(`${m.subject}\n${m.text}\n${m.html}`).not.toMatch(UUID);
    expect(letter.text).toContain('Trần Văn Bình');
  });
});
