import type { Nomination } from '../schemas/nomination';
import { registrantKey, type Registration } from '../schemas/registration';

/**
 * Whether a nomination's nominee registered for its title (đăng ký thi đua, docs/legal-sources.md §1.4):
 * the unit itself for a collective; for a person, the registration of that person in the same
 * unit, matched by staff number, else by NFC lower-cased name, as `registrantKey` writes it.
 */
export function isRegistered(nomination: Pick<Nomination, 'nominee' | 'title'>, registrations: readonly Pick<Registration, 'unitId' | 'registrantKey' | 'titles'>[]): boolean {
  const n = nomination.nominee;
  const key =
    n.kind === 'collective'
      ? registrantKey({ kind: 'unit' })
      : // Stryker disable next-line StringLiteral: equivalent, registrantKey tells only 'unit' apart and treats any other kind as a person
        registrantKey({ kind: 'individual', name: n.name, ...(n.personId ? { personId: n.personId } : {}) });
  // A person registered by name but nominated with a staff number (or the other way) still matches by name.
  // Stryker disable next-line StringLiteral: equivalent, as above
  const nameKey = n.kind === 'individual' ? registrantKey({ kind: 'individual', name: n.name }) : key;
  return registrations.some((r) => r.unitId === n.unitId && (r.registrantKey === key || r.registrantKey === nameKey) && r.titles.includes(nomination.title));
}
