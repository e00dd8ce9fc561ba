import { Logger } from '@aws-lambda-powertools/logger';

/** One logger per function process, as in Powertools' example app (`commons/powertools`). */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'thidua' });
