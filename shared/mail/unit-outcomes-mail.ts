import { OUTCOME_LABEL, voteText, type Outcome, type OutcomeKind } from '../domain/results';
import { formatDeadline } from '../domain/vn-date';
import type { Unit } from '../schemas/directory';
import { html } from './html';
import { addresseeHtml, htmlDocument, paragraphHtml, shortLetterHeadHtml, shortLetterText, type RenderedMail } from './layout';
import { nominationTableHtml, subjectOf, type ResultMailCampaign, type TableRow } from './nomination-list';
import { campaignRef, oneLine } from './phrases';

export interface UnitOutcomesInput {
  campaign: ResultMailCampaign;
  unit: Pick<Unit, 'unitId' | 'name'>;
  /** This unit's nominations only (nominatingUnitId = unit.unitId). */
  outcomes: readonly Outcome[];
  finalizedAt: string;
}

export const UNIT_OUTCOMES_HEADING = 'KẾT QUẢ XÉT KHEN THƯỞNG';

/**
 * "Kết quả xét khen thưởng các hồ sơ của <unit>": every nomination the unit sent, with the council's vote where there
 * was one, the outcome and its reason. Refuses an outcome of another unit: a unit must not read another's results.
 */
export function renderUnitOutcomes(input: UnitOutcomesInput): RenderedMail {
  const { campaign, unit, outcomes, finalizedAt } = input;
  const foreign = outcomes.find((o) => o.nominatingUnitId !== unit.unitId);
  if (foreign) {
    throw new Error(`unit outcomes mail: nomination ${foreign.nominationId} was sent by ${foreign.nominatingUnitId}, not by ${unit.unitId}`);
  }
  const name = oneLine(unit.name);
  const subject = subjectOf(campaign, `Kết quả xét khen thưởng các hồ sơ của ${name}`);
  const heading = UNIT_OUTCOMES_HEADING;
  const at = formatDeadline(finalizedAt);
  const count = (k: OutcomeKind) => outcomes.filter((o) => o.outcome === k).length;

  const lead =
    outcomes.length > 0
      ? `Việc bình xét thi đua, khen thưởng theo ${campaignRef(campaign)} đã hoàn tất lúc ${at}. Kết quả đối với ${outcomes.length} hồ sơ do đơn vị đề nghị như sau:`
      : `Việc bình xét thi đua, khen thưởng theo ${campaignRef(campaign)} đã hoàn tất lúc ${at}. Hệ thống không ghi nhận hồ sơ đề nghị khen thưởng nào của đơn vị trong đợt này.`;
  // A proposal is counted apart, never as "được khen thưởng": the agency may not award it (docs/legal-sources.md §1.9).
  const proposedCount = count('proposed') > 0 ? `; đề nghị cấp trên xét tặng: ${count('proposed')}` : '';
  const counts = `Được khen thưởng: ${count('awarded')}${proposedCount}; không được khen thưởng: ${count('not-awarded')}; tạm hoãn xét: ${count('deferred')}.`;

  const headers = ['STT', 'Họ tên / Tập thể', 'Danh hiệu / Hình thức', 'Biểu quyết', 'Kết quả', 'Lý do'];
  const rows = outcomes.map(
    (o, i): TableRow => ({
      cells: [String(i + 1), oneLine(o.nominee.name), o.titleLabel, voteText(o.vote) || '—', OUTCOME_LABEL[o.outcome], o.reason],
    }),
  );

  const htmlBody = [
    shortLetterHeadHtml(campaign.issuingBody, heading),
    addresseeHtml(name),
    paragraphHtml(lead),
    ...(outcomes.length > 0 ? [paragraphHtml(html`<strong>${counts}</strong>`), nominationTableHtml(headers, rows)] : []),
  ];
  const textRows = rows.flatMap((r) => {
    const [no, nominee, title, vote, result, reason] = r.cells;
    return [`${no}. ${nominee}`, `   Danh hiệu / Hình thức: ${title}`, `   Biểu quyết: ${vote}`, `   Kết quả: ${result}`, `   Lý do: ${reason}`, ''];
  });
  const textBody = [`Kính gửi: ${name}`, '', lead, ...(outcomes.length > 0 ? ['', counts, '', ...textRows.slice(0, -1)] : [])];
  return { subject, html: htmlDocument(subject, htmlBody), text: shortLetterText(campaign.issuingBody, heading, textBody) };
}
