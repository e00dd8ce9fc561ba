import type { Context } from 'aws-lambda';
import type { FunctionSpec } from '../wiring';
import { invokeWithTimeout, lambdaContext, LOCAL_ACCOUNT_ID } from './lambda-context';
import { listenLoopback, type LoopbackServer } from './loopback-server';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * The twin's Lambda Invoke endpoint (AWS_ENDPOINT_URL_LAMBDA): `POST /2015-03-31/functions/<name>/invocations`, the
 * synchronous (RequestResponse) invocation one function makes of another (the renderer: shared/documents/render-client.ts).
 * It runs the named function's handler in this process with its context and timeout, and answers as Lambda does: the
 * result as the payload, or a handler's error as `X-Amz-Function-Error: Unhandled` with `errorType` and `errorMessage`.
 * Only functions another one's wiring invokes (`invokes`) answer; any other name is Lambda's 404.
 */
export async function startLambdaLocal(options: {
  host: string;
  region: string;
  specs: Record<string, FunctionSpec>;
  /** The handlers, once loaded (the endpoint must exist before they are imported: their clients read its URL). */
  handlers: () => Record<string, Handler> | undefined;
}): Promise<LoopbackServer> {
  return listenLoopback(
    async (req, res) => {
      const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(req.url?.split('?')[0] ?? '');
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const name = m ? decodeURIComponent(m[1]!).split(':').pop()! : undefined;
      const spec = name ? options.specs[name] : undefined;
      const handler = name ? options.handlers()?.[name] : undefined;
      const invokable = name !== undefined && Object.values(options.specs).some((s) => s.invokes?.includes(name));
      if (req.method !== 'POST' || !name || !spec || !invokable || !handler) {
        res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
        res.end(JSON.stringify({ Type: 'User', message: `Function not found: ${name ?? req.url}` }));
        return;
      }
      const event = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      const context = lambdaContext({ name, memorySize: spec.memorySize, timeoutSeconds: spec.timeoutSeconds, region: options.region, accountId: LOCAL_ACCOUNT_ID });
      try {
        const result = await invokeWithTimeout(() => handler(event, context), spec.timeoutSeconds);
        res.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' });
        res.end(JSON.stringify(result ?? null));
      } catch (error) {
        const e = error as Error;
        res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' });
        res.end(JSON.stringify({ errorType: e?.name ?? 'Error', errorMessage: e?.message ?? String(error) }));
      }
    },
    { host: options.host },
  );
}
