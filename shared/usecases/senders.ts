import type { Agency } from '../schemas/agency';

/** The senders the deployer allowed (CDK context `allowedSenders`, env `ALLOWED_SENDERS`): an agency mails from one of them or from the default. */
export const allowedSenders = (): string[] =>
  (process.env.ALLOWED_SENDERS ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

export interface Sender {
  from: string;
  replyTo?: string;
}

/**
 * Who an agency's mail is from (issue 10 "Senders per agency"): its own `mailFrom` when the deployment allows that sender
 * (context `allowedSenders`: the mailer's SES permission names exactly those), else the deployment's `MAIL_FROM`; replies
 * go to its Office (`replyTo`). A sender the deployer later withdrew falls back to `MAIL_FROM` rather than have SES
 * refuse every email of the agency.
 */
export function senderFor(agency: Pick<Agency, 'mailFrom' | 'replyTo'> | undefined, fallback: string, allowed: readonly string[]): Sender {
  const own = agency?.mailFrom?.toLowerCase();
  return {
    from: own && allowed.includes(own) ? own : fallback,
    ...(agency?.replyTo ? { replyTo: agency.replyTo } : {}),
  };
}
