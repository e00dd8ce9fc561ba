/**
 * The stream router's routing (shared/stream/route.ts) and the consumers' batch handling of queue
 * messages (shared/stream/batch.ts): each record on the queue of every consumer whose filter it
 * matches, in stream order, FIFO entries grouped by campaign and deduplicated by the stream's event
 * id; the first record a queue refused is reported; a consumer gets the stream record back from a
 * message and reports failures by message id.
 */
import type { Context, DynamoDBRecord, SQSEvent, SQSRecord } from 'aws-lambda';
import { functions, routesOf, wiringProblems } from '../../infra/wiring';
import { streamConsumer } from '../../shared/stream/batch';
import { chunk, type Entry, entryFor, MAX_BATCH_BYTES, messageBody, parseRoutes, routeRecords } from '../../shared/stream/route';

const eventRecord = (seq: number, type: string, campaign = 'c1'): DynamoDBRecord => ({
  eventID: `ev-${seq}`,
  eventName: 'INSERT',
  dynamodb: {
    Keys: { pk: { S: `CAMPAIGN#${campaign}` }, sk: { S: `EVENT#${seq}` } },
    NewImage: { pk: { S: `CAMPAIGN#${campaign}` }, sk: { S: `EVENT#${seq}` }, entity: { S: 'Event' }, type: { S: type }, campaignId: { S: campaign } },
    SequenceNumber: String(100 + seq),
  },
});
const deliveryRecord = (seq: number, status = 'pending'): DynamoDBRecord => ({
  eventID: `ev-${seq}`,
  eventName: 'INSERT',
  dynamodb: { Keys: { pk: { S: 'CAMPAIGN#c1' }, sk: { S: `DELIVERY#${seq}` } }, NewImage: { entity: { S: 'Delivery' }, status: { S: status } }, SequenceNumber: String(100 + seq) },
});

/** The real wiring's routes, each queue URL named after its consumer. */
const routes = routesOf(functions, (name) => `https://sqs.local/000000000000/${name}`);

function recordingSend(refuse: (queue: string, e: Entry) => boolean = () => false) {
  const sent: { queue: string; entries: Entry[] }[] = [];
  const send = async (queueUrl: string, entries: Entry[]) => {
    const queue = queueUrl.split('/').pop()!;
    sent.push({ queue, entries });
    return entries.filter((e) => refuse(queue, e)).map((e) => e.Id);
  };
  return { sent, send };
}

