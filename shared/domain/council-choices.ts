import type { TieChoiceResult } from './council';
import type { Tie } from './ranking';

/**
 * The standings as the Council left them (issue 11): a tie the scoring chain could not break stays a tie in the ranks
 * (the scores are equal), and each tied row carries the Council's choice, when its ballot recorded one, so the
 * standings show what decided the order. Pure; a choice that did not pass is shown as such.
 */

export interface CouncilChoiceOnRow {
  /** The units in the Council's order. */
  chosen: string[];
  /** This unit's place in that order (1 first), or null when the Council did not place it. */
  position: number | null;
  passed: boolean;
  sentence: string;
}

export function withCouncilChoices<R extends { unitId: string; rank: number; tie?: Tie }, S extends { rows: R[] }>(standings: S, choices: readonly TieChoiceResult[] | undefined): S {
  const byRank = new Map((choices ?? []).filter((c) => c.kind === 'standings').map((c) => [c.tieId, c]));
  if (byRank.size === 0) return standings;
  return {
    ...standings,
    rows: standings.rows.map((r) => {
      const c = r.tie ? byRank.get(`standings:${r.rank}`) : undefined;
      if (!c || !r.tie) return r;
      const at = c.chosen.indexOf(r.unitId);
      const councilChoice: CouncilChoiceOnRow = { chosen: [...c.chosen], position: at < 0 ? null : at + 1, passed: c.passed, sentence: c.sentence };
      return { ...r, tie: { ...r.tie, councilChoice } };
    }),
  };
}
