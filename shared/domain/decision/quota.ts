import type { QuotaTitle } from '../../schemas/nomination';
import * as R from '../rules/common';
import { DOC, cite, citeText } from '../rules/documents';
import type { Citation, RuleCheck } from '../rules/types';
import type { DecideState, Work } from './state';
import type { DecisionQuota, QuotaUsage } from './types';

/** What a quota cut needs to know before it counts: the usage without its counts, and the ruleId of its checks. */
export type QuotaSpec = Omit<QuotaUsage, 'limit' | 'candidates' | 'confirmed' | 'councilSeats' | 'councilContenders' | 'overQuota' | 'sentence'> & { ruleId: string };

/** The campaign's quota on a title (RuleOptions.quotas), cut once per scope it names, over that tier's eligible nominations. */
export function applyTitleQuota(s: DecideState, title: QuotaTitle): void {
  const q = s.opt.quotas[title];
  if (!q) return;
  const source = cite(q.source ?? DOC.CAMPAIGN, 'V', { note: 'Chỉ tiêu do phong trào thi đua khai báo (RuleOptions.quotas).' });
  const eligible = s.works.filter((w) => w.entry.title === title && w.decision.status === 'eligible');
  // The same cut for each scope the quota names: its own %, base and candidates.
  const scopes = [
    { scope: 'individuals', kind: 'individual', pct: q.individualsPct, base: q.individualsBase, count: s.persons.size, defaultSource: 'individuals-nominated' },
    { scope: 'collectives', kind: 'collective', pct: q.collectivesPct, base: q.collectivesBase, count: s.collectivesParticipating.size, defaultSource: 'collectives-participating' },
  ] as const;
  for (const sc of scopes) {
    if (sc.pct === undefined) continue;
    applyQuota(
      s,
      {
        id: `${title}:${sc.scope}`,
        title,
        scope: sc.scope,
        pct: sc.pct,
        base: sc.base ?? sc.count,
        baseSource: sc.base !== undefined ? 'option' : sc.defaultSource,
        minimum: q.minimum ?? 0,
        citation: source,
        ruleId: `quota.${title}`,
      },
      eligible.filter((w) => w.entry.nominee.kind === sc.kind),
    );
  }
}

/**
 * Cut a quota: candidates ranked by their unit's standing (better first), then, under vn-2025, by NĐ 152/2025
 * Art 4.6 (women; collectives with ≥ 70% women) inside a rank group the line falls in. A group the chain cannot
 * separate and the line falls inside is never cut: all of it stays eligible with `needsCouncilVote`, holding the
 * seats left; groups after the line are `over-quota`. So confirmed + council seats ≤ limit, always.
 */
export function applyQuota(s: DecideState, q: QuotaSpec, candidates: Work[]): void {
  const limit = Math.max(q.minimum, Math.floor((q.pct * q.base) / 100));
  const rankOf = (w: Work) => w.rank ?? Number.POSITIVE_INFINITY;
  const ordered = [...candidates].sort((a, b) => rankOf(a) - rankOf(b) || R.cmp(a.entry.id, b.entry.id));
  const groups: Work[][] = [];
  for (const w of ordered) {
    const last = groups[groups.length - 1];
    if (last && rankOf(last[0] as Work) === rankOf(w)) last.push(w);
    else groups.push([w]);
  }
  let remaining = limit;
  let confirmed = 0;
  let councilSeats = 0;
  let councilContenders = 0;
  let over = 0;
  const place = (group: Work[], outcome: DecisionQuota['outcome'], seats?: number) => {
    for (const w of group) {
      const quota: DecisionQuota = { id: q.id, limit, outcome, unitRank: w.rank ?? null };
      if (outcome === 'council-vote') {
        quota.seats = seats as number;
        quota.contenders = group.length;
        w.decision.needsCouncilVote = true;
      }
      if (outcome === 'over') {
        w.decision.status = 'over-quota';
        // An eligible award's initiatives are on the ledger under its own id (finish): released.
        for (const i of w.take) s.ledger.delete(i.id);
        delete w.decision.initiativesUsed;
      }
      w.decision.quota = quota;
      w.checks.push(quotaCheck(q, limit, w, quota));
    }
    if (outcome === 'within') confirmed += group.length;
    if (outcome === 'over') over += group.length;
    if (outcome === 'council-vote') {
      councilSeats += seats as number;
      councilContenders += group.length;
    }
  };
  const fill = (group: Work[]) => {
    if (group.length <= remaining) {
      place(group, 'within');
      remaining -= group.length;
    } else if (remaining === 0) {
      place(group, 'over');
    } else {
      place(group, 'council-vote', remaining);
      remaining = 0;
    }
  };
  for (const group of groups) {
    const straddles = group.length > remaining && remaining > 0;
    if (straddles && s.rs.womenTiePreference) {
      const preferred = group.filter(isPreferred);
      const others = group.filter((w) => !isPreferred(w));
      if (preferred.length > 0 && others.length > 0) {
        for (const w of group) w.checks.push(womenCheck(s, w, isPreferred(w)));
        fill(preferred);
        fill(others);
        continue;
      }
    }
    fill(group);
  }
  const usage: Omit<QuotaUsage, 'sentence'> = {
    id: q.id,
    title: q.title,
    scope: q.scope,
    pct: q.pct,
    base: q.base,
    baseSource: q.baseSource,
    limit,
    minimum: q.minimum,
    candidates: candidates.length,
    confirmed,
    councilSeats,
    councilContenders,
    overQuota: over,
    citation: q.citation,
  };
  s.quotas.push({ ...usage, sentence: quotaSentence(usage) });
}

