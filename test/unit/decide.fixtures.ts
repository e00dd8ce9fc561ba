import type { z } from 'zod';
import { decideNominations, type DecideResult, type Decision } from '../../shared/domain/decide';
import { CollectiveNominee, IndividualNominee, NominationEntry, RuleOptions, type Title } from '../../shared/schemas/nomination';

/** Builders for the decision-engine tests: inputs go through the zod schemas, as they would at the edge. */

export type IndividualIn = Partial<z.input<typeof IndividualNominee>>;
export type CollectiveIn = Partial<z.input<typeof CollectiveNominee>>;

export const person = (name: string, over: IndividualIn = {}): z.input<typeof IndividualNominee> => ({
  kind: 'individual',
  personId: name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 64) || 'p',
  name,
  gender: 'male',
  unitId: 'U1',
  hireDate: '2015-03-01',
  taskRating: 'HTTNV',
  ...over,
});

export const collective = (unitId: string, over: CollectiveIn = {}): z.input<typeof CollectiveNominee> => ({
  kind: 'collective',
  unitId,
  name: `Phòng ${unitId}`,
  taskRating: 'HTTNV',
  members: { total: 10, byRating: { HTXSNV: 2, HTTNV: 6, HTNV: 2, KHTNV: 0 }, women: 4 },
  ...over,
});

export const nom = (
  id: string,
  title: Title,
  nominee: z.input<typeof IndividualNominee> | z.input<typeof CollectiveNominee>,
  extra: { registered?: boolean; grounds?: 'record' | 'movement' } = {},
): NominationEntry =>
  NominationEntry.parse({ id, title, nominee, achievementSummary: 'Hoàn thành tốt nhiệm vụ được giao trong năm.', registered: true, ...extra });

/** `n` people of one unit nominated for LĐTT who all meet it: the base of the CSTĐCS cap. */
export const ldttCrowd = (prefix: string, n: number, unitId = 'U9'): NominationEntry[] =>
  Array.from({ length: n }, (_, i) => nom(`${prefix}${String(i).padStart(3, '0')}`, 'LDTT', person(`Người ${prefix} ${i}`, { personId: `${prefix}${i}`, unitId })));

export const DATES = {
  /** vn-2017: the 2023 review dated in December 2023. */
  v2017: { referenceDate: '2023-12-10', campaignYear: 2023 },
  /** vn-2024: the SAME 2023 review submitted in January 2024: same facts, the new law. */
  v2024same: { referenceDate: '2024-01-15', campaignYear: 2023 },
  v2024: { referenceDate: '2024-12-10', campaignYear: 2024 },
  v2025: { referenceDate: '2025-12-10', campaignYear: 2025 },
} as const;

export interface Run {
  date: { referenceDate: string; campaignYear: number };
  noms: NominationEntry[];
  standings?: { unitId: string; rank: number; tie?: boolean }[];
  options?: z.input<typeof RuleOptions>;
  used?: string[];
}

export const run = (r: Run): DecideResult =>
  decideNominations({
    ...r.date,
    nominations: r.noms,
    unitStandings: r.standings ?? [],
    options: RuleOptions.parse(r.options ?? {}),
    usedInitiatives: r.used ?? [],
  });

export const decisionOf = (res: DecideResult, id: string): Decision => {
  const d = res.decisions.find((x) => x.nominationId === id);
  if (!d) throw new Error(`no decision for ${id}`);
  return d;
};
