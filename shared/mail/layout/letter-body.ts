import { html, joinHtml, trusted, type SafeHtml } from '../html';
import { TEXT_WIDTH, centre } from './plain-text';
import { DETAIL_CELL_STYLE, cellStyles, headerRowHtml, tableHtml } from './table';

/** A run of text in a paragraph; `bold` for the slogan, a group's title; `italic` for a note such as "(Kèm theo …)". */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** A column of a table block: its header, its share of the width (a PDF reads it; HTML lets the browser size it), its alignment. */
export interface TableColumn {
  header: string;
  /** Points, or '*' for a share of what is left. */
  width: number | '*';
  align?: 'left' | 'center' | 'right';
}

/**
 * A row of a table block: cells (with, under them across all but the first column, a `detail` in small print: the
 * checks of a dossier), or a group's title across the whole row ("I. Danh hiệu “Lao động tiên tiến”").
 */
export type TableRowBlock = { cells: string[]; detail?: string } | { group: string };

/** A letter's body, block by block; both parts lay the same blocks out (blockHtml, blockText). */
export type Block =
  | { kind: 'heading'; text: string; size: 'large' | 'normal' }
  | { kind: 'rule' }
  | { kind: 'section'; text: string }
  /** `align: 'center'` for a line such as "(Kèm theo Quyết định số …)"; otherwise justified. */
  | { kind: 'para'; spans: Span[]; indent: boolean; align?: 'center' }
  /** Short lines printed one under the other (the deadlines, a list of names), without paragraph spacing between them. */
  | { kind: 'list'; lines: string[] }
  /** A bordered table whose header row is repeated on every page it runs onto (the annex of a decision, a tally). */
  | { kind: 'table'; columns: TableColumn[]; rows: TableRowBlock[] };

/** A body paragraph, justified as a printed letter is; the short mails' paragraphs share it. */
export const PARAGRAPH_STYLE = trusted('margin:0 0 8px;text-align:justify;');

const BR = trusted('<br>');

function spansHtml(spans: readonly Span[]): SafeHtml {
  return html`${spans.map((s) => {
    const text = s.italic ? html`<em>${s.text}</em>` : html`${s.text}`;
    return s.bold ? html`<strong>${text}</strong>` : text;
  })}`;
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
      return html`<p style="${PARAGRAPH_STYLE}${b.indent ? trusted('text-indent:32px;') : trusted('')}${b.align === 'center' ? trusted('text-align:center;') : trusted('')}">${spansHtml(b.spans)}</p>`;
    case 'list':
      return html`<p style="margin:0 0 8px;padding-left:32px;">${joinHtml(
        b.lines.map((l) => html`${l}`),
        BR,
      )}</p>`;
    case 'table': {
      const { td, no } = cellStyles('list');
      const span = String(b.columns.length);
      const rest = String(b.columns.length - 1);
      const rows = b.rows.flatMap((r) =>
        'group' in r
          ? [html`<tr><td colspan="${span}" style="${td}font-weight:bold;">${r.group}</td></tr>`]
          : [
              html`<tr>${r.cells.map((c, i) => html`<td style="${b.columns[i]?.align === 'center' ? no : td}">${c}</td>`)}</tr>`,
              ...(r.detail ? [html`<tr><td style="${td}"></td><td colspan="${rest}" style="${DETAIL_CELL_STYLE}">${r.detail}</td></tr>`] : []),
            ],
      );
      return tableHtml([
        headerRowHtml(
          'list',
          b.columns.map((c) => c.header),
        ),
        ...rows,
      ]);
    }
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
    case 'table':
      return [
        b.columns.map((c) => c.header).join(' | '),
        ...b.rows.flatMap((r) => ('group' in r ? [r.group] : [r.cells.join(' | '), ...(r.detail ? r.detail.split('\n').map((l) => `    ${l}`) : [])])),
        '',
      ];
  }
}
