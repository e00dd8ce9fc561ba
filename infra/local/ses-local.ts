/**
 * The SES v2 emulator (`aws-ses-v2-local`), started in-process. Its web page (`/`) and `GET /store`
 * show every email sent; `POST /clear-store` empties it. It is a capture sink, not a simulator: no
 * throttling, quotas or bounces (docs/toolchain.md "The SES emulator"), so failure paths are tested with injected faults.
 */
import type { Server } from 'node:http';
import sesModule from 'aws-ses-v2-local';

export interface SesLocal {
  endpoint: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

type StartSes = (config?: Partial<{ host: string; port: number }>) => Promise<Server>;
// A CommonJS module with `exports.default`: under tsx's ESM interop the default import is the
// whole exports object, under swc/jest it is `exports.default`. Accept both.
const startServer: StartSes = (sesModule as unknown as { default?: StartSes }).default ?? (sesModule as unknown as StartSes);

export async function startSesLocal(options: { port?: number; host?: string } = {}): Promise<SesLocal> {
  const host = options.host ?? '127.0.0.1';
  const server = await startServer({ host, port: options.port ?? 0 });
  // The emulator resolves even when listen() failed (its callback ignores the error): check.
  if (!server.listening) {
    server.close();
    throw new Error(`the SES emulator could not listen on ${host}:${options.port} (port already in use?)`);
  }
  const port = (server.address() as { port: number }).port;
  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    server,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
