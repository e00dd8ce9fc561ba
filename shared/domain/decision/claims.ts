import type { Title } from '../../schemas/nomination';
import type { AwardRecord, RecordCoverage, RecordDocument, RecordSubject } from '../../schemas/record';
import { DOCUMENT_TYPES, parseDocumentNumber } from '../document-register';
import { TITLE_LABEL, awardPhrase, cmp, type Subject } from '../rules/common';
import { formatShortDate } from '../vn-date';
import type { Claim, ClaimRecord, PastRecords } from './types';

/**
 * Issue 13: the past titles a nomination declares (the CSTĐCS chain of a CSTĐ tỉnh, the years of a Bằng khen), checked
 * against the agency's achievement records (shared/schemas/record.ts). Pure: the use case reads the records, this
 * classifies the claims, the tiers count only what the records do not contradict.
 *
 * - `verified`: an `awarded` record of the subject holds the year and title; the sentence cites its decision.
 * - `contradicted`: a finalized campaign of the agency decided that title for that year (coverage) and no record of
 *   the subject holds it: the agency itself decided it and did not award it, so the year is not counted.
 * - `declared`: the records cannot answer: the year and title are not covered (they predate the records, or the
 *   agency decided them outside the system), only a proposal up the line is recorded (a `proposed` record: the
 *   superior's decision is not in the system, so it neither verifies nor contradicts), or the nominee is not one whose
 *   achievements the agency records (a nomination forwarded by another agency). Counted as declared, and said so.
 */

/** A past title as a nominee declares it (PastTitle in shared/schemas/nomination.ts). */
export interface PastTitleClaim {
  year: number;
  title: Title;
}

/** The key of a record's subject: the same as the engine's key of a nominee (state.ts `subjectKeyOf`). */
export function recordSubjectKey(subject: RecordSubject): string {
  return subject.kind === 'individual' ? `p:${subject.personId}` : `c:${subject.unitId}`;
}

/** The records of one run, indexed once: each nominee's by (year, title), the coverage by (year, title). */
export interface RecordIndex {
  bySubject: ReadonlyMap<string, ReadonlyMap<string, readonly AwardRecord[]>>;
  coverage: ReadonlyMap<string, readonly RecordCoverage[]>;
  /** The first year the records cover, by title: a claim before it predates them. */
  firstYear: ReadonlyMap<Title, number>;
}

const slot = (year: number, title: Title) => `${year}|${title}`;

/** Earliest document first, then by campaign and nomination: the one a sentence cites when several hold. */
const byDocument = (a: { document: RecordDocument; campaignId: string; nominationId?: string }, b: typeof a) =>
  cmp(a.document.date, b.document.date) || cmp(a.campaignId, b.campaignId) || cmp(a.nominationId ?? '', b.nominationId ?? '');

function group<T extends { year: number; title: Title }>(items: readonly T[], order: (a: T, b: T) => number): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const k = slot(x.year, x.title);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  for (const list of m.values()) list.sort(order);
  return m;
}

export function indexRecords(records: PastRecords): RecordIndex {
  const bySubject = new Map<string, Map<string, AwardRecord[]>>();
  for (const [key, list] of Object.entries(records.bySubject)) bySubject.set(key, group(list, byDocument));
  const firstYear = new Map<Title, number>();
  for (const c of records.coverage) {
    const y = firstYear.get(c.title);
    if (y === undefined || c.year < y) firstYear.set(c.title, c.year);
  }
  return { bySubject, coverage: group(records.coverage, byDocument), firstYear };
}

const TITLE_ORDER = new Map((Object.keys(TITLE_LABEL) as Title[]).map((t, i) => [t, i]));

/** Forms of commendation and the flag are given ("được tặng"); emulation titles are achieved ("đạt"). */
const GIVEN: ReadonlySet<Title> = new Set(['GIAY_KHEN', 'BANG_KHEN_TINH', 'CO_THI_DUA_TINH']);
const got = (t: Title) => `${GIVEN.has(t) ? 'được tặng' : 'đạt'} ${awardPhrase(t)}`;

/**
 * "Quyết định số 05/QĐ-SNgV ngày 10/01/2024": the type read from the number's ký hiệu, else the one the record's
 * outcome implies; a document without a number (results finalized before the register) by its type and date.
 */
function documentText(d: RecordDocument, impliedType: keyof typeof DOCUMENT_TYPES | undefined): { text: string; type: string | undefined } {
  const date = formatShortDate(d.date);
  if (d.number !== undefined) {
    const type = parseDocumentNumber(d.number)?.type;
    const name = type !== undefined && type in DOCUMENT_TYPES ? DOCUMENT_TYPES[type as keyof typeof DOCUMENT_TYPES] : 'Văn bản';
    return { text: `${name} số ${d.number} ngày ${date}`, type };
  }
  if (impliedType === undefined) return { text: `kết quả xét khen thưởng ngày ${date}`, type: undefined };
  return { text: `${DOCUMENT_TYPES[impliedType].toLocaleLowerCase('vi')} ngày ${date}`, type: impliedType };
}

