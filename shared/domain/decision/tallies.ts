import type { CollectiveNominee } from '../../schemas/nomination';
import type * as R from '../rules/common';
import type { DecideState, Tally } from './state';

/**
 * The collectives' members as this campaign decided them, once the individual tiers are done: TTLĐTT (Art 28) and
 * TTLĐXS (Art 27) read their LĐTT share, KHTNV and disciplined members here, the declared counts covering the rest.
 */

const CANH_CAO_OR_ABOVE = new Set(['canh-cao', 'ha-bac-luong', 'giang-chuc', 'cach-chuc', 'buoc-thoi-viec']);

const emptyTally = (): Tally => ({ nominated: 0, ldttMet: 0, ldttBy: [], deferred: 0, atLeastGood: 0, khtnv: 0, canhCaoPlus: 0, cstdcs: 0, cstdcsBy: [] });

/** Fills `s.tallies`, one per collective that has a person in this campaign. */
export function tallyMembers(s: DecideState): void {
  for (const p of s.persons.values()) {
    let t = s.tallies.get(p.collective);
    if (!t) {
      t = emptyTally();
      s.tallies.set(p.collective, t);
    }
    const n = p.nominee;
    // "Nominated here" for the LĐTT share = nominated for LĐTT or CSTĐCS; the others are covered by the declared counts.
    if (p.ldtt) {
      t.nominated++;
      if (p.ldtt.status === 'met') {
        t.ldttMet++;
        t.ldttBy.push(p.ldtt.by);
      } else if (p.ldtt.status === 'deferred') t.deferred++;
      if (n.taskRating === 'HTXSNV' || n.taskRating === 'HTTNV') t.atLeastGood++;
    }
    if (n.taskRating === 'KHTNV') t.khtnv++;
    const d = n.discipline;
    // Only a served discipline has an endedOn (Discipline schema).
    const inYear = d.status === 'in-effect' || (d.endedOn ?? '') >= s.env.periodStart;
    if (inYear && d.level && CANH_CAO_OR_ABOVE.has(d.level)) t.canhCaoPlus++;
    if (p.cstdcs) {
      t.cstdcs++;
      t.cstdcsBy.push(p.cstdcs.by);
    }
  }
}

/** The collective's tally, empty when none of its members is nominated here. */
export const tallyOf = (s: DecideState, unitId: string): Tally => s.tallies.get(unitId) ?? emptyTally();

/**
 * Members meeting LĐTT: those decided here, plus those not nominated here counted from the declared LĐTT number or,
 * without one, from the declared ratings (HTTNV or better, less the nominated ones), never more than are left.
 */
export function shareOf(s: DecideState, c: CollectiveNominee): { share: R.LdttShare; by: string[] } {
  const t = tallyOf(s, c.unitId);
  const notNominated = c.members.total - t.nominated;
  const declared = c.members.ldtt;
  const fromRatings = Math.max(0, c.members.byRating.HTXSNV + c.members.byRating.HTTNV - t.atLeastGood);
  const ldttNotNominated = Math.min(Math.max(0, notNominated), declared ?? fromRatings);
  return {
    share: {
      total: c.members.total,
      ldtt: t.ldttMet + ldttNotNominated,
      nominatedHere: t.nominated,
      ldttFromCampaign: t.ldttMet,
      deferredHere: t.deferred,
      notNominated: Math.max(0, notNominated),
      ldttNotNominated,
      notNominatedSource: declared !== undefined ? 'declared' : 'ratings',
      inconsistent: notNominated < 0,
    },
    by: t.ldttBy,
  };
}