describe('the stream router', () => {
  it('the real wiring is buildable: one reader whose filters are every consumer’s, queue settings Lambda accepts', () => {
    expect(wiringProblems(functions)).toEqual([]);
    expect(routes.map((r) => r.consumer).sort()).toEqual(
      Object.entries(functions)
        .filter(([, s]) => 'queue' in s)
        .map(([n]) => n)
        .sort(),
    );
    expect(parseRoutes(JSON.stringify(routes))).toEqual(routes);
  });

  it('wiringProblems names what Lambda, SQS or the stream would refuse, or a record lost', () => {
    const { streamRouter, onReportSubmitted, mailer } = functions;
    const problems = wiringProblems({
      // The reader forgets onReportSubmitted's pattern: its events would never reach its queue.
      streamRouter: { ...streamRouter, stream: { ...streamRouter.stream, filters: streamRouter.stream.filters.filter((f) => !JSON.stringify(f).includes('ReportSubmitted')) } },
      onReportSubmitted: { ...onReportSubmitted, queue: { ...onReportSubmitted.queue, batchSize: 20 } },
      mailer: { ...mailer, queue: { ...mailer.queue, maxConcurrency: 1, maxBatchingWindowSeconds: 0, batchSize: 50 } },
      second: { ...streamRouter },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/exactly one function must read the table's stream, not 2/),
        expect.stringMatching(/onReportSubmitted: the stream reader's filters do not let/),
        expect.stringMatching(/onReportSubmitted: a FIFO mapping takes at most 10 messages/),
        expect.stringMatching(/mailer: maxConcurrency must be 2–1,000/),
        expect.stringMatching(/mailer: a batch over 10 messages needs a batching window/),
      ]),
    );
  });

  it('puts each record on the queue of every consumer whose filter matches, in stream order, the stream record as the body', async () => {
    const records = [eventRecord(1, 'CampaignCreated'), eventRecord(2, 'CampaignIssued'), deliveryRecord(3), deliveryRecord(4, 'sent'), eventRecord(5, 'ReportSubmitted'), deliveryRecord(6)];
    const { sent, send } = recordingSend();
    const report = await routeRecords(records, routes, send);
    expect(report).toEqual({ sent: { onCampaignIssued: 1, onReportSubmitted: 1, onReportReminderDue: 0, onNominationsClosed: 0, onResultsFinalized: 0, mailer: 2 }, errors: [] });
    const to = (queue: string) => sent.filter((s) => s.queue === queue).flatMap((s) => s.entries);
    expect(to('mailer').map((e) => JSON.parse(e.MessageBody))).toEqual([records[2], records[5]]);
    expect(to('onCampaignIssued').map((e) => JSON.parse(e.MessageBody))).toEqual([records[1]]);
    // Standard queue: no group; FIFO (the per-campaign consumer): the partition key and the event id.
    expect(to('mailer')[0]).toEqual({ Id: '2', MessageBody: JSON.stringify(records[2]) });
    expect(to('onReportSubmitted')).toEqual([{ Id: '4', MessageBody: JSON.stringify(records[4]), MessageGroupId: 'CAMPAIGN#c1', MessageDeduplicationId: 'ev-5' }]);
  });

  it('a queue that refuses a record gets nothing after it, and the earliest refused record is reported for the mapping to retry from', async () => {
    const records = [deliveryRecord(1), deliveryRecord(2), eventRecord(3, 'CampaignIssued'), ...Array.from({ length: 12 }, (_, i) => deliveryRecord(10 + i))];
    const { sent, send } = recordingSend((queue, e) => queue === 'mailer' && e.Id === '1');
    const report = await routeRecords(records, routes, send);
    expect(report.firstFailed).toBe(1);
    // The first chunk (10 records) was tried; the second never sent; the other queue got its record.
    expect(sent.filter((s) => s.queue === 'mailer')).toHaveLength(1);
    expect(report.sent).toMatchObject({ mailer: 9, onCampaignIssued: 1 });
    expect(report.errors).toEqual(['mailer: 1 message(s) not accepted']);

    const down = await routeRecords(records, routes, async () => {
      throw new Error('SQS unavailable');
    });
    expect(down.firstFailed).toBe(0);
  });

  it('a record a FIFO queue cannot order (no partition key) stops that queue there; the records before it are sent', async () => {
    const orphan: DynamoDBRecord = { ...eventRecord(2, 'ReportSubmitted'), dynamodb: { ...eventRecord(2, 'ReportSubmitted').dynamodb, Keys: {} } };
    const { sent, send } = recordingSend();
    const report = await routeRecords([eventRecord(1, 'ReportSubmitted'), orphan, eventRecord(3, 'ReportSubmitted')], routes, send);
    expect(report.firstFailed).toBe(1);
    expect(report.sent.onReportSubmitted).toBe(1);
    expect(sent.flatMap((s) => s.entries.map((e) => e.MessageDeduplicationId))).toEqual(['ev-1']);
  });

  it('keeps batches within SQS’s limits, and a record too large for a message goes without its old image', () => {
    const big = 'x'.repeat(150 * 1024);
    const entries: Entry[] = Array.from({ length: 25 }, (_, i) => ({ Id: String(i), MessageBody: i < 3 ? big : 'small' }));
    const chunks = chunk(entries);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(10);
      expect(c.reduce((n, e) => n + Buffer.byteLength(e.MessageBody), 0)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    }
    expect(chunks.flat().map((e) => e.Id)).toEqual(entries.map((e) => e.Id));

    const modify: DynamoDBRecord = { eventID: 'm', eventName: 'MODIFY', dynamodb: { Keys: { pk: { S: 'P' } }, NewImage: { a: { S: 'new' } }, OldImage: { a: { S: big } }, SequenceNumber: '1' } };
    expect(JSON.parse(messageBody({ ...modify, dynamodb: { ...modify.dynamodb, OldImage: { a: { S: 'old' } } } })).dynamodb.OldImage).toEqual({ a: { S: 'old' } });
    const huge = { ...modify, dynamodb: { ...modify.dynamodb, OldImage: { a: { S: big + big } } } };
    expect(JSON.parse(messageBody(huge)).dynamodb).toEqual({ Keys: { pk: { S: 'P' } }, NewImage: { a: { S: 'new' } }, SequenceNumber: '1' });
    expect(() => entryFor({ eventName: 'INSERT', dynamodb: {} }, 0, true)).toThrow(/partition key/);
  });

  it('refuses an empty or malformed ROUTES', () => {
    expect(() => parseRoutes(undefined)).toThrow(/ROUTES/);
    expect(() => parseRoutes('[]')).toThrow(/no route/);
    expect(() => parseRoutes('[{"consumer":"x","queueUrl":"u","fifo":false,"filters":[]}]')).toThrow(/at least one filter/);
  });
});

