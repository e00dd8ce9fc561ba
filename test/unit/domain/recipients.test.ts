import { normaliseAddress, resolveRecipients, unitEntryCode } from '../../../shared/domain/recipients';
import type { RecipientGroup, Unit } from '../../../shared/schemas/directory';

/**
 * Nơi nhận (domain-rules §5.3): one email per distinct mailbox, whatever the case or spacing it was typed with, even
 * inside one group; archive ("Lưu") and publication entries are never emailed.
 */

const g = (code: string, emails: string[], kind: RecipientGroup['kind'] = 'email'): RecipientGroup => ({ code, name: `Nhóm ${code}`, kind, emails, updatedAt: 't' });
const u = (unitId: string, emails: string[]): Unit => ({ unitId, name: `Đơn vị ${unitId}`, emails, updatedAt: 't' });

describe('one email per mailbox', () => {
  it('A@x.vn and a@x.vn in one group are one recipient, named once', () => {
    const r = resolveRecipients(['G'], [], { groups: [g('G', ['A@x.vn', 'a@x.vn', ' a@X.VN '])], units: [] });
    expect(r.emails).toEqual([{ address: 'a@x.vn', groups: [{ code: 'G', name: 'Nhóm G' }] }]);
  });
  it("the same mailbox in a group and a unit names both entries, in the letter's order", () => {
    const r = resolveRecipients(['G'], ['U1'], { groups: [g('G', ['VP@x.vn'])], units: [u('U1', ['vp@x.vn', 'ttr@x.vn'])] });
    expect(r.emails).toEqual([
      {
        address: 'vp@x.vn',
        groups: [
          { code: 'G', name: 'Nhóm G' },
          { code: unitEntryCode('U1'), name: 'Đơn vị U1' },
        ],
      },
      { address: 'ttr@x.vn', groups: [{ code: unitEntryCode('U1'), name: 'Đơn vị U1' }] },
    ]);
  });
  it('a blank address is skipped', () => {
    expect(resolveRecipients(['G'], [], { groups: [g('G', ['  ', 'a@x.vn'])], units: [] }).emails.map((e) => e.address)).toEqual(['a@x.vn']);
  });
  it('a group listed twice is named once per address', () => {
    expect(resolveRecipients(['G', 'G'], [], { groups: [g('G', ['a@x.vn'])], units: [] }).emails[0]?.groups).toHaveLength(1);
  });
  it('archive and publication entries are kept apart, and a known unit with no address sends nothing', () => {
    const r = resolveRecipients(['L', 'W'], ['U1'], { groups: [g('L', ['x@x.vn'], 'archive'), g('W', ['y@x.vn'], 'publication')], units: [u('U1', [])] });
    expect(r).toEqual({ emails: [], archives: [{ code: 'L', name: 'Nhóm L' }], publications: [{ code: 'W', name: 'Nhóm W' }], missing: [] });
  });
  it('normaliseAddress trims and lower-cases', () => {
    expect(normaliseAddress('  Chanh.VP@Langson.GOV.vn ')).toBe('chanh.vp@langson.gov.vn');
    expect(unitEntryCode('TTR')).toBe('UNIT:TTR');
  });
});
