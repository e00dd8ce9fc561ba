import type { Campaign } from '../schemas/campaign';
import { formatDeadline, formatPlaceDate, todayInVietnam } from '../domain/vn-date';
import { escapeHtml } from './escape';

/**
 * The launch letter (văn bản phát động) as an email. The email IS the document, so it is laid out
 * as NĐ 30/2020/NĐ-CP Phụ lục I lays out an administrative document: issuing body and số/ký hiệu
 * top-left, Quốc hiệu and Tiêu ngữ with địa danh, ngày tháng top-right, then the heading and the
 * trích yếu, the body, and at the foot Nơi nhận (left) beside the signer (right).
 */

/** One printed Nơi nhận line: the label as the Office types it, and why it is sent (docs/legal-sources.md §5.3). */
export interface NoiNhanEntry {
  name: string;
  purpose?: string;
}

export interface RenderedLetter {
  subject: string;
  html: string;
  text: string;
}

export interface RenderLetterOptions {
  /** Ngày ban hành 'YYYY-MM-DD' when the campaign does not state one (the day it is issued). */
  date?: string;
}

/** Quốc hiệu and Tiêu ngữ, NĐ 30/2020/NĐ-CP Phụ lục I, mục I.1. */
export const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';

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

export const NOI_NHAN_LABEL = 'Nơi nhận:';

export const FOOTER =
  'Thư này được gửi tự động từ hệ thống quản lý thi đua, khen thưởng; vui lòng không trả lời thư này.';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'] as const;

/** Text-part width: terminals and RFC 5322's recommended line length. Only headers are laid out to it. */
const TEXT_WIDTH = 78;

/** The letter's typeface, for cells that set their own font (Outlook does not inherit it into tables). */
export const LETTER_FONT = "'Times New Roman',Times,serif";

/** A run of text in a paragraph; `bold` for the slogan. */
export interface Span {
  text: string;
  bold?: boolean;
}

/** The letter's body, block by block; both parts lay the same blocks out (letterBlockHtml, letterBlockText). */
export type Block =
  | { kind: 'heading'; text: string; size: 'large' | 'normal' }
  | { kind: 'rule' }
  | { kind: 'section'; text: string }
  | { kind: 'para'; spans: Span[]; indent: boolean }
  /** Short lines printed one under the other (the deadlines), without paragraph spacing between them. */
  | { kind: 'list'; lines: string[] };

const upper = (s: string) => s.toLocaleUpperCase('vi');

/** Columns a string takes in a terminal; NFC Vietnamese is one code point per letter. */
const width = (s: string) => [...s].length;

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
  return `[${campaign.documentNumber}] ${campaign.title}`.replace(/\s+/g, ' ').trim();
}

function letterDate(campaign: Campaign, opts: RenderLetterOptions | undefined): string {
  const date = campaign.date ?? opts?.date ?? (campaign.issuedAt ? todayInVietnam(new Date(campaign.issuedAt)) : undefined);
  if (!date) throw new Error(`campaign ${campaign.id}: the letter needs a date (campaign.date or opts.date)`);
  return date;
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
  const numbered = (items: readonly string[]) =>
    items.forEach((item, i) => blocks.push({ kind: 'para', spans: [{ text: `${i + 1}. ${item}` }], indent: true }));

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

  const d = campaign.deadlines;
  const lines = (['registration', 'reports', 'nominations'] as const).flatMap((key) => {
    const at = d[key];
    return at ? [`${DEADLINE_LABELS[key]}: ${formatDeadline(at)}`] : [];
  });
  if (lines.length > 0) {
    section(SECTION_TITLES.deadlines);
    blocks.push({ kind: 'list', lines: lines.map((line, i) => `- ${line}${i === lines.length - 1 ? '.' : ';'}`) });
  }

  if (campaign.closing) blocks.push({ kind: 'para', spans: emphasise(campaign.closing, slogan), indent: true });
  return blocks;
}

/** "- Hội đồng TĐKT tỉnh;" … "- Lưu: VT, VP." (the last line closes the list with a full stop). */
export function noiNhanLines(entries: readonly NoiNhanEntry[]): string[] {
  return entries.map((e, i) => {
    const name = e.name.trim().replace(/[\s;.,]+$/u, '');
    const purpose = e.purpose?.trim() ? ` (${e.purpose.trim()})` : '';
    return `- ${name}${purpose}${i === entries.length - 1 ? '.' : ';'}`;
  });
}

// ---------------------------------------------------------------------------------------------
// HTML: tables and inline styles only, as mail clients (Outlook's Word engine, Gmail) strip <style>.

const html = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');

function spansHtml(spans: readonly Span[]): string {
  return spans.map((s) => (s.bold ? `<strong>${html(s.text)}</strong>` : html(s.text))).join('');
}

