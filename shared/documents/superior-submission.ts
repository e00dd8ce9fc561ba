import { proposalGround } from '../domain/authority';
import type { Outcome } from '../domain/results';
import { voteText } from '../domain/results';
import { awardPhrase } from '../domain/rules/common';
import { formatPlaceDate } from '../domain/vn-date';
import type { TableRowBlock } from '../mail/layout';
import { noiNhanLines } from '../mail/layout';
import { nameOf } from '../mail/nomination-list';
import { campaignRef, oneLine } from '../mail/phrases';
import { countNoun } from '../mail/results-notice';
import { Title } from '../schemas/titles';
import { capitalise, headOf, longDate, lowerFirst, preamble, type ResultsDocumentInput } from './common';
import { agencyNameOf } from './award-decision';
import { signatureOf, type OfficialDocument } from './model';

/**
 * The Tờ trình đề nghị to the superior: the titles the agency's Council voted for but may not award itself (outcome
 * `proposed`, shared/domain/authority.ts; docs/legal-sources.md §1.9), each with the Council's vote and the ground the
 * results wrote for it (the article that bounds the agency's power). One document per decider: the builder refuses a
 * mix, so each Tờ trình has one addressee.
 */

/** The Tờ trình đề nghị takes what every results document takes (common.ts), and its addressee. */
export interface SuperiorSubmissionInput extends ResultsDocumentInput {
  /** Kính gửi: default the decider's label with its council ("Chủ tịch Ủy ban nhân dân tỉnh"). */
  addressee?: string;
}

export const SUPERIOR_HEADING = 'TỜ TRÌNH';
export const SUPERIOR_COLUMNS = [
  { header: 'STT', width: 28, align: 'center' as const },
  { header: 'Họ và tên / Tập thể', width: '*' as const },
  { header: 'Đơn vị', width: 120 },
  { header: 'Kết quả biểu quyết', width: 95, align: 'center' as const },
];

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'] as const;

export function superiorSubmissionDocument(input: SuperiorSubmissionInput): OfficialDocument {
  const { campaign, number, unitNames } = input;
  const proposed = input.outcomes.filter((o) => o.outcome === 'proposed' && o.proposedTo);
  if (proposed.length === 0) throw new Error('Tờ trình đề nghị: không có trường hợp nào đề nghị cấp trên xét tặng (outcome "proposed").');
  const deciders = [...new Set(proposed.map((o) => (o.proposedTo as NonNullable<Outcome['proposedTo']>).label))];
  if (deciders.length > 1) throw new Error(`Tờ trình đề nghị: một tờ trình gửi một cấp có thẩm quyền; các trường hợp thuộc ${deciders.join(', ')}.`);
  const decider = deciders[0] as string;
  const agency = agencyNameOf(input);
  const titles = Title.options.filter((t) => proposed.some((o) => o.title === t));
  const trichYeu = `Về việc đề nghị ${decider} xét tặng ${titles.map(awardPhrase).join(', ')}`;
  const minutes = input.councilMinutes
    ? `Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng số ${input.councilMinutes.number} ${longDate(input.councilMinutes.date)}`
    : 'Căn cứ kết quả biểu quyết của Hội đồng Thi đua - Khen thưởng';

  const rows: TableRowBlock[] = [];
  titles.forEach((title, g) => {
    const list = proposed.filter((o) => o.title === title);
    rows.push({ group: `${ROMAN[g] ?? String(g + 1)}. ${capitalise(awardPhrase(title))} (${countNoun(list)})` });
    list.forEach((o, i) => {
      const ownUnit = o.nominee.kind === 'collective' && o.nominee.unitId === o.nominatingUnitId;
      rows.push({ cells: [String(i + 1), oneLine(o.nominee.name), ownUnit ? '' : nameOf(unitNames, o.nominatingUnitId), voteText(o.vote)] });
    });
  });
  // The ground, once: every proposal to this decider shares it (the article that bounds the agency's power).
  const grounds = [
    ...new Set(
      proposed.map((o) => {
        const p = o.proposedTo as NonNullable<Outcome['proposedTo']>;
        return proposalGround({ title: o.title, level: p.agencyLevel, decidedByLabel: p.label, agencyPower: p.agencyPower });
      }),
    ),
  ];

  const blocks: OfficialDocument['blocks'] = [
    { kind: 'heading', text: SUPERIOR_HEADING, size: 'large' },
    { kind: 'heading', text: trichYeu, size: 'normal' },
    { kind: 'rule' },
    { kind: 'para', spans: [{ text: `Kính gửi: ${input.addressee ?? decider}.` }], indent: false, align: 'center' },
    ...preamble([`Căn cứ ${campaignRef(campaign)}`, minutes], ','),
    {
      kind: 'para',
      spans: [
        {
          text: `${agency} kính trình ${decider} xem xét, khen thưởng ${countNoun(proposed)} đã có thành tích trong ${lowerFirst(oneLine(campaign.title))}, được Hội đồng Thi đua - Khen thưởng biểu quyết đạt tỷ lệ quy định, cụ thể như sau:`,
        },
      ],
      indent: true,
    },
    { kind: 'table', columns: SUPERIOR_COLUMNS, rows },
    { kind: 'para', spans: [{ text: 'Lý do đề nghị cấp trên xét tặng:' }], indent: true },
    { kind: 'list', lines: grounds.map((g, i) => `- ${capitalise(g).replace(/[.;]$/u, '')}${i === grounds.length - 1 ? '.' : ';'}`) },
    { kind: 'para', spans: [{ text: `Hồ sơ đề nghị khen thưởng của từng trường hợp gửi kèm theo Tờ trình này. ${agency} kính trình ${decider} xem xét, quyết định./.` }], indent: true },
  ];

  return {
    kind: 'superior-submission',
    head: headOf(campaign, number),
    placeDate: formatPlaceDate(oneLine(campaign.place), input.date),
    blocks,
    signatures: [signatureOf(input.signer ?? campaign.signer)],
    noiNhan: noiNhanLines(input.noiNhan),
    info: { title: `Tờ trình ${number}`, subject: trichYeu },
  };
}
