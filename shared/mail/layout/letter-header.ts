import type { Campaign } from '../../schemas/campaign';
import { html } from '../html';
import type { SafeHtml } from '../html';
import { upper } from '../phrases';
import { TEXT_WIDTH, centre, width } from './plain-text';

/**
 * The header of an administrative document as NĐ 30/2020/NĐ-CP Phụ lục I lays it out: cơ quan chủ quản, issuing body
 * and "Số: …" on the left; Quốc hiệu, Tiêu ngữ and địa danh, ngày tháng on the right.
 */

/** Quốc hiệu and Tiêu ngữ, NĐ 30/2020/NĐ-CP Phụ lục I, mục I.1. */
export const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';

/** What the header reads: the issuing body, its parent and the số/ký hiệu (a Campaign fits). */
export type LetterHead = Pick<Campaign, 'issuingBody' | 'parentBody' | 'documentNumber'>;

/** The header as HTML; `placeDate` is "Lạng Sơn, ngày 05 tháng 3 năm 2023". */
export function letterHeaderHtml(head: LetterHead, placeDate: string): SafeHtml {
  // The empty line without a parent body is kept: it is what the HTML part has always carried.
  const parent = head.parentBody ? html`<div style="font-size:14px;">${upper(head.parentBody)}</div>` : html``;
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">
<tr>
<td width="42%" style="padding:0;vertical-align:top;text-align:center;">
${parent}
<div style="font-size:14px;font-weight:bold;">${upper(head.issuingBody)}</div>
<hr style="width:35%;margin:2px auto 6px;border:0;border-top:1px solid #000000;">
<div style="font-size:15px;">Số: ${head.documentNumber}</div>
</td>
<td width="58%" style="padding:0;vertical-align:top;text-align:center;">
<div style="font-size:14px;font-weight:bold;">${QUOC_HIEU}</div>
<div style="font-size:15px;font-weight:bold;">${TIEU_NGU}</div>
<hr style="width:50%;margin:2px auto 6px;border:0;border-top:1px solid #000000;">
<div style="font-size:15px;font-style:italic;">${placeDate}</div>
</td>
</tr>
</table>`;
}

/** Left and right header columns side by side when they fit the terminal, else one above the other. */
function columns(left: readonly string[], right: readonly string[]): string[] {
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

/** The header as plain-text lines: the two columns side by side when they fit 78 columns, else one above the other. */
export function letterHeaderText(head: LetterHead, placeDate: string): string[] {
  const left = head.parentBody ? [upper(head.parentBody), upper(head.issuingBody), `Số: ${head.documentNumber}`] : [upper(head.issuingBody), '', `Số: ${head.documentNumber}`];
  return columns(left, [QUOC_HIEU, TIEU_NGU, placeDate]);
}