/** One block of the body as inline-styled HTML (every string escaped here). */
export function letterBlockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<p style="margin:${b.size === 'large' ? '24px' : '2px'} 0 0;text-align:center;font-weight:bold;font-size:${b.size === 'large' ? '17px' : '15px'};">${html(b.text)}</p>`;
    case 'rule':
      return '<hr style="width:25%;margin:4px auto 16px;border:0;border-top:1px solid #000000;">';
    case 'section':
      return `<p style="margin:14px 0 6px;font-weight:bold;">${html(b.text)}</p>`;
    case 'para':
      return `<p style="margin:0 0 8px;text-align:justify;${b.indent ? 'text-indent:32px;' : ''}">${spansHtml(b.spans)}</p>`;
    case 'list':
      return `<p style="margin:0 0 8px;padding-left:32px;">${b.lines.map(html).join('<br>')}</p>`;
  }
}

/**
 * The HTML document every mail of the system is laid out in: a 680-pixel column of inline-styled
 * tables (mail clients strip <style>), Times New Roman, and the automatic-mail footer. `title` is
 * escaped here; `content` is HTML the caller has already escaped, joined one part per line.
 */
export function htmlDocument(title: string, content: readonly string[]): string {
  return [
    '<!doctype html>',
    '<html lang="vi">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${html(title)}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background-color:#ffffff;">`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;background-color:#ffffff;">',
    '<tr>',
    '<td align="center" style="padding:24px 12px;">',
    `<table role="presentation" width="680" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%;max-width:680px;">`,
    '<tr>',
    `<td style="padding:0;font-family:${LETTER_FONT};font-size:16px;line-height:1.5;color:#000000;text-align:left;">`,
    ...content,
    `<hr style="margin:28px 0 8px;border:0;border-top:1px solid #cccccc;">`,
    `<p style="margin:0;font-size:12px;color:#555555;font-style:italic;">${html(FOOTER)}</p>`,
    '</td>',
    '</tr>',
    '</table>',
    '</td>',
    '</tr>',
    '</table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** What the header and the foot of a document read: the issuing body, its số/ký hiệu, the signer (a Campaign fits). */
export type LetterHead = Pick<Campaign, 'issuingBody' | 'parentBody' | 'documentNumber'>;
export type LetterSigner = Campaign['signer'];

/**
 * The header of NĐ 30/2020 Phụ lục I as HTML: cơ quan chủ quản, issuing body and "Số: …" on the left, Quốc hiệu,
 * Tiêu ngữ and `placeDate` ("Lạng Sơn, ngày 05 tháng 3 năm 2023") on the right. Every string is escaped here.
 */
export function letterHeaderHtml(head: LetterHead, placeDate: string): string {
  const cell = 'padding:0;vertical-align:top;text-align:center;';
  const parent = head.parentBody
    ? `<div style="font-size:14px;">${html(upper(head.parentBody))}</div>`
    : '';
  return [
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">',
    '<tr>',
    `<td width="42%" style="${cell}">`,
    parent,
    `<div style="font-size:14px;font-weight:bold;">${html(upper(head.issuingBody))}</div>`,
    '<hr style="width:35%;margin:2px auto 6px;border:0;border-top:1px solid #000000;">',
    `<div style="font-size:15px;">Số: ${html(head.documentNumber)}</div>`,
    '</td>',
    `<td width="58%" style="${cell}">`,
    `<div style="font-size:14px;font-weight:bold;">${html(QUOC_HIEU)}</div>`,
    `<div style="font-size:15px;font-weight:bold;">${html(TIEU_NGU)}</div>`,
    '<hr style="width:50%;margin:2px auto 6px;border:0;border-top:1px solid #000000;">',
    `<div style="font-size:15px;font-style:italic;">${html(placeDate)}</div>`,
    '</td>',
    '</tr>',
    '</table>',
  ].join('\n');
}

/** The foot as HTML: Nơi nhận (lines from noiNhanLines) on the left, the signer's position and name on the right. */
export function letterFootHtml(signer: LetterSigner, noiNhan: readonly string[]): string {
  return [
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin-top:16px;">',
    '<tr>',
    '<td width="50%" style="padding:0;vertical-align:top;text-align:left;font-size:13px;line-height:1.4;">',
    `<div style="font-weight:bold;font-style:italic;font-size:14px;">${html(NOI_NHAN_LABEL)}</div>`,
    ...noiNhan.map((line) => `<div>${html(line)}</div>`),
    '</td>',
    '<td width="50%" style="padding:0;vertical-align:top;text-align:center;">',
    `<div style="font-weight:bold;">${html(upper(signer.position))}</div>`,
    `<div style="font-weight:bold;padding-top:72px;">${html(signer.name)}</div>`,
    '</td>',
    '</tr>',
    '</table>',
  ].join('\n');
}

