import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { publishMetricsIfAny } from '#shared/powertools-metrics';
import { logger } from '#shared/powertools';
import { runScheduledTick } from '#shared/usecases/schedule';

/** Invoked every minute by EventBridge Scheduler (locally by the twin's scheduler): deadlines that came due, and the outbox reconciler. */
export const handler = middy(async () => runScheduledTick(new Date()))
  .use(injectLambdaContext(logger))
  .use(publishMetricsIfAny());
