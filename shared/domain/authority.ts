import type { RuleSetId } from '../schemas/nomination';
import { AgencyLevel } from '../schemas/agency-level';
import { Title } from '../schemas/titles';
import { DOC, cite, citeText } from './rules/documents';
import { awardPhrase } from './rules/labels';
import type { Citation } from './rules/types';

/**
 * Who decides each title (thẩm quyền quyết định; docs/legal-sources.md §1.9), and so whether an agency awards it
 * itself or proposes it to the one who decides (đề nghị cấp trên). Pure data and functions: no clock, no I/O.
 *
 * - Law 2022 Art 80.1 [V]: the head of a department (Thủ trưởng cơ quan chuyên môn thuộc UBND cấp tỉnh và tương đương,
 *   i.e. the Giám đốc Sở) decides TTLĐTT, CSTĐCS, LĐTT and Giấy khen, nothing more.
 * - Law 2022 Art 80.2, 80.3 [V]: the district Chairman decides TTLĐTT, CSTĐCS, LĐTT and Giấy khen, the commune
 *   Chairman only LĐTT and Giấy khen (and Gia đình văn hóa, which the engine does not handle).
 * - NĐ 129/2025 Art 59 [S], from 01/07/2025 (districts abolished): the commune Chairman decides TTLĐTT, CSTĐCS, LĐTT and
 *   Giấy khen. The rule set in force on the reference date (`vn-2025` from 01/07/2025) chooses between the two.
 * - CSTĐ cấp tỉnh, TTLĐXS, Cờ thi đua and Bằng khen of the province: the Chủ tịch UBND tỉnh, after the provincial
 *   council (Bắc Ninh QĐ 86/2025 Art 5 [V], a province example). The law article granting that power was not retrieved
 *   [U], so that citation names the law without an article (an article is left out rather than guessed).
 * - Before 2024 (`vn-2017`, Law 2003) the text was not retrieved [U]: the same split is assumed, cited as unverified.
 */

/** The level of an agency of the platform (the agency record's `level`, shared/schemas/agency-level.ts). */
export type { AgencyLevel };
export const AGENCY_LEVELS: readonly AgencyLevel[] = AgencyLevel.options;

/** Who signs the award decision. `district-chairman` exists only before 01/07/2025 (cấp huyện abolished since). */
export type Decider = 'agency-head' | 'commune-chairman' | 'district-chairman' | 'province-chairman';

export const DECIDER_LABEL: Readonly<Record<Decider, string>> = {
  'agency-head': 'Thủ trưởng cơ quan',
  'commune-chairman': 'Chủ tịch Ủy ban nhân dân cấp xã',
  'district-chairman': 'Chủ tịch Ủy ban nhân dân cấp huyện',
  'province-chairman': 'Chủ tịch Ủy ban nhân dân tỉnh',
};

/** How the law names the head of an agency of each level, when a ground says what that head may not decide. */
export const LEVEL_HEAD_LABEL: Readonly<Record<AgencyLevel, string>> = {
  department: 'Thủ trưởng cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh',
  commune: 'Chủ tịch Ủy ban nhân dân cấp xã',
  province: 'Chủ tịch Ủy ban nhân dân tỉnh',
};

export interface Authority {
  title: Title;
  level: AgencyLevel;
  ruleSet: RuleSetId;
  decidedBy: Decider;
  /** "Chủ tịch Ủy ban nhân dân tỉnh". */
  decidedByLabel: string;
  /** Where the decider's power over this title is written. */
  citation: Citation;
  /** True when the agency of `level` decides the title itself; false when it proposes it to `decidedBy`. */
  byAgency: boolean;
  /** The text that bounds what the head of an agency of `level` decides: the ground of a proposal cites it. */
  agencyPower: Citation;
}

// --- Citations -------------------------------------------------------------------------------------------------

const GAZETTE = 'Công báo số 571 + 572 ngày 15/7/2022 (vi.wikisource.org); also quoted on TVPL (tlnb:c365dc62838fd8ab.md).';
const ART_80_1 = cite(DOC.LAW_2022, 'V', {
  article: 'Điều 80',
  clause: 'khoản 1',
  note: `Thủ trưởng cơ quan chuyên môn thuộc UBND cấp tỉnh và tương đương quyết định tặng TTLĐTT, CSTĐCS, LĐTT và giấy khen. ${GAZETTE}`,
});
const ART_80_2 = cite(DOC.LAW_2022, 'V', { article: 'Điều 80', clause: 'khoản 2', note: `Chủ tịch UBND cấp huyện: TTLĐTT, CSTĐCS, LĐTT và giấy khen. ${GAZETTE}` });
const ART_80_3 = cite(DOC.LAW_2022, 'V', { article: 'Điều 80', clause: 'khoản 3', note: `Chủ tịch UBND cấp xã: LĐTT, giấy khen, Gia đình văn hóa. ${GAZETTE}` });
const ND_129_ART_59 = cite(DOC.ND_129_2025, 'S', {
  article: 'Điều 59',
  note: 'From 01/07/2025 the commune Chairman decides TTLĐTT, CSTĐCS, LĐTT and giấy khen (with thôn, tổ dân phố văn hóa and Gia đình văn hóa). Quoted on TVPL (tlnb:c365dc62838fd8ab.md).',
});
const PROVINCE_CHAIRMAN = cite(DOC.LAW_2022, 'S', {
  note: 'Not among the titles of Art 80 [V]; the Chủ tịch UBND tỉnh decides them after the provincial council, as in Bắc Ninh QĐ 86/2025 Art 5 [V] (a province example). The article of the law that grants the power was not retrieved [U].',
});
const OLD_LAW = (who: string) =>
  cite(DOC.LAW_2003, 'U', { note: `Law 2003 text not retrieved: the split of Law 2022 Art 80 is assumed (${who}). Check before relying on it for a campaign dated before 2024.` });

