import { ResultsDocuments } from '../schemas/register';
import * as z from 'zod/mini';
import { AgencyLevel } from '../schemas/agency-level';
import { describe } from '../schemas/fields';
import { RecordCoverage, RecordDocument } from '../schemas/record';
// The input schemas are zod/mini (shared/schemas/fields.ts): extended with zod/mini's functions, as they have no classic methods.
import { extend, safeExtend } from 'zod/mini';
import { Nomination, QuotaRule, QuotaTitle, RuleSetId, Title } from '../schemas/nomination';
import { TaskRating } from '../schemas/ratings';
import { ReportPeriod, UnitReport, Verification } from '../schemas/scoring';

/*
 * The shapes the use cases return (shared/usecases/reads.ts, reports.ts, nominations.ts), for the
 * API document only: nothing parses a response with them. Each is `z.lazy`, so only the OpenAPI
 * document builds them, never a cold start. They are kept honest two ways: test/unit/openapi.test.ts
 * checks at compile time that each domain type fits its schema, and the integration client
 * (test/integration/client.ts) validates every response body of every integration test against the
 * route's documented schema.
 */

/** Integer hundredths of a point: 9720 is 97,20 điểm (shared/domain/points.ts). */
const hundredths = () => describe(z.number().check(z.int()), 'Integer hundredths of a point: 9720 is 97,20 điểm');
const citation = () =>
  z.object({
    document: z.string(),
    article: z.optional(z.string()),
    clause: z.optional(z.string()),
    point: z.optional(z.string()),
    confidence: describe(z.enum(['V', 'S', 'U']), 'V: seen verbatim; S: secondary source; U: unverified (docs/legal-sources.md)'),
    note: z.optional(z.string()),
  });

/** A report as stored and returned: the unit's report with who sent it, when, and its self-assessed total. */
export const StoredReport = z.lazy(() =>
  extend(UnitReport._zod.innerType, {
    submittedAt: z.string(),
    submittedBy: z.string(),
    resubmission: describe(z.boolean(), 'A later submission replaced an earlier one'),
    selfTotal: hundredths(),
  }),
);
export const ReportList = z.lazy(() => z.object({ items: z.array(StoredReport) }));

const scored = () => ({ points: hundredths(), explanation: describe(z.string(), 'How the points were computed, in Vietnamese') });
const sectionScore = () => z.object({ sectionId: z.string(), kind: z.enum(['base', 'bonus', 'penalty']), raw: hundredths(), cap: hundredths(), points: hundredths(), explanation: z.string() });
const criterionScore = () =>
  z.object({
    criterionId: z.string(),
    sectionId: z.string(),
    max: hundredths(),
    self: z.object(scored()),
    verified: z.optional(z.object({ ...scored(), reason: z.string() })),
    counted: z.enum(['self', 'verified']),
    points: hundredths(),
  });
const scoredReportShape = () => ({
  unitId: z.string(),
  taskRating: z.optional(TaskRating),
  total: hundredths(),
  selfTotal: hundredths(),
  maxTotal: hundredths(),
  explanation: z.string(),
  sections: z.array(sectionScore()),
  criteria: z.array(criterionScore()),
});

/** The Office's verification as stored, with the report scored on it. */
export const VerificationResult = z.lazy(() =>
  safeExtend(Verification._zod.innerType, {
    unitId: z.string(),
    period: ReportPeriod,
    verifiedAt: z.string(),
    verifiedBy: z.string(),
    scored: z.object(scoredReportShape()),
  }),
);

const tie = () =>
  z.object({
    with: describe(z.array(z.string()), 'The other units of the tied group, in unitId order (at most 100)'),
    notListed: z.optional(z.number().check(z.int())),
    note: z.literal('tie: needs council vote'),
    explanation: z.string(),
    councilChoice: describe(
      z.optional(
        z.object({
          chosen: describe(z.array(z.string()), 'The tied units in the Council’s order'),
          position: describe(z.nullable(z.number().check(z.int())), 'This unit’s place in that order, 1 first; null when the Council did not place it'),
          passed: z.boolean(),
          sentence: z.string(),
        }),
      ),
      'The Council’s choice on this tie, once its ballot recorded one (POST /campaigns/{id}/council-votes `tieChoices`)',
    ),
  });
