/**
 * Imported first by a suite that loads the handlers in its own process (faults.test.ts): the Powertools logger takes
 * its level when its module loads, which is before the suite starts its twin with `logLevel: 'SILENT'`.
 */
process.env.LOG_LEVEL ??= 'SILENT';
