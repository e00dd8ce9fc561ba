import { CouncilVote, type CouncilVoteInput, type RuleSetId, type Title } from '../schemas/nomination';
import { DomainError } from './errors';
import { ruleSets } from './rules';
import { awardPhrase, formatPct } from './rules/common';
import { DOC, cite, citeText } from './rules/documents';
import type { Citation } from './rules/types';

/**
 * The council's ballot (Hội đồng Thi đua - Khen thưởng; docs/legal-sources.md §1.8, §3.5): the quorum, then each
 * nomination's yes count against its title's threshold counted over the WHOLE membership, not those present
 * (NĐ 98/2023 Art 30.7). Integer arithmetic only: yes × 100 ≥ pct × total, so 7 of 9 (77,8%) fails 80%.
 */

export interface QuorumResult {
  membersTotal: number;
  present: number;
  written: number;
  /** Members the quorum counted: present, plus written opinions when `quorumCountsWritten`. */
  counted: number;
  countsWritten: boolean;
  /** "80%" or "2/3". */
  rule: string;
  required: number;
  met: boolean;
  citation: Citation;
  sentence: string;
}

export interface BallotResult {
  nominationId: string;
  title: Title;
  passed: boolean;
  yes: number;
  membersTotal: number;
  /** The % of all members needed; 50 with `comparison: 'more-than'` for a simple majority. */
  thresholdPct: number;
  comparison: 'at-least' | 'more-than';
  /** The fewest yes votes that pass: ceil(pct × total / 100), or floor(total / 2) + 1 for a majority. */
  required: number;
  /** NĐ 98/2023 Art 30.7: secret ballot mandatory for CSTĐCS, CSTĐ tỉnh and Cờ thi đua. */
  secretBallot: boolean;
  citation: Citation;
  sentence: string;
}

export interface CouncilTally {
  ruleSet: RuleSetId;
  quorum: QuorumResult;
  results: BallotResult[];
}

const SECRET: ReadonlySet<Title> = new Set(['CSTDCS', 'CSTD_TINH', 'CO_THI_DUA_TINH']);

/** ceil(a / b) for non-negative integers. */
const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);

export function tallyCouncilVote(raw: CouncilVoteInput): CouncilTally {
  const parsed = CouncilVote.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new DomainError('invalid', `Số liệu biểu quyết không hợp lệ: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
  }
  const v = parsed.data;
  const rs = ruleSets[v.ruleSet];
  const total = v.membersTotal;

  // Quorum: Bắc Ninh QĐ 86/2025 Art 8.4.b [V] (a province example, configurable): 2/3 generally, 80% to consider awards.
  const countsWritten = v.options.quorumCountsWritten ?? false;
  const counted = v.present + (countsWritten ? v.writtenVotes : 0);
  let required: number;
  let rule: string;
  if (v.options.quorumPct !== undefined) {
    required = ceilDiv(v.options.quorumPct * total, 100);
    rule = `${v.options.quorumPct}%`;
  } else if (v.session === 'award') {
    required = ceilDiv(80 * total, 100);
    rule = '80%';
  } else {
    required = ceilDiv(2 * total, 3);
    rule = '2/3';
  }
  const met = counted >= required;
  const qc = v.options.quorumPct !== undefined ? cite(DOC.CAMPAIGN, 'V', { note: 'Tỷ lệ tham dự do phong trào cấu hình (quorumPct).' }) : rs.council.quorumCitation;
  const writtenText = v.writtenVotes > 0 ? ` và ${v.writtenVotes} thành viên vắng mặt gửi ý kiến bằng văn bản` : '';
  const quorum: QuorumResult = {
    membersTotal: total,
    present: v.present,
    written: v.writtenVotes,
    counted,
    countsWritten,
    rule,
    required,
    met,
    citation: qc,
    sentence: `Phiên họp có ${v.present}/${total} thành viên Hội đồng tham dự${writtenText}; ${met ? 'đủ' : 'không đủ'} số thành viên tối thiểu là ${required} (${rule} tổng số thành viên${v.session === 'award' && v.options.quorumPct === undefined ? ' đối với phiên họp xét khen thưởng' : ''}) theo ${citeText(qc)}.`,
  };

  const results = v.votes.map((b): BallotResult => {
    const configured = v.options.thresholds?.[b.title];
    const pct = configured !== undefined ? configured : rs.council.thresholds[b.title];
    const who = `${b.nominee ? `${b.nominee} (hồ sơ ${b.nominationId})` : `Hồ sơ ${b.nominationId}`}, ${awardPhrase(b.title)}`;
    const share = `${b.yes}/${total} thành viên Hội đồng đồng ý (${formatPct(b.yes, total)}%)`;
    const secretBallot = SECRET.has(b.title);
    let citation: Citation;
    let comparison: BallotResult['comparison'];
    let thresholdPct: number;
    let need: number;
    let passes: boolean;
    if (pct === null) {
      citation = rs.council.majorityCitation;
      comparison = 'more-than';
      thresholdPct = 50;
      need = Math.floor(total / 2) + 1;
      passes = b.yes * 2 > total;
    } else {
      citation = configured !== undefined ? cite(DOC.CAMPAIGN, 'V', { note: 'Tỷ lệ biểu quyết do phong trào cấu hình (thresholds).' }) : rs.council.citation;
      comparison = 'at-least';
      thresholdPct = pct;
      need = ceilDiv(pct * total, 100);
      passes = b.yes * 100 >= pct * total;
    }
    const bound = comparison === 'at-least' ? `ít nhất ${thresholdPct}%` : 'trên 50%';
    let sentence: string;
    if (!met) {
      sentence = `${who}: phiên họp không đủ số thành viên tham dự theo quy định nên kết quả biểu quyết (${share}) chưa có giá trị.`;
    } else {
      sentence = `${who}: ${share}, ${passes ? 'đạt' : 'chưa đạt'} tỷ lệ ${bound} tổng số thành viên Hội đồng (cần ít nhất ${need} phiếu đồng ý) theo ${citeText(citation)}.`;
    }
    return {
      nominationId: b.nominationId,
      title: b.title,
      passed: met && passes,
      yes: b.yes,
      membersTotal: total,
      thresholdPct,
      comparison,
      required: need,
      secretBallot,
      citation,
      sentence,
    };
  });

  return { ruleSet: v.ruleSet, quorum, results };
}
