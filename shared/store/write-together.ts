import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type PutCommand, TransactWriteCommand, type TransactWriteCommandInput, type UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mapLimit, sleep } from '../concurrency';
import { documentClient } from './client';

/**
 * Many conditional one-item writes in few requests (issue 14, "a send pipeline with fewer round
 * trips"): each write is written, and sent, as the one-item command it is (an UpdateCommand with
 * its condition, a PutCommand that may only create), through the document client, so every
 * middleware the client carries (logging, the fault-injection suite's "the process died here")
 * sees each item's own write; after the client's last `initialize` middleware the command leaves
 * the ordinary path and becomes one operation of a TransactWriteItems, at most 100 per request.
 *
 * Why a transaction, and not BatchExecuteStatement (which this module used before): both take many
 * conditional writes in one request, but DynamoDB Local parses every PartiQL statement anew, and
 * measured on this machine (bench/write-cost.ts) a conditional update cost its one SQLite thread
 * 1.8–2.2 ms of CPU as a statement (25 or 10 to a request) against 1.25–1.6 ms as an operation of
 * a transaction (100 or 10 to a request); the twin's
 * send rate is bound by that thread. In the cloud the request count is the same (a quarter, with 100
 * operations a request), a transactional write costs two write units instead of one, and the
 * request's idempotency token (filled by the SDK, the same on its retries) makes a retried request
 * whose answer was lost succeed instead of reading as a failed condition.
 *
 * A transaction is all or nothing; the callers want each write's own outcome, so:
 * - an operation whose condition failed rejects its command with a ConditionalCheckFailedException
 *   (`isConditionFailure` reads it as before); the operations cancelled only because of it are
 *   sent again, at once, without it;
 * - a throttled or conflicting operation is sent again with backoff, a few times, then rejects with
 *   its code;
 * - a request refused as a whole by a validation error (one item too large, say) is split in two
 *   until the refused write is alone, and only that command rejects;
 * - a request that failed otherwise (after the SDK's own retries) rejects every command it carried.
 *
 * A transaction returns no item: a caller that needs the new values must know them (the claim sets
 * `attempts` to the image's value + 1, on condition that it is still the image's).
 */

/** One write, ready for a transaction: its operation, the item it names, and how its command settles. */
type Operation = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
interface Pending {
  operation: Operation;
  key: string;
  resolve(): void;
  reject(error: unknown): void;
}

/** A cancellation reason that another try may clear. */
const RETRYABLE = new Set(['TransactionConflict', 'ProvisionedThroughputExceeded', 'ThrottlingError', 'RequestLimitExceeded', 'InternalServerError']);
/** DynamoDB's limit of operations in one TransactWriteItems. */
const MAX_OPERATIONS = 100;
const MAX_TRIES = 8;
/**
 * One request in flight per call: a 2,000-address outbox is 20 requests of about 30 ms in the cloud.
 * DynamoDB Local runs writes one after another whatever the concurrency, and with several of one
 * outbox's transactions queued for its table lock, the mailer's reads and claims waited behind all
 * of them (measured on the twin: the first email 2.4 s later with four in flight than with one).
 */
const MAX_CONCURRENT_REQUESTS = 1;

const keyOf = (table: string | undefined, key: Record<string, unknown>) => `${table}\u0000${JSON.stringify(Object.entries(key).sort(([a], [b]) => a.localeCompare(b)))}`;

const conditionFailed = (message: string) => new ConditionalCheckFailedException({ message, $metadata: {} });

type Cancellation = { name?: string; CancellationReasons?: { Code?: string; Message?: string }[] };

/** The requests of one pass: ≤ 100 operations each, and no item twice in one (DynamoDB refuses a transaction that names an item twice). */
function requestsOf(pending: readonly Pending[]): Pending[][] {
  const requests: { items: Pending[]; keys: Set<string> }[] = [];
  for (const p of pending) {
    const request = requests.find((r) => r.items.length < MAX_OPERATIONS && !r.keys.has(p.key));
    if (request) {
      request.items.push(p);
      request.keys.add(p.key);
    } else requests.push({ items: [p], keys: new Set([p.key]) });
  }
  return requests.map((r) => r.items);
}

/**
 * One request's writes: settles each, and returns those to send again (throttled, conflicting). The
 * ones a cancellation spared are sent again here, at once; a request refused as a whole is split.
 */
