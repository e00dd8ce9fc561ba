import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { RateLimiter } from '../concurrency';
import { logger } from '../powertools';
import { ses } from './ses';

/** When SES cannot be asked, stay far below any account's rate (the sandbox allows 1 per second). */
const FALLBACK_RATE = 1;

/**
 * The mailer's pace: `MAIL_SEND_RATE` when the deployer set it, else the account's own maximum
 * send rate, read from SES once per process (GetAccount → SendQuota.MaxSendRate).
 */
export async function sendRateLimiter(env: NodeJS.ProcessEnv = process.env): Promise<RateLimiter> {
  const configured = Number(env.MAIL_SEND_RATE);
  if (env.MAIL_SEND_RATE && configured > 0) return new RateLimiter(configured);
  try {
    const account = await ses.send(new GetAccountCommand({}));
    const rate = account.SendQuota?.MaxSendRate;
    if (rate && rate > 0) return new RateLimiter(rate);
    logger.warn('SES reported no MaxSendRate; sending at the fallback rate', { fallback: FALLBACK_RATE });
  } catch (error) {
    logger.warn('could not read the SES send quota; sending at the fallback rate', { error: error as Error, fallback: FALLBACK_RATE });
  }
  return new RateLimiter(FALLBACK_RATE);
}
