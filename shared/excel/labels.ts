import type { RecipientGroupKind } from '../schemas/directory-items';
import type { DisciplineLevel } from '../schemas/nomination';
import { taskRatingLabel, type TaskRating } from '../schemas/ratings';
import type { Title } from '../schemas/titles';
import { DISCIPLINE_LABEL, TITLE_LABEL } from '../domain/rules/labels';

/**
 * The coded columns of the import templates: each code with the label the sheet shows (the dropdown's entry, what an
 * export writes) and the other spellings an Office types or pastes (the code itself, the abbreviation used in its own
 * spreadsheets: "CSTĐCS", "HTXSNV"). Matching ignores case, surrounding spaces and Unicode composition.
 */
export interface Choice<C extends string = string> {
  code: C;
  label: string;
  aliases: readonly string[];
}

export interface ChoiceList<C extends string = string> {
  /** The list's name on the "Danh mục" sheet. */
  name: string;
  choices: readonly Choice<C>[];
  /** Refuse anything else in the dropdown (Excel's "Stop"); otherwise Excel only warns and the import decides. */
  strict: boolean;
}

/** NFC, lower case (Vietnamese), inner spaces collapsed: "  Nữ " and "NỮ" are the same choice. */
export const normaliseLabel = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

export function findChoice<C extends string>(list: ChoiceList<C>, raw: string): C | undefined {
  const n = normaliseLabel(raw);
  for (const c of list.choices) {
    if (normaliseLabel(c.label) === n || normaliseLabel(c.code) === n || c.aliases.some((a) => normaliseLabel(a) === n)) return c.code;
  }
  return undefined;
}

export function labelOf<C extends string>(list: ChoiceList<C>, code: C): string {
  return list.choices.find((c) => c.code === code)?.label ?? code;
}

export const GENDERS: ChoiceList<'female' | 'male'> = {
  name: 'Giới tính',
  strict: true,
  choices: [
    { code: 'male', label: 'Nam', aliases: [] },
    { code: 'female', label: 'Nữ', aliases: [] },
  ],
};

/** The abbreviations Offices write in their own lists (as in their decisions' annexes). */
const TITLE_ABBREVIATIONS: Readonly<Record<Title, readonly string[]>> = {
  LDTT: ['LĐTT'],
  CSTDCS: ['CSTĐCS', 'CSTĐ cơ sở'],
  CSTD_TINH: ['CSTĐ tỉnh', 'CSTĐ cấp tỉnh', 'CSTĐT'],
  TTLDTT: ['TTLĐTT'],
  TTLDXS: ['TTLĐXS'],
  GIAY_KHEN: ['GK'],
  BANG_KHEN_TINH: ['Bằng khen', 'Bằng khen UBND tỉnh', 'Bằng khen của Chủ tịch UBND tỉnh', 'BK'],
  CO_THI_DUA_TINH: ['Cờ thi đua', 'Cờ thi đua của UBND tỉnh', 'CTĐ'],
};

const titleList = (name: string, titles: readonly Title[]): ChoiceList<Title> => ({
  name,
  strict: false,
  choices: titles.map((t) => ({ code: t, label: TITLE_LABEL[t], aliases: TITLE_ABBREVIATIONS[t] })),
});

export const ALL_TITLES = titleList('Danh hiệu', ['LDTT', 'CSTDCS', 'CSTD_TINH', 'TTLDTT', 'TTLDXS', 'GIAY_KHEN', 'BANG_KHEN_TINH', 'CO_THI_DUA_TINH']);
export const INDIVIDUAL_TITLE_LIST = titleList('Danh hiệu cá nhân', ['LDTT', 'CSTDCS', 'CSTD_TINH', 'GIAY_KHEN', 'BANG_KHEN_TINH']);
export const COLLECTIVE_TITLE_LIST = titleList('Danh hiệu tập thể', ['TTLDTT', 'TTLDXS', 'GIAY_KHEN', 'BANG_KHEN_TINH', 'CO_THI_DUA_TINH']);

/** The short form a history cell is written with ("2023: CSTĐCS"): the first abbreviation, else the label. */
export const titleShort = (t: Title) => TITLE_ABBREVIATIONS[t][0] ?? TITLE_LABEL[t];

export const RATINGS: ChoiceList<TaskRating> = {
  name: 'Mức độ hoàn thành nhiệm vụ',
  strict: false,
  choices: (['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'] as const).map((r) => ({ code: r, label: taskRatingLabel[r], aliases: [] })),
};

export const GROUP_KINDS: ChoiceList<RecipientGroupKind> = {
  name: 'Loại nhóm',
  strict: true,
  choices: [
    { code: 'email', label: 'Gửi thư điện tử', aliases: ['Thư điện tử', 'Email'] },
    { code: 'archive', label: 'Lưu', aliases: ['Lưu trữ', 'Lưu: VT'] },
    { code: 'publication', label: 'Đăng tin', aliases: ['Đăng trang thông tin điện tử', 'Trang thông tin điện tử'] },
  ],
};

export type DisciplineStatus = 'none' | 'pending' | 'in-effect' | 'served';

export const DISCIPLINE_STATUSES: ChoiceList<DisciplineStatus> = {
  name: 'Tình trạng kỷ luật',
  strict: true,
  choices: [
    { code: 'none', label: 'Không', aliases: ['Không bị kỷ luật'] },
    { code: 'pending', label: 'Đang xem xét kỷ luật hoặc điều tra, thanh tra', aliases: ['Đang xem xét'] },
    { code: 'in-effect', label: 'Đang thi hành kỷ luật', aliases: ['Đang thi hành'] },
    { code: 'served', label: 'Đã chấp hành xong kỷ luật', aliases: ['Đã chấp hành xong'] },
  ],
};

export const DISCIPLINE_LEVELS: ChoiceList<DisciplineLevel> = {
  name: 'Hình thức kỷ luật',
  strict: true,
  choices: (Object.entries(DISCIPLINE_LABEL) as [DisciplineLevel, string][]).map(([code, label]) => ({ code, label: label[0]!.toLocaleUpperCase('vi') + label.slice(1), aliases: [] })),
};

export const GROUNDS: ChoiceList<'record' | 'movement'> = {
  name: 'Căn cứ đề nghị Bằng khen',
  strict: true,
  choices: [
    { code: 'record', label: 'Thành tích các năm liên tục', aliases: [] },
    { code: 'movement', label: 'Thành tích trong phong trào', aliases: [] },
  ],
};

export const YES_NO: ChoiceList<'yes' | 'no'> = {
  name: 'Có/Không',
  strict: true,
  choices: [
    { code: 'yes', label: 'Có', aliases: ['x', 'true'] },
    { code: 'no', label: 'Không', aliases: ['false'] },
  ],
};
