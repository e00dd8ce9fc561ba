import type { CollectiveNominee, DisciplineLevel, IndividualNominee, Initiative, Title } from '../../schemas/nomination';
import { taskRatingLabel } from '../../schemas/ratings';
import { formatShortDate } from '../vn-date';

/** How the minutes name titles, ratings, discipline levels, initiatives and nominees (Vietnamese, as a clerk writes them). */

/** The scoring core's labels (shared/schemas/ratings.ts): one wording of the four levels. */
export const RATING_LABEL = taskRatingLabel;

export const TITLE_LABEL: Record<Title, string> = {
  LDTT: 'Lao động tiên tiến',
  CSTDCS: 'Chiến sĩ thi đua cơ sở',
  CSTD_TINH: 'Chiến sĩ thi đua cấp tỉnh',
  TTLDTT: 'Tập thể lao động tiên tiến',
  TTLDXS: 'Tập thể lao động xuất sắc',
  GIAY_KHEN: 'Giấy khen',
  BANG_KHEN_TINH: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
  CO_THI_DUA_TINH: 'Cờ thi đua của Ủy ban nhân dân tỉnh',
};

/** Emulation titles are written in quotes after "danh hiệu"; forms of commendation are named as they are. */
export function awardPhrase(title: Title): string {
  if (title === 'GIAY_KHEN' || title === 'BANG_KHEN_TINH' || title === 'CO_THI_DUA_TINH') return TITLE_LABEL[title];
  return `danh hiệu “${TITLE_LABEL[title]}”`;
}

export const DISCIPLINE_LABEL: Record<DisciplineLevel, string> = {
  'khien-trach': 'khiển trách',
  'canh-cao': 'cảnh cáo',
  'ha-bac-luong': 'hạ bậc lương',
  'giang-chuc': 'giáng chức',
  'cach-chuc': 'cách chức',
  'buoc-thoi-viec': 'buộc thôi việc',
};

const RECOGNISED_LABEL: Record<Initiative['recognisedBy'], string> = { unit: 'cấp cơ sở', province: 'cấp tỉnh', national: 'cấp toàn quốc' };
const KIND_LABEL: Record<Initiative['kind'], string> = { initiative: 'sáng kiến', research: 'đề tài khoa học' };

export function initiativePhrase(i: Initiative): string {
  return `${KIND_LABEL[i.kind]} “${i.title}” được công nhận ở ${RECOGNISED_LABEL[i.recognisedBy]} ngày ${formatShortDate(i.recognisedOn)}`;
}

/** How the minutes name a nominee: "Ông Nguyễn Văn A", "Tập thể Phòng Tổng hợp". */
export interface Subject {
  upper: string;
  lower: string;
}

export function individualSubject(n: IndividualNominee): Subject {
  const [upper, lower] = n.gender === 'female' ? ['Bà', 'bà'] : ['Ông', 'ông'];
  return { upper: `${upper} ${n.name}`, lower: `${lower} ${n.name}` };
}

export function collectiveSubject(n: CollectiveNominee): Subject {
  // A unit already named "Tập thể …" is not named twice.
  const name = (n.name ?? `đơn vị ${n.unitId}`).replace(/^tập thể\s+/iu, '');
  return { upper: `Tập thể ${name}`, lower: `tập thể ${name}` };
}

/** "77,8" for 7/9: a share in % with one decimal and a decimal comma, by integer arithmetic (round half up). */
export function formatPct(num: number, den: number): string {
  if (den <= 0) return '0';
  const tenths = Math.floor((num * 2000 + den) / (2 * den));
  const whole = Math.floor(tenths / 10);
  const rest = tenths % 10;
  return rest === 0 ? String(whole) : `${whole},${rest}`;
}
