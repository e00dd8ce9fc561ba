import type { Campaign } from '../../schemas/campaign';
import { html, type SafeHtml } from '../html';
import { upper } from '../phrases';
import { TEXT_WIDTH, centre, width } from './plain-text';

/** The foot of an NĐ 30/2020 document: Nơi nhận on the left, the signer's position and name on the right. */

export const NOI_NHAN_LABEL = 'Nơi nhận:';

/** One printed Nơi nhận line: the label as the Office types it, and why it is sent (docs/legal-sources.md §5.3). */
export interface NoiNhanEntry {
  name: string;
  purpose?: string;
}

export type LetterSigner = Campaign['signer'];

/**
 * How the signer signs (NĐ 30/2020/NĐ-CP Phụ lục I, mục II.9.a): in the head's own name (no form), KT. (ký thay: a
 * deputy for the head: "KT. GIÁM ĐỐC" above "PHÓ GIÁM ĐỐC"), TL. (thừa lệnh: a unit head by the head's order), TM.
 * (thay mặt: for a collective body, "TM. HỘI ĐỒNG" above "CHỦ TỊCH"), Q. (quyền: an acting head, "Q. GIÁM ĐỐC").
 */
export interface DocumentSigner extends LetterSigner {
  onBehalf?: { form: 'KT' | 'TL' | 'TM'; of: string } | { form: 'Q' };
}

/** The capitalised lines above the signature: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]; a position typed on two lines keeps them. */
export function signerLines(signer: DocumentSigner): string[] {
  const position = upper(signer.position)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const on = signer.onBehalf;
  if (!on) return position;
  if (on.form === 'Q') return [`Q. ${position.join(' ')}`];
  return [`${on.form}. ${upper(on.of.trim())}`, ...position];
}

/** "- Hội đồng TĐKT tỉnh;" … "- Lưu: VT, VP." (the last line closes the list with a full stop). */
export function noiNhanLines(entries: readonly NoiNhanEntry[]): string[] {
  return entries.map((e, i) => {
    const name = e.name.trim().replace(/[\s;.,]+$/u, '');
    const purpose = e.purpose?.trim() ? ` (${e.purpose.trim()})` : '';
    return `- ${name}${purpose}${i === entries.length - 1 ? '.' : ';'}`;
  });
}

/** The foot as HTML; `noiNhan` are lines from noiNhanLines. */
export function letterFootHtml(signer: DocumentSigner, noiNhan: readonly string[]): SafeHtml {
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin-top:16px;">
<tr>
<td width="50%" style="padding:0;vertical-align:top;text-align:left;font-size:13px;line-height:1.4;">
<div style="font-weight:bold;font-style:italic;font-size:14px;">${NOI_NHAN_LABEL}</div>
${noiNhan.map((line) => html`<div>${line}</div>\n`)}</td>
<td width="50%" style="padding:0;vertical-align:top;text-align:center;">
${signerLines(signer).map((l, i) => (i === 0 ? html`<div style="font-weight:bold;">${l}</div>` : html`\n<div style="font-weight:bold;">${l}</div>`))}
<div style="font-weight:bold;padding-top:72px;">${signer.name}</div>
</td>
</tr>
</table>`;
}

/** The foot as plain-text lines: the signer in the right half, then Nơi nhận. */
export function letterFootText(signer: DocumentSigner, noiNhan: readonly string[]): string[] {
  const signerCol = Math.floor(TEXT_WIDTH / 2);
  const block = [...signerLines(signer), '', '', signer.name];
  const signerWidth = Math.max(...block.map(width));
  const lines = block.map((l) => (l === '' ? '' : ' '.repeat(signerCol) + centre(l, signerWidth)));
  return [...lines, '', NOI_NHAN_LABEL, ...noiNhan];
}
