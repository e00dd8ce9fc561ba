import * as z from 'zod/mini';
import './locale';
import { AgencyLevel } from './agency-level';
import type { Campaign } from './campaign';
import type { RuleOptions } from './nomination';
import type { ScoringTable } from './scoring';

/*
 * A campaign as the store reads it back. Every campaign item was written by our own use cases from
 * a body that `CampaignInput` (and `ScoringTable`, `RuleOptions`) had parsed in full: refinements,
 * NFC normalisation, the nomination and scoring schemas. Reading it, every function (the stream
 * consumers, the tick, the SES events, the API) checks its shape here instead: each field's type,
 * no unknown field, the defaults, so a corrupt or foreign item still fails loudly (its record
 * dead-lettered, a 500), without building the input schemas at module load. That construction was
 * the largest part of a consumer's cold start (issue 9 "Lighter bundles", `npm run bench`).
 * zod/mini, so that these functions carry no classic zod at all.
 */

export const CampaignStatus = z.enum(['draft', 'issued', 'nominations-closed', 'finalized']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

const text = z.string();
const optionalText = z.optional(z.string());
const texts = z.array(z.string());
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The scoring table and the rule options as stored: objects of the expected outline (validated in full when written). */
const storedScoringTable = z.custom<ScoringTable>(
  (v) => isRecord(v) && typeof v.version === 'string' && Array.isArray(v.sections) && Array.isArray(v.tieBreak),
  'không phải bảng điểm đã lưu (version, sections, tieBreak)',
);
const storedRuleOptions = z.custom<RuleOptions>(isRecord, 'không phải tùy chọn quy tắc đã lưu');

export const StoredCampaign = z.strictObject({
  documentNumber: text,
  title: text,
  issuingBody: text,
  parentBody: optionalText,
  place: text,
  date: optionalText,
  theme: text,
  slogan: optionalText,
  legalBases: texts,
  goals: texts,
  contents: texts,
  implementation: texts,
  closing: optionalText,
  signer: z.strictObject({ name: text, position: text }),
  recipientGroups: texts,
  participatingUnits: z._default(texts, []),
  deadlines: z.strictObject({ registration: optionalText, midYearReports: optionalText, reports: optionalText, nominations: text }),
  scoringTable: z.optional(storedScoringTable),
  officeGroup: optionalText,
  councilGroup: optionalText,
  referenceDate: optionalText,
  assessmentYear: z.optional(z.int()),
  ruleOptions: z.optional(storedRuleOptions),
  id: text,
  agencyId: text,
  agencyLevel: z.optional(AgencyLevel),
  status: CampaignStatus,
  version: z.int(),
  createdAt: text,
  createdBy: text,
  issuedAt: optionalText,
  issuedBy: optionalText,
  nominationsClosedAt: optionalText,
  nominationsClosedBy: optionalText,
  finalizedAt: optionalText,
  finalizedBy: optionalText,
});

/** The compiler keeps the two in step: a field added to `Campaign` and not here (or typed otherwise) fails `tsc`. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsCampaign: Same<z.output<typeof StoredCampaign>, Campaign> = true;
void sameAsCampaign;
