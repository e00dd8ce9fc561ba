import * as R from '../../rules/common';
import { type DecideState, type Work, awardOf, cstdcsYears, finish, ignoreUpTo, pastYears } from '../state';

/**
 * Bằng khen of the provincial Chairman (Law 2022 Art 74, Bắc Ninh QĐ 86/2025 Art 3.3): on `movement` grounds, the
 * unit ranked in this campaign; on `record` grounds, an individual's 02 consecutive CSTĐCS or 02 years of HTXSNV with
 * 02 unused initiatives, a collective's 02 consecutive years of HTXSNV or TTLĐXS. Decided before Giấy khen so that,
 * for one achievement (Art 5.2.c), the higher form is kept.
 */
export function decideBangKhen(s: DecideState, works: readonly Work[]): void {
  for (const w of works) {
    const n = w.entry.nominee;
    w.checks.push(R.disciplineRule(s.env, w.subject, n.discipline));
    // Stryker disable next-line StringLiteral: equivalent, anything but 'movement' is the record route
    const grounds = w.entry.grounds ?? 'record';
    if (grounds === 'movement') {
      w.checks.push(R.bangKhenMovementRule(s.env, w.subject, n.unitId, w.rank));
    } else if (n.kind === 'individual') {
      const { years } = cstdcsYears(s, n, w);
      const htxs = new Set(n.pastRatings.filter((r) => r.rating === 'HTXSNV').map((r) => r.year));
      if (n.taskRating === 'HTXSNV') htxs.add(s.year);
      const pool = R.initiativePool(s.env, n, s.ledger, 'unit', `${s.year - 1}-01-01`);
      const rec = R.bangKhenIndividualRecordRule(s.env, w.subject, years, htxs, pool, ignoreUpTo(s, n.discipline));
      w.checks.push(rec.check);
      const needed = !rec.check.passed && (rec.check.facts.htxsnvChain as number) >= 2;
      if (rec.take.length > 0 || (needed && pool.used.length > 0)) w.checks.push(R.initiativeOnceRule(s.env, w.subject, rec.take, pool, (id) => awardOf(s, id)));
      w.take = rec.take;
    } else {
      const years = new Set<number>([...n.pastRatings.filter((r) => r.rating === 'HTXSNV').map((r) => r.year), ...pastYears(w, 'TTLDXS')]);
      if (n.taskRating === 'HTXSNV') years.add(s.year);
      const x = s.ttldxsThisYear.get(w.key);
      if (x) {
        years.add(s.year);
        w.dependsOn.push(x.entry.id);
      }
      w.checks.push(R.bangKhenCollectiveRecordRule(s.env, w.subject, years, ignoreUpTo(s, n.discipline)));
    }
    finish(s, w);
  }
}

/** Each nominee's first Bằng khen still eligible after its quota. */
export function noteBangKhen(s: DecideState, works: readonly Work[]): void {
  for (const w of works) if (w.decision.status === 'eligible' && !s.bangKhenOf.has(w.key)) s.bangKhenOf.set(w.key, w);
}
