import { DomainError } from '../domain/errors';
import { publicCounts, publicOutcome, type Outcome, type PublicOutcome } from '../domain/results';
import type { Standings, StandingsRow } from '../domain/standings';
import type { RecipientGroup, Unit } from '../schemas/directory';
import type { DomainEvent, EventType } from '../schemas/events';
import type { Principal } from './principal';

/**
 * Who sees what: the one visibility policy every read goes through (docs/architecture.md "One visibility
 * policy"; the README's "Who sees what" states the same table for people).
 *
 * A commendation system holds exactly what must not cross between units: a unit's self-assessment
 * and evidence, a person's discipline, a rival unit's chances. So:
 * - the Office (`admin`) sees everything: the audit trail stays complete;
 * - the Council sees every unit's submissions and the internal reasons it decides on, but not the
 *   mail system's diagnostics (bounces) nor who clicked what (actors);
 * - a unit's reporter sees its own unit (and its sub-units) in full, the campaign-level events, the
 *   other units' standing (rank and total, not their self-assessed values), and the public face
 *   of the other units' results;
 * - a viewer sees the campaign, its campaign-level events, the standings' ranks and totals, the
 *   collectives' registrations, and the public face of the results.
 * Anything the policy does not name is hidden from everyone but the Office: it fails closed.
 */
export type Audience = { kind: 'office' } | { kind: 'council' } | { kind: 'unit'; unitId: string; units: ReadonlySet<string> } | { kind: 'public' };

/** The unit and every unit below it in the directory (a phòng of a Sở), cycles ignored. */
export function unitScope(unitId: string, units: readonly Pick<Unit, 'unitId' | 'parentUnitId'>[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parentUnitId) children.set(u.parentUnitId, [...(children.get(u.parentUnitId) ?? []), u.unitId]);
  const scope = new Set<string>([unitId]);
  const queue = [unitId];
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) {
      if (scope.has(c)) continue;
      scope.add(c);
      queue.push(c);
    }
  }
  return scope;
}

/** The broadest audience among the caller's roles; a unit's reporter without a unit sees what a viewer sees. */
export function audienceOf(principal: Pick<Principal, 'roles' | 'unitId'>, units: readonly Pick<Unit, 'unitId' | 'parentUnitId'>[] = []): Audience {
  if (principal.roles.includes('admin')) return { kind: 'office' };
  if (principal.roles.includes('council')) return { kind: 'council' };
  if (principal.roles.includes('unit') && principal.unitId) return { kind: 'unit', unitId: principal.unitId, units: unitScope(principal.unitId, units) };
  return { kind: 'public' };
}

/** Whether the audience reads a unit's own records (its registrations, reports, nominations) in full. */
export function seesUnit(a: Audience, unitId: string): boolean {
  return a.kind === 'office' || a.kind === 'council' || (a.kind === 'unit' && a.units.has(unitId));
}

// ── The audit trail ─────────────────────────────────────────────────────────────────────────

/** Events about the campaign as a whole: their data is counts and dates, nobody's file. */
const CAMPAIGN_EVENTS: ReadonlySet<EventType> = new Set([
  'CampaignCreated',
  'ScoringTableSet',
  'CampaignIssued',
  'ReportReminderDue',
  // A deadline moved (its dates and reason are the letter's business) and the clock's reminders
  // before the registration and nomination deadlines (what and when, no unit named).
  'DeadlineExtended',
  'ReminderDue',
  'NominationsClosed',
  'ProposalReady',
  'CouncilVoteRecorded',
  'ResultsFinalized',
]);
// `ReminderRequested` (the Office's reminder on demand) names the units that had not yet submitted:
// which rival is behind is not another unit's business, so it stays the Office's (not named: fails closed).
/** Events about one unit's submission: its data carries the report, evidence, people's names. */
const UNIT_EVENTS: ReadonlySet<EventType> = new Set(['RegistrationSubmitted', 'ReportSubmitted', 'ReportVerified', 'NominationSubmitted']);

export type VisibleEvent = Omit<DomainEvent, 'actor'> & { actor?: string };

export function visibleEvents(a: Audience, events: readonly DomainEvent[]): VisibleEvent[] {
  if (a.kind === 'office') return [...events];
  return events.flatMap((e): VisibleEvent[] => {
    const { actor: _actor, ...rest } = e;
    if (CAMPAIGN_EVENTS.has(e.type)) return [rest];
    if (UNIT_EVENTS.has(e.type) && typeof e.data.unitId === 'string' && seesUnit(a, e.data.unitId)) {
      // A unit's reporter sees who in its own unit did what; the Council reads the content, not the accounts.
      return [a.kind === 'unit' ? e : rest];
    }
    // Bounce diagnostics (DeliveryBounced) and any type the policy does not name: the Office only.
    return [];
  });
}

