import { DOC, cite, citeText } from '../rules/documents';
import * as R from '../rules/common';
import type { Citation, OptionKey } from '../rules/types';
import type { DecideState } from './state';
import type { CouncilTie, DecideNominationsInput, UnverifiedOption } from './types';

/**
 * The ties the Council decides (issue 11): the standings' ties the scoring chain could not break, and each quota's
 * line falling inside a group of equal standing. Each carries the chain that failed, so the Council reads why the
 * rules could not choose, and an id its vote names (POST /campaigns/{id}/council-votes `tieChoices`).
 */

/** The quota line's chain: the unit's rank (the scoring chain behind it), then, under vn-2025, NĐ 152/2025 Art 4.6. */
function quotaChain(s: DecideState): string[] {
  const chain = ['thứ hạng của đơn vị trong kết quả chấm điểm của phong trào (tổng điểm, rồi các tiêu chí phụ của thang điểm)'];
  if (s.rs.womenTiePreference)
    chain.push(`ưu tiên cá nhân nữ, tập thể có tỷ lệ nữ từ 70% trở lên theo ${citeText(s.rs.cite.womenPreference)} (các trường hợp cùng thuộc hoặc cùng không thuộc diện ưu tiên)`);
  return chain;
}

export function councilTies(s: DecideState, input: DecideNominationsInput): CouncilTie[] {
  const ties: CouncilTie[] = [];
  const unitNames = new Map(input.unitStandings.flatMap((u) => (u.unitName ? [[u.unitId, u.unitName] as const] : [])));
  const byRank = new Map<number, DecideNominationsInput['unitStandings'][number][]>();
  for (const u of input.unitStandings) {
    if (u.tie === undefined || u.tie === false) continue;
    const g = byRank.get(u.rank) ?? [];
    g.push(u);
    byRank.set(u.rank, g);
  }
  const chain = input.tieBreak && input.tieBreak.length > 0 ? ['tổng điểm', ...input.tieBreak] : ['tổng điểm', 'các tiêu chí phụ của thang điểm'];
  const majority = s.rs.council.majorityCitation;
  for (const [rank, group] of [...byRank].sort(([a], [b]) => a - b)) {
    if (group.length < 2) continue;
    const contenders = [...group].sort((a, b) => R.cmp(a.unitId, b.unitId)).map((u) => ({ id: u.unitId, unitId: u.unitId, name: u.unitName ?? u.unitId }));
    ties.push({
      id: `standings:${rank}`,
      kind: 'standings',
      rank,
      seats: null,
      contenders,
      chain,
      citation: majority,
      sentence: `${contenders.map((c) => c.name).join(', ')} đồng hạng ${rank} trong kết quả chấm điểm của phong trào: ${chain.join(', ')} đều bằng nhau; đề nghị Hội đồng Thi đua - Khen thưởng biểu quyết thứ tự theo ${citeText(majority)}.`,
    });
  }
  const quotaGroups = new Map<string, typeof s.works>();
  for (const w of s.works) {
    const q = w.decision.quota;
    if (q?.outcome !== 'council-vote') continue;
    const g = quotaGroups.get(q.id) ?? [];
    g.push(w);
    quotaGroups.set(q.id, g);
  }
  for (const [id, group] of quotaGroups) {
    const q = group[0]?.decision.quota;
    const usage = s.quotas.find((u) => u.id === id);
    if (!q || !usage) continue;
    // A person is named with their unit when the standings name it: two people may share a name.
    const contenders = group.map((w) => {
      const unit = w.entry.nominee.kind === 'individual' ? unitNames.get(w.entry.nominee.unitId) : undefined;
      return { id: w.entry.id, unitId: w.entry.nominee.unitId, name: unit ? `${w.decision.nominee.name} (${unit})` : w.decision.nominee.name };
    });
    const qc = quotaChain(s);
    const citation: Citation = usage.citation;
    ties.push({
      id,
      kind: 'quota',
      rank: q.unitRank,
      seats: q.seats ?? 0,
      contenders,
      chain: qc,
      citation,
      sentence: `${R.capitalise(R.awardPhrase(usage.title))}: ${contenders.map((c) => c.name).join(', ')} cùng đủ điều kiện, tiêu chuẩn tại vị trí giới hạn chỉ tiêu ${usage.limit} trường hợp theo ${citeText(citation)}, còn ${q.seats} suất cho ${contenders.length} trường hợp; ${qc.join('; ')} không phân biệt được; đề nghị Hội đồng Thi đua - Khen thưởng bỏ phiếu lựa chọn.`,
    });
  }
  return ties;
}

/** "bật", "ít nhất 70%", "6": the value as the Council reads it. */
function shown(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'bật' : 'tắt';
  if (typeof v === 'object' && v !== null && 'pct' in v && 'inclusive' in v) return `${v.inclusive ? 'ít nhất' : 'trên'} ${String(v.pct)}%`;
  return JSON.stringify(v);
}

/** Issue 11: the options whose rule is unverified under this rule set and that took part (a boolean on, any other value set). */
export function unverifiedInForce(s: DecideState): UnverifiedOption[] {
  const out: UnverifiedOption[] = [];
  for (const key of s.rs.unverifiedOptions) {
    const value = s.opt[key as OptionKey];
    if (value === false || value === null || value === undefined) continue;
    out.push({ option: key, value, source: s.sources[key], sentence: `Tùy chọn ${key} = ${shown(value)}: ${s.sources[key]}` });
  }
  return out;
}

export const CAMPAIGN_CHOICE = cite(DOC.CAMPAIGN, 'V', { note: 'Lựa chọn của Hội đồng giữa các trường hợp đồng hạng (tieChoices).' });
