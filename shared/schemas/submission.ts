import * as z from 'zod/mini';
import { id } from './fields';

/**
 * `POST /campaigns/{id}/submissions`: file this campaign's `proposed` nominations in a campaign of the parent agency.
 * Only the campaign is named: the parent agency is the one the platform recorded above the caller's (never the body's).
 */
export const SubmissionInput = z.lazy(() => z.strictObject({ parentCampaignId: id }));
export type SubmissionInput = z.infer<typeof SubmissionInput>;

const Forwarded = z.object({ nominationId: z.string(), parentNominationId: z.string(), title: z.string(), nominee: z.string(), filed: z.boolean() });

export const SubmissionResult = z.lazy(() =>
  z.object({
    parentAgencyId: z.string(),
    parentCampaignId: z.string(),
    /** One row per proposed nomination; `filed` false when an earlier, interrupted call had filed it already. */
    nominations: z.array(Forwarded),
    submittedAt: z.string(),
  }),
);
export type SubmissionResult = z.infer<typeof SubmissionResult>;
