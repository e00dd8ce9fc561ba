import type { BallotResult, CouncilTally } from '../domain/council';
import type { CouncilTie } from '../domain/decide';
import { citeText } from '../domain/rules/documents';
import { TITLE_LABEL, formatPct } from '../domain/rules/labels';
import { formatPlaceDate } from '../domain/vn-date';
import type { DocumentSigner, NoiNhanEntry } from '../mail/layout';
import { noiNhanLines } from '../mail/layout';
import { oneLine } from '../mail/phrases';
import type { Campaign } from '../schemas/campaign';
import { longDate, lowerFirst } from './common';
import type { OfficialDocument } from './model';
import type { DocumentNumber } from './number';

/**
 * The minutes of the Council's meeting (Biên bản họp Hội đồng Thi đua - Khen thưởng) from its ballot
 * (shared/domain/council.ts): when and where, who chaired and who took the minutes, the quorum with its rule, each
 * nomination's yes votes against its title's threshold over the WHOLE membership (NĐ 98/2023 Art 30.7), the ties the
 * proposal left to the Council and how it broke them. The Council numbers its own series (docs/legal-sources.md §5.1).
 */

export interface CouncilMinutesInput {
  campaign: Pick<Campaign, 'title' | 'issuingBody' | 'place'>;
  tally: CouncilTally;
  /** The ties of the proposal (DecideResult.ties): each is printed with the chain that failed, then the Council's choice. */
  ties?: readonly CouncilTie[];
  /** nominationId → "Bà Nguyễn Thị Hồng Nhung (Phòng Hợp tác quốc tế)": the minutes name people, never ids. */
  names: Readonly<Record<string, string>>;
  /** "02/BB-HĐTĐKT": the Council's own series. */
  number: DocumentNumber;
  meeting: {
    /** 'YYYY-MM-DD'. */
    date: string;
    /** "08 giờ 00". */
    start?: string;
    end?: string;
    venue: string;
    chair: DocumentSigner;
    secretary: DocumentSigner;
    /** The submission the Council considered ("12/TTr-VP"). */
    submission?: DocumentNumber;
  };
  /** Default: the agency as the parent body, the Council as the issuing body. */
  issuedBy?: { issuingBody: string; parentBody?: string };
  noiNhan?: readonly NoiNhanEntry[];
}

export const MINUTES_HEADING = 'BIÊN BẢN';
export const MINUTES_COLUMNS = [
  { header: 'STT', width: 28, align: 'center' as const },
  { header: 'Họ tên / Tập thể', width: '*' as const },
  { header: 'Danh hiệu / Hình thức', width: 100 },
  { header: 'Đồng ý', width: 72, align: 'center' as const },
  { header: 'Tỷ lệ cần đạt', width: 72, align: 'center' as const },
  { header: 'Kết quả', width: 52, align: 'center' as const },
];

/** "≥ 80%" or "> 50%", of all members, with the fewest yes votes that pass. */
const bound = (b: BallotResult) => `${b.comparison === 'at-least' ? `≥ ${b.thresholdPct}%` : '> 50%'} (${b.required}/${b.membersTotal})`;
const boundWords = (b: BallotResult) => (b.comparison === 'at-least' ? `ít nhất ${b.thresholdPct}%` : 'trên 50%');

function ballotRow(b: BallotResult, i: number, names: Readonly<Record<string, string>>) {
  const who = Object.hasOwn(names, b.nominationId) ? oneLine(names[b.nominationId] as string) : b.nominationId;
  return {
    cells: [
      String(i + 1),
      who,
      `${TITLE_LABEL[b.title]}${b.secretBallot ? ' (bỏ phiếu kín)' : ''}`,
      `${b.yes}/${b.membersTotal} (${formatPct(b.yes, b.membersTotal)}%)`,
      bound(b),
      b.passed ? 'Đạt' : 'Chưa đạt',
    ],
  };
}

