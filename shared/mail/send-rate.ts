import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { RateLimiter } from '../concurrency';
import { logger } from '../powertools';
import { ses } from './ses';

/** When SES cannot be asked, stay far below any account's rate (the sandbox allows 1 per second). */
const FALLBACK_RATE = 1;

/**
 * The mailer's pace: its share of the global send rate, `MAIL_SEND_RATE` when the deployer set it,
 * else the account's own maximum send rate, read from SES once per process (GetAccount →
 * SendQuota.MaxSendRate). The share is 1/`MAIL_CONCURRENCY`: at most that many mailer processes
 * run at once (its queue mapping's maximum concurrency), so together they stay at the global rate.
 */
export async function sendRateLimiter(env: NodeJS.ProcessEnv = process.env): Promise<RateLimiter> {
  const processes = Math.max(1, Number(env.MAIL_CONCURRENCY) || 1);
  const configured = Number(env.MAIL_SEND_RATE);
  if (env.MAIL_SEND_RATE && configured > 0) return new RateLimiter(configured / processes);
  try {
    const account = await ses.send(new GetAccountCommand({}));
    const rate = account.SendQuota?.MaxSendRate;
    if (rate && rate > 0) return new RateLimiter(rate / processes);
    logger.warn('SES reported no MaxSendRate; sending at the fallback rate', { fallback: FALLBACK_RATE });
  } catch (error) {
    logger.warn('could not read the SES send quota; sending at the fallback rate', { error: error as Error, fallback: FALLBACK_RATE });
  }
  return new RateLimiter(FALLBACK_RATE / processes);
}
