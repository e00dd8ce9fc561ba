/**
 * Loaded before every test file (jest `setupFiles`). Powertools' advice for tests: POWERTOOLS_DEV,
 * and metrics disabled, so that no EMF JSON reaches the test output. A suite may still override
 * either before it loads a handler.
 */
process.env.POWERTOOLS_DEV ??= 'true';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
