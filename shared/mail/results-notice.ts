import { LEVEL_HEAD_LABEL } from '../domain/authority';
import type { Outcome, OutcomeKind } from '../domain/results';
import { awardPhrase } from '../domain/rules/common';
import { citeText } from '../domain/rules/documents';
import { formatDeadline, formatPlaceDate, todayInVietnam } from '../domain/vn-date';
import type { Campaign } from '../schemas/campaign';
import { Title } from '../schemas/titles';
import {
  blockHtml,
  blockText,
  htmlDocument,
  letterFootHtml,
  letterFootText,
  letterHeaderHtml,
  letterHeaderText,
  noiNhanLines,
  textDocument,
  type Block,
  type LetterHead,
  type NoiNhanEntry,
  type RenderedMail,
} from './layout';
import { addresseeOf, documentRef, renderCoverNote, sentenceName, type CoverAttachment } from './cover-note';
import { nomineeLine, subjectOf } from './nomination-list';
import { campaignRef, oneLine, upper } from './phrases';

/** What the results notice reads of a campaign: also the header's parent body and place, and the signer. */
export type ResultsLetterCampaign = Pick<Campaign, 'documentNumber' | 'title' | 'issuingBody' | 'parentBody' | 'place' | 'signer'>;

export interface ResultsLetterInput {
  campaign: ResultsLetterCampaign;
  outcomes: readonly Outcome[];
  unitNames: Readonly<Record<string, string>>;
  /** Nơi nhận, in the order printed (the archive line last). */
  nơiNhận: readonly NoiNhanEntry[];
  /** When the results were finalized: ISO date-time with its offset; its day in Vietnam dates the notice. */
  finalizedAt: string;
  /** The notice's số/ký hiệu once the Văn thư registers it; default a draft "Số:      /TB-<agency of the campaign>". */
  documentNumber?: string;
}

export const RESULTS_HEADING = 'THÔNG BÁO';
export const RESULTS_TRICH_YEU = 'Kết quả bình xét thi đua, khen thưởng';

const capitalise = (s: string) => upper(s.charAt(0)) + s.slice(1);

