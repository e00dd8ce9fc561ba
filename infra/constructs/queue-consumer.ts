import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type QueueSubscription, visibilityTimeoutSeconds } from '../wiring';
import { deadLetterQueue } from './dead-letter-queue';

export interface QueueConsumerProps {
  fn: IFunction;
  /** The function's timeout: the queue's visibility timeout is six times it. */
  timeoutSeconds: number;
  subscription: QueueSubscription;
  removalPolicy: RemovalPolicy;
}

/**
 * A consumer's own queue, fed by the stream router, and the function's Lambda SQS mapping, exactly
 * as its wiring entry says: FIFO (content deduplication off: the router sets the stream record's
 * event id) or standard, encrypted, TLS only; a visibility timeout of six times the function's
 * timeout; a dead-letter queue after `maxReceiveCount` receives; the mapping's batch size and
 * window, partial batch responses and maximum concurrency.
 */
export class QueueConsumer extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly source: SqsEventSource;

  constructor(scope: Construct, id: string, props: QueueConsumerProps) {
    super(scope, id);
    const s = props.subscription;
    const fifo = s.order === 'per-campaign';
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue', {
      removalPolicy: props.removalPolicy,
      fifo,
      catches: `messages of the ${id} queue received ${s.maxReceiveCount} times without success (the redrive policy)`,
    });
    this.queue = new Queue(this, 'Queue', {
      ...(fifo ? { fifo: true, contentBasedDeduplication: false } : {}),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(visibilityTimeoutSeconds({ timeoutSeconds: props.timeoutSeconds })),
      // Longer than the stream's 24 hours: a consumer stopped for a weekend loses nothing.
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: s.maxReceiveCount },
      removalPolicy: props.removalPolicy,
    });
    this.source = new SqsEventSource(this.queue, {
      batchSize: s.batchSize,
      // Lambda refuses a batching window on a FIFO queue, even 0.
      ...(fifo ? {} : { maxBatchingWindow: Duration.seconds(s.maxBatchingWindowSeconds) }),
      reportBatchItemFailures: true,
      maxConcurrency: s.maxConcurrency,
    });
    props.fn.addEventSource(this.source);
  }
}
