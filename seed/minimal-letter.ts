import type { z } from 'zod';
import type { CampaignInput } from '../shared/schemas/campaign';

/** What POST /campaigns takes: CampaignInput before parsing (defaults not yet applied). */
export type LetterInput = z.input<typeof CampaignInput>;

/**
 * The smallest launch letter CampaignInput accepts: one paragraph per section, signed by the
 * Director of Sở Ngoại vụ Lạng Sơn. Tests and benches pass what they care about as `over`
 * (documentNumber, title, recipientGroups, deadlines, ...); `over` wins, key by key. Its default
 * deadline (10/12/2023) keeps the domain tests' 2023 law; a letter to be issued needs `deadlines`
 * ahead of now, since issuing refuses a letter past its nomination deadline.
 */
export function minimalLetter(over: Partial<LetterInput> = {}): LetterInput {
  return {
    documentNumber: '15/KH-SNgV',
    title: 'Phong trào thi đua năm 2023',
    issuingBody: 'SỞ NGOẠI VỤ',
    place: 'Lạng Sơn',
    theme: 'Chủ đề',
    legalBases: ['Căn cứ'],
    goals: ['Mục tiêu'],
    contents: ['Nội dung'],
    implementation: ['Tổ chức thực hiện'],
    signer: { name: 'Trịnh Tuyết Mai', position: 'Giám đốc' },
    recipientGroups: ['LANH_DAO_SO'],
    deadlines: { nominations: '2023-12-10T17:00:00+07:00' },
    ...over,
  };
}
