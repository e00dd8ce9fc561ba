import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from './nag';

/**
 * A dead-letter queue as every one of this stack's is: encrypted, TLS only, kept 14 days for an
 * operator to read and redrive, and, being itself the end of the line, acknowledged for cdk-nag's
 * SQS3 ("has no DLQ of its own") with the reason naming what it catches.
 */
export function deadLetterQueue(scope: Construct, id: string, props: { removalPolicy: RemovalPolicy; catches: string; fifo?: boolean }): Queue {
  const queue = new Queue(scope, id, {
    // A FIFO queue's dead-letter queue must be FIFO too.
    ...(props.fifo ? { fifo: true } : {}),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: props.removalPolicy,
  });
  acknowledge(
    queue,
    'AwsSolutions-SQS3',
    `This queue is itself a dead-letter queue: ${props.catches}. Nothing consumes it automatically (it is alarmed on and redriven by an operator), so it needs no DLQ of its own.`,
  );
  return queue;
}
