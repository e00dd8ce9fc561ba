/**
 * The Lambda `Context` the local twin hands to each invocation, and the invocation timeout Lambda
 * enforces. All handlers share one Node process locally, so per-function environment variables
 * (AWS_LAMBDA_FUNCTION_NAME, …) are not set: handlers must read their identity from the context.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export const LOCAL_ACCOUNT_ID = '000000000000';

export interface LambdaFunctionInfo {
  name: string;
  memorySize: number;
  timeoutSeconds: number;
  region: string;
  accountId?: string;
}

export function lambdaContext(fn: LambdaFunctionInfo, now = Date.now()): Context {
  const deadline = now + fn.timeoutSeconds * 1000;
  const day = new Date(now).toISOString().slice(0, 10).replaceAll('-', '/');
  const unsupported = (what: string) => () => {
    throw new Error(`context.${what}() is deprecated and not supported by the local twin: return or throw from the handler`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${fn.region}:${fn.accountId ?? LOCAL_ACCOUNT_ID}:function:${fn.name}`,
    memoryLimitInMB: String(fn.memorySize),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}

export class LambdaTimeoutError extends Error {
  constructor(readonly timeoutSeconds: number) {
    // Lambda's own wording, as it appears in CloudWatch and in on-failure records.
    super(`Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
    this.name = 'Sandbox.Timedout';
  }
}

/**
 * Runs a handler with Lambda's timeout. Locally the handler cannot be frozen when time runs out: it
 * keeps running in the background, but its result is ignored, as Lambda would.
 */
export async function invokeWithTimeout<T>(run: () => Promise<T>, timeoutSeconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LambdaTimeoutError(timeoutSeconds)), timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([Promise.resolve().then(run), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
