import { Metrics } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import { metrics as names } from './metric-names';
import { logger } from './powertools';

/**
 * One Metrics instance per process (EMF in the logs; no API calls), under the namespace the alarms read.
 * Its own warnings go through the function's logger: structured, and at the logger's level.
 */
export const metrics = new Metrics({ namespace: names.namespace, serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'thidua', logger });
export const metricNames = names.names;

/**
 * Flush what the invocation recorded, after it returns or throws, like Powertools' `logMetrics`, but
 * only when it recorded something: `logMetrics` flushes unconditionally and Powertools then warns
 * "No application metrics to publish" (POWERTOOLS_DEV does not silence it), which for the
 * every-minute tick is a warning every quiet minute. A quiet invocation is a DEBUG line instead.
 */
export const publishMetricsIfAny = (m: Metrics = metrics): MiddlewareObj => {
  const flush = async () => {
    if (m.hasStoredMetrics()) m.publishStoredMetrics();
    else logger.debug('no metrics recorded in this invocation');
  };
  return { after: flush, onError: flush };
};
