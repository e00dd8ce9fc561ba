import type * as z from 'zod/mini';
import { RecipientGroupInput, UnitInput } from '../schemas/directory';
import { code, id } from '../schemas/fields';
import { Nomination } from '../schemas/nomination';
import { PersonInput } from '../schemas/person';
import type { TaskRating } from '../schemas/ratings';
import type { Title } from '../schemas/titles';
import {
  ALL_TITLES,
  COLLECTIVE_TITLE_LIST,
  type ChoiceList,
  DISCIPLINE_LEVELS,
  DISCIPLINE_STATUSES,
  GENDERS,
  GROUNDS,
  GROUP_KINDS,
  INDIVIDUAL_TITLE_LIST,
  RATINGS,
  YES_NO,
  labelOf,
  titleShort,
} from './labels';

/**
 * The four import kinds (issue 13 "Import from .xlsx"): for each, its sheets, each sheet's columns (header, what a cell
 * holds, the note the "Hướng dẫn" sheet prints), how a row's cells become the input the project's zod schema parses,
 * and back (for exports in the template's layout, so an exported list re-imports as it is). One definition serves the
 * template, the import and the export.
 */

export const IMPORT_KINDS = ['units', 'staff', 'recipient-groups', 'nominations'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** How a cell is read: the converter in ./import.ts and the writer in ./export.ts follow it. */
export type CellType =
  | { kind: 'text' }
  /** A code or id: stored as text so "0123" keeps its zero (the template formats the column as Text). */
  | { kind: 'id' }
  | { kind: 'date' }
  | { kind: 'integer'; emptyIsZero?: boolean }
  | { kind: 'choice'; list: ChoiceList }
  /** Addresses separated by ";", "," or line breaks (or spaces) in one cell. */
  | { kind: 'emails' }
  /** "2023: CSTĐCS; 2024: CSTĐCS": year, colon, titles (by label, abbreviation or code) separated by "," within a year. */
  | { kind: 'title-history' }
  /** "2023: HTXSNV; 2024: HTTNV". */
  | { kind: 'rating-history' };

export interface ImportColumn {
  /** The key of the row record the converters fill. */
  field: string;
  header: string;
  type: CellType;
  /** An empty cell is an error (before the schema sees the row). */
  required: boolean;
  /** What the "Hướng dẫn" sheet says of the column. */
  note: string;
  example: string;
  width: number;
  /** Zod issue paths (dot-joined) this column answers for: an issue is named on the column with the longest matching prefix. */
  paths: readonly string[];
  /** The column names a unit of the directory: the template may list the known ids, the import may check them. */
  ref?: 'unit' | 'person';
}

export type Cells = Record<string, unknown>;

export interface SchemaPart {
  /** Where this part's issues sit in the row's paths. */
  at: readonly string[];
  schema: z.ZodMiniType;
  value: unknown;
}

export interface ImportSheet<V = unknown> {
  name: string;
  columns: readonly ImportColumn[];
  /** The row's cells, converted, to what the schemas parse. */
  parts(cells: Cells): SchemaPart[];
  /** The parsed parts, joined into the value an import row carries. */
  join(parsed: unknown[]): V;
  /** Back to cells, for an export in this layout. */
  cells(value: V): Cells;
  /** The row's identity within the file (and across imports: the same key is the same record). */
  key(value: V): string;
  /** Where a duplicate key is reported. */
  keyColumns(value: V): readonly string[];
  /** What the duplicate shares, for the message. */
  keyText: string;
}

export interface ImportKindDef {
  kind: ImportKind;
  /** The Vietnamese name of the list, for the notes sheet and messages. */
  title: string;
  sheets: readonly ImportSheet[];
}

const col = (c: Omit<ImportColumn, 'paths' | 'required' | 'width' | 'example'> & Partial<Pick<ImportColumn, 'paths' | 'required' | 'width' | 'example'>>): ImportColumn => ({
  required: false,
  width: 18,
  example: '',
  ...c,
  paths: c.paths ?? [c.field],
});

/** Drop undefined members: a strict schema reads a present `undefined` as a value. */
function defined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

const SEP = '; ';
export const historyText = (entries: readonly { year: number; label: string }[]) => {
  const byYear = new Map<number, string[]>();
  for (const e of [...entries].sort((a, b) => a.year - b.year)) byYear.set(e.year, [...(byYear.get(e.year) ?? []), e.label]);
  return [...byYear].map(([y, ls]) => `${y}: ${ls.join(', ')}`).join(SEP);
};

// ── Units ──────────────────────────────────────────────────────────────────────────────────

export type UnitRow = { unitId: string } & UnitInput;

const units: ImportSheet<UnitRow> = {
  name: 'Đơn vị',
  columns: [
    col({
      field: 'unitId',
      header: 'Mã đơn vị',
      type: { kind: 'id' },
      required: true,
      note: 'Mã do Văn phòng đặt, không trùng trong cơ quan: 1–64 ký tự chữ không dấu, số, "_" hoặc "-". Nhập lại cùng mã là cập nhật đơn vị đó.',
      example: 'VP',
      width: 16,
    }),
    col({ field: 'name', header: 'Tên đơn vị', type: { kind: 'text' }, required: true, note: 'Tên đơn vị như ghi trong văn bản (tối đa 300 ký tự).', example: 'Văn phòng Sở', width: 36 }),
    col({
      field: 'emails',
      header: 'Thư điện tử',
      type: { kind: 'emails' },
      required: true,
      note: 'Một hoặc nhiều địa chỉ thư điện tử nhận văn bản của đơn vị (tối đa 200), cách nhau bằng dấu ";" hoặc xuống dòng trong cùng một ô.',
      example: 'vanphong@songv.gov.vn; vt@songv.gov.vn',
      width: 40,
    }),
    col({
      field: 'parentUnitId',
      header: 'Mã đơn vị cấp trên',
      type: { kind: 'id' },
      note: 'Để trống nếu là đơn vị trực thuộc cơ quan. Nếu là đơn vị cấp dưới (phòng thuộc Sở), ghi mã đơn vị cấp trên: đơn vị đó phải có trong tệp này hoặc đã có trong danh bạ.',
      example: '',
      width: 20,
      ref: 'unit',
    }),
  ],
  parts: (c) => [
    { at: ['unitId'], schema: id, value: c.unitId },
    { at: [], schema: UnitInput, value: defined({ name: c.name, emails: c.emails ?? [], parentUnitId: c.parentUnitId }) },
  ],
  join: ([unitId, rest]) => ({ unitId: unitId as string, ...(rest as UnitInput) }),
  cells: (u) => ({ unitId: u.unitId, name: u.name, emails: u.emails, parentUnitId: u.parentUnitId }),
  key: (u) => u.unitId,
  keyColumns: () => ['unitId'],
  keyText: 'mã đơn vị',
};

// ── Staff ──────────────────────────────────────────────────────────────────────────────────

export type StaffRow = { personId: string } & PersonInput;

const staff: ImportSheet<StaffRow> = {
  name: 'Cán bộ',
  columns: [
    col({
      field: 'personId',
      header: 'Mã cán bộ',
      type: { kind: 'id' },
      required: true,
      note: 'Mã cán bộ, công chức, viên chức của cơ quan (không trùng trong cơ quan): 1–64 ký tự chữ không dấu, số, "_" hoặc "-". Hồ sơ thành tích qua các năm gắn với mã này.',
      example: 'CB0123',
      width: 16,
    }),
    col({ field: 'name', header: 'Họ và tên', type: { kind: 'text' }, required: true, note: 'Họ và tên đầy đủ, như ghi trong quyết định (tối đa 200 ký tự).', example: 'Nguyễn Thị Hoa', width: 28 }),
    col({ field: 'gender', header: 'Giới tính', type: { kind: 'choice', list: GENDERS }, required: true, note: 'Chọn "Nam" hoặc "Nữ".', example: 'Nữ', width: 10 }),
    col({ field: 'unitId', header: 'Mã đơn vị', type: { kind: 'id' }, required: true, note: 'Mã đơn vị nơi cán bộ công tác (một đơn vị trong danh bạ).', example: 'VP', width: 16, ref: 'unit' }),
    col({ field: 'position', header: 'Chức vụ', type: { kind: 'text' }, note: 'Chức vụ hoặc chức danh, ví dụ "Chuyên viên", "Trưởng phòng". Có thể để trống.', example: 'Chuyên viên', width: 22 }),
    col({
      field: 'hireDate',
      header: 'Ngày tuyển dụng',
      type: { kind: 'date' },
      required: true,
      note: 'Ngày tuyển dụng, nhập kiểu ngày của Excel hoặc dạng dd/mm/yyyy (ví dụ 01/09/2015).',
      example: '01/09/2015',
      width: 16,
    }),
  ],
  parts: (c) => [
    { at: ['personId'], schema: id, value: c.personId },
    { at: [], schema: PersonInput, value: defined({ name: c.name, gender: c.gender, unitId: c.unitId, position: c.position, hireDate: c.hireDate }) },
  ],
  join: ([personId, rest]) => ({ personId: personId as string, ...(rest as PersonInput) }),
  cells: (p) => ({ personId: p.personId, name: p.name, gender: p.gender, unitId: p.unitId, position: p.position, hireDate: p.hireDate }),
  key: (p) => p.personId,
  keyColumns: () => ['personId'],
  keyText: 'mã cán bộ',
};

// ── Recipient groups ───────────────────────────────────────────────────────────────────────

export type RecipientGroupRow = { code: string } & RecipientGroupInput;

const groups: ImportSheet<RecipientGroupRow> = {
  name: 'Nơi nhận',
  columns: [
    col({
      field: 'code',
      header: 'Mã nhóm',
      type: { kind: 'id' },
      required: true,
      note: 'Mã nhóm nơi nhận, viết HOA: 1–64 ký tự A–Z, 0–9, "_" hoặc "-", ví dụ "UBND_TINH". Nhập lại cùng mã là cập nhật nhóm đó.',
      example: 'HDTDKT_TINH',
      width: 18,
    }),
    col({ field: 'name', header: 'Tên nhóm', type: { kind: 'text' }, required: true, note: 'Tên in ở mục "Nơi nhận" của văn bản (tối đa 300 ký tự).', example: 'Hội đồng TĐKT tỉnh', width: 32 }),
    col({
      field: 'kind',
      header: 'Loại nhóm',
      type: { kind: 'choice', list: GROUP_KINDS },
      required: true,
      note: '"Gửi thư điện tử": văn bản được gửi đến các địa chỉ của nhóm; "Lưu": chỉ lưu (Lưu: VT, VP), không gửi; "Đăng tin": đăng trên trang thông tin điện tử.',
      example: 'Gửi thư điện tử',
      width: 18,
    }),
    col({ field: 'purpose', header: 'Mục đích', type: { kind: 'text' }, note: 'Để thực hiện, b/c, để biết, để đăng tin, lưu… Có thể để trống.', example: 'b/c', width: 18 }),
    col({
      field: 'emails',
      header: 'Thư điện tử',
      type: { kind: 'emails' },
      note: 'Các địa chỉ thư điện tử của nhóm, cách nhau bằng dấu ";" hoặc xuống dòng. Bắt buộc với nhóm "Gửi thư điện tử".',
      example: 'hdtdkt@tinh.gov.vn',
      width: 40,
    }),
  ],
  parts: (c) => [
    { at: ['code'], schema: code, value: c.code },
    { at: [], schema: RecipientGroupInput, value: defined({ name: c.name, kind: c.kind, purpose: c.purpose, emails: c.emails }) },
  ],
  join: ([groupCode, rest]) => ({ code: groupCode as string, ...(rest as RecipientGroupInput) }),
  cells: (g) => ({ code: g.code, name: g.name, kind: g.kind, purpose: g.purpose, emails: g.emails }),
  key: (g) => g.code,
  keyColumns: () => ['code'],
  keyText: 'mã nhóm',
};

// ── Nominations ────────────────────────────────────────────────────────────────────────────

export type NominationRow = Nomination;

const titleCol = (list: ChoiceList) =>
  col({
    field: 'title',
    header: 'Danh hiệu, hình thức đề nghị',
    type: { kind: 'choice', list },
    required: true,
    note: `Chọn trong danh sách: ${list.choices.map((c) => c.label).join('; ')}. Cũng nhận chữ viết tắt (${list.choices.map((c) => c.aliases[0] ?? c.code).join(', ')}).`,
    example: list.choices[0]!.label,
    width: 30,
  });
const groundsCol = col({
  field: 'grounds',
  header: 'Căn cứ đề nghị Bằng khen',
  type: { kind: 'choice', list: GROUNDS },
  note: 'Chỉ dùng khi đề nghị Bằng khen: "Thành tích các năm liên tục" (mặc định) hoặc "Thành tích trong phong trào". Để trống với danh hiệu khác.',
  width: 24,
});
const ratingCol = (at: string) =>
  col({
    field: 'taskRating',
    header: 'Mức độ hoàn thành nhiệm vụ',
    type: { kind: 'choice', list: RATINGS },
    required: true,
    note: 'Mức xếp loại năm đánh giá: Hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ (cũng nhận HTXSNV, HTTNV, HTNV, KHTNV).',
    example: 'Hoàn thành xuất sắc nhiệm vụ',
    width: 28,
    paths: [at],
  });
const pastTitlesCol = (at: string) =>
  col({
    field: 'pastTitles',
    header: 'Danh hiệu các năm trước',
    type: { kind: 'title-history' },
    note: 'Các danh hiệu, hình thức đã được tặng, mỗi năm một mục: "năm: danh hiệu", các mục cách nhau bằng dấu ";". Ví dụ "2023: CSTĐCS; 2024: CSTĐCS". Danh hiệu ghi theo tên, chữ viết tắt hoặc mã.',
    example: '2023: CSTĐCS; 2024: CSTĐCS',
    width: 30,
    paths: [at],
  });
const pastRatingsCol = (at: string) =>
  col({
    field: 'pastRatings',
    header: 'Xếp loại các năm trước',
    type: { kind: 'rating-history' },
    note: 'Mức hoàn thành nhiệm vụ các năm trước: "năm: mức", cách nhau bằng ";". Ví dụ "2023: HTXSNV; 2024: HTXSNV".',
    example: '2023: HTXSNV; 2024: HTXSNV',
    width: 28,
    paths: [at],
  });
const disciplineCols = (at: string) => [
  col({
    field: 'disciplineStatus',
    header: 'Tình trạng kỷ luật',
    type: { kind: 'choice', list: DISCIPLINE_STATUSES },
    note: 'Để trống hoặc "Không" nếu không bị kỷ luật. "Đang xem xét…" khi đang xem xét kỷ luật hoặc đang bị điều tra, thanh tra, giải quyết khiếu nại (NĐ 152/2025/NĐ-CP Điều 4 khoản 4).',
    width: 26,
    paths: [`${at}.status`, at],
  }),
  col({
    field: 'disciplineLevel',
    header: 'Hình thức kỷ luật',
    type: { kind: 'choice', list: DISCIPLINE_LEVELS },
    note: 'Bắt buộc khi "Đang thi hành kỷ luật" hoặc "Đã chấp hành xong kỷ luật": Khiển trách, Cảnh cáo, Hạ bậc lương, Giáng chức, Cách chức, Buộc thôi việc.',
    width: 18,
    paths: [`${at}.level`],
  }),
  col({
    field: 'disciplineEndedOn',
    header: 'Ngày chấp hành xong kỷ luật',
    type: { kind: 'date' },
    note: 'Chỉ ghi khi "Đã chấp hành xong kỷ luật": ngày kết thúc thời hạn kỷ luật (dd/mm/yyyy).',
    width: 18,
    paths: [`${at}.endedOn`],
  }),
];
const summaryCol = col({
  field: 'achievementSummary',
  header: 'Tóm tắt thành tích',
  type: { kind: 'text' },
  required: true,
  note: 'Tóm tắt thành tích làm căn cứ đề nghị (tối đa 8.000 ký tự).',
  example: 'Hoàn thành xuất sắc nhiệm vụ được giao…',
  width: 50,
});

const discipline = (c: Cells) =>
  c.disciplineStatus === undefined && c.disciplineLevel === undefined && c.disciplineEndedOn === undefined
    ? undefined
    : defined({ status: c.disciplineStatus, level: c.disciplineLevel, endedOn: c.disciplineEndedOn });

const disciplineCells = (d: { status: string; level?: string | undefined; endedOn?: string | undefined } | undefined) =>
  d && d.status !== 'none' ? { disciplineStatus: d.status, disciplineLevel: d.level, disciplineEndedOn: d.endedOn } : {};

type Individual = Extract<Nomination['nominee'], { kind: 'individual' }>;
type Collective = Extract<Nomination['nominee'], { kind: 'collective' }>;

const individuals: ImportSheet<NominationRow> = {
  name: 'Cá nhân',
  columns: [
    col({
      field: 'personId',
      header: 'Mã cán bộ',
      type: { kind: 'id' },
      note: 'Mã cán bộ trong danh sách cán bộ của cơ quan. Nên ghi: hồ sơ thành tích các năm được đối chiếu theo mã này. Để trống thì người được đề nghị nhận diện theo đơn vị, họ tên và ngày tuyển dụng.',
      example: 'CB0123',
      width: 14,
      paths: ['nominee.personId'],
      ref: 'person',
    }),
    col({ field: 'name', header: 'Họ và tên', type: { kind: 'text' }, required: true, note: 'Họ và tên người được đề nghị.', example: 'Nguyễn Thị Hoa', width: 26, paths: ['nominee.name'] }),
    col({ field: 'gender', header: 'Giới tính', type: { kind: 'choice', list: GENDERS }, required: true, note: 'Nam hoặc Nữ.', example: 'Nữ', width: 10, paths: ['nominee.gender'] }),
    col({
      field: 'unitId',
      header: 'Mã đơn vị',
      type: { kind: 'id' },
      required: true,
      note: 'Mã đơn vị của người được đề nghị (đơn vị dùng để xếp hạng khi xét tỷ lệ).',
      example: 'VP',
      width: 14,
      paths: ['nominee.unitId'],
      ref: 'unit',
    }),
    col({
      field: 'memberOf',
      header: 'Mã tập thể',
      type: { kind: 'id' },
      note: 'Tập thể (phòng, ban) mà người này được tính là thành viên; để trống nếu trùng với "Mã đơn vị".',
      width: 14,
      paths: ['nominee.memberOf'],
      ref: 'unit',
    }),
    col({ field: 'hireDate', header: 'Ngày tuyển dụng', type: { kind: 'date' }, required: true, note: 'Ngày tuyển dụng (dd/mm/yyyy).', example: '01/09/2015', width: 16, paths: ['nominee.hireDate'] }),
    titleCol(INDIVIDUAL_TITLE_LIST),
    groundsCol,
    ratingCol('nominee.taskRating'),
    pastTitlesCol('nominee.pastTitles'),
    pastRatingsCol('nominee.pastRatings'),
    ...disciplineCols('nominee.discipline'),
    summaryCol,
  ],
  parts: (c) => [
    {
      at: [],
      schema: Nomination,
      value: defined({
        nominee: defined({
          kind: 'individual',
          personId: c.personId,
          name: c.name,
          gender: c.gender,
          unitId: c.unitId,
          memberOf: c.memberOf,
          hireDate: c.hireDate,
          taskRating: c.taskRating,
          discipline: discipline(c),
          pastTitles: c.pastTitles,
          pastRatings: c.pastRatings,
        }),
        title: c.title,
        achievementSummary: c.achievementSummary,
        grounds: c.grounds,
      }),
    },
  ],
  join: ([n]) => n as Nomination,
  cells: (n) => {
    const p = n.nominee as Individual;
    return {
      personId: p.personId,
      name: p.name,
      gender: p.gender,
      unitId: p.unitId,
      memberOf: p.memberOf,
      hireDate: p.hireDate,
      title: n.title,
      grounds: n.grounds,
      taskRating: p.taskRating,
      pastTitles: p.pastTitles,
      pastRatings: p.pastRatings,
      ...disciplineCells(p.discipline),
      achievementSummary: n.achievementSummary,
    };
  },
  key: (n) => {
    const p = n.nominee as Individual;
    // As the decision engine keys a person (personKeyOf): the staff id, else unit, name and hire date.
    return `individual:${p.personId ?? `${p.unitId}|${p.name}|${p.hireDate}`}|${n.title}`;
  },
  keyColumns: (n) => [(n.nominee as Individual).personId ? 'personId' : 'name', 'title'],
  keyText: 'người được đề nghị và danh hiệu',
};

const count = (field: string, header: string, note: string, path: string, emptyIsZero = true, required = false) =>
  col({ field, header, type: { kind: 'integer', emptyIsZero }, required, note, width: 12, paths: [path], example: '' });

const collectives: ImportSheet<NominationRow> = {
  name: 'Tập thể',
  columns: [
    col({ field: 'unitId', header: 'Mã đơn vị', type: { kind: 'id' }, required: true, note: 'Mã đơn vị (tập thể) được đề nghị.', example: 'VP', width: 14, paths: ['nominee.unitId'], ref: 'unit' }),
    col({
      field: 'name',
      header: 'Tên tập thể',
      type: { kind: 'text' },
      note: 'Tên tập thể như ghi trong quyết định; để trống thì dùng tên đơn vị.',
      example: 'Văn phòng Sở',
      width: 28,
      paths: ['nominee.name'],
    }),
    titleCol(COLLECTIVE_TITLE_LIST),
    groundsCol,
    ratingCol('nominee.taskRating'),
    count('total', 'Tổng số thành viên', 'Tổng số cán bộ, công chức, viên chức, người lao động của tập thể (từ 1 trở lên).', 'nominee.members.total', false, true),
    count('htxsnv', 'Số HTXSNV', 'Số thành viên hoàn thành xuất sắc nhiệm vụ. Ô trống là 0. Bốn cột xếp loại cộng lại phải bằng tổng số thành viên.', 'nominee.members.byRating'),
    count('httnv', 'Số HTTNV', 'Số thành viên hoàn thành tốt nhiệm vụ. Ô trống là 0.', 'nominee.members.byRating.HTTNV'),
    count('htnv', 'Số HTNV', 'Số thành viên hoàn thành nhiệm vụ. Ô trống là 0.', 'nominee.members.byRating.HTNV'),
    count('khtnv', 'Số KHTNV', 'Số thành viên không hoàn thành nhiệm vụ. Ô trống là 0.', 'nominee.members.byRating.KHTNV'),
    count('women', 'Số nữ', 'Số thành viên nữ. Ô trống là 0.', 'nominee.members.women'),
    count(
      'ldtt',
      'Số LĐTT không đề nghị',
      'Số thành viên đã đạt "Lao động tiên tiến" năm nay nhưng không được đề nghị trong phong trào này. Để trống nếu không có số liệu.',
      'nominee.members.ldtt',
      false,
    ),
    count(
      'cstdcs',
      'Số CSTĐCS không đề nghị',
      'Số thành viên đã đạt "Chiến sĩ thi đua cơ sở" năm nay nhưng không được đề nghị trong phong trào này. Để trống nếu không có số liệu.',
      'nominee.members.cstdcs',
      false,
    ),
    count('khienTrach', 'Số bị khiển trách', 'Số thành viên bị kỷ luật khiển trách trong năm. Ô trống là 0.', 'nominee.disciplinedMembers'),
    count('canhCao', 'Số bị cảnh cáo', 'Số thành viên bị kỷ luật cảnh cáo trong năm. Ô trống là 0.', 'nominee.disciplinedMembers.canhCao'),
    count('higher', 'Số bị kỷ luật từ hạ bậc lương', 'Số thành viên bị kỷ luật từ hạ bậc lương trở lên trong năm. Ô trống là 0.', 'nominee.disciplinedMembers.higher'),
    ...disciplineCols('nominee.discipline'),
    pastTitlesCol('nominee.pastTitles'),
    pastRatingsCol('nominee.pastRatings'),
    col({
      field: 'ledCluster',
      header: 'Dẫn đầu cụm, khối thi đua',
      type: { kind: 'choice', list: YES_NO },
      note: '"Có" nếu tập thể dẫn đầu cụm, khối thi đua của tỉnh năm nay (xét Cờ thi đua). Để trống nếu không có thông tin.',
      width: 16,
      paths: ['nominee.ledCluster'],
    }),
    col({
      field: 'exceededTargets',
      header: 'Vượt chỉ tiêu thi đua',
      type: { kind: 'choice', list: YES_NO },
      note: '"Có" nếu tập thể hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao trong năm (xét Cờ thi đua).',
      width: 16,
      paths: ['nominee.exceededTargets'],
    }),
    summaryCol,
  ],
  parts: (c) => {
    const yes = (v: unknown) => (v === undefined ? undefined : v === 'yes');
    const orZero = (v: unknown) => v ?? 0;
    return [
      {
        at: [],
        schema: Nomination,
        value: defined({
          nominee: defined({
            kind: 'collective',
            unitId: c.unitId,
            name: c.name,
            taskRating: c.taskRating,
            members: defined({
              total: c.total,
              byRating: { HTXSNV: orZero(c.htxsnv), HTTNV: orZero(c.httnv), HTNV: orZero(c.htnv), KHTNV: orZero(c.khtnv) },
              women: orZero(c.women),
              ldtt: c.ldtt,
              cstdcs: c.cstdcs,
            }),
            disciplinedMembers: { khienTrach: orZero(c.khienTrach), canhCao: orZero(c.canhCao), higher: orZero(c.higher) },
            discipline: discipline(c),
            pastTitles: c.pastTitles,
            pastRatings: c.pastRatings,
            ledCluster: yes(c.ledCluster),
            exceededTargets: yes(c.exceededTargets),
          }),
          title: c.title,
          achievementSummary: c.achievementSummary,
          grounds: c.grounds,
        }),
      },
    ];
  },
  join: ([n]) => n as Nomination,
  cells: (n) => {
    const t = n.nominee as Collective;
    const yn = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'yes' : 'no');
    return {
      unitId: t.unitId,
      name: t.name,
      title: n.title,
      grounds: n.grounds,
      taskRating: t.taskRating,
      total: t.members.total,
      htxsnv: t.members.byRating.HTXSNV,
      httnv: t.members.byRating.HTTNV,
      htnv: t.members.byRating.HTNV,
      khtnv: t.members.byRating.KHTNV,
      women: t.members.women,
      ldtt: t.members.ldtt,
      cstdcs: t.members.cstdcs,
      khienTrach: t.disciplinedMembers.khienTrach,
      canhCao: t.disciplinedMembers.canhCao,
      higher: t.disciplinedMembers.higher,
      ...disciplineCells(t.discipline),
      pastTitles: t.pastTitles,
      pastRatings: t.pastRatings,
      ledCluster: yn(t.ledCluster),
      exceededTargets: yn(t.exceededTargets),
      achievementSummary: n.achievementSummary,
    };
  },
  key: (n) => `collective:${n.nominee.unitId}|${n.title}`,
  keyColumns: () => ['unitId', 'title'],
  keyText: 'tập thể và danh hiệu',
};

