import { awardVerbPhrase, type Outcome } from '../domain/results';
import { awardPhrase } from '../domain/rules/common';
import type { TableRowBlock } from '../mail/layout';
import { noiNhanLines } from '../mail/layout';
import { nameOf } from '../mail/nomination-list';
import { campaignRef, oneLine, upper } from '../mail/phrases';
import { countNoun } from '../mail/results-notice';
import type { Campaign } from '../schemas/campaign';
import { Title } from '../schemas/titles';
import { capitalise, headOf, headPosition, longDate, lowerFirst, preamble, type ResultsDocumentInput } from './common';
import { signatureOf, type OfficialDocument } from './model';
import { formatPlaceDate } from '../domain/vn-date';

/**
 * The award decision (Quyết định khen thưởng) for the titles the agency awards itself (outcome `awarded`: Law 2022
 * Art 80.1 for a Sở, shared/domain/authority.ts), with its list (danh sách kèm theo) on the pages after it. The
 * titles it forwards (`proposed`) go in the Tờ trình đề nghị (./superior-submission.ts), never here.
 */

/** The award decision takes what every results document takes (common.ts), and the grounds a decision cites. */
export interface AwardDecisionInput extends ResultsDocumentInput {
  /** The laws the decision rests on, as the proposal names them (DecideResult.legalBasis): "Luật Thi đua, khen thưởng số 06/2022/QH15". */
  legalBasis: readonly string[];
  /** Who proposed it: default "Chánh Văn phòng Sở" (the Office is the Council's standing body). */
  proposedBy?: string;
  /** Điều 3, who carries it out (before "và các tập thể, cá nhân có tên tại Điều 1"): default the Office and the units. */
  executors?: string;
}

export const DECISION_HEADING = 'QUYẾT ĐỊNH';
export const ANNEX_HEADING = 'DANH SÁCH';
export const ANNEX_COLUMNS = [
  { header: 'STT', width: 32, align: 'center' as const },
  { header: 'Họ và tên / Tập thể', width: '*' as const },
  { header: 'Đơn vị', width: '*' as const },
];

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'] as const;

/** The awarded outcomes by title, in the order of the Title enum (as the notice groups them). */
function byTitle(outcomes: readonly Outcome[]): { title: Title; list: Outcome[] }[] {
  const awarded = outcomes.filter((o) => o.outcome === 'awarded');
  return Title.options.flatMap((title) => {
    const list = awarded.filter((o) => o.title === title);
    return list.length > 0 ? [{ title, list }] : [];
  });
}

function annexRows(groups: ReturnType<typeof byTitle>, unitNames: Readonly<Record<string, string>>): TableRowBlock[] {
  const rows: TableRowBlock[] = [];
  groups.forEach(({ title, list }, g) => {
    rows.push({ group: `${ROMAN[g] ?? String(g + 1)}. ${capitalise(awardPhrase(title))} (${countNoun(list)})` });
    list.forEach((o, i) => {
      const collectiveOfItsUnit = o.nominee.kind === 'collective' && o.nominee.unitId === o.nominatingUnitId;
      rows.push({ cells: [String(i + 1), oneLine(o.nominee.name), collectiveOfItsUnit ? '' : nameOf(unitNames, o.nominatingUnitId)] });
    });
  });
  return rows;
}

/** The agency in running text: `agencyName`, else the issuing body unless it is all capitals, else sentence case. */
export function agencyNameOf(input: { agencyName?: string; campaign: Pick<Campaign, 'issuingBody'> }): string {
  if (input.agencyName) return oneLine(input.agencyName);
  const body = oneLine(input.campaign.issuingBody);
  return body === upper(body) ? capitalise(body.toLocaleLowerCase('vi')) : body;
}

export function awardDecisionDocument(input: AwardDecisionInput): OfficialDocument {
  const { campaign, number, date, unitNames } = input;
  const signer = input.signer ?? campaign.signer;
  const authority = `${upper(headPosition(signer))} ${upper(oneLine(campaign.issuingBody))}`;
  const groups = byTitle(input.outcomes);
  if (groups.length === 0) throw new Error('Quyết định khen thưởng: không có trường hợp nào được khen thưởng (outcome "awarded").');
  const all = groups.flatMap((g) => g.list);
  const trichYeu = `Về việc khen thưởng các tập thể, cá nhân có thành tích trong ${lowerFirst(oneLine(campaign.title))}`;
  const decidedBy = `${capitalise(lowerFirst(headPosition(signer)))} ${agencyNameOf(input)}`;

  const minutes = input.councilMinutes
    ? `Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng số ${input.councilMinutes.number} ${longDate(input.councilMinutes.date)}`
    : 'Căn cứ kết quả biểu quyết của Hội đồng Thi đua - Khen thưởng';
  const articleOne = groups.map(({ title, list }, i, arr) => `${i + 1}. ${capitalise(awardVerbPhrase(title))} cho ${countNoun(list)}${i === arr.length - 1 ? '' : ';'}`);

  const blocks: OfficialDocument['blocks'] = [
    { kind: 'heading', text: DECISION_HEADING, size: 'large' },
    { kind: 'heading', text: trichYeu, size: 'normal' },
    { kind: 'rule' },
    { kind: 'heading', text: authority, size: 'normal' },
    ...preamble([...input.legalBasis.map((b) => `Căn cứ ${b}`), `Căn cứ ${campaignRef(campaign)}`, minutes, `Theo đề nghị của ${input.proposedBy ?? 'Chánh Văn phòng Sở'}`]),
    { kind: 'heading', text: 'QUYẾT ĐỊNH:', size: 'normal' },
    {
      kind: 'para',
      spans: [{ text: 'Điều 1. ', bold: true }, { text: `Khen thưởng ${countNoun(all)} đã có thành tích trong ${lowerFirst(oneLine(campaign.title))} (có danh sách kèm theo), gồm:` }],
      indent: true,
    },
    { kind: 'list', lines: [...articleOne.slice(0, -1), `${articleOne.at(-1)}.`] },
    {
      kind: 'para',
      spans: [{ text: 'Điều 2. ', bold: true }, { text: 'Các tập thể, cá nhân có tên tại Điều 1 được hưởng chế độ khen thưởng theo quy định hiện hành.' }],
      indent: true,
    },
    {
      kind: 'para',
      spans: [
        { text: 'Điều 3. ', bold: true },
        { text: `${input.executors ?? 'Chánh Văn phòng, Trưởng các phòng, đơn vị thuộc Sở'} và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.` },
      ],
      indent: true,
    },
  ];

  const annex: OfficialDocument['blocks'] = [
    { kind: 'heading', text: ANNEX_HEADING, size: 'large' },
    { kind: 'heading', text: `Các tập thể, cá nhân được khen thưởng trong ${lowerFirst(oneLine(campaign.title))}`, size: 'normal' },
    { kind: 'para', spans: [{ text: `(Kèm theo Quyết định số ${number} ${longDate(date)} của ${decidedBy})`, italic: true }], indent: false, align: 'center' },
    { kind: 'rule' },
    { kind: 'table', columns: ANNEX_COLUMNS, rows: annexRows(groups, unitNames) },
  ];

  return {
    kind: 'award-decision',
    head: headOf(campaign, number),
    placeDate: formatPlaceDate(oneLine(campaign.place), date),
    blocks,
    signatures: [signatureOf(signer)],
    noiNhan: noiNhanLines(input.noiNhan),
    annex,
    info: { title: `Quyết định ${number}`, subject: trichYeu },
  };
}
