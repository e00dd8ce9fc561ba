import { launchLetterDocument } from '../../../shared/documents/launch-letter';
import type { OfficialDocument } from '../../../shared/documents/model';
import { documentNumber } from '../../../shared/documents/number';
import { resultsNoticeDocument } from '../../../shared/documents/results-notice';
import { campaign, noiNhan, outcomes, unitNames } from './fixtures';

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
  };
}