export const KINDS: Readonly<Record<ImportKind, ImportKindDef>> = {
  units: { kind: 'units', title: 'Danh sách đơn vị', sheets: [units as ImportSheet] },
  staff: { kind: 'staff', title: 'Danh sách cán bộ, công chức, viên chức, người lao động', sheets: [staff as ImportSheet] },
  'recipient-groups': { kind: 'recipient-groups', title: 'Danh sách nhóm nơi nhận', sheets: [groups as ImportSheet] },
  nominations: { kind: 'nominations', title: 'Danh sách đề nghị khen thưởng', sheets: [individuals as ImportSheet, collectives as ImportSheet] },
};

/** The value an import row of each kind carries. */
export interface ImportValue {
  units: UnitRow;
  staff: StaffRow;
  'recipient-groups': RecipientGroupRow;
  nominations: NominationRow;
}

/** A cell's converted value back to what a sheet shows: a label for a code, a history as text, the emails joined. */
export function cellText(type: CellType, v: unknown): string | number | undefined {
  if (v === undefined || v === null) return undefined;
  switch (type.kind) {
    case 'choice':
      return labelOf(type.list, v as string);
    case 'emails':
      return (v as string[]).join(SEP);
    case 'title-history':
      return historyText((v as { year: number; title: Title }[]).map((e) => ({ year: e.year, label: titleShort(e.title) })));
    case 'rating-history':
      return historyText((v as { year: number; rating: TaskRating }[]).map((e) => ({ year: e.year, label: e.rating })));
    case 'integer':
      return v as number;
    default:
      return String(v);
  }
}

export { ALL_TITLES, RATINGS };
