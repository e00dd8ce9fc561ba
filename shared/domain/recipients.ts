import type { RecipientGroup, Unit } from '../schemas/directory';

export interface EntryRef {
  code: string;
  name: string;
}

export interface ResolvedRecipients {
  /** One entry per distinct address, with every Nơi nhận entry it came from, in the letter's order. */
  emails: { address: string; groups: EntryRef[] }[];
  /** "Lưu: VT, VP": filed, never emailed (docs/legal-sources.md §5.3). */
  archives: EntryRef[];
  /** "Trang thông tin điện tử": a publishing action, not a person (docs/legal-sources.md §5.3). */
  publications: EntryRef[];
  /** Codes the directory does not know (any longer). */
  missing: string[];
}

/** Addresses are compared trimmed and lower-cased: the same mailbox typed twice is one recipient. */
export const normaliseAddress = (address: string) => address.trim().toLowerCase();

/** Participating units appear in the deliveries as entries of their own, prefixed to keep codes apart. */
export const unitEntryCode = (unitId: string) => `UNIT:${unitId}`;

/**
 * Resolve a letter's Nơi nhận list into recipients. Pure: the caller loads the directory.
 * A person on two groups gets one email (docs/architecture.md "Issuing emails the list").
 */
export function resolveRecipients(
  recipientGroups: readonly string[],
  participatingUnits: readonly string[],
  directory: { groups: readonly RecipientGroup[]; units: readonly Unit[] },
): ResolvedRecipients {
  const groups = new Map(directory.groups.map((g) => [g.code, g]));
  const units = new Map(directory.units.map((u) => [u.unitId, u]));
  const byAddress = new Map<string, EntryRef[]>();
  const result: ResolvedRecipients = { emails: [], archives: [], publications: [], missing: [] };

  const addAll = (entry: EntryRef, addresses: readonly string[]) => {
    for (const raw of addresses) {
      const address = normaliseAddress(raw);
      if (!address) continue;
      const refs = byAddress.get(address) ?? [];
      if (!refs.some((r) => r.code === entry.code)) refs.push(entry);
      byAddress.set(address, refs);
    }
  };

  for (const code of recipientGroups) {
    const group = groups.get(code);
    if (!group) {
      result.missing.push(code);
      continue;
    }
    const entry = { code, name: group.name };
    if (group.kind === 'archive') result.archives.push(entry);
    else if (group.kind === 'publication') result.publications.push(entry);
    else addAll(entry, group.emails);
  }
  for (const unitId of participatingUnits) {
    const unit = units.get(unitId);
    if (!unit) {
      result.missing.push(unitEntryCode(unitId));
      continue;
    }
    addAll({ code: unitEntryCode(unitId), name: unit.name }, unit.emails);
  }

  result.emails = [...byAddress].map(([address, refs]) => ({ address, groups: refs }));
  return result;
}