function renderHtml(
  subject: string,
  campaign: Campaign,
  placeDate: string,
  blocks: readonly Block[],
  noiNhan: readonly string[],
): string {
  return htmlDocument(subject, [letterHeaderHtml(campaign, placeDate), ...blocks.map(letterBlockHtml), letterFootHtml(campaign.signer, noiNhan)]);
}

// ---------------------------------------------------------------------------------------------
// Plain text: the same blocks, centred headers, no markup.

function centre(s: string, cols: number): string {
  return ' '.repeat(Math.max(0, Math.floor((cols - width(s)) / 2))) + s;
}

/** Left and right header columns side by side when they fit the terminal, else one above the other. */
function headerText(left: readonly string[], right: readonly string[]): string[] {
  const lw = Math.max(...left.map(width));
  const rw = Math.max(...right.map(width));
  const gap = 4;
  if (lw + gap + rw > TEXT_WIDTH) {
    return [...left.filter((l) => l !== '').map((l) => centre(l, TEXT_WIDTH)), '', ...right.map((r) => centre(r, TEXT_WIDTH))];
  }
  const rows = Math.max(left.length, right.length);
  const out: string[] = [];
  for (let i = 0; i < rows; i++) {
    const l = centre(left[i] ?? '', lw);
    const r = centre(right[i] ?? '', rw);
    out.push((l + ' '.repeat(lw - width(l) + gap) + r).trimEnd());
  }
  return out;
}

/** One block of the body as plain-text lines. */
export function letterBlockText(b: Block): string[] {
  switch (b.kind) {
    case 'heading':
      return b.size === 'large' ? ['', centre(b.text, TEXT_WIDTH)] : [centre(b.text, TEXT_WIDTH)];
    case 'rule':
      return [centre('─'.repeat(12), TEXT_WIDTH), ''];
    case 'section':
      return [b.text, ''];
    case 'para':
      return [(b.indent ? '    ' : '') + b.spans.map((s) => s.text).join(''), ''];
    case 'list':
      return [...b.lines.map((l) => `    ${l}`), ''];
  }
}

/** The header as plain-text lines: the two columns side by side when they fit 78 columns, else one above the other. */
export function letterHeaderText(head: LetterHead, placeDate: string): string[] {
  const left = head.parentBody
    ? [upper(head.parentBody), upper(head.issuingBody), `Số: ${head.documentNumber}`]
    : [upper(head.issuingBody), '', `Số: ${head.documentNumber}`];
  const right = [QUOC_HIEU, TIEU_NGU, placeDate];
  return headerText(left, right);
}

/** The foot as plain-text lines: the signer in the right half, then Nơi nhận (lines from noiNhanLines). */
export function letterFootText(signer: LetterSigner, noiNhan: readonly string[]): string[] {
  const signerCol = Math.floor(TEXT_WIDTH / 2);
  const signerLines = [...upper(signer.position).split(/\r?\n/), '', '', signer.name];
  const signerWidth = Math.max(...signerLines.map(width));
  const lines = signerLines.map((l) => (l === '' ? '' : ' '.repeat(signerCol) + centre(l, signerWidth)));
  return [...lines, '', NOI_NHAN_LABEL, ...noiNhan];
}

/**
 * The lines of a text part closed by the automatic-mail footer after the "-- " signature delimiter, trailing blanks
 * trimmed, one newline at the end.
 */
export function textDocumentOf(lines: readonly string[]): string {
  // "-- " keeps its space: it is the signature delimiter mail clients recognise (RFC 3676 §4.3).
  return [...lines, '', '-- ', FOOTER].map((l) => (l === '-- ' ? l : l.trimEnd())).join('\n') + '\n';
}

function renderText(campaign: Campaign, placeDate: string, blocks: readonly Block[], noiNhan: readonly string[]): string {
  return textDocumentOf([...letterHeaderText(campaign, placeDate), ...blocks.flatMap(letterBlockText), ...letterFootText(campaign.signer, noiNhan)]);
}

/**
 * Renders the launch letter of `campaign` for its Nơi nhận list (`noiNhan`, printed in the given
 * order, the archive line last as the Office lists it). Every string from the campaign or the
 * directory is HTML-escaped in the HTML part; the text part carries the same content unescaped.
 */
export function renderLetter(
  campaign: Campaign,
  noiNhan: readonly NoiNhanEntry[],
  opts?: RenderLetterOptions,
): RenderedLetter {
  const subject = subjectOf(campaign);
  const placeDate = formatPlaceDate(campaign.place, letterDate(campaign, opts));
  const blocks = bodyBlocks(campaign);
  const lines = noiNhanLines(noiNhan);
  return {
    subject,
    html: renderHtml(subject, campaign, placeDate, blocks, lines),
    text: renderText(campaign, placeDate, blocks, lines),
  };
}