export function councilMinutesDocument(input: CouncilMinutesInput): OfficialDocument {
  const { campaign, tally, meeting, number } = input;
  const q = tally.quorum;
  const trichYeu = `Họp Hội đồng Thi đua - Khen thưởng xét khen thưởng trong ${lowerFirst(oneLine(campaign.title))}`;
  const person = (s: DocumentSigner) => `${oneLine(s.name)}, ${oneLine(s.position)}`;
  const when = `${meeting.start ? `Vào hồi ${meeting.start}, ` : 'Vào '}${longDate(meeting.date)}, tại ${oneLine(meeting.venue)}, Hội đồng Thi đua - Khen thưởng họp xét khen thưởng trong ${lowerFirst(oneLine(campaign.title))}.`;
  const considered = meeting.submission
    ? `Hội đồng xem xét Tờ trình số ${meeting.submission} và hồ sơ đề nghị khen thưởng, biểu quyết từng trường hợp`
    : 'Hội đồng xem xét hồ sơ đề nghị khen thưởng, biểu quyết từng trường hợp';
  const passed = tally.results.filter((b) => b.passed).length;

  // The rule each share was counted under, once per rule with the titles it applied to: the table gives the numbers.
  const byRule = new Map<string, { titles: string[]; text: string }>();
  for (const b of tally.results) {
    const key = `${boundWords(b)} tổng số thành viên Hội đồng, theo ${citeText(b.citation)}`;
    const entry = byRule.get(key) ?? { titles: [], text: key };
    if (!entry.titles.includes(TITLE_LABEL[b.title])) entry.titles.push(TITLE_LABEL[b.title]);
    byRule.set(key, entry);
  }
  const rulesByText = [...byRule.values()].map((r, i, all) => `- ${r.titles.join(', ')}: ${r.text}${i === all.length - 1 ? '.' : ';'}`);

  const blocks: OfficialDocument['blocks'] = [
    { kind: 'heading', text: MINUTES_HEADING, size: 'large' },
    { kind: 'heading', text: trichYeu, size: 'normal' },
    { kind: 'rule' },
    { kind: 'para', spans: [{ text: when }], indent: true },
    { kind: 'section', text: 'I. THÀNH PHẦN' },
    { kind: 'para', spans: [{ text: 'Chủ trì: ', bold: true }, { text: `${person(meeting.chair)}.` }], indent: true },
    { kind: 'para', spans: [{ text: 'Thư ký: ', bold: true }, { text: `${person(meeting.secretary)}.` }], indent: true },
    { kind: 'para', spans: [{ text: q.sentence }], indent: true },
    { kind: 'section', text: 'II. KẾT QUẢ BIỂU QUYẾT' },
    {
      kind: 'para',
      spans: [{ text: `${considered}; tỷ lệ đồng ý tính trên tổng số ${q.membersTotal} thành viên Hội đồng, không tính trên số thành viên có mặt. Kết quả:` }],
      indent: true,
    },
    ...(tally.results.length > 0
      ? [{ kind: 'table' as const, columns: MINUTES_COLUMNS, rows: tally.results.map((b, i) => ballotRow(b, i, input.names)) }]
      : [{ kind: 'para' as const, spans: [{ text: 'Không có trường hợp nào được đưa ra biểu quyết.' }], indent: true }]),
    ...(rulesByText.length > 0
      ? [
          { kind: 'para' as const, spans: [{ text: 'Tỷ lệ cần đạt:' }], indent: true },
          { kind: 'list' as const, lines: rulesByText },
        ]
      : []),
  ];

  const ties = input.ties ?? [];
  const choices = tally.tieChoices ?? [];
  if (ties.length > 0 || choices.length > 0) {
    blocks.push({ kind: 'section', text: 'III. CÁC TRƯỜNG HỢP ĐỒNG HẠNG' });
    for (const tie of ties) {
      blocks.push({ kind: 'para', spans: [{ text: oneLine(tie.sentence) }], indent: true });
      const choice = choices.find((c) => c.tieId === tie.id);
      const after = choice
        ? `${oneLine(choice.sentence)}${choice.note ? ` Ghi chú: ${oneLine(choice.note)}` : ''}`
        : tie.kind === 'quota'
          ? 'Hội đồng không bỏ phiếu lựa chọn riêng: các suất trong chỉ tiêu dành cho trường hợp có số phiếu đồng ý cao hơn.'
          : 'Hội đồng không biểu quyết thứ tự: các đơn vị giữ nguyên đồng hạng.';
      blocks.push({ kind: 'para', spans: [{ text: after, italic: !choice }], indent: true });
    }
    for (const c of choices.filter((c) => !ties.some((t) => t.id === c.tieId))) blocks.push({ kind: 'para', spans: [{ text: oneLine(c.sentence) }], indent: true });
  }

  blocks.push({ kind: 'section', text: `${ties.length > 0 || choices.length > 0 ? 'IV' : 'III'}. KẾT LUẬN` });
  blocks.push({
    kind: 'para',
    spans: [{ text: `${passed}/${tally.results.length} trường hợp đạt tỷ lệ biểu quyết theo quy định; ${tally.results.length - passed} trường hợp chưa đạt.` }],
    indent: true,
  });
  blocks.push({
    kind: 'para',
    spans: [{ text: `Cuộc họp kết thúc ${meeting.end ? `vào hồi ${meeting.end} ` : ''}cùng ngày; biên bản đã được đọc lại trước Hội đồng và các thành viên dự họp nhất trí thông qua./.` }],
    indent: true,
  });

  return {
    kind: 'council-minutes',
    head: { ...(input.issuedBy ?? { parentBody: campaign.issuingBody, issuingBody: 'Hội đồng Thi đua - Khen thưởng' }), documentNumber: number },
    placeDate: formatPlaceDate(oneLine(campaign.place), meeting.date),
    blocks,
    // The secretary on the left, the chair on the right (NĐ 30/2020 Phụ lục III: a biên bản is signed by both).
    signatures: [
      { lines: ['THƯ KÝ'], name: oneLine(meeting.secretary.name) },
      { lines: ['CHỦ TRÌ'], name: oneLine(meeting.chair.name) },
    ],
    noiNhan: noiNhanLines(input.noiNhan ?? []),
    info: { title: `Biên bản ${number}`, subject: trichYeu },
  };
}
