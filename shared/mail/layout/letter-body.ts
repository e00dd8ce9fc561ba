import { html, joinHtml, trusted, type SafeHtml } from '../html';
import { TEXT_WIDTH, centre } from './plain-text';

/** A run of text in a paragraph; `bold` for the slogan, a group's title. */
export interface Span {
  text: string;
  bold?: boolean;
}

/** A letter's body, block by block; both parts lay the same blocks out (blockHtml, blockText). */
export type Block =
  | { kind: 'heading'; text: string; size: 'large' | 'normal' }
  | { kind: 'rule' }
  | { kind: 'section'; text: string }
  | { kind: 'para'; spans: Span[]; indent: boolean }
  /** Short lines printed one under the other (the deadlines, a list of names), without paragraph spacing between them. */
  | { kind: 'list'; lines: string[] };

/** A body paragraph, justified as a printed letter is; the short mails' paragraphs share it. */
export const PARAGRAPH_STYLE = trusted('margin:0 0 8px;text-align:justify;');

const BR = trusted('<br>');

function spansHtml(spans: readonly Span[]): SafeHtml {
  return html`${spans.map((s) => (s.bold ? html`<strong>${s.text}</strong>` : html`${s.text}`))}`;
}

/** One block as inline-styled HTML. */
export function blockHtml(b: Block): SafeHtml {
  switch (b.kind) {
    case 'heading': {
      const style = b.size === 'large' ? trusted('margin:24px 0 0;text-align:center;font-weight:bold;font-size:17px;') : trusted('margin:2px 0 0;text-align:center;font-weight:bold;font-size:15px;');
      return html`<p style="${style}">${b.text}</p>`;
    }
    case 'rule':
      return html`<hr style="width:25%;margin:4px auto 16px;border:0;border-top:1px solid #000000;">`;
    case 'section':
      return html`<p style="margin:14px 0 6px;font-weight:bold;">${b.text}</p>`;
    case 'para':
      return html`<p style="${PARAGRAPH_STYLE}${b.indent ? trusted('text-indent:32px;') : trusted('')}">${spansHtml(b.spans)}</p>`;
    case 'list':
      return html`<p style="margin:0 0 8px;padding-left:32px;">${joinHtml(
        b.lines.map((l) => html`${l}`),
        BR,
      )}</p>`;
  }
}

/** One block as plain-text lines. */
export function blockText(b: Block): string[] {
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
