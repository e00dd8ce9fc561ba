import { normaliseAddress, type EntryRef } from '../domain/recipients';
import type { RecipientGroup } from '../schemas/directory';

/** The addresses of the named directory groups, each once, with the groups it came from. */
export function groupRecipients(groups: readonly RecipientGroup[], codes: readonly (string | undefined)[]): { address: string; groups: EntryRef[] }[] {
  const byAddress = new Map<string, EntryRef[]>();
  for (const code of codes) {
    const g = code ? groups.find((x) => x.code === code) : undefined;
    if (g?.kind !== 'email') continue;
    for (const raw of g.emails) {
      const address = normaliseAddress(raw);
      const refs = byAddress.get(address) ?? [];
      if (!refs.some((r) => r.code === g.code)) refs.push({ code: g.code, name: g.name });
      byAddress.set(address, refs);
    }
  }
  return [...byAddress].map(([address, refs]) => ({ address, groups: refs }));
}
