import { DOCUMENT_TYPES, parseDocumentNumber } from '../domain/document-register';
import { unitEntryCode } from '../domain/recipients';
import { formatShortDate } from '../domain/vn-date';
import { html, joinHtml, trusted } from './html';
import { addresseeHtml, htmlDocument, lineListHtml, paragraphHtml, sectionTitleHtml, signerLines, textDocument, type DocumentSigner, type RenderedMail } from './layout';
import { oneLine, upper } from './phrases';

/**
 * The cover note (thư chuyển văn bản): the mail that carries a document's PDF (issue 12: "the HTML body becoming a short
 * cover note"). The document itself is the attachment, so the mail only says who it is for (Kính gửi), what is sent
 * (the document's kind, number, date and trích yếu), what the recipient must act on (deadlines, counts), where to
 * download it again, and who sends it. One layout for the launch letter, the results notice with its decision, and the
 * Tờ trình to the Council; each of those modules says what its note contains. Pure; the HTML part is built with the
 * `html` tag, so every string from the campaign or the directory is escaped there; the text part is the same, unescaped.
 */

/** One attached document as the note lists it. */
export interface CoverAttachment {
  /** "Kế hoạch số 15/KH-SNgV ngày 05/3/2023 về việc …" (documentRef). */
  title: string;
  /** The attachment's file name, as the mail client shows it. */
  filename: string;
}

export interface CoverNoteInput {
  subject: string;
  /** The issuing body as the letters' header prints it ("SỞ NGOẠI VỤ"). */
  issuingBody: string;
  /** Kính gửi: the recipients' groups or units, one line. */
  addressee: string;
  /** One or two sentences: what is sent, and what the recipients are asked to do. */
  lead: readonly string[];
  attachments: readonly CoverAttachment[];
  /** What matters to the recipient in the document, in a few lines (deadlines, counts, ties to vote on). */
  facts?: { title: string; lines: readonly string[] };
  signer: DocumentSigner;
}

export const ATTACHMENTS_TITLE = 'Văn bản gửi kèm (tệp PDF đính kèm thư này):';

/** Where the document is kept, for people: the API's `GET /campaigns/{id}/documents`, as the system's screens name it. */
export const DOWNLOAD_AGAIN = 'Văn bản được lưu trên hệ thống quản lý thi đua, khen thưởng: khi cần, đăng nhập hệ thống, mở phong trào và tải lại tại mục “Văn bản của phong trào”.';

export const CLOSING = 'Trân trọng./.';

const PARTICIPATING_UNITS = 'Các đơn vị tham gia phong trào thi đua';

/** At most this many Nơi nhận entries are named after "Kính gửi"; a longer list is referred to as a whole. */
const MAX_NAMED = 8;

/**
 * "Kính gửi" for a mail every recipient gets the same copy of: the Nơi nhận entries that are emailed, each once, in the
 * letter's order; a long list is named as the letter's Nơi nhận.
 */
export function addresseeOf(emails: readonly { groups: readonly { code: string; name: string }[] }[]): string {
  const entries = new Map<string, { name: string; unit: boolean }>();
  for (const e of emails) for (const g of e.groups) if (!entries.has(g.code)) entries.set(g.code, { name: oneLine(g.name), unit: g.code.startsWith(unitEntryCode('')) });
  const all = [...entries.values()];
  // The participating units are named together when there are several: a Sở's dozen units would bury the groups.
  const grouped = all.filter((e) => e.unit).length > 1 ? all.map((e) => (e.unit ? PARTICIPATING_UNITS : e.name)) : all.map((e) => e.name);
  const list = [...new Set(grouped)];
  if (list.length === 0 || list.length > MAX_NAMED) return 'Các cơ quan, đơn vị, cá nhân có tên tại Nơi nhận của văn bản.';
  return `${list.join('; ')}.`;
}

/** "Kế hoạch" for "15/KH-SNgV"; "Văn bản" for a type the register does not know. */
export function documentKindOf(documentNumber: string): string {
  const type = parseDocumentNumber(documentNumber)?.type;
  return type && Object.hasOwn(DOCUMENT_TYPES, type) ? DOCUMENT_TYPES[type as keyof typeof DOCUMENT_TYPES] : 'Văn bản';
}

/** "Kế hoạch số 15/KH-SNgV ngày 05/3/2023 về việc phát động …": a document as running text cites it. */
export function documentRef(documentNumber: string, isoDate: string, about: string): string {
  return `${documentKindOf(documentNumber)} số ${oneLine(documentNumber)} ngày ${formatShortDate(isoDate)} ${oneLine(about)}`;
}

/** "Sở ngoại vụ" from "SỞ NGOẠI VỤ" when the agency's own name is not at hand: a header's capitals read as a sentence. */
export function sentenceName(issuingBody: string): string {
  const s = oneLine(issuingBody);
  return s === upper(s) ? upper(s.charAt(0)) + s.slice(1).toLocaleLowerCase('vi') : s;
}

export const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

const HEAD_RULE = trusted('<hr style="width:25%;margin:2px 0 16px;border:0;border-top:1px solid #000000;text-align:left;">');
const SIGNATURE_STYLE = trusted('margin:16px 0 0;font-weight:bold;');

export function renderCoverNote(input: CoverNoteInput): RenderedMail {
  const body = oneLine(input.issuingBody);
  const signer = [...signerLines(input.signer), oneLine(input.signer.name)];
  const attached = input.attachments.map((a, i, all) => `- ${oneLine(a.title)} (tệp ${oneLine(a.filename)})${i === all.length - 1 ? '.' : ';'}`);
  const htmlBody = [
    html`<p style="margin:0;font-size:14px;font-weight:bold;">${upper(body)}</p>`,
    HEAD_RULE,
    addresseeHtml(input.addressee),
    ...input.lead.map((p) => paragraphHtml(p)),
    sectionTitleHtml(ATTACHMENTS_TITLE),
    lineListHtml(attached),
    ...(input.facts && input.facts.lines.length > 0 ? [sectionTitleHtml(input.facts.title), lineListHtml(input.facts.lines)] : []),
    paragraphHtml(DOWNLOAD_AGAIN),
    paragraphHtml(CLOSING),
    html`<p style="${SIGNATURE_STYLE}">${joinHtml(
      signer.map((l) => html`${l}`),
      trusted('<br>'),
    )}</p>`,
  ];
  const text = [
    upper(body),
    '',
    `Kính gửi: ${input.addressee}`,
    '',
    ...input.lead.flatMap((p) => [p, '']),
    ATTACHMENTS_TITLE,
    ...attached,
    ...(input.facts && input.facts.lines.length > 0 ? ['', input.facts.title, ...input.facts.lines] : []),
    '',
    DOWNLOAD_AGAIN,
    '',
    CLOSING,
    '',
    ...signer,
  ];
  return { subject: input.subject, html: htmlDocument(input.subject, htmlBody), text: textDocument(text) };
}
