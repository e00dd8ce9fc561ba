import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportPeriod } from '../schemas/scoring';
import { documentClient, tableName } from './client';
import { queryCampaignItems } from './campaigns';
import { keys, prefixes, withoutKeys } from './keys';

/**
 * Registrations, reports and the Office's verifications of one campaign. Items are stored as the
 * zod-parsed input plus bookkeeping; callers parse what they read with the same schemas.
 */
export const registrationItem = (agencyId: string, campaignId: string, unitId: string, registrantKey: string, body: Record<string, unknown>) => ({
  ...keys.registration(agencyId, campaignId, unitId, registrantKey),
  entity: 'Registration',
  ...body,
});
export const reportItem = (agencyId: string, campaignId: string, period: ReportPeriod, unitId: string, body: Record<string, unknown>) => ({
  ...keys.report(agencyId, campaignId, period, unitId),
  entity: 'Report',
  ...body,
});
export const verificationItem = (agencyId: string, campaignId: string, period: ReportPeriod, unitId: string, body: Record<string, unknown>) => ({
  ...keys.verification(agencyId, campaignId, period, unitId),
  entity: 'Verification',
  ...body,
});

async function getItem(key: { pk: string; sk: string }) {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item ? withoutKeys(Item) : undefined;
}

export const getReport = (agencyId: string, campaignId: string, period: ReportPeriod, unitId: string) => getItem(keys.report(agencyId, campaignId, period, unitId));
export const getRegistration = (agencyId: string, campaignId: string, unitId: string, registrantKey: string) => getItem(keys.registration(agencyId, campaignId, unitId, registrantKey));

const strip = (items: Record<string, unknown>[]) => items.map((i) => withoutKeys(i));
export const listRegistrations = async (agencyId: string, campaignId: string) => strip(await queryCampaignItems(agencyId, campaignId, prefixes.registration));
export const listReports = async (agencyId: string, campaignId: string, period: ReportPeriod) => strip(await queryCampaignItems(agencyId, campaignId, prefixes.report(period)));
export const listVerifications = async (agencyId: string, campaignId: string, period: ReportPeriod) => strip(await queryCampaignItems(agencyId, campaignId, prefixes.verification(period)));

/** The reminder recorded for a period, if any (its event id names the reminder mails). */
export const getReminderMarker = (agencyId: string, campaignId: string, period: ReportPeriod) => getItem(keys.reminder(agencyId, campaignId, period));
