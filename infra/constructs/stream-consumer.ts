import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StreamSubscription } from '../wiring';
import { acknowledge } from './nag';

export interface StreamConsumerProps {
  table: TableV2;
  fn: IFunction;
  subscription: StreamSubscription;
  removalPolicy: RemovalPolicy;
}

/**
 * Subscribes one function to the table's stream exactly as its wiring entry says: the filters
 * (each one a `FilterCriteria.filter`, any of which lets a record through), batch size and window,
 * retries, bisection, maximum record age, parallelization, partial batch responses, and an own
 * dead-letter queue that receives the description of every batch that still fails.
 */
export class StreamConsumer extends Construct {
  readonly deadLetterQueue: Queue;
  readonly source: DynamoEventSource;

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    super(scope, id);
    const s = props.subscription;

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue: the on-failure destination of the stream event source mapping, ' +
        'which cdk-nag does not recognise as a DLQ use. Nothing consumes it automatically, so it needs no DLQ of its own.',
    );

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