/** The document with who signed it or to whom it proposes; an unknown kind without a number names no one rather than guess. */
function documentWithDecider(d: RecordDocument, impliedType: keyof typeof DOCUMENT_TYPES | undefined): string {
  const { text, type } = documentText(d, impliedType);
  if (type === 'TTr') return `${text} đề nghị ${d.decidedBy}`;
  if (type === undefined) return text;
  return `${text} của ${d.decidedBy}`;
}

const campaignText = (campaignTitle: string) => `đợt xét khen thưởng “${campaignTitle}”`;

const slimRecord = (r: AwardRecord): ClaimRecord => ({ outcome: r.outcome, campaignId: r.campaignId, campaignTitle: r.campaignTitle, nominationId: r.nominationId, document: r.document });

/** One claim against the records: `records` is undefined for a nominee the agency's records do not follow. */
export function classifyClaim(index: RecordIndex, subject: Subject, records: ReadonlyMap<string, readonly AwardRecord[]> | undefined, c: PastTitleClaim): Claim {
  const { year, title } = c;
  const claimed = `${subject.upper} kê khai ${got(title)} năm ${year}`;
  if (records === undefined) {
    return {
      year,
      title,
      status: 'declared',
      reason: 'not-tracked',
      sentence: `${claimed}; thành tích của ${subject.lower} không thuộc hồ sơ thành tích của cơ quan, được ghi nhận theo kê khai.`,
    };
  }
  const held = records.get(slot(year, title)) ?? [];
  const awarded = held.find((r) => r.outcome === 'awarded');
  if (awarded) {
    return {
      year,
      title,
      status: 'verified',
      sentence: `${subject.upper} ${got(title)} năm ${year} theo ${documentWithDecider(awarded.document, 'QĐ')} (${campaignText(awarded.campaignTitle)}), đã đối chiếu với hồ sơ thành tích của cơ quan.`,
      record: slimRecord(awarded),
    };
  }
  const proposed = held[0];
  if (proposed) {
    // The agency proposed it up the line; whether the superior awarded it is not in the system.
    const doc = documentText(proposed.document, 'TTr').text;
    return {
      year,
      title,
      status: 'declared',
      reason: 'proposed',
      sentence: `${claimed}; cơ quan đã đề nghị ${proposed.document.decidedBy} xét tặng ${awardPhrase(title)} năm ${year} tại ${doc} (${campaignText(proposed.campaignTitle)}), quyết định của cấp trên chưa có trong hồ sơ thành tích của cơ quan; thành tích được ghi nhận theo kê khai.`,
      record: slimRecord(proposed),
    };
  }
  const covering = index.coverage.get(slot(year, title))?.[0];
  if (covering) {
    return {
      year,
      title,
      status: 'contradicted',
      sentence: `${claimed} nhưng hồ sơ thành tích của cơ quan không ghi nhận: ${campaignText(covering.campaignTitle)} đã xét ${awardPhrase(title)} năm ${year} (${documentWithDecider(covering.document, undefined)}) và ${subject.lower} không có tên trong kết quả; thành tích này không được tính làm căn cứ xét khen thưởng.`,
      coverage: covering,
    };
  }
  const first = index.firstYear.get(title);
  const since = first !== undefined && first > year ? ` (hồ sơ bắt đầu từ năm ${first})` : '';
  return {
    year,
    title,
    status: 'declared',
    reason: 'not-covered',
    sentence: `${claimed}; hồ sơ thành tích của cơ quan chưa có kết quả xét ${awardPhrase(title)} năm ${year}${since}, thành tích được ghi nhận theo kê khai.`,
  };
}

/**
 * A nominee's declared past titles, each classified once (a title declared twice for one year is one claim), in year
 * then title order; and the titles the rules may count: all but the contradicted.
 */
export function classifyClaims(index: RecordIndex, key: string, subject: Subject, pastTitles: readonly PastTitleClaim[]): { claims: Claim[]; accepted: PastTitleClaim[] } {
  const records = index.bySubject.get(key);
  const seen = new Map<string, PastTitleClaim>();
  for (const t of pastTitles) if (!seen.has(slot(t.year, t.title))) seen.set(slot(t.year, t.title), { year: t.year, title: t.title });
  const unique = [...seen.values()].sort((a, b) => a.year - b.year || (TITLE_ORDER.get(a.title) as number) - (TITLE_ORDER.get(b.title) as number));
  const claims = unique.map((t) => classifyClaim(index, subject, records, t));
  const dropped = new Set(claims.filter((c) => c.status === 'contradicted').map((c) => slot(c.year, c.title)));
  return { claims, accepted: pastTitles.filter((t) => !dropped.has(slot(t.year, t.title))) };
}
