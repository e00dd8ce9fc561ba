import * as z from 'zod/mini';
import './locale';

/*
 * The titles and forms, zod/mini: the results mail lists them in the enum's order, in functions
 * that need no other zod (issue 9 "Lighter bundles"). ./nomination.ts re-exports all of this under
 * the same names and embeds `Title` in its input schemas.
 */

/** Danh hiệu thi đua and hình thức khen thưởng a Sở handles (§2). */
export const Title = z.enum([
  'LDTT', // Lao động tiên tiến
  'CSTDCS', // Chiến sĩ thi đua cơ sở
  'CSTD_TINH', // Chiến sĩ thi đua cấp tỉnh
  'TTLDTT', // Tập thể lao động tiên tiến
  'TTLDXS', // Tập thể lao động xuất sắc
  'GIAY_KHEN', // Giấy khen (hình thức)
  'BANG_KHEN_TINH', // Bằng khen của Chủ tịch UBND tỉnh (hình thức)
  'CO_THI_DUA_TINH', // Cờ thi đua của UBND tỉnh
]);
export type Title = z.infer<typeof Title>;

export const INDIVIDUAL_TITLES: readonly Title[] = ['LDTT', 'CSTDCS', 'CSTD_TINH', 'GIAY_KHEN', 'BANG_KHEN_TINH'];
export const COLLECTIVE_TITLES: readonly Title[] = ['TTLDTT', 'TTLDXS', 'GIAY_KHEN', 'BANG_KHEN_TINH', 'CO_THI_DUA_TINH'];
/** Forms of commendation (Law Art 9) as opposed to emulation titles (Art 19, 20): registration does not gate them. */
export const FORMS: readonly Title[] = ['GIAY_KHEN', 'BANG_KHEN_TINH'];
