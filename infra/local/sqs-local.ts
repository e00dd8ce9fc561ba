/**
 * The twin's SQS endpoint: the part of the SQS API the stream router calls (SendMessage,
 * SendMessageBatch, in the AWS JSON 1.0 protocol the SDK speaks), over the twin's LocalQueues, on
 * loopback. The router's SDK client reaches it through the queue URLs (the SDK sends to the host of
 * `QueueUrl`) and AWS_ENDPOINT_URL_SQS, so the router holds no local-only code. Answers carry the
 * MD5 of each body, which the SDK checks.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { listenLoopback } from './loopback-server';
import { type LocalQueue, QueueError } from './queues';

export interface SqsLocal {
  endpoint: string;
  port: number;
  server: Server;
  /** Calls answered, by action (for tests and the bench). */
  counters(): Record<string, number>;
  stop(): Promise<void>;
}

interface SendFields {
  MessageBody?: unknown;
  MessageGroupId?: unknown;
  MessageDeduplicationId?: unknown;
  DelaySeconds?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export async function startSqsLocal(options: { queues: () => readonly LocalQueue[]; port?: number; host?: string }): Promise<SqsLocal> {
  const host = options.host ?? '127.0.0.1';
  const counters: Record<string, number> = {};
  const queueByUrl = (url: unknown) => {
    const q = options.queues().find((x) => x.url === url || (typeof url === 'string' && x.name === url.split('/').pop()));
    if (!q) throw new QueueError('AWS.SimpleQueueService.NonExistentQueue', `The specified queue does not exist: ${String(url)}`);
    return q;
  };
  const sendOne = (queue: LocalQueue, e: SendFields) => {
    const body = str(e.MessageBody);
    if (!body) throw new QueueError('MissingParameter', 'The request must contain the parameter MessageBody.');
    if (e.DelaySeconds) throw new QueueError('InvalidParameterValue', 'DelaySeconds is not emulated by the twin');
    return queue.send({ body, groupId: str(e.MessageGroupId), deduplicationId: str(e.MessageDeduplicationId) });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const action = target.replace(/^AmazonSQS\./, '');
    counters[action] = (counters[action] ?? 0) + 1;
    const reply = (status: number, body: unknown, errorCode?: string) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...(errorCode ? { 'x-amzn-query-error': `${errorCode};Sender` } : {}) });
      res.end(JSON.stringify(body));
    };
    try {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { QueueUrl?: unknown; Entries?: (SendFields & { Id?: unknown })[] } & SendFields;
      if (action === 'SendMessage') {
        const out = sendOne(queueByUrl(input.QueueUrl), input);
        return reply(200, { MessageId: out.messageId, MD5OfMessageBody: out.md5OfBody, ...(out.sequenceNumber ? { SequenceNumber: out.sequenceNumber } : {}) });
      }
      if (action === 'SendMessageBatch') {
        const queue = queueByUrl(input.QueueUrl);
        const entries = input.Entries ?? [];
        if (entries.length === 0 || entries.length > 10) throw new QueueError('AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 'A batch takes 1 to 10 entries.');
        const Successful: unknown[] = [];
        const Failed: unknown[] = [];
        for (const e of entries) {
          try {
            const out = sendOne(queue, e);
            Successful.push({ Id: e.Id, MessageId: out.messageId, MD5OfMessageBody: out.md5OfBody, ...(out.sequenceNumber ? { SequenceNumber: out.sequenceNumber } : {}) });
          } catch (error) {
            Failed.push({ Id: e.Id, SenderFault: true, Code: (error as QueueError).code ?? 'InternalError', Message: (error as Error).message });
          }
        }
        return reply(200, { Successful, Failed });
      }
      throw new QueueError('UnsupportedOperation', `the twin's SQS answers SendMessage and SendMessageBatch only, not ${action || '(no X-Amz-Target)'}`);
    } catch (error) {
      const code = error instanceof QueueError ? error.code : 'InternalError';
      reply(error instanceof QueueError ? 400 : 500, { __type: `com.amazonaws.sqs#${code}`, message: (error as Error).message }, code);
    }
  };

  const http = await listenLoopback(handle, { port: options.port, host });
  return { endpoint: http.endpoint, port: http.port, server: http.server, counters: () => ({ ...counters }), stop: http.close };
}
