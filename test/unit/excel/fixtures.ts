import { Workbook, type Worksheet } from 'exceljs';
import { soNgoaiVuReport, soNgoaiVuTable } from '../../../seed/scoring-table-so-ngoai-vu';
import { tallyCouncilVote } from '../../../shared/domain/council';
import type { DecideResult } from '../../../shared/domain/decide';
import { finalizeResults, type FinalResults } from '../../../shared/domain/results';
import { computeStandings, type Standings } from '../../../shared/domain/standings';
import type { StaffRow } from '../../../shared/excel/kinds';
import type { NominationEntry } from '../../../shared/schemas/nomination';
import { ScoringTable, UnitReport, type Verification } from '../../../shared/schemas/scoring';
import { DATES, nom, person, run } from '../decide.fixtures';

/** Real data for the Excel tests: the domain's own functions make the standings, the proposal and the results. */

export const CAMPAIGN = { title: 'Phong trào thi đua “Thi đua thực hiện thắng lợi nhiệm vụ chính trị” năm 2025', documentNumber: '15/KH-SNgV' };

/** The formula-injection probe of the issue: stored and exported as the text it is. */
export const INJECTION = "=cmd|' /C calc'!A0";

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thu', 'Quốc', 'Thanh', 'Xuân'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiếu',
  'Hoa',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nga',
  'Phương',
  'Quân',
  'Sơn',
  'Thảo',
  'Trang',
  'Tuấn',
  'Việt',
  'Yến',
];
const POSITIONS = ['Chuyên viên', 'Chuyên viên chính', 'Trưởng phòng', 'Phó Trưởng phòng', 'Văn thư', 'Kế toán viên'];

export const UNIT_IDS = Array.from({ length: 40 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`);

/** `n` staff rows, deterministic: Vietnamese names (NFC), both genders, some without a position, hire dates over 30 years. */
export function staffRows(n: number): StaffRow[] {
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(1994, 0, 1) + ((i * 7919) % 11000) * 86_400_000);
    const row: StaffRow = {
      personId: `CB${String(i + 1).padStart(5, '0')}`,
      name: `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i >> 2) % MIDDLE.length]} ${GIVEN[(i * 7) % GIVEN.length]}`,
      gender: i % 3 === 0 ? 'female' : 'male',
      unitId: UNIT_IDS[i % UNIT_IDS.length]!,
      hireDate: day.toISOString().slice(0, 10),
    };
    if (i % 5 !== 0) row.position = POSITIONS[i % POSITIONS.length]!;
    if (i === 7) row.name = INJECTION;
    return row;
  });
}

export const table = ScoringTable.parse(soNgoaiVuTable);

/** `n` units' final reports, varied so the ranks spread; every tenth one verified by the Office. */
export function reportsAndVerifications(n: number) {
  const reports = Array.from({ length: n }, (_, i) =>
    UnitReport.parse(
      soNgoaiVuReport(`U${String(i + 1).padStart(5, '0')}`, { kh: { numerator: 10 + (i % 11), denominator: 20 }, hs: { numerator: 80 + (i % 21), denominator: 100 }, sk: (i % 5) * 0.5 }),
    ),
  );
  const verifications: Record<string, Verification> = {};
  reports.forEach((r, i) => {
    if (i % 10 === 0) verifications[r.unitId] = { values: { kh: { numerator: 9, denominator: 20 } }, evidence: {}, reasons: { kh: 'Số liệu thực hiện kế hoạch chỉ đạt 9/20 theo biên bản kiểm tra.' } };
  });
  return { reports, verifications };
}

export function standingsOf(n: number): Standings {
  const { reports, verifications } = reportsAndVerifications(n);
  const unitNames = Object.fromEntries(reports.map((r, i) => [r.unitId, i === 2 ? INJECTION : `Phòng ${FAMILY[i % FAMILY.length]} số ${i + 1}`]));
  return computeStandings(table, reports, verifications, { period: 'final', unitNames });
}

const noms: NominationEntry[] = [
  nom('c1', 'CSTDCS', person('Trần Thị Bình', { personId: 'ttb', gender: 'female', taskRating: 'HTXSNV', unitId: 'U1' })),
  nom('c2', 'CSTDCS', person('Ngô Văn Em', { personId: 'nve', taskRating: 'HTXSNV', unitId: 'U2' })),
  nom('l1', 'LDTT', person('Lê Văn Cường', { personId: 'lvc', hireDate: '2024-10-01', unitId: 'U1' })),
  nom('l2', 'LDTT', person(INJECTION, { personId: 'pvd', discipline: { status: 'pending' }, unitId: 'U2' })),
  nom('l3', 'LDTT', person('Hoàng Thị Phương', { personId: 'htp', gender: 'female', unitId: 'U1' })),
];

export const proposal: DecideResult = run({ date: DATES.v2024, noms, options: { disciplinePrinciple: true } });

export const results: FinalResults = finalizeResults({
  decisions: proposal.decisions,
  tally: tallyCouncilVote({
    ruleSet: 'vn-2024',
    membersTotal: 9,
    present: 9,
    writtenVotes: 0,
    votes: [
      { nominationId: 'c1', title: 'CSTDCS', yes: 8, nominee: 'Trần Thị Bình' },
      { nominationId: 'c2', title: 'CSTDCS', yes: 7, nominee: 'Ngô Văn Em' },
      { nominationId: 'l3', title: 'LDTT', yes: 9, nominee: 'Hoàng Thị Phương' },
    ],
  }),
  nominatingUnit: { c1: 'U1', c2: 'U2', l1: 'U1', l2: 'U2', l3: 'U1' },
});

export const UNIT_NAMES = { U1: 'Văn phòng Sở', U2: INJECTION };

export async function load(buffer: Uint8Array): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(buffer) as never);
  return wb;
}

export async function save(wb: Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A sheet's header texts, row 1. */
export function headers(ws: Worksheet): string[] {
  const out: string[] = [];
  ws.getRow(1).eachCell((c) => {
    out.push(String(c.value));
  });
  return out;
}

/** The file's entries: an .xlsx is a zip; the tests read the sheet XML itself. */
export async function zipEntry(buffer: Uint8Array, path: string): Promise<string> {
  // exceljs bundles jszip: the same reader it uses.
  const JSZip = require('jszip') as { loadAsync(b: Uint8Array): Promise<{ file(p: string): { async(t: 'string'): Promise<string> } | null }> };
  const zip = await JSZip.loadAsync(buffer);
  const f = zip.file(path);
  if (!f) throw new Error(`no ${path} in the workbook`);
  return f.async('string');
}