const rankShape = () => ({
  rank: z.number().check(z.int()).check(z.gte(1)),
  tie: z.optional(tie()),
  tieBrokenBy: z.optional(z.array(z.object({ against: z.string(), criterionId: z.string() }))),
});

/** Units ranked by total; a row another unit or a viewer reads carries the rank and total only (README "Who sees what"). */
export const Standings = z.lazy(() =>
  z.object({
    period: ReportPeriod,
    ruleVersion: z.string(),
    legalBasis: z.string(),
    pointsUnit: z.literal('hundredths'),
    maxTotal: hundredths(),
    tieBreak: z.array(z.string()),
    inputHash: describe(z.string(), 'sha256 (hex) of the canonical JSON of the inputs'),
    rows: z.array(
      z.union([
        describe(z.object({ ...rankShape(), ...scoredReportShape(), unitName: z.optional(z.string()) }), 'In full: the Office, the Council, the unit itself'),
        describe(
          z.object({ ...rankShape(), unitId: z.string(), unitName: z.optional(z.string()), total: hundredths(), maxTotal: hundredths() }),
          'Another unit’s row, for a unit’s reporter or a viewer',
        ),
      ]),
    ),
  }),
);

/** Where a nomination forwarded by a child agency came from (POST /campaigns/{id}/submissions), and what its council voted. */
const nominationOrigin = () =>
  describe(
    z.object({
      agencyId: z.string(),
      agencyName: z.string(),
      campaignId: z.string(),
      documentNumber: z.string(),
      nominationId: z.string(),
      unitId: describe(z.string(), 'The nominee’s unit inside the child agency'),
      vote: z.optional(z.object({ yes: z.number(), membersTotal: z.number(), required: z.number(), thresholdPct: z.number(), comparison: z.string(), passed: z.boolean() })),
      proposedTo: describe(z.optional(z.record(z.string(), z.unknown())), 'Who decides the title, and where that is written'),
      checks: describe(z.array(z.unknown()), 'The child agency’s decision checks, with their citations'),
      summary: z.optional(z.string()),
    }),
    'Set on a nomination forwarded by a child agency',
  );
/** A nomination as stored: the request plus its id, the unit that sent it, who and when, and for a forwarded one its origin. */
export const StoredNomination = z.lazy(() =>
  safeExtend(Nomination._zod.innerType, {
    id: z.string(),
    nominatingUnitId: z.string(),
    submittedAt: z.string(),
    submittedBy: z.string(),
    origin: z.optional(nominationOrigin()),
    importId: describe(z.optional(z.string()), 'The import (POST /imports) that filed it, when it came from a workbook'),
  }),
);
export const NominationList = z.lazy(() => z.object({ items: z.array(StoredNomination) }));