// ── Submissions ─────────────────────────────────────────────────────────────────────────────

type UnitRow = { unitId?: unknown; nominatingUnitId?: unknown };
const unitOf = (r: UnitRow, key: 'unitId' | 'nominatingUnitId') => String(r[key] ?? '');

/** Registrations: each in full to whoever sees its unit; a viewer or another unit sees the collectives' commitments only. */
export function visibleRegistrations<T extends UnitRow & { registrant?: { kind?: unknown } }>(a: Audience, rows: readonly T[]): T[] {
  return rows.filter((r) => seesUnit(a, unitOf(r, 'unitId')) || (a.kind === 'public' && r.registrant?.kind === 'unit'));
}

/** Reports (self-assessed values, evidence, summary): only whoever sees the unit. */
export function visibleReports<T extends UnitRow>(a: Audience, rows: readonly T[]): T[] {
  return rows.filter((r) => seesUnit(a, unitOf(r, 'unitId')));
}

/** Nominations (people, discipline, past titles): the Office, the Council, and the unit that sent them. */
export function visibleNominations<T extends UnitRow>(a: Audience, rows: readonly T[]): T[] {
  return rows.filter((r) => seesUnit(a, unitOf(r, 'nominatingUnitId')));
}

// ── Standings ───────────────────────────────────────────────────────────────────────────────

/** A row as another unit sees it: where the unit stands, not what it claimed or how the Office verified it. */
export type StandingRowSummary = Pick<StandingsRow, 'rank' | 'unitId' | 'unitName' | 'total' | 'maxTotal' | 'tie' | 'tieBrokenBy'>;

export function visibleStandings(a: Audience, s: Standings): Omit<Standings, 'rows'> & { rows: (StandingsRow | StandingRowSummary)[] } {
  if (a.kind === 'office' || a.kind === 'council') return s;
  return {
    ...s,
    rows: s.rows.map((r) => {
      if (a.kind === 'unit' && a.units.has(r.unitId)) return r;
      const { rank, unitId, unitName, total, maxTotal, tie, tieBrokenBy } = r;
      return { rank, unitId, ...(unitName !== undefined ? { unitName } : {}), total, maxTotal, ...(tie ? { tie } : {}), ...(tieBrokenBy ? { tieBrokenBy } : {}) };
    }),
  };
}

// ── Results ─────────────────────────────────────────────────────────────────────────────────

export interface StoredResults {
  outcomes: Outcome[];
  counts: { awarded: number; notAwarded: number; deferred: number };
  [key: string]: unknown;
}

/**
 * The results: the internal face (the reason behind each outcome) to the Office, the Council and
 * the nominating unit about its own nominees; the public face (outcome, title, the vote) to
 * everyone else.
 */
export function visibleResults(a: Audience, r: StoredResults): Omit<StoredResults, 'outcomes' | 'counts'> & { outcomes: (Outcome | PublicOutcome)[]; counts: Record<string, number> } {
  if (a.kind === 'office' || a.kind === 'council') return r;
  const outcomes = r.outcomes.map((o) => (a.kind === 'unit' && a.units.has(o.nominatingUnitId) ? o : publicOutcome(o)));
  return { ...r, outcomes, counts: publicCounts(r.counts) };
}

// ── The proposal ────────────────────────────────────────────────────────────────────────────

/** The proposal (every check, every reason, every person's file): the Office and the Council, nobody else. */
export function visibleProposal<P>(a: Audience, proposal: P): P {
  if (a.kind === 'office' || a.kind === 'council') return proposal;
  throw new DomainError('forbidden', 'Dự kiến kết quả xét khen thưởng chỉ dành cho Văn phòng và Hội đồng Thi đua - Khen thưởng.', undefined, 'auth.forbidden');
}

// ── The directory ───────────────────────────────────────────────────────────────────────────

/** Addresses are the Office's working data (and people's personal data): others see codes and names. */
export function visibleGroups(a: Audience, groups: readonly RecipientGroup[]): (Omit<RecipientGroup, 'emails'> & { emails?: string[] })[] {
  if (a.kind === 'office') return [...groups];
  return groups.map(({ emails: _e, ...g }) => g);
}

export function visibleUnits(a: Audience, units: readonly Unit[]): (Omit<Unit, 'emails'> & { emails?: string[] })[] {
  if (a.kind === 'office') return [...units];
  return units.map((u) => {
    if (a.kind === 'unit' && a.units.has(u.unitId)) return u;
    const { emails: _e, ...rest } = u;
    return rest;
  });
}
