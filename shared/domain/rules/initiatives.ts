import type { IndividualNominee, Initiative } from '../../schemas/nomination';
import { countsFrom } from './discipline';
import { type Env, by, capitalise, check, cmp } from './context';
import type { Subject } from './labels';
import type { RuleCheck } from './types';

/** Initiatives and research topics (CV 5007/BNV-TĐKT: each backs one award): the pool an award may spend, and the check. */

const LEVEL_ORDER: Record<Initiative['recognisedBy'], number> = { unit: 0, province: 1, national: 2 };

/** Initiative id → the nomination that used it, or `earlier-campaign`. */
export type InitiativeLedger = Map<string, string>;
export const EARLIER_CAMPAIGN = 'earlier-campaign';

export interface InitiativePool {
  /** Usable now, in the order they are spent: lowest recognition level first, then the assessment year's, then the nearest earlier year's, then id. */
  usable: Initiative[];
  /** Would qualify but were already used as the basis of an award. */
  used: { initiative: Initiative; usedBy: string }[];
}

/**
 * The nominee's initiatives that may back an award of this year: recognised by the end of the year, at or above
 * `minLevel`, not before `notBefore` (a window), after a served discipline (NĐ 152/2025 Art 4.4, when the principle applies), and unused.
 * Spending the lowest level first keeps a province-level initiative for CSTĐ tỉnh.
 */
export function initiativePool(env: Env, n: IndividualNominee, ledger: InitiativeLedger, minLevel: Initiative['recognisedBy'], notBefore?: string): InitiativePool {
  const after = countsFrom(env, n.discipline);
  const qualifying = n.initiatives.filter(
    (i) =>
      i.recognisedOn < env.nextYearStart &&
      LEVEL_ORDER[i.recognisedBy] >= LEVEL_ORDER[minLevel] &&
      (notBefore === undefined || i.recognisedOn >= notBefore) &&
      (after === undefined || i.recognisedOn >= after),
  );
  const usable: Initiative[] = [];
  const used: InitiativePool['used'] = [];
  const seen = new Set<string>();
  for (const i of qualifying) {
    if (seen.has(i.id)) continue;
    seen.add(i.id);
    const usedBy = ledger.get(i.id);
    if (usedBy === undefined) usable.push(i);
    else used.push({ initiative: i, usedBy });
  }
  // Issue 11: an initiative grounds the year it was recognised in; the assessment year's are spent first, then the
  // nearest earlier year's, so a 2023 CSTĐCS does not consume the 2022 initiative a Bằng khen of 2022–2023 needs.
  const yearsBack = (i: Initiative) => env.year - Number(i.recognisedOn.slice(0, 4));
  usable.sort((a, b) => LEVEL_ORDER[a.recognisedBy] - LEVEL_ORDER[b.recognisedBy] || yearsBack(a) - yearsBack(b) || cmp(a.recognisedOn, b.recognisedOn) || cmp(a.id, b.id));
  used.sort((a, b) => cmp(a.initiative.id, b.initiative.id));
  return { usable, used };
}

/**
 * CV 5007/BNV-TĐKT [S]: one initiative backs one award. Emitted when an award relies on initiatives: passes when the
 * ones it takes are unused, fails when only already-used ones could have met the need. `usedFor` names the award that
 * spent one in this campaign ("đã dùng làm căn cứ đề nghị <title> của <nominee>", never its id: issue 11).
 */
export function initiativeOnceRule(
  env: Env,
  s: Subject,
  taken: Initiative[],
  pool: InitiativePool,
  usedFor: (nominationId: string) => string = () => 'đã dùng cho một đề nghị khác trong đợt này',
): RuleCheck {
  const c = env.rs.cite.initiativeOnce;
  if (taken.length > 0) {
    const names = taken.map((i) => `${i.kind === 'initiative' ? 'sáng kiến' : 'đề tài'} “${i.title}”`).join(', ');
    return check('initiative.once', c, { initiatives: taken.map((i) => i.id) }, true, `${capitalise(names)} chưa được dùng làm căn cứ cho khen thưởng nào khác ${by(c)}.`);
  }
  const list = pool.used
    .map(({ initiative: i, usedBy }) => `${i.kind === 'initiative' ? 'sáng kiến' : 'đề tài'} “${i.title}” (${usedBy === EARLIER_CAMPAIGN ? 'đã dùng trong đợt khen thưởng trước' : usedFor(usedBy)})`)
    .join(', ');
  return check(
    'initiative.once',
    c,
    { alreadyUsed: pool.used.map(({ initiative, usedBy }) => ({ id: initiative.id, usedBy })) },
    false,
    `${capitalise(list)} của ${s.lower} đã được dùng làm căn cứ khen thưởng, không được sử dụng lại ${by(c)}.`,
  );
}
