import { type CfnResource, Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ScheduleSpec } from '../wiring';
import { deadLetterQueue } from './dead-letter-queue';
import { acknowledge } from './nag';

export interface ClockScheduleProps {
  fn: LambdaFunction;
  schedule: ScheduleSpec;
  removalPolicy: RemovalPolicy;
}

/**
 * Runs a function by the clock with EventBridge Scheduler, as its wiring entry says. An invocation
 * that still fails after the retries lands in a dead-letter queue; since every tick is idempotent
 * and the next one comes a minute later, retries are few and events do not live long.
 */
export class ClockSchedule extends Construct {
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ClockScheduleProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue', { removalPolicy: props.removalPolicy, catches: 'invocations of the EventBridge Scheduler target that failed every retry' });
    // An own role per schedule: it may invoke this one function and nothing else.
    const role = new Role(this, 'InvokeRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.fn.node.defaultChild as CfnResource)}.Arn>:*]`,
      'lambda:InvokeFunction on this one function and its versions/aliases (ARN:*), as grantInvoke writes it; no other function.',
    );
    this.schedule = new Schedule(this, 'Schedule', {
      schedule: ScheduleExpression.expression(props.schedule.expression),
      description: `thidua: ${props.schedule.expression}`,
      target: new LambdaInvoke(props.fn, { role, retryAttempts: 2, maxEventAge: Duration.minutes(5), deadLetterQueue: this.deadLetterQueue }),
    });
  }
}
