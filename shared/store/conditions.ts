import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/** A conditional write that lost: someone else wrote first, or the item is not in the state expected. */
export const isConditionFailure = (e: unknown) => e instanceof ConditionalCheckFailedException || (e as { name?: string })?.name === 'ConditionalCheckFailedException';
