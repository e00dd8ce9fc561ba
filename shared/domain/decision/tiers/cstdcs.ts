import type { IndividualNominee } from '../../../schemas/nomination';
import * as R from '../../rules/common';
import { applyQuota } from '../quota';
import { type DecideState, type Work, awardOf, finish, personOf, registration } from '../state';
import { ldttOutcome, noteLdtt } from './ldtt';

/**
 * Chiến sĩ thi đua cơ sở (Law 2022 Art 23; old regime NĐ 91/2017 Art 9.3): LĐTT this year (Art 23.1), then HTXSNV
 * or an unused initiative recognised by the unit (Art 23.2). Art 23.1 also makes a CSTĐCS nominee meeting the LĐTT
 * criteria count as LĐTT, for the cap's base and the collectives' shares.
 */
export function decideCstdcs(s: DecideState, works: readonly Work[]): void {
  for (const w of works) {
    const n = w.entry.nominee as IndividualNominee;
    registration(s, w);
    w.checks.push(R.disciplineRule(s.env, w.subject, n.discipline));
    const ldtt = R.ldttCriteria(s.env, w.subject, n);
    w.checks.push(...ldtt, R.cstdcsLdttRule(s.env, w.subject, ldtt));
    const pool = R.initiativePool(s.env, n, s.ledger, 'unit');
    const basis = R.cstdcsBasisRule(s.env, w.subject, n, pool);
    w.checks.push(basis.check);
    if (basis.take.length > 0 || (!basis.check.passed && pool.used.length > 0)) w.checks.push(R.initiativeOnceRule(s.env, w.subject, basis.take, pool, (id) => awardOf(s, id)));
    w.take = basis.take;
    const p = personOf(s, n);
    if (p.ldtt?.status === 'met' && p.ldtt.by !== w.entry.id) w.dependsOn.push(p.ldtt.by);
    finish(s, w);
    noteLdtt(s, w, n, ldttOutcome(w.checks, new Set(ldtt.map((c) => c.ruleId))));
  }
}

/**
 * The CSTĐCS cap, when the rule set or the campaign sets one (NĐ 91/2017 Art 9.3: ≤ 15% of the LĐTT): a quota cut
 * over the eligible CSTĐCS whose base is the people meeting LĐTT in this campaign, unless the campaign declares it.
 */
export function capCstdcs(s: DecideState, works: readonly Work[]): void {
  if (s.opt.cstdcsCapPct === null) return;
  const ldttCount = [...s.persons.values()].filter((p) => p.ldtt?.status === 'met').length;
  const base = s.opt.ldttCountForCap ?? ldttCount;
  applyQuota(
    s,
    {
      id: 'CSTDCS:cap',
      title: 'CSTDCS',
      scope: 'individuals',
      pct: s.opt.cstdcsCapPct,
      base,
      baseSource: s.opt.ldttCountForCap !== undefined ? 'option' : 'ldtt-in-campaign',
      minimum: 0,
      citation: s.rs.cite.cstdcsCap,
      ruleId: 'cstdcs.cap',
    },
    works.filter((w) => w.decision.status === 'eligible'),
  );
}

/** Who is CSTĐCS this year after the cap (their first eligible nomination): CSTĐ tỉnh, Bằng khen and TTLĐXS read it. */
export function noteCstdcs(s: DecideState, works: readonly Work[]): void {
  for (const w of works) {
    if (w.decision.status !== 'eligible') continue;
    const p = personOf(s, w.entry.nominee as IndividualNominee);
    // A second CSTĐCS of one person was refused (Art 5.2.c): the first eligible one is the only one.
    if (!p.cstdcs) p.cstdcs = { by: w.entry.id };
  }
}
