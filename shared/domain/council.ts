import { CouncilVote, type CouncilVoteInput, type RuleSetId, type Title } from '../schemas/nomination';
import type { CouncilTie } from './decide';
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

/** The Council's choice among tied contenders (issue 11), voted by a majority of the whole membership. */
export interface TieChoiceResult {
  tieId: string;
  kind: CouncilTie['kind'];
  /** The contenders chosen, in the Council's order (nomination ids for a quota tie, unit ids for the standings). */
  chosen: string[];
  chosenNames: string[];
  yes: number;
  membersTotal: number;
  required: number;
  passed: boolean;
  note?: string;
  citation: Citation;
  sentence: string;
}

export interface CouncilTally {
  ruleSet: RuleSetId;
  quorum: QuorumResult;
  results: BallotResult[];
  /** Absent on ballots recorded before issue 11. */
  tieChoices?: TieChoiceResult[];
}

/** What the proposal tells the count: the ties the Council may choose in, and how each nomination is named. */
export interface CouncilContext {
  ties?: readonly CouncilTie[];
  /** nominationId → "Ông Nguyễn Văn A (Phòng Tổng hợp)": the sentences name people, never ids (issue 11). */
  names?: Readonly<Record<string, string>>;
}

const SECRET: ReadonlySet<Title> = new Set(['CSTDCS', 'CSTD_TINH', 'CO_THI_DUA_TINH']);

/** ceil(a / b) for non-negative integers. */
const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);

export function tallyCouncilVote(raw: CouncilVoteInput, context: CouncilContext = {}): CouncilTally {
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
    // Issue 11: the minutes name the person or unit, never the dossier's id.
    const named = context.names && Object.hasOwn(context.names, b.nominationId) ? context.names[b.nominationId] : b.nominee;
    const who = `${named ?? 'Trường hợp được đề nghị'}, ${awardPhrase(b.title)}`;
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

  const tieChoices = v.tieChoices.map((c) => tieChoice(c, context, rs.council.majorityCitation, total, met));
  return { ruleSet: v.ruleSet, quorum, results, ...(tieChoices.length > 0 ? { tieChoices } : {}) };
}

/**
 * One choice among tied contenders: the tie must be the proposal's and the chosen its contenders, at most its seats
 * for a quota; the choice holds with more than half of ALL members (Bắc Ninh QĐ 86/2025 Art 9 [V], the majority rule
 * where no special share is set), as the quota's seats and the standings' order have none of their own.
 */
function tieChoice(c: CouncilVote['tieChoices'][number], context: CouncilContext, citation: Citation, total: number, quorumMet: boolean): TieChoiceResult {
  const tie = context.ties?.find((t) => t.id === c.tieId);
  if (!tie)
    throw new DomainError('invalid', `Không có trường hợp đồng hạng "${c.tieId}" trong dự kiến kết quả.`, [{ path: 'tieChoices.tieId', message: `không có trường hợp đồng hạng "${c.tieId}"` }]);
  const byId = new Map(tie.contenders.map((x) => [x.id, x]));
  const stranger = c.chosen.find((id) => !byId.has(id));
  if (stranger !== undefined) {
    throw new DomainError('invalid', `Lựa chọn "${stranger}" không thuộc nhóm đồng hạng "${c.tieId}".`, [{ path: 'tieChoices.chosen', message: `"${stranger}" không thuộc nhóm đồng hạng` }]);
  }
  if (tie.seats !== null && c.chosen.length > tie.seats) {
    throw new DomainError('invalid', `Nhóm đồng hạng "${c.tieId}" chỉ còn ${tie.seats} suất; Hội đồng chọn ${c.chosen.length} trường hợp.`, [
      { path: 'tieChoices.chosen', message: `tối đa ${tie.seats} lựa chọn` },
    ]);
  }
  const names = c.chosen.map((id) => (byId.get(id) as CouncilTie['contenders'][number]).name);
  const required = Math.floor(total / 2) + 1;
  const majority = c.yes * 2 > total;
  const passed = quorumMet && majority;
  const share = `${c.yes}/${total} thành viên Hội đồng đồng ý (${formatPct(c.yes, total)}%)`;
  const what =
    tie.kind === 'quota'
      ? `Hội đồng lựa chọn ${names.join(', ')} cho ${tie.seats} suất còn lại trong số ${tie.contenders.length} trường hợp đồng hạng tại vị trí giới hạn chỉ tiêu`
      : `Hội đồng xếp ${names.join(', ')} ${names.length === tie.contenders.length ? 'theo thứ tự này' : 'trước các đơn vị còn lại'} trong nhóm ${tie.contenders.length} đơn vị đồng hạng ${tie.rank}`;
  const sentence = !quorumMet
    ? `${what}: phiên họp không đủ số thành viên tham dự theo quy định nên kết quả biểu quyết (${share}) chưa có giá trị.`
    : `${what}: ${share}, ${majority ? 'đạt' : 'chưa đạt'} tỷ lệ trên 50% tổng số thành viên Hội đồng (cần ít nhất ${required} phiếu đồng ý) theo ${citeText(citation)}.`;
  return {
    tieId: c.tieId,
    kind: tie.kind,
    chosen: [...c.chosen],
    chosenNames: names,
    yes: c.yes,
    membersTotal: total,
    required,
    passed,
    ...(c.note !== undefined ? { note: c.note } : {}),
    citation,
    sentence,
  };
}
