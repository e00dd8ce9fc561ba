import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { publishMetricsIfAny } from '../../shared/powertools-metrics';

/**
 * The every-minute tick records no metric in a quiet minute. Powertools' own middleware then warns
 * on every invocation; ours flushes only what was recorded, on success and on error alike.
 */
const context = { functionName: 'scheduled-tick' } as Context;

function instrumented(middleware: (m: Metrics) => middy.MiddlewareObj, body: (m: Metrics) => Promise<void>) {
  const warnings: string[] = [];
  const log = { debug() {}, info() {}, warn: (m: string) => warnings.push(String(m)), error() {} };
  const m = new Metrics({ namespace: 'test', serviceName: 'test', logger: log });
  const publish = jest.spyOn(m, 'publishStoredMetrics');
  const handler = middy(async () => body(m)).use(middleware(m));
  return { warnings, publish, handler };
}

describe('publishMetricsIfAny', () => {
  it('Powertools logMetrics warns on a quiet invocation (the behaviour we avoid)', async () => {
    const { warnings, handler } = instrumented(
      (m) => logMetrics(m),
      async () => {},
    );
    await handler({}, context);
    expect(warnings.join('\n')).toMatch(/No application metrics to publish/);
  });

  it('a quiet invocation publishes nothing and warns nothing', async () => {
    const { warnings, publish, handler } = instrumented(
      (m) => publishMetricsIfAny(m),
      async () => {},
    );
    await handler({}, context);
    expect(publish).not.toHaveBeenCalled();
    expect(warnings).toEqual([]);
  });

  it('an invocation that recorded a metric publishes it once', async () => {
    const { warnings, publish, handler } = instrumented(
      (m) => publishMetricsIfAny(m),
      async (m) => void m.addMetric('uncertain', MetricUnit.Count, 1),
    );
    await handler({}, context);
    expect(publish).toHaveBeenCalledTimes(1);
    expect(warnings).toEqual([]);
  });

  it('an invocation that throws still publishes what it recorded, and the error propagates', async () => {
    const { publish, handler } = instrumented(
      (m) => publishMetricsIfAny(m),
      async (m) => {
        m.addMetric('failed', MetricUnit.Count, 1);
        throw new Error('boom');
      },
    );
    await expect(handler({}, context)).rejects.toThrow('boom');
    expect(publish).toHaveBeenCalledTimes(1);
  });
});
