import { html, joinHtml, trusted, type SafeHtml } from '../html';
import { oneLine, upper } from '../phrases';
import { PARAGRAPH_STYLE } from './letter-body';
import { textDocument } from './plain-text';

/**
 * The short letter: the mails that are not documents of record (receipts, reminders, the proposal to the council,
 * a unit's outcomes) carry only the issuing body, a short rule and a centred heading, then paragraphs, lists and
 * tables. No số, no Quốc hiệu: printing them would make a notification look like a registered document.
 */

/** The issuing body and the heading, as HTML. */
export function shortLetterHeadHtml(issuingBody: string, heading: string): SafeHtml {
  return html`<p style="margin:0;font-size:14px;font-weight:bold;">${upper(oneLine(issuingBody))}</p>
<hr style="width:25%;margin:2px 0 12px;border:0;border-top:1px solid #000000;text-align:left;">
<p style="margin:8px 0 16px;text-align:center;font-weight:bold;font-size:17px;">${heading}</p>`;
}

/** The whole text part of a short letter: the issuing body, the heading, the body lines, the footer. */
export function shortLetterText(issuingBody: string, heading: string, body: readonly string[]): string {
  return textDocument([upper(oneLine(issuingBody)), '', heading, '', ...body]);
}

/** "Kính gửi: …" as HTML; the text part writes `Kính gửi: ${name}`. */
export const addresseeHtml = (addressee: string) => html`<p style="margin:0 0 12px;"><strong>Kính gửi:</strong> ${addressee}</p>`;

/** A paragraph of text or of markup built with `html` (a bold run, an emphasis). */
export const paragraphHtml = (content: string | SafeHtml, style: SafeHtml = PARAGRAPH_STYLE) => html`<p style="${style}">${content}</p>`;

/** A bold run-in title above a list or a table ("CHỈ TIÊU KHEN THƯỞNG"). */
export const sectionTitleHtml = (title: string) => html`<p style="margin:14px 0 4px;font-weight:bold;">${title}</p>`;

/** Lines one under the other, indented, without paragraph spacing between them (the legal bases, the quotas). */
export const lineListHtml = (lines: readonly string[]) =>
  html`<p style="margin:0 0 8px;padding-left:24px;">${joinHtml(
    lines.map((l) => html`${l}`),
    trusted('<br>'),
  )}</p>`;
