import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { RenderedDocument, RenderRequest } from './render-request';

/** The renderer's client: the endpoint from the SDK's configuration (AWS_ENDPOINT_URL_LAMBDA on the twin). */
const lambda = new LambdaClient({});

/**
 * Asks the renderer (functions/render-document.ts, RENDER_DOCUMENT_FUNCTION_NAME: infra/wiring.ts functionNameVariable) for a document's PDF and waits for it: the
 * PDF is in the bucket when this returns. A failure is thrown, so the consumer's record fails and is retried (the
 * same key is written again), and nothing is queued without its document.
 */
export async function renderDocument(request: RenderRequest): Promise<RenderedDocument> {
  const name = process.env.RENDER_DOCUMENT_FUNCTION_NAME;
  if (!name) throw new Error('RENDER_DOCUMENT_FUNCTION_NAME is not set');
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify(request)) }));
  const body = out.Payload ? Buffer.from(out.Payload).toString('utf8') : '';
  if (out.FunctionError) throw new Error(`the renderer failed (${out.FunctionError}): ${body.slice(0, 500)}`);
  return JSON.parse(body) as RenderedDocument;
}
