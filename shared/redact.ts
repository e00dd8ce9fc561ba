import { createHash } from 'node:crypto';

/**
 * Email addresses are people's data: logs carry a stable pseudonym instead (`addr:` and 12 hex of
 * the address's SHA-256), so an operator can follow one delivery across log lines, and find it in
 * `GET /campaigns/{id}/deliveries` by its `logKey`, without the logs holding anyone's address.
 */
export const pseudonym = (address: string) => `addr:${createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 12)}`;

const EMAIL = /[^\s@<>"'(),;:#]+@[^\s@<>"'(),;:#]+\.[^\s@<>"'(),;:#]+/g;

/** Every address in a free text (an SES error message, a diagnostic) replaced by its pseudonym. */
export const redactEmails = (text: string) => text.replace(EMAIL, (a) => pseudonym(a));

/** An outbox item's key (`pk|sk`, the address last in `sk`) as logs show it. */
export const outboxLogKey = (key: { pk: string; sk: string }) => {
  const cut = key.sk.lastIndexOf('#');
  const tail = key.sk.slice(cut + 1);
  return `${key.pk}|${tail.includes('@') ? `${key.sk.slice(0, cut + 1)}${pseudonym(tail)}` : key.sk}`;
};
