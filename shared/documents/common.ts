import { formatPlaceDate } from '../domain/vn-date';
import type { DocumentSigner, NoiNhanEntry } from '../mail/layout';
import type { Outcome } from '../domain/results';
import { oneLine, upper } from '../mail/phrases';
import type { Campaign } from '../schemas/campaign';
import type { OfficialDocument } from './model';
import type { DocumentNumber } from './number';

/** What the builders share: the header from a campaign, dates in words, the head a signer signs for. */

/** "ngày 20 tháng 12 năm 2024" (NĐ 30/2020 Phụ lục I: day and months 1–2 padded), as a decision's annex cites it. */
export function longDate(isoDate: string): string {
  return formatPlaceDate('', isoDate).replace(/^, /, '');
}

export const capitalise = (s: string) => upper(s.charAt(0)) + s.slice(1);
export const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

export type HeadCampaign = Pick<Campaign, 'issuingBody' | 'parentBody'>;

/** What the documents issued from the finalized results take (the award decision, the Tờ trình đề nghị). */
export interface ResultsDocumentInput {
  campaign: Pick<Campaign, 'documentNumber' | 'title' | 'issuingBody' | 'parentBody' | 'place' | 'signer'>;
  /** The finalized outcomes; each document takes its own (`awarded`, `proposed`). */
  outcomes: readonly Outcome[];
  unitNames: Readonly<Record<string, string>>;
  number: DocumentNumber;
  /** Ngày ban hành, 'YYYY-MM-DD'. */
  date: string;
  /** The Council's minutes the vote is recorded in: "Căn cứ Biên bản họp Hội đồng … số 02/BB-HĐTĐKT ngày …". */
  councilMinutes?: { number: DocumentNumber; date: string };
  /**
   * The agency as a sentence names it ("Sở Ngoại vụ"); default the issuing body as typed, or, when typed in capitals
   * as a header prints it ("SỞ NGOẠI VỤ"), its first letter alone capitalised ("Sở ngoại vụ": pass the name to do better).
   */
  agencyName?: string;
  noiNhan: readonly NoiNhanEntry[];
  signer?: DocumentSigner;
}

export function headOf(campaign: HeadCampaign, number: DocumentNumber): OfficialDocument['head'] {
  return { issuingBody: campaign.issuingBody, ...(campaign.parentBody ? { parentBody: campaign.parentBody } : {}), documentNumber: number };
}

/** The head whose power the document uses: "Giám đốc" for a director or a deputy signing KT. GIÁM ĐỐC. */
export function headPosition(signer: DocumentSigner): string {
  const on = signer.onBehalf;
  return oneLine(on && on.form !== 'Q' ? on.of : signer.position);
}

/**
 * Lines of the preamble in italics (Phụ lục I mục II.8: căn cứ ban hành, in italics), each closed by ";", the last by
 * `last` ("Theo đề nghị của Chánh Văn phòng Sở." closes a decision's).
 */
export function preamble(lines: readonly string[], last: '.' | ';' | ',' = '.'): OfficialDocument['blocks'] {
  return lines.map((l, i) => ({
    kind: 'para' as const,
    spans: [{ text: `${oneLine(l).replace(/[;,.]$/u, '')}${i === lines.length - 1 ? last : ';'}`, italic: true }],
    indent: true,
  }));
}
