import { ArnFormat, Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { metrics as metricsWiring } from '../wiring';

/** Thresholds of the alarms, in one place (test/infra/stack.test.ts pins the required values). */
export const thresholds = {
  /** The stream reader this far behind for 3 minutes in a row is stuck or too slow. */
  iteratorAge: Duration.minutes(5),
  iteratorAgeDatapoints: 3,
  /**
   * A consumer's oldest message this old for 3 periods of 5 minutes: stuck or far too slow. Above
   * any honest backlog: 10,000 emails at SES's default 14 per second take 12 minutes.
   */
  queueAge: Duration.minutes(15),
  queueAgePeriod: Duration.minutes(5),
  queueAgeDatapoints: 3,
  /** SES reviews an account whose bounce rate reaches 5 %; notice before that. */
  bounceRatePercent: 5,
  bounceRatePeriod: Duration.hours(1),
  mailerErrorsPeriod: Duration.minutes(5),
  emailFailedPeriod: Duration.minutes(15),
  emailUncertainPeriod: Duration.minutes(5),
} as const;

export interface OperationsAlarmsProps {
  /** The function that reads the table's stream: alarmed on its iterator age. */
  streamConsumers: { name: string; fn: IFunction }[];
  /** Each consumer's queue: alarmed on the age of its oldest message. */
  queues: { name: string; queue: IQueue }[];
  /** Every dead-letter / on-failure queue: any message in one needs an operator. */
  deadLetterQueues: { name: string; queue: IQueue }[];
  /** Functions that send email: alarmed on their errors. */
  mailers: { name: string; fn: IFunction }[];
  /** Namespace and names of the custom metrics (infra/wiring.ts `metrics`). */
  metrics: typeof metricsWiring;
  /** Powertools Metrics writes every metric with the dimension `service` = this name. */
  serviceName: string;
  /** Who is emailed when an alarm fires (optional; others can subscribe to the topic). */
  alarmEmail?: string;
  removalPolicy: RemovalPolicy;
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The operations alarms ("nothing lost, nothing twice": every failure ends up in front of a
 * person): the stream reader's iterator age, the age of the oldest message of each consumer's
 * queue, depth of every dead-letter queue, mailer errors,
 * bounce rate, failed and uncertain deliveries. Every alarm treats missing data as not breaching (no traffic is not an incident) and
 * notifies one SNS topic, encrypted with an own key that CloudWatch may use.
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // CloudWatch may publish (and use the key) only for alarms of this account and region.
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
    };

    this.key = new Key(this, 'TopicKey', {
      description: 'Encrypts the thidua alarms topic',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublishToTheEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: fromOurAlarms,
      }),
    );
    this.topic = new Topic(this, 'Topic', { displayName: 'thidua alarms', masterKey: this.key, enforceSSL: true });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromOurAlarms,
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);

    for (const { name, fn } of props.streamConsumers) {
      this.add(`${pascal(name)}IteratorAge`, {
        metric: fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
        threshold: thresholds.iteratorAge.toMilliseconds(),
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: thresholds.iteratorAgeDatapoints,
        datapointsToAlarm: thresholds.iteratorAgeDatapoints,
        description: `${name} is more than ${thresholds.iteratorAge.toMinutes()} minutes behind the table's stream: records wait, and expire after their maximum age.`,
      });
    }

    for (const { name, queue } of props.queues) {
      this.add(`${pascal(name)}OldestMessageAge`, {
        metric: queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: thresholds.queueAgePeriod }),
        threshold: thresholds.queueAge.toSeconds(),
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: thresholds.queueAgeDatapoints,
        datapointsToAlarm: thresholds.queueAgeDatapoints,
        description: `${name} has held a message for more than ${thresholds.queueAge.toMinutes()} minutes: its consumer is failing, throttled or too slow.`,
      });
    }

    for (const { name, queue } of props.deadLetterQueues) {
      this.add(`${pascal(name)}Depth`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        description: `${name} holds messages that failed after every retry: inspect them, fix the cause and redrive them.`,
      });
    }

    for (const { name, fn } of props.mailers) {
      this.add(`${pascal(name)}Errors`, {
        metric: fn.metricErrors({ statistic: 'Sum', period: thresholds.mailerErrorsPeriod }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        description: `${name} failed (threw or timed out) in the last ${thresholds.mailerErrorsPeriod.toMinutes()} minutes; its batches are retried.`,
      });
    }

    const { namespace, names } = props.metrics;
    const custom = (metricName: string, period: Duration) => new Metric({ namespace, metricName, dimensionsMap: { service: props.serviceName }, statistic: 'Sum', period });

    this.add('BounceRate', {
      metric: new MathExpression({
        expression: '100 * bounced / MAX([sent, 1])',
        usingMetrics: { bounced: custom(names.bounced, thresholds.bounceRatePeriod), sent: custom(names.sent, thresholds.bounceRatePeriod) },
        period: thresholds.bounceRatePeriod,
        label: 'Bounce rate (%)',
      }),
      threshold: thresholds.bounceRatePercent,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      description: `More than ${thresholds.bounceRatePercent} % of the emails sent in the last hour bounced; SES reviews accounts at 5 %. Check the recipient lists.`,
    });
    this.add('EmailFailed', {
      metric: custom(names.failed, thresholds.emailFailedPeriod),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      description: `Deliveries failed for good (${names.failed}) in the last ${thresholds.emailFailedPeriod.toMinutes()} minutes: the Office may retry them.`,
    });
    this.add('EmailUncertain', {
      metric: custom(names.uncertain, thresholds.emailUncertainPeriod),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      description: `Deliveries whose outcome is in doubt (${names.uncertain}): SES may or may not have sent them. A person must decide whether to resend.`,
    });
  }

  private add(id: string, p: { metric: IMetric; threshold: number; comparisonOperator: ComparisonOperator; evaluationPeriods: number; datapointsToAlarm?: number; description: string }): Alarm {
    const alarm = new Alarm(this, id, {
      metric: p.metric,
      threshold: p.threshold,
      comparisonOperator: p.comparisonOperator,
      evaluationPeriods: p.evaluationPeriods,
      datapointsToAlarm: p.datapointsToAlarm,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: p.description,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}
