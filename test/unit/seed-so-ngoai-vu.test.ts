import { soNgoaiVuReport, soNgoaiVuTable } from '../../seed/scoring-table-so-ngoai-vu';
import { thisYearLetter } from '../../seed/this-year-letter';
import { scoreReport } from '../../shared/domain/scoring';
import { CampaignInput } from '../../shared/schemas/campaign';
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
});
