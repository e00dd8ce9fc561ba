import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** Starts `infra/local/start.ts` (what `npm start` runs) on free ports, for benchmarks and scripts. */
export const root = path.resolve(__dirname, '..');

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

export interface TwinProcess {
  apiUrl: string;
  sesUrl: string;
  dynamodbPort: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A JSON call to the twin's API: the body parsed, a non-2xx thrown with its text. */
export type JsonCall = <T = any>(method: string, route: string, token?: string, body?: unknown) => Promise<T>;

export const jsonClient =
  (baseUrl: string): JsonCall =>
  async <T = any>(method: string, route: string, token?: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<T>;
  };

/** An admin token of the default agency: the gateway answers /health a moment before its identity provider is ready, so ask until it is. */
export async function adminToken(json: JsonCall): Promise<string> {
  for (let tries = 0; ; tries++) {
    try {
      return (await json<{ token: string }>('POST', '/local/token', undefined, { sub: 'bench', groups: ['admin'] })).token;
    } catch (error) {
      if (tries >= 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function startTwinProcess(env: Record<string, string> = {}, { readyMs = 60_000 }: { readyMs?: number } = {}): Promise<TwinProcess> {
  const [port, dynamodbPort, sesPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['infra/local/start.ts'], {
    cwd: root,
    // In memory: a bench measures the pipeline, not the disk (and never touches the developer's .local/).
    env: { ...process.env, PORT: String(port), DYNAMODB_PORT: String(dynamodbPort), SES_PORT: String(sesPort), LOG_LEVEL: 'ERROR', LOCAL_IN_MEMORY: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const apiUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  const deadline = Date.now() + readyMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`twin exited:\n${output}`);
    const ok = await fetch(`${apiUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`twin not ready in ${readyMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { apiUrl, sesUrl: `http://127.0.0.1:${sesPort}`, dynamodbPort, child, stop };
}
