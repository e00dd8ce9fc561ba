import type { ChildProcess } from 'node:child_process';

/** Stops the twin the way Ctrl-C does and waits, so no DynamoDB Local java process outlives the run. */
export default async function globalTeardown(): Promise<void> {
  const child = (globalThis as { __TWIN__?: ChildProcess }).__TWIN__;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL');
}
