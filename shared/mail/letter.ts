import type { Campaign } from '../schemas/campaign';
import { formatDeadline, formatPlaceDate, todayInVietnam } from '../domain/vn-date';
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
  type NoiNhanEntry,
  type RenderedMail,
  type Span,
} from './layout';
import { addresseeOf, documentRef, lowerFirst, renderCoverNote, sentenceName } from './cover-note';
import { oneLine, upper } from './phrases';

/**
 * The launch letter (văn bản phát động) as an email. The email IS the document, so it is laid out as NĐ 30/2020/NĐ-CP
 * Phụ lục I lays out an administrative document (./layout: header, body blocks, foot with Nơi nhận and the signer);
 * this module says what the letter contains.
 */

export type { NoiNhanEntry };

export type RenderedLetter = RenderedMail;

export interface RenderLetterOptions {
  /** Ngày ban hành 'YYYY-MM-DD' when the campaign does not state one (the day it is issued). */
  date?: string;
}

export const LETTER_HEADING = 'PHÁT ĐỘNG';

export const SECTION_TITLES = {
  theme: 'CHỦ ĐỀ PHONG TRÀO THI ĐUA',
  goals: 'MỤC TIÊU THI ĐUA',
  contents: 'NỘI DUNG PHONG TRÀO THI ĐUA',
  implementation: 'TỔ CHỨC THỰC HIỆN',
  deadlines: 'THỜI HẠN',
} as const;

export const DEADLINE_LABELS = {
  registration: 'Thời hạn đăng ký thi đua',
  reports: 'Thời hạn gửi báo cáo sơ kết, tổng kết',
  nominations: 'Thời hạn gửi hồ sơ đề nghị khen thưởng',
} as const;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'] as const;

const OPEN_QUOTES = '"“«';
const CLOSE_QUOTES = '"”»';

/**
 * Splits `text` so that each occurrence of `phrase` (with its quotation marks, if any) is bold:
 * the seed letter prints its slogan in bold quotes wherever it quotes it.
 */
function emphasise(text: string, phrase: string | undefined): Span[] {
  if (!phrase) return [{ text }];
  const spans: Span[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(phrase, from);
    if (at < 0) break;
    let start = at;
    let end = at + phrase.length;
    // charAt out of range gives '', which every string includes: check the bounds first.
    if (start > 0 && end < text.length && OPEN_QUOTES.includes(text.charAt(start - 1)) && CLOSE_QUOTES.includes(text.charAt(end))) {
      start -= 1;
      end += 1;
    }
    if (start > from) spans.push({ text: text.slice(from, start) });
    spans.push({ text: text.slice(start, end), bold: true });
    from = end;
  }
  if (from < text.length) spans.push({ text: text.slice(from) });
  return spans;
}

/**
 * Heading and trích yếu. A title that itself begins with "Phát động" would print the verb twice under
 * the PHÁT ĐỘNG heading, so the verb is taken out of it (and only the first letter changes case).
 */
function headingAndTitle(title: string): { heading: string; title: string } {
  const m = /^phát động\s+(.+)$/isu.exec(title);
  if (m?.[1]) {
    const rest = m[1];
    return { heading: LETTER_HEADING, title: upper(rest.charAt(0)) + rest.slice(1) };
  }
  return { heading: LETTER_HEADING, title };
}

/** The subject is the số/ký hiệu and the trích yếu, on one line (no header injection through a title). */
function subjectOf(campaign: Campaign): string {
  return oneLine(`[${campaign.documentNumber}] ${campaign.title}`);
}

function letterDate(campaign: Campaign, opts: RenderLetterOptions | undefined): string {
  const date = campaign.date ?? opts?.date ?? (campaign.issuedAt ? todayInVietnam(new Date(campaign.issuedAt)) : undefined);
  if (!date) throw new Error(`campaign ${campaign.id}: the letter needs a date (campaign.date or opts.date)`);
  return date;
}

/** "Thời hạn gửi hồ sơ đề nghị khen thưởng: 17 giờ 00, ngày 10/12/2023", for each deadline the letter sets. */
function deadlineLines(campaign: Pick<Campaign, 'deadlines'>): string[] {
  const d = campaign.deadlines;
  return (['registration', 'reports', 'nominations'] as const).flatMap((key) => {
    const at = d[key];
    return at ? [`${DEADLINE_LABELS[key]}: ${formatDeadline(at)}`] : [];
  });
}