const decisionStatus = () => z.enum(['eligible', 'not-eligible', 'deferred', 'over-quota']);
const nomineeRef = () => z.object({ kind: z.enum(['individual', 'collective']), unitId: z.string(), name: z.string(), personId: z.optional(z.string()) });
const decision = () =>
  z.object({
    nominationId: z.string(),
    title: Title,
    nominee: nomineeRef(),
    status: decisionStatus(),
    checks: z.array(
      z.object({
        ruleId: z.string(),
        citation: citation(),
        facts: describe(z.record(z.string(), z.unknown()), 'What the rule read'),
        passed: z.boolean(),
        sentence: describe(z.string(), 'For the minutes, in Vietnamese'),
        outcome: z.optional(z.enum(['defer', 'council-vote'])),
      }),
    ),
    summary: z.string(),
    needsCouncilVote: z.optional(z.literal(true)),
    quota: z.optional(
      z.object({
        id: z.string(),
        limit: z.number().check(z.int()),
        outcome: z.enum(['within', 'council-vote', 'over']),
        unitRank: z.nullable(z.number().check(z.int())),
        seats: z.optional(z.number().check(z.int())),
        contenders: z.optional(z.number().check(z.int())),
      }),
    ),
    initiativesUsed: z.optional(z.array(z.string())),
    dependsOn: z.optional(z.array(z.string())),
    claims: describe(
      z.optional(
        z.array(
          z.object({
            year: z.number().check(z.int()),
            title: Title,
            status: z.enum(['verified', 'contradicted', 'declared']),
            reason: z.optional(z.enum(['not-covered', 'proposed', 'not-tracked'])),
            sentence: describe(z.string(), 'For the minutes, in Vietnamese'),
            record: z.optional(z.object({ outcome: z.enum(['awarded', 'proposed']), campaignId: z.string(), campaignTitle: z.string(), nominationId: z.string(), document: RecordDocument })),
            coverage: z.optional(RecordCoverage),
          }),
        ),
      ),
      'Each past title the nomination declares that its rules read, checked against the achievement records (issue 13): verified, contradicted (not counted), or declared',
    ),
  });

/** The proposal (dự kiến kết quả): every nomination decided, the quotas, the options and their sources, every rule's citation. */
export const Proposal = z.lazy(() =>
  z.object({
    ruleSet: RuleSetId,
    engineVersion: z.string(),
    inputHash: describe(z.string(), 'sha256 (hex) of the canonical JSON of the inputs'),
    referenceDate: z.string(),
    campaignYear: z.number().check(z.int()),
    legalBasis: z.array(z.string()),
    options: z.object({
      registrationRequired: z.boolean(),
      cstdcsCapPct: z.nullable(z.number()),
      ldttCountForCap: z.optional(z.number().check(z.int())),
      ttldttLdttShare: z.object({ pct: z.number(), inclusive: z.boolean() }),
      ldttMinTenureMonths: z.number().check(z.int()),
      ldttExcludesKhienTrach: z.boolean(),
      disciplinePrinciple: describe(z.optional(z.boolean()), 'Absent from proposals made before issue 11'),
      bangKhenCstdcsRoute: describe(z.optional(z.boolean()), 'Absent from proposals made before issue 11'),
      quotas: z.partialRecord(QuotaTitle, QuotaRule),
    }),
    optionSources: describe(z.record(z.string(), z.string()), 'Where each option’s value comes from'),
    quotas: z.array(
      z.object({
        id: z.string(),
        title: Title,
        scope: z.enum(['individuals', 'collectives']),
        pct: z.number(),
        base: z.number().check(z.int()),
        baseSource: z.enum(['option', 'ldtt-in-campaign', 'individuals-nominated', 'collectives-participating']),
        limit: z.number().check(z.int()),
        minimum: z.number().check(z.int()),
        candidates: z.number().check(z.int()),
        confirmed: z.number().check(z.int()),
        councilSeats: z.number().check(z.int()),
        councilContenders: z.number().check(z.int()),
        overQuota: z.number().check(z.int()),
        citation: citation(),
        sentence: z.string(),
      }),
    ),
    rules: describe(z.record(z.string(), citation()), 'ruleId → its full citation'),
    regime: describe(
      z.optional(
        z.object({
          ruleSet: RuleSetId,
          referenceDate: z.string(),
          assessmentYear: z.number().check(z.int()),
          decidedLater: z.boolean(),
          crossed: z.boolean(),
          ruleSetAtYearEnd: RuleSetId,
          citations: z.array(citation()),
          sentence: z.string(),
        }),
      ),
      'Which law decided: the reference date’s, the assessment year (năm đánh giá) apart, the transition read (absent before issue 11)',
    ),
    unverified: describe(
      z.optional(z.array(z.object({ option: z.string(), value: z.unknown(), source: z.string(), sentence: z.string() }))),
      'The options whose rule is unverified [U] under this rule set and that were in force',
    ),
    ties: describe(
      z.optional(
        z.array(
          z.object({
            id: describe(z.string(), '`standings:<rank>` or a quota id: what `tieChoices[].tieId` names'),
            kind: z.enum(['standings', 'quota']),
            rank: z.nullable(z.number().check(z.int())),
            seats: z.nullable(z.number().check(z.int())),
            contenders: z.array(z.object({ id: z.string(), unitId: z.string(), name: z.string() })),
            chain: describe(z.array(z.string()), 'The tie chain that could not separate them'),
            citation: citation(),
            sentence: z.string(),
          }),
        ),
      ),
      'The ties left to the Council: the standings’ and each quota line’s',
    ),
    standings: describe(
      z.optional(
        z.array(
          z.object({
            unitId: z.string(),
            unitName: z.optional(z.string()),
            rank: z.number().check(z.int()),
            total: describe(z.optional(z.number().check(z.int())), 'Hundredths of a point'),
            tie: z.boolean(),
          }),
        ),
      ),
      'The standings the quotas read, in rank order',
    ),
    decisionCount: z.number().check(z.int()),
    closedAt: z.string(),
    decisions: z.array(decision()),
  }),
);

