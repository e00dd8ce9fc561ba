import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportPeriod } from '../schemas/scoring';
import { documentClient, tableName } from './client';
import { queryCampaignItems } from './campaigns';
import { keys, prefixes, withoutKeys } from './keys';

/**
 * Registrations, reports and the Office's verifications of one campaign. Items are stored as the
 * zod-parsed input plus bookkeeping; callers parse what they read with the same schemas.
 */
export const registrationItem = (campaignId: string, unitId: string, registrantKey: string, body: Record<string, unknown>) => ({
  ...keys.registration(campaignId, unitId, registrantKey),
  entity: 'Registration',
  ...body,
});
export const reportItem = (campaignId: string, period: ReportPeriod, unitId: string, body: Record<string, unknown>) => ({
  ...keys.report(campaignId, period, unitId),
  entity: 'Report',
  ...body,
});
export const verificationItem = (campaignId: string, period: ReportPeriod, unitId: string, body: Record<string, unknown>) => ({
  ...keys.verification(campaignId, period, unitId),
  entity: 'Verification',
  ...body,
});

async function getItem(key: { pk: string; sk: string }) {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item ? withoutKeys(Item) : undefined;
}

export const getReport = (campaignId: string, period: ReportPeriod, unitId: string) => getItem(keys.report(campaignId, period, unitId));
export const getRegistration = (campaignId: string, unitId: string, registrantKey: string) => getItem(keys.registration(campaignId, unitId, registrantKey));

const strip = (items: Record<string, unknown>[]) => items.map((i) => withoutKeys(i));
export const listRegistrations = async (campaignId: string) => strip(await queryCampaignItems(campaignId, prefixes.registration));
export const listReports = async (campaignId: string, period: ReportPeriod) => strip(await queryCampaignItems(campaignId, prefixes.report(period)));
export const listVerifications = async (campaignId: string, period: ReportPeriod) => strip(await queryCampaignItems(campaignId, prefixes.verification(period)));

/** The reminder recorded for a period, if any (its event id names the reminder mails). */
export const getReminderMarker = (campaignId: string, period: ReportPeriod) => getItem(keys.reminder(campaignId, period));
