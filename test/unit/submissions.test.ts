import type { StoredNomination } from '../../shared/store/nominations';
import { withTitlesAwardedHere } from '../../shared/usecases/submissions';

const nomination = (nominee: Record<string, unknown>): StoredNomination => ({
  id: 'n1',
  title: 'BANG_KHEN_TINH',
  nominee: { kind: 'individual', unitId: 'VP', name: 'Vi Thị Hồng', hireDate: '2014-09-01', pastTitles: [{ year: 2025, title: 'CSTDCS' }], ...nominee },
  nominatingUnitId: 'VP',
  submittedAt: 't',
  submittedBy: 'office',
});
const pastTitlesOf = (n: StoredNomination) => (n.nominee as { pastTitles: unknown[] }).pastTitles;

describe('a forwarded nomination carries what the agency awarded the same person in the same campaign', () => {
  it('adds this year’s CSTĐCS awarded here to the chain the parent checks', () => {
    const awarded = [{ nominee: { kind: 'individual', unitId: 'VP', personId: 'nv-07' }, title: 'CSTDCS' }];
    expect(pastTitlesOf(withTitlesAwardedHere(nomination({ personId: 'nv-07' }), awarded, 2026))).toEqual([
      { year: 2025, title: 'CSTDCS' },
      { year: 2026, title: 'CSTDCS' },
    ]);
  });

  it('matches a person without a staff id by unit, name and hire date, and nobody else', () => {
    const awarded = [
      { nominee: { kind: 'individual', unitId: 'VP', name: 'Vi Thị Hồng', hireDate: '2014-09-01' }, title: 'LDTT' },
      { nominee: { kind: 'individual', unitId: 'TTR', name: 'Vi Thị Hồng', hireDate: '2014-09-01' }, title: 'CSTDCS' },
      { nominee: { kind: 'individual', unitId: 'VP', name: 'Vi Thị Hồng', hireDate: '2016-01-01' }, title: 'CSTDCS' },
      { nominee: { kind: 'collective', unitId: 'VP' }, title: 'TTLDTT' },
    ];
    expect(pastTitlesOf(withTitlesAwardedHere(nomination({}), awarded, 2026))).toEqual([
      { year: 2025, title: 'CSTDCS' },
      { year: 2026, title: 'LDTT' },
    ]);
  });

  it('adds nothing already declared, and leaves a collective as it is', () => {
    const n = nomination({ personId: 'nv-07', pastTitles: [{ year: 2026, title: 'CSTDCS' }] });
    expect(withTitlesAwardedHere(n, [{ nominee: { kind: 'individual', unitId: 'VP', personId: 'nv-07' }, title: 'CSTDCS' }], 2026)).toBe(n);
    const c = { ...nomination({}), nominee: { kind: 'collective', unitId: 'VP' } };
    expect(withTitlesAwardedHere(c, [{ nominee: { kind: 'collective', unitId: 'VP' }, title: 'TTLDTT' }], 2026)).toBe(c);
  });
});
