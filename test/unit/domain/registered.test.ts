import { isRegistered } from '../../../shared/domain/registered';
import { registrantKey } from '../../../shared/schemas/registration';

/**
 * Đăng ký thi đua (domain-rules §1.4 [S, U for the current circulars]): "không đăng ký thi đua sẽ không được xem
 * xét, công nhận các danh hiệu thi đua". A nomination is registered when its nominee registered for that title in
 * its unit: the unit itself for a collective, the person (staff number, else name) for an individual.
 */

const reg = (unitId: string, registrant: Parameters<typeof registrantKey>[0], titles: string[]) => ({ unitId, registrantKey: registrantKey(registrant), titles: titles as never });
const person = (name: string, over: { personId?: string; unitId?: string } = {}) => ({
  kind: 'individual' as const,
  name,
  unitId: over.unitId ?? 'U1',
  ...(over.personId ? { personId: over.personId } : {}),
});
const unit = (unitId: string) => ({ kind: 'collective' as const, unitId });

describe('isRegistered (§1.4)', () => {
  const regs = [
    reg('U1', { kind: 'unit' }, ['TTLDTT']),
    reg('U1', { kind: 'individual', name: 'Nguyễn Văn An' }, ['LDTT', 'CSTDCS']),
    reg('U1', { kind: 'individual', name: 'Trần Thị Bình', personId: 'NV-02' }, ['LDTT']),
  ];
  it.each([
    { name: 'the unit registered for the title', nominee: unit('U1'), title: 'TTLDTT', want: true },
    { name: 'the unit registered, but for another title', nominee: unit('U1'), title: 'TTLDXS', want: false },
    { name: 'another unit did not register', nominee: unit('U2'), title: 'TTLDTT', want: false },
    { name: 'a person registered by name', nominee: person('Nguyễn Văn An'), title: 'CSTDCS', want: true },
    { name: 'the same name, other case and spacing', nominee: person('nguyễn  văn AN'), title: 'LDTT', want: true },
    { name: 'registered by name, nominated with a staff number', nominee: person('Nguyễn Văn An', { personId: 'NV-01' }), title: 'LDTT', want: true },
    { name: 'registered with a staff number, nominated with it', nominee: person('Trần Thị Bình', { personId: 'NV-02' }), title: 'LDTT', want: true },
    { name: 'registered with a staff number, nominated by name only', nominee: person('Trần Thị Bình'), title: 'LDTT', want: false },
    { name: 'the person registered, but not for this title', nominee: person('Trần Thị Bình', { personId: 'NV-02' }), title: 'CSTDCS', want: false },
    { name: 'the same name in another unit is another person', nominee: person('Nguyễn Văn An', { unitId: 'U2' }), title: 'LDTT', want: false },
    { name: 'a unit registration does not register its staff', nominee: person('Lê Văn Cường'), title: 'TTLDTT', want: false },
  ])('$name', ({ nominee, title, want }) => {
    expect(isRegistered({ nominee: nominee as never, title: title as never }, regs)).toBe(want);
  });
  it('a person registration does not register the unit', () => {
    expect(isRegistered({ nominee: unit('U1') as never, title: 'LDTT' }, [reg('U1', { kind: 'individual', name: 'Nguyễn Văn An' }, ['LDTT'])])).toBe(false);
  });
  it('nobody registered', () => {
    expect(isRegistered({ nominee: unit('U1') as never, title: 'TTLDTT' }, [])).toBe(false);
  });
});