function bodyBlocks(campaign: Campaign): Block[] {
  const blocks: Block[] = [];
  const { heading, title } = headingAndTitle(campaign.title);
  const slogan = campaign.slogan;
  blocks.push({ kind: 'heading', text: heading, size: 'large' });
  blocks.push({ kind: 'heading', text: title, size: 'normal' });
  blocks.push({ kind: 'rule' });

  for (const basis of campaign.legalBases) blocks.push({ kind: 'para', spans: emphasise(basis, slogan), indent: true });

  let n = 0;
  const section = (text: string) => blocks.push({ kind: 'section', text: `${ROMAN[n++] ?? String(n)}. ${text}` });
  const numbered = (items: readonly string[]) => {
    for (const [i, item] of items.entries()) blocks.push({ kind: 'para', spans: [{ text: `${i + 1}. ${item}` }], indent: true });
  };

  section(SECTION_TITLES.theme);
  blocks.push({ kind: 'para', spans: emphasise(campaign.theme, slogan), indent: true });
  if (slogan && !campaign.theme.includes(slogan)) {
    blocks.push({ kind: 'para', spans: [{ text: 'Khẩu hiệu: ' }, { text: `“${slogan}”`, bold: true }], indent: true });
  }

  section(SECTION_TITLES.goals);
  for (const goal of campaign.goals) blocks.push({ kind: 'para', spans: [{ text: goal }], indent: true });

  section(SECTION_TITLES.contents);
  numbered(campaign.contents);

  section(SECTION_TITLES.implementation);
  numbered(campaign.implementation);

  const lines = deadlineLines(campaign);
  if (lines.length > 0) {
    section(SECTION_TITLES.deadlines);
    blocks.push({ kind: 'list', lines: lines.map((line, i) => `- ${line}${i === lines.length - 1 ? '.' : ';'}`) });
  }

  if (campaign.closing) blocks.push({ kind: 'para', spans: emphasise(campaign.closing, slogan), indent: true });
  return blocks;
}

function renderHtml(subject: string, campaign: Campaign, placeDate: string, blocks: readonly Block[], noiNhan: readonly string[]): string {
  return htmlDocument(subject, [letterHeaderHtml(campaign, placeDate), ...blocks.map(blockHtml), letterFootHtml(campaign.signer, noiNhan)]);
}

function renderText(campaign: Campaign, placeDate: string, blocks: readonly Block[], noiNhan: readonly string[]): string {
  return textDocument([...letterHeaderText(campaign, placeDate), ...blocks.flatMap(blockText), ...letterFootText(campaign.signer, noiNhan)]);
}

/** What the launch letter says, for every drawing of it (this mail, the PDF of shared/documents). */
export interface LaunchLetterContent {
  subject: string;
  /** "Lạng Sơn, ngày 05 tháng 3 năm 2023". */
  placeDate: string;
  /** The heading (PHÁT ĐỘNG), the trích yếu, the rule, then the body. */
  blocks: Block[];
  /** The printed Nơi nhận lines. */
  noiNhan: string[];
}

export function launchLetterContent(campaign: Campaign, noiNhan: readonly NoiNhanEntry[], opts?: RenderLetterOptions): LaunchLetterContent {
  return {
    subject: subjectOf(campaign),
    placeDate: formatPlaceDate(campaign.place, letterDate(campaign, opts)),
    blocks: bodyBlocks(campaign),
    noiNhan: noiNhanLines(noiNhan),
  };
}

/**
 * Renders the launch letter of `campaign` for its Nơi nhận list (`noiNhan`, printed in the given
 * order, the archive line last as the Office lists it). The HTML part is built with the `html` tag,
 * so every string from the campaign or the directory is escaped there; the text part carries the
 * same content unescaped.
 */
export function renderLetter(campaign: Campaign, noiNhan: readonly NoiNhanEntry[], opts?: RenderLetterOptions): RenderedLetter {
  const { subject, placeDate, blocks, noiNhan: lines } = launchLetterContent(campaign, noiNhan, opts);
  return {
    subject,
    html: renderHtml(subject, campaign, placeDate, blocks, lines),
    text: renderText(campaign, placeDate, blocks, lines),
  };
}

export interface LetterCoverOptions extends RenderLetterOptions {
  /** The agency as a sentence names it ("Sở Ngoại vụ"); default the issuing body with only its first letter capitalised. */
  agencyName?: string;
  /** The addresses the note goes to, with the Nơi nhận entries each came from (resolveRecipients' `emails`): Kính gửi. */
  recipients: readonly { groups: readonly { code: string; name: string }[] }[];
  /** The letter's PDF as attached. */
  filename: string;
}

/**
 * The launch letter's mail when the letter travels as its PDF: a cover note (./cover-note) naming the letter (kind,
 * number, date, trích yếu), asking the units to study and carry it out, with the deadlines they must meet. The subject
 * is the letter's own, so a recipient sorts it with the campaign's other mails.
 */
export function renderLetterCoverNote(campaign: Campaign, opts: LetterCoverOptions): RenderedLetter {
  // The letter's heading is PHÁT ĐỘNG over its trích yếu (a title's own "Phát động" taken out): cited as one phrase.
  const about = `về việc phát động ${lowerFirst(headingAndTitle(oneLine(campaign.title)).title)}`;
  const ref = documentRef(campaign.documentNumber, letterDate(campaign, opts), about);
  const agency = oneLine(opts.agencyName ?? sentenceName(campaign.issuingBody));
  return renderCoverNote({
    subject: subjectOf(campaign),
    issuingBody: campaign.issuingBody,
    addressee: addresseeOf(opts.recipients),
    lead: [`${agency} gửi kèm theo ${ref}; đề nghị các cơ quan, đơn vị nghiên cứu, triển khai thực hiện.`],
    attachments: [{ title: ref, filename: opts.filename }],
    facts: { title: 'Các thời hạn cần lưu ý:', lines: deadlineLines(campaign).map((l, i, all) => `- ${l}${i === all.length - 1 ? '.' : ';'}`) },
    signer: campaign.signer,
  });
}