const tieChoices = () =>
  describe(
    z.array(
      z.object({
        tieId: z.string(),
        kind: z.enum(['standings', 'quota']),
        chosen: z.array(z.string()),
        chosenNames: z.array(z.string()),
        yes: z.number().check(z.int()),
        membersTotal: z.number().check(z.int()),
        required: z.number().check(z.int()),
        passed: z.boolean(),
        note: z.optional(z.string()),
        citation: citation(),
        sentence: z.string(),
      }),
    ),
    'The Council’s choices among the tied (issue 11), each by a majority of all members',
  );

/** The Council's ballot counted: the quorum and each nomination against its title's threshold over the whole membership. */
export const CouncilTally = z.lazy(() =>
  z.object({
    ruleSet: RuleSetId,
    quorum: z.object({
      membersTotal: z.number().check(z.int()),
      present: z.number().check(z.int()),
      written: z.number().check(z.int()),
      counted: z.number().check(z.int()),
      countsWritten: z.boolean(),
      rule: z.string(),
      required: z.number().check(z.int()),
      met: z.boolean(),
      citation: citation(),
      sentence: z.string(),
    }),
    results: z.array(
      z.object({
        nominationId: z.string(),
        title: Title,
        passed: z.boolean(),
        yes: z.number().check(z.int()),
        membersTotal: z.number().check(z.int()),
        thresholdPct: z.number(),
        comparison: z.enum(['at-least', 'more-than']),
        required: z.number().check(z.int()),
        secretBallot: z.boolean(),
        citation: citation(),
        sentence: z.string(),
      }),
    ),
    tieChoices: z.optional(tieChoices()),
  }),
);

const vote = () =>
  z.object({
    yes: z.number().check(z.int()),
    membersTotal: z.number().check(z.int()),
    required: z.number().check(z.int()),
    thresholdPct: z.number(),
    comparison: z.enum(['at-least', 'more-than']),
    passed: z.boolean(),
  });
/** Who decides a proposed title (shared/domain/authority.ts; docs/legal-sources.md §1.9). */
const proposedTo = () =>
  z.object({
    agencyLevel: AgencyLevel,
    decidedBy: z.enum(['agency-head', 'commune-chairman', 'district-chairman', 'province-chairman']),
    label: describe(z.string(), 'Vietnamese: "Chủ tịch Ủy ban nhân dân tỉnh"'),
    citation: citation(),
    agencyPower: describe(citation(), 'What bounds the agency’s own power, e.g. khoản 1 Điều 80 Luật Thi đua, khen thưởng 2022'),
  });
