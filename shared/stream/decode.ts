import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { type core, parse } from 'zod/mini';
import { withoutKeys } from '../store/keys';

/**
 * The new image of a stream record, parsed with the item's zod schema. A record that does not
 * parse throws, so it is reported as a batch item failure and, after retries, dead-lettered.
 */
export function newImage<T extends core.$ZodType>(record: DynamoDBRecord, schema: T): core.output<T> {
  const image = record.dynamodb?.NewImage;
  if (!image) throw new Error(`stream record ${record.eventID ?? '?'} has no NewImage`);
  return parse(schema, withoutKeys(unmarshall(image as Record<string, AttributeValue>)));
}
