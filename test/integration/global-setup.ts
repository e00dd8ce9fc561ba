import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Starts the local twin exactly as `npm start` does (DynamoDB Local, the SES emulator, the gateway,
 * the stream poller), on free loopback ports, and hands its addresses to the tests through env.
 */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const [port, dynamodbPort, sesPort] = [await freePort(), await freePort(), await freePort()];
  // Its own data folder, empty: a clean database every run, never the developer's `.local/`.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'thidua-it-'));
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const env = {
    LOCAL_DATA_DIR: dataDir,
    ...process.env,
    PORT: String(port),
    DYNAMODB_PORT: String(dynamodbPort),
    SES_PORT: String(sesPort),
    // A free port for the S3 emulator, whatever the developer's shell exports.
    S3_PORT: '0',
    TABLE_NAME: 'thidua-test',
    MAIL_SEND_RATE: '200',
    // A sender an agency may choose (the stack's context `allowedSenders`): test/integration/agencies.test.ts mails from it.
    ALLOWED_SENDERS: 'thidua@songoaivu.example.org',
    // The clock runs only when a test asks (POST /local/scheduler/run): an every-minute tick in the
    // middle of a long run would record reminders before the reports a test submits first.
    LOCAL_SCHEDULE_SECONDS: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'ERROR',
    // No EMF JSON in the twin's output (shown when it fails to start): metrics are not what these tests check.
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['infra/local/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  (globalThis as { __TWIN__?: unknown }).__TWIN__ = child;

  const apiUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the local twin exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${apiUrl}/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the local twin did not become ready in 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  Object.assign(process.env, {
    API_URL: apiUrl,
    SES_URL: `http://127.0.0.1:${sesPort}`,
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${dynamodbPort}`,
    TABLE_NAME: 'thidua-test',
  });
}
