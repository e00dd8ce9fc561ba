import { type BatchStatementResponse, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchExecuteStatementCommand, type PutCommand, type UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mapLimit } from '../concurrency';
import { documentClient } from './client';

/**
 * Many conditional writes in one request (issue 14, "a send pipeline with fewer round trips"): each
 * write is written, and sent, as the one-item command it is (an UpdateCommand with its condition, a
 * PutCommand that may only create), through the document client, so every middleware the client
 * carries (logging, the fault-injection suite's "the process died here") sees each item's own
 * write; after the client's last `initialize` middleware the command leaves the ordinary path and
 * becomes one PartiQL statement of a BatchExecuteStatement, at most 25 per request, each with its
 * own outcome. A command the translation below does not cover is sent as it is.
 *
 * Outcomes, per command, as the one-item command would have had them:
 * - a statement whose condition failed (or an INSERT whose key exists) rejects with a
 *   ConditionalCheckFailedException, so `isConditionFailure` reads it as before;
 * - a throttled or internally failed statement is sent again with the next request, with backoff,
 *   a few times, then rejects with its code;
 * - a failed request (after the SDK's own retries) rejects every command it carried.
 *
 * BatchExecuteStatement returns no item: a caller that needs the new values must know them (the
 * claim sets `attempts` to the image's value + 1, on condition that it is still the image's).
 */

/** The translation covers the expressions the outbox uses: SET a = v, a = a + v, REMOVE; =, <>, <, <=, >, >=, AND, OR, NOT, IN, parentheses, attribute_(not_)exists. */
interface Statement {
  Statement: string;
  Parameters: unknown[];
  key: string;
}