async function transact(request: Pending[], client: typeof documentClient, lastTry: boolean): Promise<Pending[]> {
  try {
    await client.send(new TransactWriteCommand({ TransactItems: request.map((p) => p.operation) }));
    for (const p of request) p.resolve();
    return [];
  } catch (error) {
    const e = error as Cancellation;
    if (e.name === 'TransactionCanceledException' && e.CancellationReasons?.length === request.length) {
      const spared: Pending[] = [];
      const again: Pending[] = [];
      request.forEach((p, i) => {
        const reason = e.CancellationReasons![i]!;
        const code = reason.Code ?? 'None';
        if (code === 'None') spared.push(p);
        else if (code === 'ConditionalCheckFailed') p.reject(conditionFailed(reason.Message ?? 'The conditional request failed'));
        else if (RETRYABLE.has(code) && !lastTry) again.push(p);
        else p.reject(Object.assign(new Error(`${code}: ${reason.Message ?? ''}`), { name: code }));
      });
      // A cancellation that names no write cannot shrink: it is tried again later, as a conflict is.
      if (spared.length === request.length) {
        if (!lastTry) return spared;
        for (const p of spared) p.reject(error);
        return [];
      }
      // Nothing was written: the spared ones go again now, without the writes that cancelled them.
      return [...again, ...(spared.length ? await transact(spared, client, lastTry) : [])];
    }
    // Only a validation error is split: a throttled request split in halves would only ask more of a table that is short of capacity.
    if (e.name === 'ValidationException' && request.length > 1) {
      // Refused as a whole (one item too large, say): halves, until the refused write is alone.
      const half = Math.ceil(request.length / 2);
      return [...(await transact(request.slice(0, half), client, lastTry)), ...(await transact(request.slice(half), client, lastTry))];
    }
    for (const p of request) p.reject(error);
    return [];
  }
}

/** Sends the writes, retrying the throttled and conflicting ones with backoff. */
async function execute(pending: Pending[], client: typeof documentClient): Promise<void> {
  let left = pending;
  for (let attempt = 0; left.length; attempt++) {
    if (attempt) await sleep(Math.min(25 * 2 ** attempt, 1000) * (0.5 + Math.random() / 2));
    const lastTry = attempt + 1 >= MAX_TRIES;
    left = (await mapLimit(requestsOf(left), MAX_CONCURRENT_REQUESTS, (request) => transact(request, client, lastTry))).flat();
  }
}

/**
 * Sends every command, each through `client` as itself and, once past the client's `initialize`
 * middlewares, as one operation of a shared TransactWriteItems. Resolves with each command's
 * outcome, in order (never rejects). Two entries, so that a function's bundle holds only the
 * operations it writes (test/infra/code-access.ts reads `Update: {` or `Put: {` from them, for the
 * function's IAM actions).
 */
export const updateTogether = (commands: readonly UpdateCommand[], client = documentClient) =>
  together(
    commands,
    ({ input: { ReturnValues, ReturnConsumedCapacity, ReturnItemCollectionMetrics, ...update } }) =>
      ReturnValues && ReturnValues !== 'NONE' ? undefined : { operation: { Update: { ...update } } as Operation, key: keyOf(update.TableName, update.Key ?? {}) },
    client,
  );

/** Puts; each keeps its own condition (the outbox's `attribute_not_exists(pk)`: a put that may only create). */
export const insertTogether = (commands: readonly PutCommand[], client = documentClient, keyNames: readonly string[] = ['pk', 'sk']) =>
  together(
    commands,
    ({ input: { ReturnValues, ReturnConsumedCapacity, ReturnItemCollectionMetrics, ...put } }) =>
      ReturnValues && ReturnValues !== 'NONE' ? undefined : { operation: { Put: { ...put } } as Operation, key: keyOf(put.TableName, Object.fromEntries(keyNames.map((k) => [k, put.Item?.[k]]))) },
    client,
  );

async function together<C extends UpdateCommand | PutCommand>(
  commands: readonly C[],
  toOperation: (c: C) => Pick<Pending, 'operation' | 'key'> | undefined,
  client: typeof documentClient,
): Promise<PromiseSettledResult<void>[]> {
  if (!commands.length) return [];
  const joined: Pending[] = [];
  let arrived = 0;
  const all: { arrived?: () => void } = {};
  const ready = new Promise<void>((r) => (all.arrived = r));
  const arrive = () => {
    if (++arrived === commands.length) all.arrived?.();
  };
  const sends = commands.map(async (command) => {
    // Taken before the send: the document client's own middleware marshals `input` on the way.
    const operation = toOperation(command);
    if (!operation) {
      arrive();
      await client.send(command as UpdateCommand);
      return;
    }
    let here = false;
    (command as UpdateCommand).middlewareStack.add(
      // Short of the request: the write joins the transaction, and the command resolves with its outcome.
      (() => async () => {
        here = true;
        const done = new Promise<void>((resolve, reject) => joined.push({ ...operation, resolve, reject }));
        arrive();
        await done;
        return { output: { $metadata: {} }, response: {} };
      }) as never,
      // `override`: a document client command's stack is concatenated twice on its way to the client's.
      { step: 'initialize', priority: 'low', name: 'writeTogether', override: true },
    );
    try {
      await client.send(command as UpdateCommand);
    } finally {
      // Settled without joining (a middleware refused it, or a test's mock answered it): counted as arrived.
      if (!here) arrive();
    }
  });
  const outcomes = Promise.allSettled(sends);
  await ready;
  await execute(joined, client);
  return outcomes;
}
