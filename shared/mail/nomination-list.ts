import type { Decision } from '../domain/decide';
import type { Campaign } from '../schemas/campaign';
import { html, type SafeHtml } from './html';
import { DETAIL_CELL_STYLE, cellStyles, headerRowHtml, tableHtml } from './layout';
import { oneLine, subjectLine } from './phrases';

/** How the results mails name a campaign, a unit and a nominee, and the table they list nominations in. */

/** What the proposal and unit mails read of a campaign (a Campaign fits). */
export type ResultMailCampaign = Pick<Campaign, 'documentNumber' | 'title' | 'issuingBody'>;

export const subjectOf = (campaign: Pick<Campaign, 'documentNumber'>, rest: string) => subjectLine(campaign.documentNumber, rest);

/** unitId → the name the directory prints; an id without a name is printed as it is. */
export const nameOf = (names: Readonly<Record<string, string>>, unitId: string) => oneLine(Object.hasOwn(names, unitId) ? (names[unitId] as string) : unitId);

/** A nominee as listed: "Trần Thị B - Văn phòng Sở"; a collective by its name, with the unit when it is another. */
export function nomineeLine(nominee: Decision['nominee'], unitId: string, names: Readonly<Record<string, string>>): string {
  const name = oneLine(nominee.name);
  if (nominee.kind === 'collective' && unitId === nominee.unitId) return name;
  return `${name} - ${nameOf(names, unitId)}`;
}

export interface TableRow {
  /** Cell texts, plain (the html tag escapes them; the text part prints them as they are). */
  cells: string[];
  /** Lines printed under the row across the table, plain. */
  details?: { label: string; lines: string[] };
}

/** One row per nomination, its number centred; a row's details (the checks that failed) spread under it across the others. */
export function nominationTableHtml(headers: readonly string[], rows: readonly TableRow[]): SafeHtml {
  const { td, no } = cellStyles('list');
  const out = [headerRowHtml('list', headers)];
  for (const r of rows) {
    out.push(html`<tr>${r.cells.map((c, i) => html`<td style="${i === 0 ? no : td}">${c}</td>`)}</tr>`);
    if (r.details && r.details.lines.length > 0) {
      const items = r.details.lines.map((l) => html`<li style="margin:0 0 2px;">${l}</li>`);
      const span = headers.length - 1;
      out.push(
        html`<tr><td style="${td}"></td><td colspan="${span}" style="${DETAIL_CELL_STYLE}background-color:#fafafa;"><em>${r.details.label}</em><ul style="margin:2px 0 0;padding-left:18px;">${items}</ul></td></tr>`,
      );
    }
  }
  return tableHtml(out);
}
