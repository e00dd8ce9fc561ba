import { AGENCY_LEVELS, type AgencyLevel, type Decider, authorityFor, authorityTable, mayAward, proposalGround } from '../../../shared/domain/authority';
import { citeText } from '../../../shared/domain/rules/documents';
import type { RuleSetId } from '../../../shared/schemas/nomination';
import { Title } from '../../../shared/schemas/titles';

/**
 * Who decides each title (docs/legal-sources.md §1.9): Law 2022 Art 80.1 [V] gives the head of a Sở TTLĐTT, CSTĐCS,
 * LĐTT and Giấy khen; Art 80.2, 80.3 [V] the district and commune Chairmen theirs; NĐ 129/2025 Art 59 [S] the commune
 * Chairman the four from 01/07/2025; the rest is the Chủ tịch UBND tỉnh's.
 */

type Row = [Title, AgencyLevel, RuleSetId, Decider, boolean, string];

// Every title × every level under today's rules (vn-2025), then the commune before 01/07/2025 (vn-2024).
const TABLE: Row[] = [
  ['LDTT', 'department', 'vn-2025', 'agency-head', true, 'khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['CSTDCS', 'department', 'vn-2025', 'agency-head', true, 'khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['TTLDTT', 'department', 'vn-2025', 'agency-head', true, 'khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['GIAY_KHEN', 'department', 'vn-2025', 'agency-head', true, 'khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['CSTD_TINH', 'department', 'vn-2025', 'province-chairman', false, 'Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['TTLDXS', 'department', 'vn-2025', 'province-chairman', false, 'Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['BANG_KHEN_TINH', 'department', 'vn-2025', 'province-chairman', false, 'Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['CO_THI_DUA_TINH', 'department', 'vn-2025', 'province-chairman', false, 'Luật Thi đua, khen thưởng số 06/2022/QH15'],

  ['LDTT', 'commune', 'vn-2025', 'commune-chairman', true, 'Điều 59 Nghị định số 129/2025/NĐ-CP'],
  ['CSTDCS', 'commune', 'vn-2025', 'commune-chairman', true, 'Điều 59 Nghị định số 129/2025/NĐ-CP'],
  ['TTLDTT', 'commune', 'vn-2025', 'commune-chairman', true, 'Điều 59 Nghị định số 129/2025/NĐ-CP'],
  ['GIAY_KHEN', 'commune', 'vn-2025', 'commune-chairman', true, 'Điều 59 Nghị định số 129/2025/NĐ-CP'],
  ['CSTD_TINH', 'commune', 'vn-2025', 'province-chairman', false, 'Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['TTLDXS', 'commune', 'vn-2025', 'province-chairman', false, 'Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['BANG_KHEN_TINH', 'commune', 'vn-2025', 'province-chairman', false, 'Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['CO_THI_DUA_TINH', 'commune', 'vn-2025', 'province-chairman', false, 'Luật Thi đua, khen thưởng số 06/2022/QH15'],

  ['LDTT', 'province', 'vn-2025', 'agency-head', true, 'khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['CSTDCS', 'province', 'vn-2025', 'agency-head', true, 'khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['TTLDTT', 'province', 'vn-2025', 'agency-head', true, 'khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['GIAY_KHEN', 'province', 'vn-2025', 'agency-head', true, 'khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['CSTD_TINH', 'province', 'vn-2025', 'province-chairman', true, 'Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['TTLDXS', 'province', 'vn-2025', 'province-chairman', true, 'Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['BANG_KHEN_TINH', 'province', 'vn-2025', 'province-chairman', true, 'Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['CO_THI_DUA_TINH', 'province', 'vn-2025', 'province-chairman', true, 'Luật Thi đua, khen thưởng số 06/2022/QH15'],

  // Before 01/07/2025 a commune decided only LĐTT and Giấy khen (Art 80.3); CSTĐCS and TTLĐTT were the district's (Art 80.2).
  ['LDTT', 'commune', 'vn-2024', 'commune-chairman', true, 'khoản 3 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['GIAY_KHEN', 'commune', 'vn-2024', 'commune-chairman', true, 'khoản 3 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['CSTDCS', 'commune', 'vn-2024', 'district-chairman', false, 'khoản 2 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['TTLDTT', 'commune', 'vn-2024', 'district-chairman', false, 'khoản 2 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['CSTD_TINH', 'commune', 'vn-2024', 'province-chairman', false, 'Luật Thi đua, khen thưởng số 06/2022/QH15'],
  // A department's power did not change on 01/07/2025.
  ['CSTDCS', 'department', 'vn-2024', 'agency-head', true, 'khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15'],
  ['BANG_KHEN_TINH', 'department', 'vn-2024', 'province-chairman', false, 'Luật Thi đua, khen thưởng số 06/2022/QH15'],
];

describe('authorityFor: who decides each title, at each level', () => {
  test.each(TABLE)('%s at a %s (%s): %s, the agency awards it itself: %s (%s)', (title, level, ruleSet, decidedBy, byAgency, cited) => {
    const a = authorityFor(title, level, ruleSet);
    expect(a).toMatchObject({ title, level, ruleSet, decidedBy, byAgency });
    expect(citeText(a.citation)).toBe(cited);
    expect(mayAward(level, title, ruleSet)).toBe(byAgency);
  });

  test('the table covers every title at every level under today’s rules', () => {
    for (const level of AGENCY_LEVELS) {
      for (const title of Title.options) expect(TABLE.some(([t, l, rs]) => t === title && l === level && rs === 'vn-2025')).toBe(true);
    }
  });

  test('today’s rules are the default', () => {
    expect(authorityFor('CSTDCS', 'commune')).toEqual(authorityFor('CSTDCS', 'commune', 'vn-2025'));
    expect(mayAward('commune', 'TTLDTT')).toBe(true);
  });

  test('confidence tags: Art 80 seen verbatim, NĐ 129/2025 secondary, the province Chairman’s article not retrieved', () => {
    expect(authorityFor('LDTT', 'department').citation.confidence).toBe('V');
    expect(authorityFor('LDTT', 'commune').citation.confidence).toBe('S');
    const p = authorityFor('CSTD_TINH', 'department').citation;
    expect(p.confidence).toBe('S');
    expect(p.article).toBeUndefined(); // left out rather than guessed
    expect(p.note).toContain('Bắc Ninh QĐ 86/2025 Art 5');
  });

  test('before 2024 (Law 2003, not retrieved) the same split is assumed and cited as unverified', () => {
    const a = authorityFor('CSTD_TINH', 'department', 'vn-2017');
    expect(a).toMatchObject({ decidedBy: 'province-chairman', byAgency: false });
    expect(a.citation.confidence).toBe('U');
    expect(a.agencyPower.confidence).toBe('U');
    expect(mayAward('department', 'CSTDCS', 'vn-2017')).toBe(true);
  });

  test('what bounds the agency’s own power: Art 80.1 for a Sở, NĐ 129/2025 Art 59 (Art 80.3 before) for a commune', () => {
    expect(citeText(authorityFor('CSTD_TINH', 'department').agencyPower)).toBe('khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15');
    expect(citeText(authorityFor('CSTD_TINH', 'commune').agencyPower)).toBe('Điều 59 Nghị định số 129/2025/NĐ-CP');
    expect(citeText(authorityFor('CSTDCS', 'commune', 'vn-2024').agencyPower)).toBe('khoản 3 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15');
  });

  test('decider labels in Vietnamese', () => {
    expect(authorityFor('CO_THI_DUA_TINH', 'department').decidedByLabel).toBe('Chủ tịch Ủy ban nhân dân tỉnh');
    expect(authorityFor('LDTT', 'commune').decidedByLabel).toBe('Chủ tịch Ủy ban nhân dân cấp xã');
    expect(authorityFor('CSTDCS', 'commune', 'vn-2024').decidedByLabel).toBe('Chủ tịch Ủy ban nhân dân cấp huyện');
    expect(authorityFor('LDTT', 'department').decidedByLabel).toBe('Thủ trưởng cơ quan');
  });
});

describe('authorityTable', () => {
  test('a Sở awards exactly the four titles of Art 80.1 and proposes the other four', () => {
    const t = authorityTable('department');
    expect(t.map((a) => a.title)).toEqual(Title.options);
    expect(t.filter((a) => a.byAgency).map((a) => a.title)).toEqual(['LDTT', 'CSTDCS', 'TTLDTT', 'GIAY_KHEN']);
    expect(t.filter((a) => !a.byAgency).map((a) => a.title)).toEqual(['CSTD_TINH', 'TTLDXS', 'BANG_KHEN_TINH', 'CO_THI_DUA_TINH']);
  });

  test('the province awards all eight', () => {
    expect(authorityTable('province').every((a) => a.byAgency)).toBe(true);
  });
});

describe('proposalGround', () => {
  test('names who decides, the title as the law writes it, and the article that bounds the agency', () => {
    expect(proposalGround(authorityFor('CSTD_TINH', 'department'))).toBe(
      'đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh” (không thuộc thẩm quyền quyết định của Thủ trưởng cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh theo khoản 1 Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15)',
    );
    expect(proposalGround(authorityFor('BANG_KHEN_TINH', 'commune'))).toBe(
      'đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (không thuộc thẩm quyền quyết định của Chủ tịch Ủy ban nhân dân cấp xã theo Điều 59 Nghị định số 129/2025/NĐ-CP)',
    );
  });
});