// --- The table -----------------------------------------------------------------------------------------------------

/** The titles the head of a department decides (Art 80.1), and the commune Chairman from 01/07/2025 (NĐ 129 Art 59). */
const LOCAL: ReadonlySet<Title> = new Set<Title>(['LDTT', 'CSTDCS', 'TTLDTT', 'GIAY_KHEN']);
/** Before 01/07/2025 the commune Chairman decided only these (Art 80.3); CSTĐCS and TTLĐTT were the district's. */
const COMMUNE_BEFORE_2025: ReadonlySet<Title> = new Set<Title>(['LDTT', 'GIAY_KHEN']);

/** The deciders an agency of each level is: a Sở its head; a commune its Chairman; the province its Chairman and, for its own staff, its head. */
const HELD: Readonly<Record<AgencyLevel, ReadonlySet<Decider>>> = {
  department: new Set<Decider>(['agency-head']),
  commune: new Set<Decider>(['commune-chairman']),
  province: new Set<Decider>(['province-chairman', 'agency-head']),
};

const holds = (level: AgencyLevel, decider: Decider) => HELD[level].has(decider);

function agencyPowerOf(level: AgencyLevel, ruleSet: RuleSetId): Citation {
  if (ruleSet === 'vn-2017') return OLD_LAW(LEVEL_HEAD_LABEL[level]);
  if (level === 'commune') return ruleSet === 'vn-2025' ? ND_129_ART_59 : ART_80_3;
  // A province-level agency decides the higher titles through its Chairman and the lower ones, for its own staff,
  // through its head as "cơ quan … và tương đương" of Art 80.1; what bounds it is Art 80.1 either way.
  return ART_80_1;
}

/** Who decides `title` for a nominee of an agency of `level`, under the rule set in force (default: today's, vn-2025). */
export function authorityFor(title: Title, level: AgencyLevel, ruleSet: RuleSetId = 'vn-2025'): Authority {
  const old = ruleSet === 'vn-2017';
  let decidedBy: Decider;
  let citation: Citation;
  if (!LOCAL.has(title)) {
    decidedBy = 'province-chairman';
    citation = old ? OLD_LAW('Chủ tịch UBND tỉnh') : PROVINCE_CHAIRMAN;
  } else if (level === 'commune') {
    const communes = ruleSet === 'vn-2025' || COMMUNE_BEFORE_2025.has(title);
    decidedBy = communes ? 'commune-chairman' : 'district-chairman';
    citation = old ? OLD_LAW(DECIDER_LABEL[decidedBy]) : ruleSet === 'vn-2025' ? ND_129_ART_59 : communes ? ART_80_3 : ART_80_2;
  } else {
    decidedBy = 'agency-head';
    citation = old ? OLD_LAW('Giám đốc Sở') : ART_80_1;
  }
  return {
    title,
    level,
    ruleSet,
    decidedBy,
    decidedByLabel: DECIDER_LABEL[decidedBy],
    citation,
    byAgency: holds(level, decidedBy),
    agencyPower: agencyPowerOf(level, ruleSet),
  };
}

/** Whether an agency of `level` may award `title` itself; if not, its council's choice is a proposal to `decidedBy`. */
export function mayAward(level: AgencyLevel, title: Title, ruleSet: RuleSetId = 'vn-2025'): boolean {
  return authorityFor(title, level, ruleSet).byAgency;
}

/** Every title with who decides it for an agency of `level`, in the order of the Title enum (for the docs and the API). */
export function authorityTable(level: AgencyLevel, ruleSet: RuleSetId = 'vn-2025'): Authority[] {
  return Title.options.map((t) => authorityFor(t, level, ruleSet));
}

/**
 * The ground of a proposal, as a clause of the minutes: "đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng danh hiệu
 * “Chiến sĩ thi đua cấp tỉnh” (không thuộc thẩm quyền quyết định của Thủ trưởng cơ quan chuyên môn thuộc Ủy ban nhân
 * dân cấp tỉnh theo khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15)". Wording of the law: "quyết định tặng".
 */
export function proposalGround(a: Pick<Authority, 'title' | 'level' | 'decidedByLabel' | 'agencyPower'>): string {
  return `đề nghị ${a.decidedByLabel} xét tặng ${awardPhrase(a.title)} (không thuộc thẩm quyền quyết định của ${LEVEL_HEAD_LABEL[a.level]} theo ${citeText(a.agencyPower)})`;
}
