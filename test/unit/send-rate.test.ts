/**
 * The mailer's share of the global send rate (shared/mail/send-rate.ts): MAIL_SEND_RATE, or the
 * account's SES quota, divided by MAIL_CONCURRENCY, the number of mailer processes that may run at
 * once (the mailer queue mapping's maximum concurrency): together they send at the global rate.
 */
import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { sendRateLimiter } from '../../shared/mail/send-rate';
import { logger } from '../../shared/powertools';

const ses = mockClient(SESv2Client);
/** Calls per second the limiter allows (its slot interval, in ms, is 1000 / rate). */
const perSecond = (limiter: object) => 1000 / (limiter as { interval: number }).interval;

beforeEach(() => ses.reset());

describe('the mailer’s send rate', () => {
  it('is MAIL_SEND_RATE divided among MAIL_CONCURRENCY processes', async () => {
    expect(perSecond(await sendRateLimiter({ MAIL_SEND_RATE: '200', MAIL_CONCURRENCY: '4' }))).toBeCloseTo(50);
    expect(perSecond(await sendRateLimiter({ MAIL_SEND_RATE: '200' }))).toBeCloseTo(200);
    expect(ses.calls()).toHaveLength(0);
  });

  it('without MAIL_SEND_RATE, the account’s SES quota divided the same way', async () => {
    ses.on(GetAccountCommand).resolves({ SendQuota: { MaxSendRate: 14, Max24HourSend: 50_000, SentLast24Hours: 0 } });
    expect(perSecond(await sendRateLimiter({ MAIL_CONCURRENCY: '4' }))).toBeCloseTo(3.5);
  });

  it('when SES cannot be asked, its fallback (1 per second) is divided too', async () => {
    ses.on(GetAccountCommand).rejects(new Error('AccessDenied'));
    // Said once, as a warning the operator sees; kept out of the test output.
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    expect(perSecond(await sendRateLimiter({ MAIL_CONCURRENCY: '4' }))).toBeCloseTo(0.25);
    expect(warn).toHaveBeenCalledWith('could not read the SES send quota; sending at the fallback rate', expect.objectContaining({ fallback: 1 }));
    warn.mockRestore();
  });
});
