/**
 * DynamoDB Streams records as the SDK returns them → records as Lambda delivers them to a function.
 * The differences matter to handlers: Lambda's event is JSON, so binary attributes arrive as base64
 * strings and `ApproximateCreationDateTime` as epoch seconds, and `awsRegion`/`eventSourceARN` are set.
 */
import type { _Record, AttributeValue as StreamAttributeValue } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';

type SdkImage = Record<string, StreamAttributeValue>;
type LambdaImage = Record<string, AttributeValue>;

const toBase64 = (b: Uint8Array | string) => (typeof b === 'string' ? b : Buffer.from(b).toString('base64'));

export function toLambdaAttribute(value: StreamAttributeValue): AttributeValue {
  const v = value as unknown as Record<string, unknown>;
  if (v.B !== undefined) return { B: toBase64(v.B as Uint8Array) };
  if (v.BS !== undefined) return { BS: (v.BS as Uint8Array[]).map(toBase64) };
  if (v.M !== undefined) return { M: toLambdaImage(v.M as SdkImage) };
  if (v.L !== undefined) return { L: (v.L as StreamAttributeValue[]).map(toLambdaAttribute) };
  const { $unknown: _unknown, ...rest } = v;
  // DynamoDB Local 3.3.1 writes an empty map to its stream as `{}` instead of `{"M":{}}` (GetItem
  // returns it right). A value with no type can only be that: repair it, as DynamoDB Streams sends it.
  if (Object.keys(rest).length === 0) return { M: {} };
  return rest as AttributeValue;
}

export function toLambdaImage(image: SdkImage): LambdaImage {
  const out: LambdaImage = {};
  for (const [k, v] of Object.entries(image)) out[k] = toLambdaAttribute(v);
  return out;
}

/** The record Lambda would put in `event.Records`, in Lambda's key order. */
export function toLambdaRecord(record: _Record, region: string, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ...(created !== undefined ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      ...(d.Keys ? { Keys: toLambdaImage(d.Keys) } : {}),
      ...(d.NewImage ? { NewImage: toLambdaImage(d.NewImage) } : {}),
      ...(d.OldImage ? { OldImage: toLambdaImage(d.OldImage) } : {}),
      ...(d.SequenceNumber !== undefined ? { SequenceNumber: d.SequenceNumber } : {}),
      ...(d.SizeBytes !== undefined ? { SizeBytes: d.SizeBytes } : {}),
      ...(d.StreamViewType !== undefined ? { StreamViewType: d.StreamViewType } : {}),
    },
    eventSourceARN: streamArn,
    // TTL deletions carry the service as the user identity, in Lambda's lower-case keys.
    ...(record.userIdentity ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } } : {}),
  };
}
