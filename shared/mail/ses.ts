import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { sleep } from '../concurrency';
import type { RenderedMessage } from '../store/messages';
import type { SendFailure } from '../usecases/send-delivery';

/**
 * SES has no idempotency token, and the SDK's default retry resends after a timeout, when SES may
 * already have accepted the message (docs/toolchain.md "SES"). So the client never retries by itself;
 * `sendEmail` retries only throttling, which SES answers before accepting anything.
 */
export const ses = new SESv2Client({ maxAttempts: 1 });

export type { SendFailure };

const THROTTLING = new Set(['ThrottlingException', 'TooManyRequestsException', 'Throttling']);
/** Errors after which SES surely did not send and a later try may succeed. */
const TRANSIENT = new Set(['LimitExceededException', 'SendingPausedException', 'InternalFailure', 'ServiceUnavailable']);

export function classify(error: unknown): SendFailure {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? 'Error';
  const status = e?.$metadata?.httpStatusCode;
  const message = `${name}: ${e?.message ?? String(error)}`;
  if (THROTTLING.has(name) || status === 429) return { kind: 'throttled', message };
  if (TRANSIENT.has(name) || (status !== undefined && status >= 500)) return { kind: 'transient', message };
  // SES answered with a 4xx: it refused this message (bad address, unverified sender, …).
  if (status !== undefined) return { kind: 'rejected', message };
  // No HTTP answer (timeout, reset): SES may or may not have accepted it.
  return { kind: 'ambiguous', message };
}

/** A file sent with the message, its bytes in hand (the mailer read and checked them: shared/files/get.ts). */
export interface Attachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface SendRequest {
  from: string;
  /** Where replies go: the agency's Office (its `replyTo`), when it has one. */
  replyTo?: string;
  to: string;
  message: RenderedMessage;
  tags: Record<string, string>;
  configurationSet?: string;
  attachments?: readonly Attachment[];
}

/** Sends one email; retries throttling with exponential backoff, then gives up with the failure. */
export async function sendEmail(req: SendRequest, throttleRetries = 5): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const out = await ses.send(
        new SendEmailCommand({
          FromEmailAddress: req.from,
          Destination: { ToAddresses: [req.to] },
          ...(req.replyTo ? { ReplyToAddresses: [req.replyTo] } : {}),
          Content: {
            Simple: {
              Subject: { Data: req.message.subject, Charset: 'UTF-8' },
              Body: { Html: { Data: req.message.html, Charset: 'UTF-8' }, Text: { Data: req.message.text, Charset: 'UTF-8' } },
              // SES v2 attaches files to a simple message itself (no hand-built MIME): the signed or rendered PDF.
              ...(req.attachments?.length
                ? {
                    Attachments: req.attachments.map((a) => ({
                      FileName: a.filename,
                      ContentType: a.contentType,
                      ContentDisposition: 'ATTACHMENT' as const,
                      ContentTransferEncoding: 'BASE64' as const,
                      RawContent: a.content,
                    })),
                  }
                : {}),
            },
          },
          EmailTags: Object.entries(req.tags).map(([Name, Value]) => ({ Name, Value: Value.replace(/[^A-Za-z0-9_-]/g, '_') })),
          ...(req.configurationSet ? { ConfigurationSetName: req.configurationSet } : {}),
        }),
      );
      return out.MessageId ?? '';
    } catch (error) {
      const failure = classify(error);
      if (failure.kind !== 'throttled' || attempt >= throttleRetries) throw Object.assign(new Error(failure.message), { failure });
      await sleep(Math.min(200 * 2 ** attempt, 5000) * (0.5 + Math.random() / 2));
    }
  }
}
