import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { redriveLocal } from '../../../infra/local/redrive';
import { functions } from '../../../infra/wiring';

const record = (seq: string): DynamoDBRecord => ({ eventID: seq, eventName: 'INSERT', dynamodb: { SequenceNumber: seq, NewImage: { pk: { S: `K#${seq}` } } } });
const letter = (seq: string) => ({
  function: 'streamRouter',
  condition: 'RetryAttemptsExhausted',
  error: { name: 'Error', message: 'boom' },
  attempts: 9,
  timestamp: '2026-11-26T00:00:00.000Z',
  stream: { arn: 'arn:local', shardId: 'shard-1', sequenceNumber: seq, batch: { startSequenceNumber: seq, endSequenceNumber: seq, size: 1 } },
  record: record(seq),
});

describe('npm run redrive (the stream reader’s local dead letters)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'thidua-redrive-'));
    writeFileSync(path.join(dir, 'streamRouter.jsonl'), `${['100', '200', '300'].map((s) => JSON.stringify(letter(s))).join('\n')}\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replays each record through its handler, one per invocation, and keeps only what fails again', async () => {
    const seen: string[][] = [];
    const streamRouter = async (event: DynamoDBStreamEvent) => {
      seen.push(event.Records.map((r) => r.dynamodb!.SequenceNumber!));
      const seq = event.Records[0]!.dynamodb!.SequenceNumber!;
      if (seq === '200') throw new Error('still broken');
      if (seq === '300') return { batchItemFailures: [{ itemIdentifier: seq }] };
      return { batchItemFailures: [] };
    };
    const [report] = await redriveLocal({ dir, functions, handlers: { streamRouter }, region: 'ap-southeast-1' });
    expect(seen).toEqual([['100'], ['200'], ['300']]);
    expect(report).toMatchObject({ function: 'streamRouter', replayed: 1, stillFailing: 2 });
    const left = readFileSync(path.join(dir, 'streamRouter.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(left.map((l) => l.stream.sequenceNumber)).toEqual(['200', '300']);
    expect(left[0].error).toEqual({ name: 'RedriveFailed', message: 'still broken' });
    expect(left[0].record).toEqual(record('200')); // still replayable
  });

  it('leaves the files of queue consumers alone: their dead letters are moved back to their queue by the twin', async () => {
    const consumerFile = `${JSON.stringify({ ...letter('7'), function: 'mailer' })}\n`;
    writeFileSync(path.join(dir, 'mailer.jsonl'), consumerFile);
    const mailer = jest.fn();
    const reports = await redriveLocal({ dir, functions, handlers: { mailer, streamRouter: async () => ({ batchItemFailures: [] }) }, region: 'ap-southeast-1' });
    expect(reports.map((r) => r.function)).toEqual(['streamRouter']);
    expect(mailer).not.toHaveBeenCalled();
    expect(readFileSync(path.join(dir, 'mailer.jsonl'), 'utf8')).toBe(consumerFile);
  });

  it('refuses dead letters of a function the wiring does not have', async () => {
    writeFileSync(path.join(dir, 'ghost.jsonl'), `${JSON.stringify(letter('1'))}\n`);
    await expect(redriveLocal({ dir, functions, handlers: {}, region: 'ap-southeast-1', only: 'ghost' })).rejects.toThrow(/ghost/);
  });
});