/** NĐ 152/2025 Art 4.6: a woman; a collective with at least 70% women (integer arithmetic). */
export function isPreferred(w: Work): boolean {
  const n = w.entry.nominee;
  return n.kind === 'individual' ? n.gender === 'female' : n.members.women * 100 >= 70 * n.members.total;
}

function womenCheck(s: DecideState, w: Work, preferred: boolean): RuleCheck {
  const c = s.rs.cite.womenPreference;
  const n = w.entry.nominee;
  const facts: Record<string, unknown> = n.kind === 'individual' ? { gender: n.gender, preferred } : { women: n.members.women, total: n.members.total, thresholdPct: 70, preferred };
  const who =
    n.kind === 'individual'
      ? preferred
        ? `${w.subject.upper} là cá nhân nữ`
        : `${w.subject.upper} không phải là cá nhân nữ`
      : `${w.subject.upper} có ${n.members.women}/${n.members.total} thành viên là nữ (${R.formatPct(n.members.women, n.members.total)}%)`;
  const sentence = preferred
    ? `${who}, được ưu tiên lựa chọn khi cùng đủ điều kiện, tiêu chuẩn theo ${citeText(c)}.`
    : `${who}, không thuộc diện ưu tiên (cá nhân nữ hoặc tập thể có tỷ lệ nữ từ 70% trở lên) khi cùng đủ điều kiện, tiêu chuẩn theo ${citeText(c)}.`;
  return { ruleId: 'tie.women-preference', citation: c, facts, passed: preferred, sentence };
}

function quotaCheck(
  q: { id: string; pct: number; base: number; baseSource: QuotaUsage['baseSource']; scope: QuotaUsage['scope']; citation: Citation; ruleId: string },
  limit: number,
  w: Work,
  quota: DecisionQuota,
): RuleCheck {
  const unitText = w.rank === undefined ? 'đơn vị chưa có kết quả xếp hạng' : `đơn vị xếp hạng thứ ${w.rank}`;
  const noun = q.scope === 'individuals' ? 'cá nhân' : 'tập thể';
  const line = `chỉ tiêu ${limit} ${noun} (${q.pct}% của ${q.base} ${baseText(q.baseSource, q.scope)})`;
  const facts: Record<string, unknown> = { quota: q.id, limit, pct: q.pct, base: q.base, baseSource: q.baseSource, unitRank: w.rank ?? null, outcome: quota.outcome };
  const tail = `theo ${citeText(q.citation)}`;
  if (quota.outcome === 'within') {
    return { ruleId: q.ruleId, citation: q.citation, facts, passed: true, sentence: `${w.subject.upper} (${unitText}) nằm trong ${line} ${tail}.` };
  }
  if (quota.outcome === 'over') {
    return { ruleId: q.ruleId, citation: q.citation, facts, passed: false, sentence: `${w.subject.upper} (${unitText}) nằm ngoài ${line} ${tail}.` };
  }
  return {
    ruleId: q.ruleId,
    citation: q.citation,
    facts: { ...facts, seats: quota.seats, contenders: quota.contenders },
    passed: false,
    outcome: 'council-vote',
    sentence: `${w.subject.upper} (${unitText}) đồng hạng với ${(quota.contenders as number) - 1} trường hợp khác tại vị trí giới hạn ${line}: còn ${quota.seats} suất cho ${quota.contenders} trường hợp, đề nghị Hội đồng Thi đua - Khen thưởng bỏ phiếu lựa chọn ${tail}.`,
  };
}

function baseText(source: QuotaUsage['baseSource'], scope: QuotaUsage['scope']): string {
  switch (source) {
    case 'ldtt-in-campaign':
      return 'cá nhân đạt danh hiệu “Lao động tiên tiến”';
    case 'individuals-nominated':
      return 'cá nhân được đề nghị trong đợt';
    case 'collectives-participating':
      return 'tập thể tham gia phong trào';
    case 'option':
      return scope === 'individuals' ? 'cá nhân theo số liệu của phong trào' : 'tập thể theo số liệu của phong trào';
  }
}

/** The quota's line in the proposal: its limit, its base and how the eligible candidates fell. */
export function quotaSentence(u: Omit<QuotaUsage, 'sentence'>): string {
  const noun = u.scope === 'individuals' ? 'cá nhân' : 'tập thể';
  const parts = [`${u.confirmed} trường hợp trong chỉ tiêu`];
  if (u.councilContenders > 0) parts.push(`${u.councilContenders} trường hợp đồng hạng chờ Hội đồng bỏ phiếu chọn ${u.councilSeats}`);
  if (u.overQuota > 0) parts.push(`${u.overQuota} trường hợp ngoài chỉ tiêu`);
  return `${R.capitalise(R.awardPhrase(u.title))}: tối đa ${u.limit} ${noun} (${u.pct}% của ${u.base} ${baseText(u.baseSource, u.scope)}) theo ${citeText(u.citation)}; ${u.candidates} trường hợp đủ tiêu chuẩn: ${parts.join(', ')}.`;
}
