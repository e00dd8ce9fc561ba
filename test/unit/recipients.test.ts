import { normaliseAddress, resolveRecipients, unitEntryCode } from '../../shared/domain/recipients';
import type { RecipientGroup, Unit } from '../../shared/schemas/directory';

const g = (code: string, kind: RecipientGroup['kind'], emails: string[], name = code): RecipientGroup => ({ code, name, kind, emails, updatedAt: 't' });
const u = (unitId: string, emails: string[]): Unit => ({ unitId, name: `Unit ${unitId}`, emails, updatedAt: 't' });

describe('resolving the Nơi nhận list (docs/legal-sources.md §5.3)', () => {
  const directory = {
    groups: [
      g('LANH_DAO_SO', 'email', ['gd@example.org', 'pgd@example.org'], 'Lãnh đạo Sở'),
      g('HDTDKT_SO', 'email', [' PGD@Example.org ', 'vp@example.org'], 'Hội đồng TĐKT Sở'),
      g('TRANG_TTDT', 'publication', [], 'Trang thông tin điện tử của Sở'),
      g('LUU', 'archive', [], 'Lưu: VT, VP'),
    ],
    units: [u('VP', ['vp@example.org']), u('TTR', ['ttr@example.org'])],
  };

  it('sends one email per distinct address, trimmed and lower-cased, naming every entry it came from', () => {
    const r = resolveRecipients(['LANH_DAO_SO', 'HDTDKT_SO', 'TRANG_TTDT', 'LUU'], ['VP', 'TTR'], directory);
    expect(r.emails.map((e) => e.address).sort()).toEqual(['gd@example.org', 'pgd@example.org', 'ttr@example.org', 'vp@example.org']);
    expect(r.emails.find((e) => e.address === 'pgd@example.org')?.groups.map((x) => x.code)).toEqual(['LANH_DAO_SO', 'HDTDKT_SO']);
    expect(r.emails.find((e) => e.address === 'vp@example.org')?.groups.map((x) => x.code)).toEqual(['HDTDKT_SO', unitEntryCode('VP')]);
  });

  it('files the archive entry and records the publication entry, emailing neither', () => {
    const r = resolveRecipients(['LUU', 'TRANG_TTDT'], [], directory);
    expect(r.emails).toEqual([]);
    expect(r.archives).toEqual([{ code: 'LUU', name: 'Lưu: VT, VP' }]);
    expect(r.publications).toEqual([{ code: 'TRANG_TTDT', name: 'Trang thông tin điện tử của Sở' }]);
  });

  it('reports codes the directory does not know instead of dropping them', () => {
    const r = resolveRecipients(['LANH_DAO_SO', 'GONE'], ['NOPE'], directory);
    expect(r.missing).toEqual(['GONE', unitEntryCode('NOPE')]);
    expect(r.emails).toHaveLength(2);
  });

  it('keeps the letter order of first appearance', () => {
    const r = resolveRecipients(['HDTDKT_SO', 'LANH_DAO_SO'], [], directory);
    expect(r.emails.map((e) => e.address)).toEqual(['pgd@example.org', 'vp@example.org', 'gd@example.org']);
  });

  it('normalises addresses', () => {
    expect(normaliseAddress('  Mai.TT@Example.ORG ')).toBe('mai.tt@example.org');
  });
});
