import * as R from '../rules/common';
import { citeText } from '../rules/documents';
import type { Citation } from '../rules/types';
import type { DecideState, Work } from './state';
import type { DecisionQuota } from './types';

/** The last steps: one paragraph per decision for the minutes, and each rule's citation note given once. */

/**
 * Issue 13: the claims the decision read go after the paragraph, each with its sentence, so the Council sees which past
 * titles the records verify, contradict or leave as declared; a refusal lists the contradicted ones among its reasons.
 */
export function summarise(w: Work): string {
  const d = w.decision;
  const claims = d.claims ?? [];
  const contradicted = claims.filter((c) => c.status === 'contradicted').map((c) => c.sentence);
  if (d.status === 'not-eligible') {
    const reasons = d.checks.filter((c) => !c.passed && c.outcome === undefined).map((c) => c.sentence);
    const rest = claims.filter((c) => c.status !== 'contradicted').map((c) => c.sentence);
    return withClaims(`${w.subject.upper} chưa đủ điều kiện, tiêu chuẩn ${R.awardPhrase(d.title)}. Lý do: ${[...reasons, ...contradicted].join(' ')}`, rest);
  }
  return withClaims(
    paragraph(w),
    claims.map((c) => c.sentence),
  );
}

const withClaims = (text: string, sentences: readonly string[]) => (sentences.length === 0 ? text : `${text} ${sentences.join(' ')}`);

/** The paragraph of a decision that is not a refusal. */
function paragraph(w: Work): string {
  const d = w.decision;
  const award = R.awardPhrase(d.title);
  switch (d.status) {
    case 'deferred': {
      const reasons = d.checks.filter((c) => c.outcome === 'defer').map((c) => c.sentence);
      return `Chưa xét ${award} đối với ${w.subject.lower}. ${reasons.join(' ')}`;
    }
    case 'over-quota':
      return overQuotaSummary(w, award, d.quota as DecisionQuota);
    default: {
      const base = `${w.subject.upper} đủ điều kiện, tiêu chuẩn, đề nghị xét tặng ${award}.`;
      if (!d.needsCouncilVote || !d.quota) return base;
      return `${base} Trường hợp này đồng hạng tại vị trí giới hạn chỉ tiêu (còn ${d.quota.seats} suất cho ${d.quota.contenders} trường hợp), đề nghị Hội đồng Thi đua - Khen thưởng bỏ phiếu lựa chọn.`;
    }
  }
}

/** Issue 13: the claims a decision shows are those of the past titles its rules read (none read, none shown). */
export function attachClaims(w: Work): void {
  if (w.claims === undefined || w.read.size === 0) return;
  w.decision.claims = w.claims.filter((c) => w.read.has(c.title));
}

/**
 * Issue 11: the sentence names the rule that cut the nominee. Inside one rank group only NĐ 152/2025 Art 4.6 (the
 * women preference) separates candidates, so a nominee cut there lost on it, not on the standings; otherwise the unit's
 * rank did, and the sentence gives that rank and the quota's source.
 */
function overQuotaSummary(w: Work, award: string, q: DecisionQuota): string {
  const quotaCheck = w.checks.find((c) => c.facts.quota === q.id);
  const source = quotaCheck ? ` theo ${citeText(quotaCheck.citation)}` : '';
  const head = `${w.subject.upper} đủ điều kiện, tiêu chuẩn ${award} nhưng nằm ngoài chỉ tiêu (${q.limit} trường hợp${source})`;
  const women = w.checks.find((c) => c.ruleId === 'tie.women-preference' && !c.passed);
  if (women) {
    return `${head}: đồng hạng với trường hợp khác tại vị trí giới hạn chỉ tiêu${q.unitRank === null ? '' : ` (đơn vị cùng xếp hạng thứ ${q.unitRank})`}, suất còn lại dành cho cá nhân nữ hoặc tập thể có tỷ lệ nữ từ 70% trở lên theo ${citeText(women.citation)}.`;
  }
  const rank = q.unitRank === null ? 'đơn vị chưa có kết quả xếp hạng trong phong trào thi đua' : `đơn vị xếp hạng thứ ${q.unitRank} trong phong trào thi đua`;
  return `${head} theo thứ tự xếp hạng của đơn vị (${rank}).`;
}

/**
 * Each check carries its citation (document, article, clause, point, confidence); the notes that explain a citation
 * (its [U] caveat, the provincial text it was read from) are given once per rule, by ruleId, sorted.
 */
export function ruleCitations(s: DecideState): Record<string, Citation> {
  const rules: Record<string, Citation> = {};
  const slim = new Map<Citation, Citation>();
  for (const w of s.works) {
    for (const c of w.checks) {
      if (c.citation.note === undefined) continue;
      rules[c.ruleId] ??= c.citation;
      let sl = slim.get(c.citation);
      // A cache: one slim object per citation, shared by the checks (memory, not output).
      if (!sl) {
        const { note: _note, ...rest } = c.citation;
        sl = rest;
        slim.set(c.citation, sl);
      }
      c.citation = sl;
    }
  }
  for (const q of s.quotas) rules[q.id.startsWith('CSTDCS') ? 'cstdcs.cap' : `quota.${q.title}`] ??= q.citation;
  return Object.fromEntries(Object.entries(rules).sort(([a], [b]) => R.cmp(a, b)));
}
