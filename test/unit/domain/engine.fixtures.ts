import { initialState, type DecideState, type Work } from '../../../shared/domain/decision/state';
import { RuleOptions } from '../../../shared/schemas/nomination';
import type { Run } from '../decide.fixtures';

/** A run's state before any step, for testing one tier or one cut through its own entry point. */
export const stateOf = (r: Run): DecideState =>
  initialState({
    ...r.date,
    nominations: r.noms,
    unitStandings: r.standings ?? [],
    options: RuleOptions.parse(r.options ?? {}),
    usedInitiatives: r.used ?? [],
  });

export const workOf = (s: DecideState, id: string): Work => {
  const w = s.works.find((x) => x.entry.id === id);
  if (!w) throw new Error(`no nomination ${id}`);
  return w;
};

/** `ruleId: passed` for each check, in order: what a tier decided, at a glance. */
export const checksOf = (s: DecideState, id: string): string[] => workOf(s, id).checks.map((c) => `${c.ruleId}:${c.outcome ?? c.passed}`);
export const statusOf = (s: DecideState, id: string) => workOf(s, id).decision.status;
