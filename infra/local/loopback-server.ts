import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface LoopbackServer {
  server: Server;
  port: number;
  endpoint: string;
  /** Closes the server and its open connections, once however often it is called. */
  close(): Promise<void>;
}

/** An emulator's HTTP server on loopback (port 0: a free one), for the twin's AWS-protocol stand-ins. */
export async function listenLoopback(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, options: { port?: number; host: string }): Promise<LoopbackServer> {
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  let closing: Promise<void> | undefined;
  return {
    server,
    port,
    endpoint: `http://${options.host}:${port}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