const RETRYABLE = new Set(['ProvisionedThroughputExceeded', 'RequestLimitExceeded', 'ThrottlingError', 'InternalServerError', 'TransactionConflict']);
const MAX_STATEMENTS = 25;
const MAX_TRIES = 8;
/** Requests in flight at once: a 2,000-address outbox is 80 requests, which must not all leave together (as the 16 concurrent puts before them). */
const MAX_CONCURRENT_REQUESTS = 4;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** An expression of the ordinary API, as PartiQL: names quoted, values as positional parameters (appended to `params` in order). */
function translate(expression: string, names: Record<string, string>, values: Record<string, unknown>, params: unknown[]): string | undefined {
  const tokens = expression.match(/#[\w]+|:[\w]+|[A-Za-z_][\w.]*|<>|<=|>=|[=<>(),+-]|\s+|./g) ?? [];
  const out: string[] = [];
  /** For each open parenthesis: whether it opened an IN list (closed with `]`). */
  const open: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const nextSignificant = () => tokens.slice(i + 1).find((x) => x.trim());
    if (/^\s+$/.test(t)) out.push(' ');
    else if (t.startsWith('#')) {
      if (!(t in names)) return undefined;
      out.push(quote(names[t]!));
    } else if (t.startsWith(':')) {
      if (!(t in values)) return undefined;
      out.push('?');
      params.push(values[t]);
    } else if (/^(AND|OR|NOT)$/i.test(t)) out.push(t.toUpperCase());
    else if (/^IN$/i.test(t)) {
      out.push('IN');
      if (nextSignificant() !== '(') return undefined;
      while (tokens[i + 1] !== '(') i++;
      i++;
      out.push(' [');
      open.push(true);
    } else if (t === 'attribute_not_exists' || t === 'attribute_exists') {
      // attribute_not_exists(a) → a IS MISSING
      const m = /^\s*\(\s*(#?\w+)\s*\)/.exec(tokens.slice(i + 1).join(''));
      if (!m) return undefined;
      const name = m[1]!.startsWith('#') ? names[m[1]!] : m[1];
      if (!name) return undefined;
      out.push(`${quote(name)} IS ${t === 'attribute_exists' ? 'NOT ' : ''}MISSING`);
      let consumed = 0;
      while (consumed < m[0].length) consumed += tokens[++i]!.length;
    } else if (/^[A-Za-z_]/.test(t)) {
      // Any other function (if_not_exists, size, begins_with, list_append) is not translated.
      if (nextSignificant() === '(') return undefined;
      out.push(quote(t));
    } else if (t === '(') {
      out.push('(');
      open.push(false);
    } else if (t === ')') {
      out.push(open.pop() ? ']' : ')');
    } else if (/^(<>|<=|>=|[=<>,+-])$/.test(t)) out.push(t);
    else return undefined;
  }
  return out.join('').replace(/\s+/g, ' ').trim();
}

/** Splits at top-level commas. */
const splitTop = (s: string) => {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
};

const keyOf = (table: string, key: Record<string, unknown>) => `${table}\u0000${JSON.stringify(Object.entries(key).sort(([a], [b]) => a.localeCompare(b)))}`;

/** An UpdateCommand as `UPDATE "t" SET a = ? SET … REMOVE … WHERE pk = ? AND sk = ? AND (condition)`, or undefined. */
export function updateStatement(input: UpdateCommand['input']): Statement | undefined {
  const { TableName, Key, UpdateExpression, ConditionExpression, ExpressionAttributeNames: names = {}, ExpressionAttributeValues: values = {}, ReturnValues } = input;
  if (!TableName || !Key || !UpdateExpression || (ReturnValues && ReturnValues !== 'NONE')) return undefined;
  const clauses = [...UpdateExpression.matchAll(/\b(SET|REMOVE|ADD|DELETE)\b([\s\S]*?)(?=\b(?:SET|REMOVE|ADD|DELETE)\b|$)/g)];
  if (!clauses.length) return undefined;
  const params: unknown[] = [];
  const parts: string[] = [];
  for (const [, kind, body] of clauses) {
    if (kind !== 'SET' && kind !== 'REMOVE') return undefined;
    for (const action of splitTop(body!)) {
      const text = translate(action, names, values, params);
      if (text === undefined) return undefined;
      parts.push(`${kind} ${text}`);
    }
  }
  const where = Object.keys(Key).map((k) => `${quote(k)} = ?`);
  params.push(...Object.values(Key));
  let condition = '';
  if (ConditionExpression) {
    const text = translate(ConditionExpression, names, values, params);
    if (text === undefined) return undefined;
    condition = ` AND (${text})`;
  }
  return { Statement: `UPDATE ${quote(TableName)} ${parts.join(' ')} WHERE ${where.join(' AND ')}${condition}`, Parameters: params, key: keyOf(TableName, Key) };
}

/** A PutCommand that may only create its item (`attribute_not_exists` of the partition key) as an INSERT, which fails on an existing key. */
export function insertStatement(input: PutCommand['input'], partitionKey = 'pk', sortKey = 'sk'): Statement | undefined {
  const { TableName, Item, ConditionExpression, ExpressionAttributeNames: names = {} } = input;
  if (!TableName || !Item || !ConditionExpression) return undefined;
  const m = /^\s*attribute_not_exists\s*\(\s*(#?\w+)\s*\)\s*$/.exec(ConditionExpression);
  const attribute = m && (m[1]!.startsWith('#') ? names[m[1]!] : m[1]);
  if (attribute !== partitionKey) return undefined;
  const entries = Object.entries(Item).filter(([, v]) => v !== undefined);
  return {
    Statement: `INSERT INTO ${quote(TableName)} VALUE {${entries.map(([k]) => `'${k.replace(/'/g, "''")}': ?`).join(', ')}}`,
    Parameters: entries.map(([, v]) => v),
    key: keyOf(TableName, { [partitionKey]: Item[partitionKey], [sortKey]: Item[sortKey] }),
  };
}

type Pending = Statement & { resolve(): void; reject(error: unknown): void };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const conditionFailed = (message: string) => new ConditionalCheckFailedException({ message, $metadata: {} });

/** Sends the statements, ≤ 25 per request and no key twice in one request (DynamoDB refuses that), retrying the throttled ones. */
async function execute(pending: Pending[], client: typeof documentClient): Promise<void> {
  let left = pending;
  for (let attempt = 0; left.length; attempt++) {
    if (attempt) await sleep(Math.min(25 * 2 ** attempt, 1000) * (0.5 + Math.random() / 2));
    const again: Pending[] = [];
    const requests: Pending[][] = [];
    for (const p of left) {
      const request = requests.find((r) => r.length < MAX_STATEMENTS && !r.some((q) => q.key === p.key));
      if (request) request.push(p);
      else requests.push([p]);
    }
    await mapLimit(requests, MAX_CONCURRENT_REQUESTS, async (request) => {
      let responses: BatchStatementResponse[] | undefined;
      try {
        ({ Responses: responses } = await client.send(new BatchExecuteStatementCommand({ Statements: request.map(({ Statement, Parameters }) => ({ Statement, Parameters })) })));
      } catch (error) {
        for (const p of request) p.reject(error);
        return;
      }
      for (const [i, p] of request.entries()) {
        const error = responses?.[i]?.Error;
        const code = String(error?.Code ?? 'Unknown');
        if (!error) p.resolve();
        else if (code === 'ConditionalCheckFailed' || code === 'DuplicateItem') p.reject(conditionFailed(error.Message ?? 'The conditional request failed'));
        else if (RETRYABLE.has(code) && attempt + 1 < MAX_TRIES) again.push(p);
        else p.reject(Object.assign(new Error(`${code}: ${error.Message ?? ''}`), { name: code }));
      }
    });
    left = again;
  }
}

/**
 * Sends every command, each through `client` as itself and, once past the client's `initialize`
 * middlewares, as one statement of a shared BatchExecuteStatement. Resolves with each command's
 * outcome, in order (never rejects). Two entries, so that a function's bundle holds only the
 * statements it writes (test/infra/code-access.ts reads PartiQLUpdate or PartiQLInsert from them).
 */
export const updateTogether = (commands: readonly UpdateCommand[], client = documentClient) => together(commands, (c) => updateStatement(c.input), client);
export const insertTogether = (commands: readonly PutCommand[], client = documentClient) => together(commands, (c) => insertStatement(c.input), client);

async function together<C extends UpdateCommand | PutCommand>(
  commands: readonly C[],
  toStatement: (c: C) => Statement | undefined,
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
    const statement = toStatement(command);
    if (!statement) {
      arrive();
      await client.send(command as UpdateCommand);
      return;
    }
    let here = false;
    (command as UpdateCommand).middlewareStack.add(
      // Short of the request: the statement joins the batch, and the command resolves with its outcome.
      (() => async () => {
        here = true;
        const done = new Promise<void>((resolve, reject) => joined.push({ ...statement, resolve, reject }));
        arrive();
        await done;
        return { output: { $metadata: {} }, response: {} };
      }) as never,
      // `override`: a document client command's stack is concatenated twice on its way to the client's.
      { step: 'initialize', priority: 'low', name: 'statementBatch', override: true },
    );
    try {
      await client.send(command as UpdateCommand);
    } finally {
      // Settled without joining the batch (a middleware refused it, or a test's mock answered it): counted as arrived.
      if (!here) arrive();
    }
  });
  const outcomes = Promise.allSettled(sends);
  await ready;
  await execute(joined, client);
  return outcomes;
}
