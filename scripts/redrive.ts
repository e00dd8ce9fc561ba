/**
 * `npm run redrive`: gives what failed every retry another go.
 *
 * Locally (default): asks the running twin (`npm start`, its PORT) to move each consumer's dead
 * letters back to its queue, and to replay the stream router's dead-lettered stream records
 * through the router (POST /local/redrive). `--function <name>` limits it to one function.
 *
 * In the cloud (`--cloud [--function <name>] --stack <stack name>`):
 * - a queue consumer: SQS's own dead-letter redrive (StartMessageMoveTask) moves the messages of
 *   its dead-letter queue back to its queue, where its mapping takes them again;
 * - the stream router: each message of its on-failure queue describes a failed stream batch
 *   (shard, first and last sequence number); the records are read back from the table's stream
 *   (within its 24-hour retention), the router is invoked with them, and the message is deleted
 *   once the invocation succeeds.
 */
import { twinAddress } from './twin-address';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ListMessageMoveTasksCommand, ReceiveMessageCommand, SQSClient, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { parseArgs } from 'node:util';
import { type FunctionName, type FunctionSpec, functions } from '../infra/wiring';

const { values } = parseArgs({
  options: { cloud: { type: 'boolean', default: false }, function: { type: 'string' }, stack: { type: 'string', default: 'Thidua' }, max: { type: 'string', default: '100' } },
});

async function local() {
  const url = `${twinAddress().apiUrl}/local/redrive`;
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(values.function ? { function: values.function } : {}) }).catch((e: Error) => {
    throw new Error(`the local twin does not answer at ${url} (is \`npm start\` running?): ${e.message}`);
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  const { results } = (await res.json()) as { results: { function: string; redriven: number; stillFailing: number }[] };
  const acted = results.filter((r) => r.redriven || r.stillFailing);
  if (acted.length === 0) console.log('no dead letters');
  else console.table(acted.map((r) => ({ function: r.function, 'redriven (moved back or replayed)': r.redriven, 'still failing': r.stillFailing })));
  return results.every((r) => r.stillFailing === 0);
}

/** Lambda's on-failure record for a stream batch (the SQS message body). */
interface FailureRecord {
  requestContext?: { functionArn?: string };
  DDBStreamBatchInfo: { shardId: string; startSequenceNumber: string; endSequenceNumber: string; streamArn: string; batchSize: number };
}

async function cloud() {
  const outputs = (await new CloudFormationClient({}).send(new DescribeStacksCommand({ StackName: values.stack }))).Stacks?.[0]?.Outputs ?? [];
  const output = (name: string, suffix: string) => outputs.find((o) => o.OutputKey?.toLowerCase() === `${name}${suffix}`.toLowerCase())?.OutputValue;
  const wiring = Object.entries(functions) as [FunctionName, FunctionSpec][];
  const chosen = values.function ? wiring.filter(([name]) => name === values.function) : wiring.filter(([, spec]) => spec.queue || spec.stream);
  if (chosen.length === 0) throw new Error(`the wiring has no function "${values.function}"`);
  let ok = true;
  for (const [name, spec] of chosen) {
    if (spec.queue) ok = (await moveBack(name, output(name, 'DeadLetterQueueArn'), output(name, 'QueueArn'))) && ok;
    else if (spec.stream) ok = (await replayStream(name, output(name, 'DeadLetterQueueUrl'), output(name, 'FunctionName'))) && ok;
    else throw new Error(`${name} neither reads the stream nor consumes a queue: it has no dead letters to redrive`);
  }
  return ok;
}

/** SQS's dead-letter redrive: the dead-letter queue's messages back to the consumer's queue, with fresh receive counts. */
async function moveBack(name: string, deadLetterArn: string | undefined, queueArn: string | undefined) {
  if (!deadLetterArn || !queueArn) throw new Error(`stack ${values.stack} has no outputs ${name}DeadLetterQueueArn / ${name}QueueArn`);
  const sqs = new SQSClient({});
  await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: deadLetterArn, DestinationArn: queueArn }));
  for (const deadline = Date.now() + 15 * 60_000; ; ) {
    await new Promise((r) => setTimeout(r, 2000));
    const [task] = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: deadLetterArn, MaxResults: 1 }))).Results ?? [];
    if (!task || task.Status === 'RUNNING') {
      if (Date.now() < deadline) continue;
      console.error(`${name}: the move task is still running after 15 minutes; see ListMessageMoveTasks on ${deadLetterArn}`);
      return false;
    }
    console.log(`${name}: ${task.ApproximateNumberOfMessagesMoved ?? 0} message(s) moved back to its queue (${task.Status}${task.FailureReason ? `: ${task.FailureReason}` : ''})`);
    return task.Status === 'COMPLETED';
  }
}

/** The stream router's failed batches, read back from the stream and routed again. */
async function replayStream(name: string, queueUrl: string | undefined, functionName: string | undefined) {
  if (!queueUrl || !functionName) throw new Error(`stack ${values.stack} has no outputs ${name}DeadLetterQueueUrl / ${name}FunctionName`);
  const sqs = new SQSClient({});
  const streams = new DynamoDBStreamsClient({});
  const lambda = new LambdaClient({});
  let replayed = 0;
  let failed = 0;
  for (let n = 0; n < Number(values.max); ) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 300 }));
    if (Messages.length === 0) break;
    for (const m of Messages) {
      n++;
      const info = (JSON.parse(m.Body ?? '{}') as FailureRecord).DDBStreamBatchInfo;
      const records = [];
      let iterator = (
        await streams.send(new GetShardIteratorCommand({ StreamArn: info.streamArn, ShardId: info.shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: info.startSequenceNumber }))
      ).ShardIterator;
      while (iterator && records.length < info.batchSize) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        for (const r of page.Records ?? []) {
          if (BigInt(r.dynamodb!.SequenceNumber!) > BigInt(info.endSequenceNumber)) break;
          records.push({ ...r, eventSourceARN: info.streamArn });
        }
        if (!page.Records?.length) break;
        iterator = page.NextShardIterator;
      }
      const out = await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify({ Records: records })) }));
      const response = out.Payload ? JSON.parse(Buffer.from(out.Payload).toString() || 'null') : null;
      if (out.FunctionError || response?.batchItemFailures?.length) {
        failed++;
        console.error(`batch ${info.startSequenceNumber}…${info.endSequenceNumber}: still failing (${out.FunctionError ?? 'batchItemFailures'}); left in the queue`);
        continue;
      }
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle! }));
      replayed++;
    }
  }
  console.log(`${name}: ${replayed} stream batch(es) replayed, ${failed} still failing`);
  return failed === 0;
}

(values.cloud ? cloud() : local()).then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
