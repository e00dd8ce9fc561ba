import * as z from 'zod/mini';
import './locale';

/*
 * zod/mini, not classic zod: every stream consumer, the mailer and the scheduled tick parse these
 * items (written by our own use cases) and import nothing else from zod, so their bundles carry the
 * mini build (a few KB, cheap to construct) instead of the classic one with its per-schema methods
 * (issue 9 "Lighter bundles", `npm run bench`). The schemas parse exactly as before; the API embeds
 * them in classic schemas (`z.object({ ...DomainEvent.shape, … })`), which mixes freely.
 */

/** Domain events are items in the campaign's partition (docs/architecture.md "Domain events are items"). */
export const EventType = z.enum([
  'CampaignCreated',
  'ScoringTableSet',
  'CampaignIssued',
  'RegistrationSubmitted',
  'ReportSubmitted',
  'ReportVerified',
  'ReportReminderDue',
  'NominationSubmitted',
  'NominationsClosed',
  'ProposalReady',
  'CouncilVoteRecorded',
  'ResultsFinalized',
  'DeliveryBounced',
  /** The campaign's `proposed` nominations were filed in the parent agency's campaign (POST /campaigns/{id}/submissions). */
  'SubmissionForwarded',
  /** A deadline moved later, with its reason (POST /campaigns/{id}/deadlines): the units and the Office are told. */
  'DeadlineExtended',
  /** The clock's reminder before the registration or the nomination deadline (`data.what`), once per campaign and deadline. */
  'ReminderDue',
  /** The Office's reminder on demand (POST /campaigns/{id}/reminders) to the units in `data.units`. */
  'ReminderRequested',
]);
export type EventType = z.infer<typeof EventType>;

/**
 * Events whose consumer prepares mail (renders it and writes the outbox). Each is on the
 * reconciler's index from its first write until its consumer has written the outbox: a consumer
 * that fails for good (its record dead-lettered) leaves the mailing visible in `/deliveries` and
 * retried, never an "issued" campaign with nothing behind it.
 */
export const MAILING_EVENTS: ReadonlySet<EventType> = new Set([
  'CampaignIssued',
  'ReportSubmitted',
  'ReportReminderDue',
  'NominationsClosed',
  'ResultsFinalized',
  'DeadlineExtended',
  'ReminderDue',
  'ReminderRequested',
]);

/** `preparing`: written, its consumer not done yet; `retry`: handed to the consumer again; `prepared`: the outbox is written; `failed`: given up, for the Office. */
export const MailingState = z.enum(['preparing', 'retry', 'prepared', 'failed']);
export type MailingState = z.infer<typeof MailingState>;

export const Mailing = z.object({
  eventId: z.string(),
  type: EventType,
  occurredAt: z.string(),
  state: MailingState,
  attempts: z.int(),
  /** How many outbox rows its consumer wrote (new ones), once prepared. */
  queued: z.optional(z.int()),
  preparedAt: z.optional(z.string()),
  /** A `preparing` or `retry` mailing past its look-again time: its consumer is failing. */
  overdue: z.boolean(),
});
export type Mailing = z.infer<typeof Mailing>;

export const DomainEvent = z.object({
  eventId: z.string(),
  type: EventType,
  /** The agency the campaign belongs to: a consumer builds every key it touches from it. */
  agencyId: z.string(),
  campaignId: z.string(),
  /** The campaign version this event produced: events of one campaign are ordered by it. */
  version: z.int(),
  occurredAt: z.string(),
  actor: z.string(),
  data: z._default(z.record(z.string(), z.unknown()), {}),
});
export type DomainEvent = z.infer<typeof DomainEvent>;

/**
 * `NominationsClosed`'s data: the number the register gave the Tờ trình to the Council (shared/usecases/nominations.ts
 * closeCampaignNominations takes it before the transition, so the consumer, however often retried, reads one number).
 * A campaign closed before the register has none: its proposal goes out without the PDF.
 */
export const NominationsClosedData = z.object({ councilSubmission: z.optional(z.string()) });
export type NominationsClosedData = z.infer<typeof NominationsClosedData>;

export const DeliveryChannel = z.enum(['email', 'archive', 'publication']);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

/**
 * An outbox item's life. `claimed`: a mailer holds it and has not called SES yet (a lapsed claim is
 * surely unsent, and goes back to `pending`). `sending`: SES was called; if the mailer dies before
 * it records the outcome, the item is in doubt: it becomes `sent` when SES's own event proves it,
 * else `uncertain`, for a person to decide (README "window of doubt"). The rest are outcomes.
 */
export const DeliveryStatus = z.enum(['pending', 'claimed', 'sending', 'sent', 'failed', 'uncertain', 'bounced', 'complained', 'suppressed', 'superseded', 'archived', 'published']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** One row per resolved address (or per archive/publication entry) of one event: the outbox. */
export const Delivery = z.object({
  agencyId: z.string(),
  campaignId: z.string(),
  eventId: z.string(),
  eventType: EventType,
  /** Which of the event's mails this is (`letter`, `ack`, `office-notice`, …): its rendered message. */
  message: z._default(z.string(), 'letter'),
  channel: DeliveryChannel,
  /** Email address for the `email` channel, else the directory code of the entry. */
  address: z.string(),
  /** Nơi nhận entries this address was resolved from, in the letter's order. */
  groups: z.array(z.object({ code: z.string(), name: z.string() })),
  status: DeliveryStatus,
  attempts: z.int(),
  messageId: z.optional(z.string()),
  lastError: z.optional(z.string()),
  /** Whether a failure may succeed on another try (throttling, 5xx) or will not (a rejected address). */
  retryable: z.optional(z.boolean()),
  sentAt: z.optional(z.string()),
  /** What SES itself reported for this message (its Send, Delivery, Bounce or Complaint event). */
  sesEvent: z.optional(z.object({ type: z.string(), at: z.string(), detail: z.optional(z.string()) })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Delivery = z.infer<typeof Delivery>;
