import { DomainError } from '../domain/errors';
import { resultsCsv, standingsCsv } from '../excel/csv';
import type { StandingsExportRow } from '../excel/columns';
import type { ReportPeriod } from '../schemas/scoring';
import { listCampaigns, listEvents } from '../store/campaigns';
import type { Campaign } from '../schemas/campaign';
import { listDeliveries } from '../store/deliveries';
import { listMailings } from '../store/mailings';
import { listRecipientGroups, listUnits } from '../store/directory';
import { getResults, listNominations } from '../store/nominations';
import { listRegistrations, listReports } from '../store/reports';
import { findCampaign } from './find-campaign';
import { proposalOf } from './nominations';
import type { Principal } from './principal';
import { standings } from './reports';
import {
  audienceOf,
  visibleEvents,
  visibleGroups,
  visibleNominations,
  visibleProposal,
  visibleRegistrations,
  visibleReports,
  visibleResults,
  visibleStandings,
  visibleUnits,
  type Audience,
  type StoredResults,
} from './visibility';

/**
 * Every read the API serves, each through the visibility policy (./visibility.ts). A route never
 * returns a store read directly: what it may show depends on who asks.
 */

/** A unit's reporter's scope needs the directory (its sub-units); nobody else's does. */
export async function audience(principal: Principal): Promise<Audience> {
  const needsDirectory = !principal.roles.includes('admin') && !principal.roles.includes('council') && principal.roles.includes('unit');
  return audienceOf(principal, needsDirectory ? await listUnits(principal.agencyId) : []);
}

/** The campaigns, newest first: a launch letter is public to every role of the deployment. */
export const readCampaigns = (principal: Principal, limit: number, cursor: string | undefined) => listCampaigns(principal.agencyId, limit, cursor);

/** The outbox of a campaign: addresses and bounce diagnostics, the Office's only (the route admits no one else). */
export async function readDeliveries(agencyId: string, rawId: unknown, now: Date) {
  const campaign = await findCampaign(agencyId, rawId);
  const [items, mailings] = await Promise.all([listDeliveries(campaign.agencyId, campaign.id), listMailings(campaign.agencyId, campaign.id, now)]);
  return { items, mailings: mailings.map(({ key: _key, ...m }) => m) };
}

export async function readGroups(principal: Principal) {
  return { items: visibleGroups(await audience(principal), await listRecipientGroups(principal.agencyId)) };
}

export async function readUnits(principal: Principal) {
  // One read of the directory serves both the answer and a reporter's scope.
  const units = await listUnits(principal.agencyId);
  return { items: visibleUnits(audienceOf(principal, units), units) };
}

export async function readEvents(rawId: unknown, principal: Principal) {
  const campaign = await findCampaign(principal.agencyId, rawId);
  return { items: visibleEvents(await audience(principal), await listEvents(campaign.agencyId, campaign.id)) };
}

export async function readRegistrations(rawId: unknown, principal: Principal) {
  const campaign = await findCampaign(principal.agencyId, rawId);
  return { items: visibleRegistrations(await audience(principal), await listRegistrations(campaign.agencyId, campaign.id)) };
}

export async function readReports(rawId: unknown, period: ReportPeriod, principal: Principal) {
  const campaign = await findCampaign(principal.agencyId, rawId);
  return { items: visibleReports(await audience(principal), await listReports(campaign.agencyId, campaign.id, period)) };
}

export async function readNominations(rawId: unknown, principal: Principal) {
  const campaign = await findCampaign(principal.agencyId, rawId);
  return { items: visibleNominations(await audience(principal), await listNominations(campaign.agencyId, campaign.id)) };
}

export async function readStandings(rawId: unknown, period: unknown, principal: Principal) {
  return visibleStandings(await audience(principal), await standings(principal.agencyId, rawId, period));
}

/** "15/KH-SNgV" → "15-KH-SNgV": the campaign's number as part of a downloaded file's name. */
export const filePart = (documentNumber: string) => documentNumber.replace(/[^A-Za-z0-9-]+/g, '-');

/** The scoring table's criteria, to head the per-criterion columns of a standings export. */
export const criterionHeaders = (campaign: Pick<Campaign, 'scoringTable'>) => (campaign.scoringTable?.sections ?? []).flatMap((s) => s.criteria.map((c) => ({ id: c.id, name: c.name })));

/** `GET …/standings?format=csv`: the same rows as the JSON, the header in the first line (shared/excel/csv.ts). */
export async function readStandingsAs(rawId: unknown, period: unknown, format: 'json' | 'csv', principal: Principal) {
  const visible = await readStandings(rawId, period, principal);
  if (format !== 'csv') return { body: visible };
  const campaign = await findCampaign(principal.agencyId, rawId);
  return {
    raw: standingsCsv(visible.rows as StandingsExportRow[], criterionHeaders(campaign)),
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="xep-hang-${filePart(campaign.documentNumber)}.csv"` },
  };
}

export async function readProposal(rawId: unknown, principal: Principal) {
  const a = await audience(principal);
  return visibleProposal(a, (await proposalOf(principal.agencyId, rawId)).proposal);
}

export async function readResults(rawId: unknown, format: string | undefined, principal: Principal) {
  const campaign = await findCampaign(principal.agencyId, rawId);
  const stored = (await getResults(campaign.agencyId, campaign.id)) as StoredResults | undefined;
  if (!stored) throw new DomainError('not-found', 'Kết quả chưa được chốt.', undefined, 'results.not_final');
  const results = visibleResults(await audience(principal), stored);
  if (format !== 'csv') return { body: results };
  const unitNames = Object.fromEntries((await listUnits(campaign.agencyId)).map((u) => [u.unitId, u.name]));
  return {
    raw: resultsCsv(results.outcomes, unitNames),
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="ket-qua-${filePart(campaign.documentNumber)}.csv"`,
    },
  };
}
