import type { LetterInput } from './minimal-letter';
import { seedCampaign } from './launch-letter-2023';

/**
 * The seed letter of 2023 as the same Sở would write it for `year` (the demo's campaign runs
 * now, so its letter must speak of this year): the year in its text follows, and the legal bases
 * that were that year's own directives (Kế hoạch 252/KH-UBND of 2022, Chỉ thị 02/CT-UBND of 2023)
 * give way to the laws in force whatever the year. Nothing here claims to be a real document of
 * `year`: the title says it is the Sở's plan for the year, its number is the demo's.
 */
export function thisYearLetter(year: number): LetterInput {
  const retitle = (s: string) => s.replaceAll('năm 2023', `năm ${year}`).replaceAll('2023', String(year));
  const { date: _date, deadlines: _deadlines, ...seed } = seedCampaign;
  return {
    ...seed,
    title: retitle(seed.title),
    theme: retitle(seed.theme),
    ...(seed.slogan ? { slogan: seed.slogan } : {}),
    legalBases: [
      'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;',
      'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;',
      `Nhằm động viên công chức, viên chức, lao động phát huy truyền thống thi đua yêu nước, phấn đấu thực hiện thắng lợi nhiệm vụ chính trị năm ${year}, Sở Ngoại vụ phát động phong trào thi đua yêu nước năm ${year} như sau:`,
    ],
    goals: seed.goals.map(retitle),
    contents: seed.contents.map(retitle),
    implementation: seed.implementation.map(retitle),
    ...(seed.closing ? { closing: retitle(seed.closing) } : {}),
  } as LetterInput;
}
