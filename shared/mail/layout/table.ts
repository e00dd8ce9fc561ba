import { html, joinHtml, trusted, type SafeHtml } from '../html';
import { LETTER_FONT, NEWLINE } from './document';

/**
 * The bordered table the mails list criteria and nominations in. The cell style is repeated on every cell because
 * Outlook does not inherit the font into tables and Gmail drops <style>.
 */

/**
 * Cell padding and type size: 'normal' for a unit's receipt, 'compact' for the Office's shorter copy of it, 'list' for
 * the lists of nominations (six columns, a size smaller).
 */
export type TableDensity = 'normal' | 'compact' | 'list';

const cellStyle = (padding: '5px 7px' | '3px 5px' | '4px 6px', fontSize: '14px' | '13px' | '12px') =>
  trusted(`padding:${padding};border:1px solid #000000;vertical-align:top;font-family:${LETTER_FONT};font-size:${fontSize};line-height:1.35;`);

const CELL = {
  normal: cellStyle('5px 7px', '14px'),
  compact: cellStyle('3px 5px', '13px'),
  list: cellStyle('4px 6px', '13px'),
  /** Detail rows under a 'list' row: a size smaller. */
  detail: cellStyle('4px 6px', '12px'),
} as const;

/** The style of a cell (`td`), of a header cell (`th`) and of a number cell (`num`, right-aligned, not wrapped). */
export function cellStyles(density: TableDensity) {
  const td = CELL[density];
  return {
    td,
    th: html`${td}font-weight:bold;text-align:center;background-color:#f2f2f2;`,
    num: html`${td}text-align:right;white-space:nowrap;`,
    /** A row number ("I.1", "3"): centred, not wrapped. */
    no: html`${td}text-align:center;white-space:nowrap;`,
  };
}

export const DETAIL_CELL_STYLE = CELL.detail;

/** A header row of `th` cells. */
export function headerRowHtml(density: TableDensity, headers: readonly string[]): SafeHtml {
  const { th } = cellStyles(density);
  return html`<tr>${headers.map((h) => html`<th style="${th}">${h}</th>`)}</tr>`;
}

/** The table around rows built with `html` (each a `<tr>`), one per line. */
export function tableHtml(rows: readonly SafeHtml[]): SafeHtml {
  return joinHtml(
    [html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%;margin:8px 0 12px;">`, ...rows, html`</table>`],
    NEWLINE,
  );
}
