import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StreamSubscription } from '../wiring';
import { deadLetterQueue } from './dead-letter-queue';

export interface StreamConsumerProps {
  table: TableV2;
  fn: IFunction;
  subscription: StreamSubscription;
  removalPolicy: RemovalPolicy;
}

/**
 * Subscribes the table's one stream reader (the stream router) to the stream exactly as its wiring
 * entry says: the filters (each one a `FilterCriteria.filter`, any of which lets a record through),
 * batch size and window, retries, bisection, maximum record age, parallelization, partial batch
 * responses, and an own dead-letter queue that receives the description of every batch that still
 * fails. No other function reads the stream: the consumers read their own queues (QueueConsumer).
 */
export class StreamConsumer extends Construct {
  readonly deadLetterQueue: Queue;
  readonly source: DynamoEventSource;

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    super(scope, id);
    const s = props.subscription;

    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue', {
      removalPolicy: props.removalPolicy,
      catches: 'the on-failure destination of a stream event source mapping (descriptions of batches that failed every retry)',
    });

    this.source = new DynamoEventSource(props.table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      filters: s.filters.map((pattern) => FilterCriteria.filter(pattern)),
      batchSize: s.batchSize,
      maxBatchingWindow: Duration.seconds(s.maxBatchingWindowSeconds),
      retryAttempts: s.retryAttempts,
      maxRecordAge: Duration.seconds(s.maxRecordAgeSeconds),
      bisectBatchOnError: s.bisectBatchOnError,
      parallelizationFactor: s.parallelizationFactor,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(this.deadLetterQueue),
    });
    props.fn.addEventSource(this.source);
  }
}
