import { provinceDirectory, provinceLetter, soTuPhapDirectory, soTuPhapLetter, soTuPhapReport, soTuPhapTable } from '../../seed/demo-province';
import { soNgoaiVuReport, soNgoaiVuTable } from '../../seed/scoring-table-so-ngoai-vu';
import { thisYearLetter } from '../../seed/this-year-letter';
import { scoreReport } from '../../shared/domain/scoring';
import { CampaignInput } from '../../shared/schemas/campaign';
import { RecipientGroupInput, UnitInput } from '../../shared/schemas/directory';
import { ScoringTable, UnitReport } from '../../shared/schemas/scoring';

/** The demo's table and letter (npm run demo:lifecycle): valid, scored as the table says, and of one year. */
describe('the demo campaign', () => {
  it('the Sở Ngoại vụ table is a valid scoring table and a unit’s year scores as its guidance says', () => {
    const table = ScoringTable.parse(soNgoaiVuTable);
    const scored = scoreReport(table, UnitReport.parse(soNgoaiVuReport('VP')));
    // 18/20 × 40 = 36; 45/50 × 20 = 18; 6/6 × 10 = 10 (evidence given); 10; 97 % → 8; 10; bonus 2.5.
    expect(scored.total).toBe(9450);
    expect(scored.maxTotal).toBe(11000);
    const withoutEvidence = scoreReport(table, UnitReport.parse({ ...soNgoaiVuReport('VP'), evidence: {} }));
    expect(withoutEvidence.total).toBe(8450);
  });

  it('this year’s letter speaks of one year only, and is a valid letter', () => {
    const letter = thisYearLetter(2026);
    const text = JSON.stringify(letter);
    // Every "năm <year>" is the campaign's year (law numbers such as 06/2022/QH15 keep theirs).
    expect(text.match(/năm \d{4}/g)?.every((m) => m === 'năm 2026')).toBe(true);
    expect(text).not.toContain('2023');
    expect(letter.title).toMatch(/năm 2026$/);
    expect(CampaignInput.safeParse({ ...letter, documentNumber: '12/KH-SNgV', deadlines: { nominations: '2026-12-10T17:00:00+07:00' } }).success).toBe(true);
  });

  it('the Sở Tư pháp table is a valid scoring table and a unit’s year scores as its guidance says', () => {
    const table = ScoringTable.parse(soTuPhapTable);
    const scored = scoreReport(table, UnitReport.parse(soTuPhapReport('HCTP')));
    // 18/20 × 40 = 36; 28/30 × 20 = 18,67; 40/40 × 10 = 10 (records given); 10; 99 % → 10; 10; no bonus.
    expect(scored.total).toBe(9467);
    expect(scored.maxTotal).toBe(11000);
    expect(scoreReport(table, UnitReport.parse({ ...soTuPhapReport('HCTP'), evidence: {} })).total).toBe(8467);
  });

  it('the Sở Tư pháp’s and the province’s letters speak of one year, are valid, and name only groups of their directories', () => {
    const departments = [{ agencyId: 'so-ngoai-vu', name: 'Sở Ngoại vụ', email: 'vanthu.songoaivu@example.org' }];
    for (const [letter, directory] of [
      [soTuPhapLetter(2026), soTuPhapDirectory],
      [provinceLetter(2026), provinceDirectory(departments)],
    ] as const) {
      const text = JSON.stringify(letter);
      expect(text.match(/năm \d{4}/g)?.every((m) => m === 'năm 2026')).toBe(true);
      expect(CampaignInput.safeParse({ ...letter, documentNumber: '12/KH-UBND' }).success).toBe(true);
      const codes = new Set(directory.groups.map((g) => g.code));
      expect(letter.recipientGroups.filter((c) => !codes.has(c))).toEqual([]);
      for (const { code: _code, ...g } of directory.groups) expect(RecipientGroupInput.safeParse(g).success).toBe(true);
      for (const { unitId: _unitId, ...u } of directory.units) expect(UnitInput.safeParse(u).success).toBe(true);
    }
    // The province's units are its departments, under their agency ids: the line of submission needs them there.
    expect(provinceDirectory(departments).units).toEqual([{ unitId: 'so-ngoai-vu', name: 'Sở Ngoại vụ', emails: ['vanthu.songoaivu@example.org'] }]);
  });
});
