import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from '../powertools';
import { outboxLogKey } from '../redact';
import { metricNames, metrics } from '../powertools-metrics';
import { getItemByKey } from '../store/campaigns';
import { dueForAttention, getDelivery, transition, wakePending } from '../store/deliveries';
import { prefixes } from '../store/keys';
import { retryMailing } from '../store/mailings';
import { MAX_ATTEMPTS, pendingWakeMs } from './delivery-policy';

export interface ReconcileReport {
  requeued: number;
  /** `pending` items no mailer had claimed by their look-again time, handed to the mailer again. */
  woken: number;
  /** Mailings whose consumer had not written the outbox in time: handed back to it, or given up. */
  mailingsRetried: number;
  mailingsFailed: number;
  confirmed: number;
  uncertain: number;
  givenUp: number;
}

/**
 * The outbox reconciler, run by the scheduled tick: every item whose look-again time has come.
 * - `claimed` with a lapsed lease: the mailer died before calling SES, so it is surely unsent:
 *   back to `pending` (the MODIFY re-enters the mailer).
 * - `sending` with a lapsed lease: SES was called and no outcome was recorded. If SES's own event
 *   for the message arrived, it is `sent`; otherwise it is `uncertain`: reported, never resent
 *   blindly (README "window of doubt"). The Office can send it again on purpose.
 * - `failed` and retryable: its backoff has passed: back to `pending`, until the attempts run out.
 * - `pending` past its look-again time: no mailer claimed it (its stream record was lost or
 *   dead-lettered before the claim): touched, so the stream hands it to the mailer again.
 * So an item whose stream record was lost or dead-lettered is still tried again: nothing is lost.
 */
export async function reconcileDeliveries(now: Date): Promise<ReconcileReport> {
  const report: ReconcileReport = { requeued: 0, woken: 0, mailingsRetried: 0, mailingsFailed: 0, confirmed: 0, uncertain: 0, givenUp: 0 };
  for (const key of await dueForAttention(now)) {
    if (key.sk.startsWith(prefixes.event)) {
      await reconcileMailing(key, now, report);
      continue;
    }
    // The index is eventually consistent: decide on a consistent read of the item itself.
    const d = await getDelivery(key);
    if (!d) continue;
    const token = typeof d.claimToken === 'string' ? d.claimToken : undefined;
    const log = logger.createChild({ persistentKeys: { campaignId: d.campaignId, eventId: d.eventId, outboxKey: outboxLogKey(key) } });
    const backInOutbox = new Date(now.getTime() + pendingWakeMs(0)).toISOString();
    if (d.status === 'pending') {
      const wakes = typeof d.wakes === 'number' ? d.wakes : 0;
      if (await wakePending(key, now, new Date(now.getTime() + pendingWakeMs(wakes + 1)).toISOString())) {
        report.woken++;
        log.warn('pending delivery not claimed by its look-again time: handed to the mailer again', { wakes: wakes + 1 });
      }
    } else if (d.status === 'claimed') {
      if (await transition(key, { status: 'claimed', ...(token ? { claimToken: token } : {}) }, { status: 'pending', attentionAt: backInOutbox }, now)) {
        report.requeued++;
        log.warn('lapsed claim before sending: put back in the outbox');
      }
    } else if (d.status === 'sending') {
      const evidence = d.sesEvent && ['Send', 'Delivery'].includes(d.sesEvent.type);
      if (evidence) {
        if (await transition(key, { status: 'sending', ...(token ? { claimToken: token } : {}) }, { status: 'sent', set: { sentAt: d.sesEvent!.at } }, now)) report.confirmed++;
      } else if (
        await transition(
          key,
          { status: 'sending', ...(token ? { claimToken: token } : {}) },
          { status: 'uncertain', set: { lastError: `SES đã được gọi nhưng không ghi nhận được kết quả (${d.lastError ?? 'mất liên lạc'}); cần người kiểm tra trước khi gửi lại` } },
          now,
        )
      ) {
        report.uncertain++;
        metrics.addMetric(metricNames.uncertain, MetricUnit.Count, 1);
        log.error('delivery in doubt: SES was called and no outcome was recorded');
      }
    } else if (d.status === 'failed' && d.sesEvent && ['Send', 'Delivery'].includes(d.sesEvent.type)) {
      // SES's own event says it left after all: never send it again.
      if (await transition(key, { status: 'failed' }, { status: 'sent', set: { sentAt: d.sesEvent.at } }, now)) report.confirmed++;
    } else if (d.status === 'failed' && d.retryable && d.attempts < MAX_ATTEMPTS) {
      if (await transition(key, { status: 'failed' }, { status: 'pending', attentionAt: backInOutbox }, now)) report.requeued++;
    } else {
      // An outcome reached by another path (or attempts exhausted): nothing more to look at.
      if (await transition(key, { status: d.status }, { status: d.status, ...(d.status === 'failed' ? { set: { retryable: false } } : {}) }, now)) {
        if (d.status === 'failed') report.givenUp++;
      }
    }
  }
  return report;
}

/**
 * A mailing event whose consumer has not written its outbox by its look-again time: the consumer
 * failed (its record retried and dead-lettered) or never got the record. Handed back to the
 * consumer (`retry`, which its filter takes), with a growing wait; after the last attempt `failed`,
 * which the Office sees in `/deliveries` and can send again.
 */
async function reconcileMailing(key: { pk: string; sk: string }, now: Date, report: ReconcileReport): Promise<void> {
  const item = await getItemByKey(key);
  const state = item?.mailing;
  if (state !== 'preparing' && state !== 'retry') return;
  const attempts = Number(item?.mailingAttempts ?? 0);
  const next = new Date(now.getTime() + pendingWakeMs(attempts)).toISOString();
  const moved = await retryMailing(key, state, attempts, now, next);
  const log = logger.createChild({ persistentKeys: { campaignId: item?.campaignId, eventId: item?.eventId, eventType: item?.type } });
  if (moved === 'retry') {
    report.mailingsRetried++;
    log.warn('mail not prepared by its look-again time: handed back to its consumer', { attempt: attempts + 1 });
  } else if (moved === 'failed') {
    report.mailingsFailed++;
    log.error('mail still not prepared after the last attempt: failed, for the Office to see and send again');
  }
}
