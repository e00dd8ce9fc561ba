import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { type CfnConfigurationSet, CfnConfigurationSetEventDestination, EmailSendingEvent } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueue } from './dead-letter-queue';

/**
 * The SES sending events the destination publishes: every outcome of a send the function records
 * per address (not OPEN/CLICK/SUBSCRIPTION: no tracking of the recipients' reading).
 */
// CloudFormation's AWS::SES::ConfigurationSetEventDestination takes the SES v1 spellings ("send",
// "renderingFailure"), which CDK's EmailSendingEvent holds; the v2 API's upper-case names are refused.
export const sesEventTypes = [
  EmailSendingEvent.SEND,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.RENDERING_FAILURE,
  EmailSendingEvent.DELIVERY_DELAY,
] as const;

export interface SesEventsProps {
  /** The function that records the events. */
  fn: IFunction;
  /** The mailer's configuration set; the event destination is added to it. */
  configurationSet: CfnConfigurationSet;
  /** ARN of that configuration set (the `aws:SourceArn` SES publishes with). */
  configurationSetArn: string;
  /** Name of the event destination (ASCII letters, digits, `_` and `-`, at most 64 characters). */
  destinationName: string;
  removalPolicy: RemovalPolicy;
}

/**
 * SES event publishing into a function: the configuration set's SNS event destination, the
 * topic (encrypted with an own customer managed key, since SES cannot use the AWS-managed
 * `alias/aws/sns`, whose policy cannot be changed; TLS enforced; only SES publishing for this
 * account and configuration set may publish), and the function's subscription.
 *
 * Nothing is lost silently on the way: a message SNS cannot hand to Lambda lands in the
 * subscription's dead-letter queue, and an event the function still fails on after Lambda's
 * asynchronous retries lands in the function's on-failure queue. Both are alarmed on.
 */
export class SesEvents extends Construct {
  readonly key: Key;
  readonly topic: Topic;
  readonly destination: CfnConfigurationSetEventDestination;
  /** SNS → Lambda deliveries that failed (throttling, permissions) after SNS's retries. */
  readonly deadLetterQueue: Queue;
  /** Events the function accepted but failed on after Lambda's asynchronous retries. */
  readonly failedInvocationsQueue: Queue;

  constructor(scope: Construct, id: string, props: SesEventsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Confused-deputy protection: SES may act only for this account and this configuration set.
    const fromOurConfigurationSet = {
      StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': props.configurationSetArn },
    };

    this.key = new Key(this, 'TopicKey', {
      description: `Encrypts the SES event topic of configuration set ${props.configurationSet.name ?? ''}`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesToPublishToTheEncryptedTopic',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: fromOurConfigurationSet,
      }),
    );

    this.topic = new Topic(this, 'Topic', {
      displayName: 'thidua SES events',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesEventPublishing',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromOurConfigurationSet,
      }),
    );

    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue', { removalPolicy: props.removalPolicy, catches: 'SES events the SNS subscription could not hand to the function' });

    this.failedInvocationsQueue = deadLetterQueue(this, 'FailedInvocationsQueue', {
      removalPolicy: props.removalPolicy,
      catches: "the on-failure destination of the SES event function's asynchronous invocations (EventInvokeConfig), events that failed every retry",
    });

    // SNS invokes Lambda asynchronously: an error inside the function is retried by Lambda (twice),
    // then the event goes to this queue instead of being dropped.
    props.fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.failedInvocationsQueue),
    });
    this.topic.addSubscription(new LambdaSubscription(props.fn, { deadLetterQueue: this.deadLetterQueue }));

    this.destination = new CfnConfigurationSetEventDestination(this, 'Destination', {
      // Ref of the configuration set is its name: this also orders the destination after it.
      configurationSetName: props.configurationSet.ref,
      eventDestination: {
        name: props.destinationName,
        enabled: true,
        matchingEventTypes: [...sesEventTypes],
        snsDestination: { topicArn: this.topic.topicArn },
      },
    });
    // SES checks that it can publish when the destination is created: the topic policy and the
    // key policy must exist first.
    this.destination.node.addDependency(this.topic, this.key);
  }
}
