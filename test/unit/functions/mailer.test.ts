import './env';
import { SESv2Client, SendEmailCommand, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../functions/mailer';
import { keys } from '../../../shared/store/keys';

/**
 * Unit test of the mailer's wiring only (the guide allows aws-sdk-client-mock here): the ports bound
 * to DynamoDB and SES v2, the SES request it builds, throttling retried in place, a bad record
 * reported for the dead-letter queue. The protocol's paths are tested through its ports in
 * test/unit/send-delivery.test.ts; that mail really arrives, against DynamoDB Local and the SES
 * emulator in test/integration.
 */
const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const context = { awsRequestId: 'r', functionName: 'mailer', getRemainingTimeInMillis: () => 60000 } as unknown as Context;

const delivery = (over: Record<string, unknown> = {}) => ({
  pk: 'AGENCY#default#CAMPAIGN#c1',
  sk: 'DELIVERY#e1#a@example.org',
  entity: 'Delivery',
  agencyId: 'default',
  campaignId: 'c1',
  eventId: 'e1',
  eventType: 'CampaignIssued',
  channel: 'email',
  address: 'a@example.org',
  groups: [{ code: 'LANH_DAO_SO', name: 'Lãnh đạo Sở' }],
  status: 'pending',
  attempts: 0,
  createdAt: 't',
  updatedAt: 't',
  ...over,
});
const streamEvent = (...items: Record<string, unknown>[]): DynamoDBStreamEvent => ({
  Records: items.map((item, i) => ({
    eventID: `id${i}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: { NewImage: marshall(item) as never, SequenceNumber: String(100 + i), StreamViewType: 'NEW_AND_OLD_IMAGES' },
  })),
});
const sesError = (name: string, status: number) => new SESv2ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: name });

const updates = (expr: string) => ddb.commandCalls(UpdateCommand).filter((c) => c.args[0].input.UpdateExpression?.includes(expr));

beforeEach(() => {
  ddb.reset();
  ses.reset();
  ddb.on(GetCommand).resolves({ Item: { subject: 'Phát động thi đua', html: '<p>Thư</p>', text: 'Thư' } });
  // The agency record: none for the default agency (its mail goes from MAIL_FROM).
  ddb.on(GetCommand, { Key: keys.agency('default') }).resolves({});
  ddb.on(BatchGetCommand).resolves({ Responses: { 'unit-test-table': [] } });
  ddb.on(UpdateCommand).resolves({ Attributes: { attempts: 1 } });
});

describe('mailer', () => {
  it('claims, sends once in UTF-8 from MAIL_FROM, and records the SES message id', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    const res = await handler(streamEvent(delivery()), context);
    expect(res).toEqual({ batchItemFailures: [] });
    const sent = ses.commandCalls(SendEmailCommand);
    expect(sent).toHaveLength(1);
    const input = sent[0]!.args[0].input;
    expect(input.FromEmailAddress).toBe('no-reply@thidua.example.org');
    expect(input.Destination?.ToAddresses).toEqual(['a@example.org']);
    expect(input.Content?.Simple?.Subject).toEqual({ Data: 'Phát động thi đua', Charset: 'UTF-8' });
    // claim → sending → sent, each conditional on the claim
    expect(updates('claimToken = :token, claimedAt')).toHaveLength(1);
    expect(updates('#status = :sending, sendingAt')).toHaveLength(1);
    const recorded = updates('messageId = :messageId')[0]!.args[0].input;
    expect(recorded.ExpressionAttributeValues).toMatchObject({ ':messageId': 'm-1', ':status': 'sent' });
    expect(recorded.ConditionExpression).toContain('claimToken = :token');
    // the outbox key travels as an SES tag, so SES's events lead back to this item
    const tags = Object.fromEntries((input.EmailTags ?? []).map((t) => [t.Name, t.Value]));
    expect(Buffer.from(tags.outbox!, 'base64url').toString()).toBe('DELIVERY#e1#letter#a@example.org');
    expect(tags.campaign).toBe('c1');
  });

  it('sends an agency’s mail from its own sender when the deployment allows it, replies to its Office; else from MAIL_FROM', async () => {
    const agency = (mailFrom: string) => ({
      Item: {
        ...keys.agency('so-tp'),
        entity: 'Agency',
        id: 'so-tp',
        name: 'Sở Tư pháp',
        level: 'department',
        place: 'Lạng Sơn',
        mailFrom,
        replyTo: 'vanphong@sotp.example.vn',
        createdAt: 't',
        updatedAt: 't',
        updatedBy: 'p',
      },
    });
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-9' });
    process.env.ALLOWED_SENDERS = 'thidua@sotp.example.vn';
    try {
      ddb.on(GetCommand, { Key: keys.agency('so-tp') }).resolves(agency('thidua@sotp.example.vn'));
      expect(await handler(streamEvent(delivery({ agencyId: 'so-tp', pk: 'AGENCY#so-tp#CAMPAIGN#c1' })), context)).toEqual({ batchItemFailures: [] });
      const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
      expect(input.FromEmailAddress).toBe('thidua@sotp.example.vn');
      expect(input.ReplyToAddresses).toEqual(['vanphong@sotp.example.vn']);
      expect(Object.fromEntries((input.EmailTags ?? []).map((t) => [t.Name, t.Value])).agency).toBe('so-tp');
    } finally {
      delete process.env.ALLOWED_SENDERS;
    }
  });

  it('retries throttling in place, since SES accepted nothing', async () => {
    ses.on(SendEmailCommand).rejectsOnce(sesError('TooManyRequestsException', 429)).rejectsOnce(sesError('TooManyRequestsException', 429)).resolves({ MessageId: 'm-2' });
    const res = await handler(streamEvent(delivery()), context);
    expect(res).toEqual({ batchItemFailures: [] });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(3);
  });

  it('ignores archive and publication rows', async () => {
    await handler(streamEvent(delivery({ channel: 'archive', status: 'archived', address: 'LUU' })), context);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('a batch goes through the protocol together: each record its own outcome (a poison record fails alone; the others are claimed, sent and recorded)', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-3' });
    const res = await handler(
      streamEvent(delivery({ address: 'b@example.org' }), { pk: 'x', sk: 'y', entity: 'Delivery', status: 'pending' }, delivery({ address: 'c@example.org', attempts: 2 })),
      context,
    );
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: '101' }]);
    expect(ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses)).toEqual([['b@example.org'], ['c@example.org']]);
    // The claim takes the image's attempts as its condition and sets the next one (no read back: a batch of statements returns no values).
    expect(updates('claimToken = :token, claimedAt').map((c) => c.args[0].input.ExpressionAttributeValues)).toEqual([
      expect.objectContaining({ ':seen': 0, ':next': 1 }),
      expect.objectContaining({ ':seen': 2, ':next': 3 }),
    ]);
    expect(updates('messageId = :messageId')).toHaveLength(2);
  });

  it('reports a record that does not parse as a failure, for the dead-letter queue', async () => {
    const res = await handler(streamEvent({ pk: 'x', sk: 'y', entity: 'Delivery', status: 'pending' }), context);
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: '100' }]);
  });
});
