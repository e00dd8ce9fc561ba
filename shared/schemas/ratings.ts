import * as z from 'zod/mini';
import './locale';

/**
 * Mức độ hoàn thành nhiệm vụ: the four levels of NĐ 90/2020/NĐ-CP as amended by NĐ 48/2023/NĐ-CP
 * (docs/legal-sources.md §2.4). Every award gate reads it: LĐTT needs ≥ HTTNV, CSTĐCS LĐTT plus HTXSNV or an
 * initiative, TTLĐXS a collective at HTXSNV. zod/mini: the mail and rule labels below are read by
 * functions that need no other zod (issue 9 "Lighter bundles"); the input schemas embed it as is.
 */
export const TaskRating = z.enum(['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV']).check(z.describe('Mức độ hoàn thành nhiệm vụ (NĐ 90/2020/NĐ-CP, sửa đổi bởi NĐ 48/2023/NĐ-CP)'));
export type TaskRating = z.infer<typeof TaskRating>;

export const taskRatingLabel: Readonly<Record<TaskRating, string>> = {
  HTXSNV: 'Hoàn thành xuất sắc nhiệm vụ',
  HTTNV: 'Hoàn thành tốt nhiệm vụ',
  HTNV: 'Hoàn thành nhiệm vụ',
  KHTNV: 'Không hoàn thành nhiệm vụ',
};

/** Higher is better, in the decree's order of the levels. */
const level: Readonly<Record<TaskRating, number>> = { HTXSNV: 3, HTTNV: 2, HTNV: 1, KHTNV: 0 };

/** `ratingAtLeast('HTXSNV', 'HTTNV')` is true: the gate "hoàn thành tốt nhiệm vụ trở lên" (Law 2022 Art 24.1.a). */
export function ratingAtLeast(rating: TaskRating, minimum: TaskRating): boolean {
  return level[rating] >= level[minimum];
}
