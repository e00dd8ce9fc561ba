import type { DocumentSigner, NoiNhanEntry, TableRowBlock } from '../mail/layout';
import { noiNhanLines } from '../mail/layout';
import { oneLine } from '../mail/phrases';
import { DECISIONS_TITLE, NO_NOMINATIONS, QUOTAS_TITLE, STANDINGS_TITLE, TIES_TITLE, UNVERIFIED_TITLE, proposalContent, type ProposalMailInput } from '../mail/proposal-mail';
import type { Campaign } from '../schemas/campaign';
import { formatPlaceDate } from '../domain/vn-date';
import { headOf, lowerFirst } from './common';
import { signatureOf, type OfficialDocument } from './model';
import type { DocumentNumber } from './number';

/**
 * The Tờ trình to the Council (trình Hội đồng Thi đua - Khen thưởng): the decision engine's proposal, as the proposal
 * mail says it (shared/mail/proposal-mail.ts): the rule set and its legal basis, the counts, the standings, the ties
 * left to the Council, the quotas, then every dossier with its proposal and the checks' sentences (each citing its rule).
 */

export interface CouncilSubmissionInput extends ProposalMailInput {
  campaign: ProposalMailInput['campaign'] & Pick<Campaign, 'parentBody' | 'place' | 'signer'>;
  number: DocumentNumber;
  /** Ngày ban hành, 'YYYY-MM-DD'. */
  date: string;
  /** Who submits it when not the agency itself: the Office, "VĂN PHÒNG" under the agency ("…/TTr-VP"). */
  issuedBy?: { issuingBody: string; parentBody?: string };
  /** Kính gửi: default "Hội đồng Thi đua - Khen thưởng". */
  addressee?: string;
  noiNhan: readonly NoiNhanEntry[];
  /** Default the campaign's signer. */
  signer?: DocumentSigner;
}

export const SUBMISSION_HEADING = 'TỜ TRÌNH';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'] as const;

export function councilSubmissionDocument(input: CouncilSubmissionInput): OfficialDocument {
  const { campaign, number } = input;
  const c = proposalContent(input);
  const addressee = input.addressee ?? 'Hội đồng Thi đua - Khen thưởng';
  const trichYeu = `Về việc xét khen thưởng trong ${lowerFirst(oneLine(campaign.title))}`;
  const blocks: OfficialDocument['blocks'] = [
    { kind: 'heading', text: SUBMISSION_HEADING, size: 'large' },
    { kind: 'heading', text: trichYeu, size: 'normal' },
    { kind: 'rule' },
    { kind: 'para', spans: [{ text: `Kính gửi: ${addressee}.` }], indent: false, align: 'center' },
    { kind: 'para', spans: [{ text: c.lead }], indent: true },
    { kind: 'para', spans: [{ text: c.ruleSet }], indent: true },
    { kind: 'list', lines: c.basis },
    ...(c.regime ? [{ kind: 'para' as const, spans: [{ text: c.regime }], indent: true }] : []),
    { kind: 'para', spans: [{ text: c.trace, italic: true }], indent: true },
    { kind: 'para', spans: [{ text: c.counts, bold: true }], indent: true },
  ];
  let n = 0;
  const section = (title: string) => blocks.push({ kind: 'section', text: `${ROMAN[n++]}. ${title}` });
  if (c.unverified.length > 0) {
    section(UNVERIFIED_TITLE);
    blocks.push({ kind: 'list', lines: c.unverified });
  }
  if (c.standingRows.length > 0) {
    section(STANDINGS_TITLE);
    blocks.push({
      kind: 'table',
      columns: c.standingHeaders.map((header, i) => ({ header, width: i === 1 ? '*' : i === 3 ? 150 : 55, ...(i === 0 || i === 2 ? { align: 'center' as const } : {}) })),
      rows: c.standingRows.map((cells) => ({ cells })),
    });
  }
  if (c.ties.length > 0) {
    section(TIES_TITLE);
    blocks.push({ kind: 'list', lines: c.ties });
  }
  if (c.quotas.length > 0) {
    section(QUOTAS_TITLE);
    blocks.push({ kind: 'list', lines: c.quotas });
  }
  section(DECISIONS_TITLE);
  if (c.rows.length === 0) blocks.push({ kind: 'para', spans: [{ text: NO_NOMINATIONS }], indent: true });
  else {
    const widths: (number | '*')[] = [28, '*', 100, 110, 95];
    blocks.push({
      kind: 'table',
      columns: c.headers.map((header, i) => ({ header, width: widths[i] ?? '*', ...(i === 0 ? { align: 'center' as const } : {}) })),
      // Under each dossier, across the row, the checks that decided it, each naming its rule (as the mail prints them).
      rows: c.rows.map((r): TableRowBlock => ({ cells: r.cells, ...(r.details ? { detail: [r.details.label, ...r.details.lines.map((l) => `- ${l}`)].join('\n') } : {}) })),
    });
  }
  blocks.push({ kind: 'para', spans: [{ text: `Kính trình ${addressee} xem xét, biểu quyết./.` }], indent: true });

  return {
    kind: 'council-submission',
    head: input.issuedBy ? { ...input.issuedBy, documentNumber: number } : headOf(campaign, number),
    placeDate: formatPlaceDate(oneLine(campaign.place), input.date),
    blocks,
    signatures: [signatureOf(input.signer ?? campaign.signer)],
    noiNhan: noiNhanLines(input.noiNhan),
    info: { title: `Tờ trình ${number}`, subject: trichYeu },
  };
}