describe('a consumer reading its queue (shared/stream/batch.ts)', () => {
  const context = {} as Context;
  const message = (record: DynamoDBRecord | string, id: string, group?: string): SQSRecord => ({
    messageId: id,
    receiptHandle: `rh-${id}`,
    body: typeof record === 'string' ? record : JSON.stringify(record),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'x',
      ApproximateFirstReceiveTimestamp: '0',
      ...(group ? { MessageGroupId: group, MessageDeduplicationId: id, SequenceNumber: id } : {}),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:q',
    awsRegion: 'ap-southeast-1',
  });

  it('hands the handler the stream record each message carries, prepares the batch from them, reports failures by message id', async () => {
    const seen: string[] = [];
    let prepared: string[] = [];
    const handler = streamConsumer(
      async (record) => {
        const sk = record.dynamodb!.Keys!.sk!.S!;
        seen.push(sk);
        if (sk === 'DELIVERY#2') throw new Error('poison');
      },
      {
        inParallel: true,
        prepare: async (event) => {
          prepared = event.Records.map((r) => r.dynamodb!.Keys!.sk!.S!);
        },
      },
    );
    const event: SQSEvent = { Records: [message(deliveryRecord(1), 'm1'), message(deliveryRecord(2), 'm2'), message('not json', 'm3')] };
    const { batchItemFailures } = await handler(event, context);
    expect(batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m2', 'm3']);
    expect(seen.sort()).toEqual(['DELIVERY#1', 'DELIVERY#2']);
    expect(prepared).toEqual(['DELIVERY#1', 'DELIVERY#2']);
  });

  it('FIFO: a failure stops its group (the rest retried after it, in order); other groups go on', async () => {
    const seen: string[] = [];
    const handler = streamConsumer(async (record) => {
      const sk = record.dynamodb!.Keys!.sk!.S!;
      seen.push(sk);
      if (sk === 'EVENT#1') throw new Error('first fails');
    });
    const event: SQSEvent = {
      Records: [message(eventRecord(1, 'ReportSubmitted'), 'a1', 'A'), message(eventRecord(2, 'ReportSubmitted'), 'a2', 'A'), message(eventRecord(3, 'ReportSubmitted', 'c2'), 'b1', 'B')],
    };
    expect(await handler(event, context)).toEqual({ batchItemFailures: [{ itemIdentifier: 'a1' }, { itemIdentifier: 'a2' }] });
    expect(seen).toEqual(['EVENT#1', 'EVENT#3']);
  });

  it('still takes a stream event (a direct invocation, a replay), reporting by sequence number', async () => {
    const handler = streamConsumer(async (record) => {
      if (record.dynamodb!.SequenceNumber === '102') throw new Error('no');
    });
    expect(await handler({ Records: [deliveryRecord(1), deliveryRecord(2)] }, context)).toEqual({ batchItemFailures: [{ itemIdentifier: '102' }] });
  });
});
