import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { logger } from '#shared/powertools';
import { publishMetricsIfAny } from '#shared/powertools-metrics';
import { recordSesEvent } from '#shared/usecases/ses-events';

/**
 * SES configuration-set events, delivered by SNS. Each is idempotent (state moves are
 * conditional, the Office's notice has a fixed outbox key), so SNS's retries are harmless; one
 * that still fails goes to the subscription's dead-letter queue.
 */
async function onSesEvents(event: SNSEvent): Promise<void> {
  for (const record of event.Records) await recordSesEvent(JSON.parse(record.Sns.Message), new Date());
}

export const handler = middy(onSesEvents).use(injectLambdaContext(logger)).use(publishMetricsIfAny());
