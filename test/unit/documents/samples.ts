import { awardDecisionDocument } from '../../../shared/documents/award-decision';
import { councilSubmissionDocument } from '../../../shared/documents/council-submission';
import { councilMinutesDocument } from '../../../shared/documents/council-minutes';
import { superiorSubmissionDocument } from '../../../shared/documents/superior-submission';
import { launchLetterDocument } from '../../../shared/documents/launch-letter';
import type { OfficialDocument } from '../../../shared/documents/model';
import { documentNumber } from '../../../shared/documents/number';
import { resultsNoticeDocument } from '../../../shared/documents/results-notice';
import { CLOSED_AT, campaign, names, noiNhan, outcomes, proposal, tally, unitNames } from './fixtures';

/** One document of each type, built from the fixtures: what the tests read back and render-samples.ts draws. */
export function samples(): Record<string, OfficialDocument> {
  return {
    'launch-letter': launchLetterDocument({ campaign, noiNhan, number: documentNumber('15/KH-SNgV'), date: '2023-03-05' }),
    'results-notice': resultsNoticeDocument({
      campaign,
      outcomes,
      unitNames,
      nơiNhận: noiNhan,
      finalizedAt: '2024-12-20T10:00:00+07:00',
      number: documentNumber('07/TB-SNgV'),
      signer: { name: 'Hoàng Văn Tùng', position: 'Phó Giám đốc', onBehalf: { form: 'KT', of: 'Giám đốc' } },
    }),
    'council-submission': councilSubmissionDocument({
      campaign,
      proposal,
      unitNames,
      closedAt: CLOSED_AT,
      number: documentNumber('12/TTr-VP'),
      date: '2024-12-12',
      issuedBy: { parentBody: 'Sở Ngoại vụ', issuingBody: 'Văn phòng' },
      addressee: 'Hội đồng Thi đua - Khen thưởng Sở Ngoại vụ',
      noiNhan: [{ name: 'Như trên' }, { name: 'Lưu: VT, VP' }],
      signer: { name: 'Lê Thị Hoa', position: 'Chánh Văn phòng' },
    }),
    'council-minutes': councilMinutesDocument({
      campaign,
      tally,
      ties: proposal.ties,
      names,
      number: documentNumber('02/BB-HĐTĐKT'),
      meeting: {
        date: '2024-12-18',
        start: '08 giờ 00',
        end: '10 giờ 30',
        venue: 'phòng họp tầng 3, Sở Ngoại vụ',
        chair: { name: 'Trịnh Tuyết Mai', position: 'Giám đốc Sở, Chủ tịch Hội đồng' },
        secretary: { name: 'Lê Thị Hoa', position: 'Chánh Văn phòng, Thư ký Hội đồng' },
        submission: documentNumber('12/TTr-VP'),
      },
    }),
    'award-decision': awardDecisionDocument({
      campaign,
      outcomes,
      unitNames,
      number: documentNumber('05/QĐ-SNgV'),
      date: '2024-12-20',
      agencyName: 'Sở Ngoại vụ',
      legalBasis: proposal.legalBasis,
      councilMinutes: { number: documentNumber('02/BB-HĐTĐKT'), date: '2024-12-18' },
      noiNhan: [{ name: 'Như Điều 3' }, { name: 'Lãnh đạo Sở' }, { name: 'Lưu: VT, VP' }],
    }),
    'superior-submission': superiorSubmissionDocument({
      campaign,
      outcomes,
      unitNames,
      number: documentNumber('18/TTr-SNgV'),
      date: '2024-12-22',
      agencyName: 'Sở Ngoại vụ',
      councilMinutes: { number: documentNumber('02/BB-HĐTĐKT'), date: '2024-12-18' },
      noiNhan: [{ name: 'Như trên' }, { name: 'Ban Thi đua - Khen thưởng, Sở Nội vụ', purpose: 'để thẩm định' }, { name: 'Lưu: VT, VP' }],
      signer: { name: 'Hoàng Văn Tùng', position: 'Phó Giám đốc', onBehalf: { form: 'KT', of: 'Giám đốc' } },
    }),
  };
}