/** The calendar day in Vietnam of an instant; the instant must carry its offset (as deadlines do). */
function vnDay(isoDateTimeWithOffset: string): string {
  formatDeadline(isoDateTimeWithOffset); // refuses an instant without an offset, or no instant at all
  return todayInVietnam(new Date(Date.parse(isoDateTimeWithOffset)));
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'] as const;

/** "15/KH-SNgV" → "      /TB-SNgV": the draft number a notice carries until the Văn thư registers it. */
function draftNoticeNumber(campaignNumber: string): string {
  const kyHieu = campaignNumber.split('/').pop() ?? '';
  const groups = kyHieu.split('-');
  const agency = groups.length > 1 ? groups.slice(1).join('-') : kyHieu;
  return `${'\u00A0'.repeat(6)}/TB${agency ? `-${agency}` : ''}`;
}

/** "2 cá nhân, 1 tập thể": how many of each a list names (the notice's groups, the decision's articles). */
export function countNoun(list: readonly Pick<Outcome, 'nominee'>[]): string {
  const individuals = list.filter((o) => o.nominee.kind === 'individual').length;
  const collectives = list.length - individuals;
  return [individuals > 0 ? `${individuals} cá nhân` : '', collectives > 0 ? `${collectives} tập thể` : ''].filter(Boolean).join(', ');
}

/**
 * "III. DANH SÁCH ĐỀ NGHỊ CẤP TRÊN XÉT TẶNG": why (the council's vote passed, the title is beyond the agency's power,
 * with the article), then one group per decider and title, titles in the order of the Title enum.
 */
function proposedBlocks(proposed: readonly Outcome[], unitNames: Readonly<Record<string, string>>): Block[] {
  const blocks: Block[] = [{ kind: 'section', text: `${ROMAN[2]}. DANH SÁCH ĐỀ NGHỊ CẤP TRÊN XÉT TẶNG` }];
  const bounds = [...new Set(proposed.flatMap((o) => (o.proposedTo ? [`${LEVEL_HEAD_LABEL[o.proposedTo.agencyLevel]} theo ${citeText(o.proposedTo.agencyPower)}`] : [])))];
  blocks.push({
    kind: 'para',
    spans: [
      {
        text: `Các trường hợp dưới đây được Hội đồng Thi đua - Khen thưởng biểu quyết đạt tỷ lệ quy định; danh hiệu, hình thức khen thưởng không thuộc thẩm quyền quyết định của ${bounds.join('; ')}, nên đề nghị cấp trên xét tặng:`,
      },
    ],
    indent: true,
  });
  const deciders = [...new Set(proposed.map((o) => o.proposedTo?.label ?? 'cấp có thẩm quyền'))];
  let group = 0;
  for (const decider of deciders) {
    for (const title of Title.options) {
      const list = proposed.filter((o) => o.title === title && (o.proposedTo?.label ?? 'cấp có thẩm quyền') === decider);
      if (list.length === 0) continue;
      group++;
      blocks.push({ kind: 'para', spans: [{ text: `${group}. Đề nghị ${decider} xét tặng ${awardPhrase(title)} (${countNoun(list)}):`, bold: true }], indent: true });
      blocks.push({
        kind: 'list',
        lines: list.map((o, i) => `- ${nomineeLine(o.nominee, o.nominatingUnitId, unitNames)}${i === list.length - 1 ? '.' : ';'}`),
      });
    }
  }
  return blocks;
}

/**
 * THÔNG BÁO "Kết quả bình xét thi đua, khen thưởng" of the campaign, to every Nơi nhận entry: the header of NĐ 30/2020
 * (issuing body, số, Quốc hiệu, Tiêu ngữ, place and date: the day the results were finalized, in Vietnam), the
 * counts, the AWARDED nominations grouped by title (titles in the order of the Title enum), then the PROPOSED ones
 * (titles the agency may not award: đề nghị cấp trên xét tặng, grouped by decider and title, docs/legal-sources.md
 * §1.9), the signer and Nơi nhận. A proposal is never written as "được khen thưởng".
 */
export function renderResultsLetter(input: ResultsLetterInput): RenderedMail {
  const { campaign } = input;
  const { subject, head, placeDate, blocks, noiNhan } = resultsNoticeContent(input);
  const htmlPart = htmlDocument(subject, [letterHeaderHtml(head, placeDate), ...blocks.map(blockHtml), letterFootHtml(campaign.signer, noiNhan)]);
  const textPart = textDocument([...letterHeaderText(head, placeDate), ...blocks.flatMap(blockText), ...letterFootText(campaign.signer, noiNhan)]);
  return { subject, html: htmlPart, text: textPart };
}

/** What the notice says, for every drawing of it (the mail above, the PDF of shared/documents). */
export interface ResultsNoticeContent {
  subject: string;
  head: LetterHead;
  placeDate: string;
  blocks: Block[];
  noiNhan: string[];
}

/** "Tổng số hồ sơ được xét: 4; được khen thưởng: 2; …": the notice's KẾT QUẢ CHUNG, also its cover note's. */
export function resultsCounts(outcomes: readonly Pick<Outcome, 'outcome'>[]): string {
  const count = (k: OutcomeKind) => outcomes.filter((o) => o.outcome === k).length;
  // Named only when there are some: a Sở's usual round proposes nothing, and "0" there would be noise.
  const proposedCount = count('proposed') > 0 ? `đề nghị cấp trên xét tặng: ${count('proposed')}; ` : '';
  return `Tổng số hồ sơ được xét: ${outcomes.length}; được khen thưởng: ${count('awarded')}; ${proposedCount}` + `không được khen thưởng: ${count('not-awarded')}; tạm hoãn xét: ${count('deferred')}.`;
}

export function resultsNoticeContent(input: ResultsLetterInput): ResultsNoticeContent {
  const { campaign, outcomes, unitNames, finalizedAt } = input;
  const subject = subjectOf(campaign, 'Thông báo kết quả bình xét thi đua, khen thưởng');
  const placeDate = formatPlaceDate(oneLine(campaign.place), vnDay(finalizedAt));
  const head = {
    issuingBody: campaign.issuingBody,
    parentBody: campaign.parentBody,
    documentNumber: input.documentNumber ?? draftNoticeNumber(campaign.documentNumber),
  };

  const awarded = outcomes.filter((o) => o.outcome === 'awarded');
  const proposed = outcomes.filter((o) => o.outcome === 'proposed');

  const blocks: Block[] = [
    { kind: 'heading', text: RESULTS_HEADING, size: 'large' },
    { kind: 'heading', text: RESULTS_TRICH_YEU, size: 'normal' },
    { kind: 'heading', text: oneLine(campaign.title), size: 'normal' },
    { kind: 'rule' },
    { kind: 'para', spans: [{ text: `Căn cứ ${campaignRef(campaign)};` }], indent: true },
    { kind: 'para', spans: [{ text: 'Căn cứ kết quả xét hồ sơ và kết quả biểu quyết của Hội đồng Thi đua - Khen thưởng,' }], indent: true },
    { kind: 'para', spans: [{ text: 'Thông báo kết quả bình xét thi đua, khen thưởng như sau:' }], indent: true },
    { kind: 'section', text: `${ROMAN[0]}. KẾT QUẢ CHUNG` },
    {
      kind: 'para',
      spans: [{ text: resultsCounts(outcomes) }],
      indent: true,
    },
    { kind: 'section', text: `${ROMAN[1]}. DANH SÁCH ĐƯỢC KHEN THƯỞNG` },
  ];
  let group = 0;
  for (const title of Title.options) {
    const list = awarded.filter((o) => o.title === title);
    if (list.length === 0) continue;
    group++;
    blocks.push({ kind: 'para', spans: [{ text: `${group}. ${capitalise(awardPhrase(title))} (${countNoun(list)}):`, bold: true }], indent: true });
    blocks.push({
      kind: 'list',
      lines: list.map((o, i) => `- ${nomineeLine(o.nominee, o.nominatingUnitId, unitNames)}${i === list.length - 1 ? '.' : ';'}`),
    });
  }
  if (group === 0) blocks.push({ kind: 'para', spans: [{ text: 'Không có trường hợp nào được khen thưởng trong đợt này.' }], indent: true });
  if (proposed.length > 0) blocks.push(...proposedBlocks(proposed, unitNames));

  return { subject, head, placeDate, blocks, noiNhan: noiNhanLines(input.nơiNhận) };
}

export interface ResultsCoverInput extends Omit<ResultsLetterInput, 'documentNumber' | 'nơiNhận'> {
  /** The notice as attached: its number (the register's) and file. */
  notice: { documentNumber: string; filename: string };
  /** The award decision sent with it, when the agency awarded titles itself. */
  decision?: { documentNumber: string; filename: string };
  /** The addresses the note goes to, with the Nơi nhận entries each came from (resolveRecipients' `emails`): Kính gửi. */
  recipients: readonly { groups: readonly { code: string; name: string }[] }[];
  /** The agency as a sentence names it ("Sở Ngoại vụ"). */
  agencyName?: string;
}

/**
 * The results' mail when the notice (and the award decision) travel as PDFs: a cover note naming each document (kind,
 * number, date), with the counts of the notice's KẾT QUẢ CHUNG; the names are in the documents, not repeated here.
 */
export function renderResultsCoverNote(input: ResultsCoverInput): RenderedMail {
  const { campaign } = input;
  const day = vnDay(input.finalizedAt);
  const about = `theo ${campaignRef(campaign)}`;
  const notice = documentRef(input.notice.documentNumber, day, `về kết quả bình xét thi đua, khen thưởng ${about}`);
  const decision = input.decision ? documentRef(input.decision.documentNumber, day, `về việc khen thưởng ${about}`) : undefined;
  const attachments: CoverAttachment[] = [{ title: notice, filename: input.notice.filename }, ...(input.decision && decision ? [{ title: decision, filename: input.decision.filename }] : [])];
  const agency = oneLine(input.agencyName ?? sentenceName(campaign.issuingBody));
  return renderCoverNote({
    subject: subjectOf(campaign, 'Thông báo kết quả bình xét thi đua, khen thưởng'),
    issuingBody: campaign.issuingBody,
    addressee: addresseeOf(input.recipients),
    lead: [`${agency} gửi kèm theo ${notice}${decision ? ` và ${decision}` : ''}; đề nghị các cơ quan, đơn vị thông báo đến cán bộ, công chức, viên chức và người lao động được biết.`],
    attachments,
    facts: { title: 'Kết quả chung:', lines: [resultsCounts(input.outcomes)] },
    signer: campaign.signer,
  });
}

/** What the cover note adds to the notice's input: the documents as attached, the addresses, the agency's name. */
export type ResultsPdfs = Pick<ResultsCoverInput, 'notice' | 'decision' | 'recipients' | 'agencyName'>;

/**
 * The results' mail to the Nơi nhận list: the cover note when the notice travels as its PDF, else the notice itself,
 * whole (results frozen before the register have no number, hence no PDF).
 */
export function renderResultsMail(input: ResultsLetterInput, pdfs?: ResultsPdfs): RenderedMail {
  return pdfs ? renderResultsCoverNote({ ...input, ...pdfs }) : renderResultsLetter(input);
}
