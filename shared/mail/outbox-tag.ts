/**
 * The outbox key travels with each email as an SES message tag, so SES's own events (send,
 * delivery, bounce, complaint) lead back to exactly one outbox item. Tag values allow only
 * A–Z a–z 0–9 _ -, which base64url of the sort key fits (SES: at most 256 characters).
 */
export const OUTBOX_TAG = 'outbox';
export const CAMPAIGN_TAG = 'campaign';
/** The campaign's agency: with the campaign and the outbox key it names the item's partition. */
export const AGENCY_TAG = 'agency';

export const encodeOutboxTag = (sk: string) => Buffer.from(sk, 'utf8').toString('base64url');
export const decodeOutboxTag = (tag: string) => Buffer.from(tag, 'base64url').toString('utf8');