const outcome = () =>
  describe(
    z.object({
      nominationId: z.string(),
      title: Title,
      titleLabel: z.string(),
      nominee: nomineeRef(),
      nominatingUnitId: z.string(),
      proposal: decisionStatus(),
      needsCouncilVote: z.boolean(),
      vote: z.optional(vote()),
      outcome: describe(
        z.enum(['awarded', 'proposed', 'not-awarded', 'deferred']),
        '`proposed`: the council voted for a title its agency may not award; it goes to `proposedTo` (đề nghị cấp trên xét tặng)',
      ),
      proposedTo: z.optional(proposedTo()),
      reason: describe(z.string(), 'For the minutes: the vote and what follows from it, or the decision’s summary'),
    }),
    'The internal face: the Office, the Council, the nominating unit about its own nominees',
  );
const publicOutcome = () =>
  describe(
    z.object({
      nominationId: z.string(),
      title: Title,
      titleLabel: z.string(),
      nominee: z.object({ kind: z.enum(['individual', 'collective']), unitId: z.string(), name: describe(z.optional(z.string()), 'Only when awarded or proposed') }),
      nominatingUnitId: z.string(),
      outcome: z.enum(['awarded', 'proposed', 'not-awarded']),
      vote: z.optional(vote()),
      proposedTo: z.optional(proposedTo()),
      ground: describe(z.string(), 'The public ground, in Vietnamese'),
    }),
    'The public face, for everyone else',
  );
const resultsHeader = () => ({
  campaignId: z.string(),
  ruleSet: RuleSetId,
  inputHash: z.string(),
  engineVersion: z.string(),
  finalizedAt: z.string(),
  tieChoices: z.optional(tieChoices()),
  documents: describe(z.optional(ResultsDocuments), 'The numbers of the documents the results are issued in, from the register; absent from results finalized before the register existed'),
});

/** What finalizing returns: the frozen results, every outcome in its internal face. */
export const FinalResults = z.lazy(() =>
  z.object({
    ...resultsHeader(),
    counts: z.object({ awarded: z.number().check(z.int()), proposed: z.number().check(z.int()), notAwarded: z.number().check(z.int()), deferred: z.number().check(z.int()) }),
    outcomes: z.array(outcome()),
  }),
);

/** The results as the caller may read them (README "Who sees what"): the public face and counts (deferrals counted as not awarded) to those outside. */
export const VisibleResults = z.lazy(() =>
  z.object({
    ...resultsHeader(),
    counts: z.union([
      describe(
        z.object({ awarded: z.number().check(z.int()), proposed: z.optional(z.number().check(z.int())), notAwarded: z.number().check(z.int()), deferred: z.number().check(z.int()) }),
        '`proposed` is absent from results finalized before proposals existed',
      ),
      describe(z.object({ awarded: z.number().check(z.int()), proposed: z.number().check(z.int()), notAwarded: z.number().check(z.int()) }), 'The public counts: a deferral counts as not awarded'),
    ]),
    outcomes: z.array(z.union([outcome(), publicOutcome()])),
  }),
);

/** This document itself: only its frame is described here; its full schema is the OpenAPI 3.1 specification's. */
export const OpenApiDocument = z.lazy(() => z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }));

/** POST /campaigns/{id}/reminders: who was reminded, who was not and why (shared/usecases/reminders.ts). */
export const ReminderRequestResult = z.lazy(() =>
  z.object({
    what: z.enum(['registration', 'mid-year', 'final', 'nominations']),
    deadline: describe(z.string(), 'The deadline the reminder names, ISO 8601'),
    reminded: describe(z.array(z.object({ unitId: z.string(), name: z.string() })), 'Each participating unit that had not yet submitted and was not reminded of this today (Vietnam’s day)'),
    skipped: describe(
      z.array(z.object({ unitId: z.string(), name: z.string(), reason: z.enum(['already-reminded-today', 'already-submitted']) })),
      'The other participating units: already reminded of this today, or already submitted',
    ),
    eventIds: describe(z.array(z.string()), 'The `ReminderRequested` events written (none when nobody was reminded)'),
  }),
);
