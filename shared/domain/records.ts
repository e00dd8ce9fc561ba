import type { AwardRecord, RecordCoverage, RecordDocument, RecordSubject } from '../schemas/record';
import type { Title } from '../schemas/titles';
import { type AgencyLevel, authorityFor } from './authority';
import type { Outcome } from './results';
import type { RuleSetId } from './rules/types';

/**
 * The achievement records a campaign's final results leave (hồ sơ thành tích, issue 13). Pure: the consumer of
 * ResultsFinalized stores what this returns, keyed so that a retry writes the same items.
 *
 * - an `awarded` outcome is recorded against its document, the agency's Quyết định;
 * - a `proposed` outcome against the agency's Tờ trình đề nghị, decided by whom it went to (not in the system);
 * - the coverage says which (year, title) the agency itself decided in this campaign, awarded to anyone or to nobody:
 *   a claim of such a title in such a year that no record holds is contradicted by the records
 *   (shared/domain/decision/claims.ts). A title the agency only proposes upward covers nothing: the superior may have
 *   awarded it without the agency's records knowing.
 */
export interface RecordsOfResultsInput {
  agencyId: string;
  campaign: { id: string; title: string };
  year: number;
  agencyLevel: AgencyLevel;
  ruleSet: RuleSetId;
  outcomes: readonly Outcome[];
  /** The numbers finalize took: the Quyết định's (`decision`) and the Tờ trình đề nghị's (`submission`). */
  documents?: { decision?: string; submission?: string };
  /** The day the results were finalized in Vietnam (YYYY-MM-DD): the documents' date. */
  date: string;
  recordedAt: string;
  /** The nomination's own person id (agency-wide, as on the staff list), by nomination id; the proposal's is qualified by unit. */
  personIds: Readonly<Record<string, string | undefined>>;
  /** The agency's staff list ids (recordPersonKey). */
  staffIds: ReadonlySet<string>;
  /** Gender by nomination id, when the nomination declared it: the statistical forms count women. */
  genders?: Readonly<Record<string, 'female' | 'male' | undefined>>;
}

/**
 * The person an individual record is kept against: the staff list's id when the list holds it (an agency-wide id, the
 * person's record across units); else the id qualified by the unit that gave it, as the decision engine qualifies it
 * (a unit's own staff number: the same number in two units is two people); else the unit and the name.
 */
export function recordPersonKey(personId: string | undefined, unitId: string, name: string, staff: ReadonlySet<string>): string {
  if (personId !== undefined) return staff.has(personId) ? personId : `${unitId}/${personId}`;
  return `${unitId}/${name.normalize('NFC')}`;
}

export function recordsOfResults(input: RecordsOfResultsInput): { records: AwardRecord[]; coverage: RecordCoverage[] } {
  const records: AwardRecord[] = [];
  const decisionDoc = (title: Title): RecordDocument => ({
    ...(input.documents?.decision ? { number: input.documents.decision } : {}),
    date: input.date,
    decidedBy: authorityFor(title, input.agencyLevel, input.ruleSet).decidedByLabel,
  });
  for (const o of input.outcomes) {
    if (o.outcome !== 'awarded' && o.outcome !== 'proposed') continue;
    const n = o.nominee;
    const gender = input.genders?.[o.nominationId];
    const subject: RecordSubject =
      n.kind === 'individual'
        ? { kind: 'individual', personId: recordPersonKey(input.personIds[o.nominationId], n.unitId, n.name, input.staffIds), name: n.name, unitId: n.unitId, ...(gender ? { gender } : {}) }
        : { kind: 'collective', unitId: n.unitId, name: n.name };
    const document: RecordDocument =
      o.outcome === 'awarded'
        ? decisionDoc(o.title)
        : {
            ...(input.documents?.submission ? { number: input.documents.submission } : {}),
            date: input.date,
            decidedBy: o.proposedTo?.label ?? authorityFor(o.title, input.agencyLevel, input.ruleSet).decidedByLabel,
          };
    records.push({
      agencyId: input.agencyId,
      subject,
      year: input.year,
      title: o.title,
      outcome: o.outcome,
      campaignId: input.campaign.id,
      campaignTitle: input.campaign.title,
      nominationId: o.nominationId,
      document,
      recordedAt: input.recordedAt,
    });
  }
  const decided = new Set<Title>();
  for (const o of input.outcomes) if (authorityFor(o.title, input.agencyLevel, input.ruleSet).byAgency) decided.add(o.title);
  const coverage = [...decided].sort().map((title) => ({ year: input.year, title, campaignId: input.campaign.id, campaignTitle: input.campaign.title, document: decisionDoc(title) }));
  return { records, coverage };
}
