/**
 * `npm run redrive`: replays stream records that failed every retry.
 *
 * Locally (default): the dead letters the twin's poller wrote to `.local/dead-letters/*.jsonl` are
 * run again through the same handlers, against the running twin (its DYNAMODB_PORT and SES_PORT
 * as `npm start` uses them). `--function <name>` limits it to one consumer.
 *
 * In the cloud (`--cloud --function <name> --stack <stack name>`): each message in the consumer's
 * SQS on-failure queue describes a failed batch (shard, first and last sequence number); the
 * records are read back from the table's stream (within its 24-hour retention), the function is
 * invoked with them, and the message is deleted once the invocation succeeds.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { redriveLocal } from '../infra/local/redrive';
import { loadHandlers, LOCAL_REGION } from '../infra/local/twin';
import { functions } from '../infra/wiring';

const { values } = parseArgs({
  options: { cloud: { type: 'boolean', default: false }, function: { type: 'string' }, stack: { type: 'string', default: 'Thidua' }, max: { type: 'string', default: '100' } },
});
const root = path.resolve(__dirname, '..');

async function local() {
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`,
    AWS_ENDPOINT_URL_SESV2: process.env.SES_ENDPOINT ?? `http://127.0.0.1:${process.env.SES_PORT ?? 8005}`,
    TABLE_NAME: process.env.TABLE_NAME ?? 'thidua-local',
    MAIL_FROM: process.env.MAIL_FROM ?? 'no-reply@thidua.example.org',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
  });
  const handlers = await loadHandlers(root, functions);
  const reports = await redriveLocal({ dir: path.join(root, '.local/dead-letters'), functions, handlers, region: LOCAL_REGION, ...(values.function ? { only: values.function } : {}) });
  if (reports.length === 0) console.log('no dead letters in .local/dead-letters');
  else console.table(reports.map((r) => ({ function: r.function, replayed: r.replayed, 'still failing': r.stillFailing })));
  for (const r of reports) for (const e of r.errors) console.error(`${r.function} ${e}`);
  return reports.every((r) => r.stillFailing === 0);
}

/** Lambda's on-failure record for a stream batch (the SQS message body). */
interface FailureRecord {
  requestContext?: { functionArn?: string };
  DDBStreamBatchInfo: { shardId: string; startSequenceNumber: string; endSequenceNumber: string; streamArn: string; batchSize: number };
}

async function cloud() {
  if (!values.function) throw new Error('--cloud needs --function <wiring name>, e.g. --function mailer');
  const outputs = (await new CloudFormationClient({}).send(new DescribeStacksCommand({ StackName: values.stack }))).Stacks?.[0]?.Outputs ?? [];
  const output = (suffix: string) => outputs.find((o) => o.OutputKey?.toLowerCase() === `${values.function}${suffix}`.toLowerCase())?.OutputValue;
  const queueUrl = output('DeadLetterQueueUrl');
  const functionName = output('FunctionName');
  if (!queueUrl || !functionName) throw new Error(`stack ${values.stack} has no outputs ${values.function}DeadLetterQueueUrl / ${values.function}FunctionName`);
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
  console.log(`${replayed} batch(es) replayed, ${failed} still failing`);
  return failed === 0;
}

(values.cloud ? cloud() : local()).then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
