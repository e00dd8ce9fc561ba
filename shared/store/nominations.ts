import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from './batch-write';
import type { Decision, DecideResult } from '../domain/decide';
import type { CouncilTally } from '../domain/council';
import { documentClient, tableName } from './client';
import { queryCampaignItems } from './campaigns';
import { keys, prefixes, withoutKeys } from './keys';

/** A nomination as stored: the parsed request plus who sent it, for which unit, and when. */
export interface StoredNomination extends Record<string, unknown> {
  id: string;
  nominatingUnitId: string;
  submittedAt: string;
  submittedBy: string;
}

export const nominationItem = (agencyId: string, campaignId: string, n: StoredNomination) => ({ ...keys.nomination(agencyId, campaignId, n.id), entity: 'Nomination', ...n });

export const listNominations = async (agencyId: string, campaignId: string) => (await queryCampaignItems(agencyId, campaignId, prefixes.nomination)).map((i) => withoutKeys(i) as StoredNomination);

async function getItem(key: { pk: string; sk: string }) {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item ? withoutKeys(Item) : undefined;
}

export type ProposalHeader = Omit<DecideResult, 'decisions'> & { decisionCount: number; closedAt: string };

/**
 * The proposal: a header (rule set, engine version, input hash, quotas, citations) and one item per
 * decision, since a decision's checks are several KB and a campaign may hold thousands. Writing it
 * again from the same inputs writes the same bytes, so a retried consumer is harmless.
 */
export async function saveProposal(agencyId: string, campaignId: string, result: DecideResult, closedAt: string): Promise<void> {
  const { decisions, ...header } = result;
  // `position` keeps the engine's order (individuals before the collectives that depend on them).
  const items = decisions.map((d, position) => ({ ...keys.decision(agencyId, campaignId, d.nominationId), entity: 'Decision', position, ...d }));
  await batchWriteAll(items.map((Item) => ({ PutRequest: { Item } })));
  // The header last: its presence says the proposal is complete.
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: { ...keys.proposal(agencyId, campaignId), entity: 'Proposal', ...header, decisionCount: decisions.length, closedAt } }));
}

/** The proposal's header alone (its rule set, legal basis, hash): one read, without its decisions. */
export const getProposalHeader = async (agencyId: string, campaignId: string) => (await getItem(keys.proposal(agencyId, campaignId))) as ProposalHeader | undefined;

export async function getProposal(agencyId: string, campaignId: string): Promise<(ProposalHeader & { decisions: Decision[] }) | undefined> {
  const header = (await getItem(keys.proposal(agencyId, campaignId))) as ProposalHeader | undefined;
  if (!header) return undefined;
  const items = (await queryCampaignItems(agencyId, campaignId, prefixes.decision)).sort((a, b) => Number(a.position) - Number(b.position));
  const decisions = items.map((i) => {
    const { position: _p, ...d } = withoutKeys(i);
    return d as unknown as Decision;
  });
  return { ...header, decisions };
}

export const councilVoteItem = (agencyId: string, campaignId: string, tally: CouncilTally, recordedAt: string, recordedBy: string) => ({
  ...keys.councilVote(agencyId, campaignId),
  entity: 'CouncilVote',
  ...tally,
  recordedAt,
  recordedBy,
});
export const getCouncilVote = async (agencyId: string, campaignId: string) => (await getItem(keys.councilVote(agencyId, campaignId))) as (CouncilTally & { recordedAt: string }) | undefined;

export const resultsItem = (agencyId: string, campaignId: string, results: Record<string, unknown>) => ({ ...keys.results(agencyId, campaignId), entity: 'Results', ...results });
export const getResults = (agencyId: string, campaignId: string) => getItem(keys.results(agencyId, campaignId));
