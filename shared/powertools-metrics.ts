import { Metrics } from '@aws-lambda-powertools/metrics';
import { metrics as names } from './metric-names';

/** One Metrics instance per process (EMF in the logs; no API calls), under the namespace the alarms read. */
export const metrics = new Metrics({ namespace: names.namespace, serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'thidua' });
export const metricNames = names.names;
