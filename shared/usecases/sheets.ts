import { DomainError } from '../domain/errors';
import type { Decision } from '../domain/decide';
import { resultsCsv, standingsCsv } from '../excel/csv';
import type { StandingsExportRow } from '../excel/columns';
import { proposalWorkbook, registrationsWorkbook, reportsWorkbook, resultsWorkbook, standingsWorkbook } from '../excel/export';
import type { ImportKind } from '../excel/kinds';
import { buildTemplate } from '../excel/templates';
import { contentDisposition } from '../files/presign';
import { EXPORT_FILES, TEMPLATE_FILES, XLSX_MEDIA_TYPE } from '../schemas/imports';
import { Registration } from '../schemas/registration';
import { ReportPeriod, UnitReport } from '../schemas/scoring';
import { pickReport, verificationsByUnit } from './reports';
import { listUnits } from '../store/directory';
import { listAgencies } from '../store/agencies';
import { listAllCampaigns } from '../store/campaigns';
import { listAllRecords } from '../store/records';
import { STATISTICS_FORM_IDS, StatisticsInputError, buildStatisticsWorkbook } from '../statistics/index';
import { listReports, listVerifications } from '../store/reports';
import { findCampaign } from './find-campaign';
import { parseParam } from './params';
import type { Principal } from './principal';
import { audience, criterionHeaders, filePart, readProposal, readRegistrations, readResults, readStandings } from './reads';
import { seesUnit } from './visibility';
import * as z from 'zod/mini';

/**
 * The workbooks of issue 13 served over HTTP: the import templates and a campaign's tables as .xlsx or CSV. Every
 * export reads through the same use case (and so the same visibility policy) as the table's JSON route: a unit's
 * reporter downloads what it may read, not more. The workbook itself is built by shared/excel/ (pure).
 */

const TemplateFile = z.enum(TEMPLATE_FILES);
const ExportFile = z.enum(EXPORT_FILES);
const StatisticsForm = z.enum(STATISTICS_FORM_IDS);

const xlsx = (binary: Buffer, filename: string) => ({ binary, headers: { 'content-type': XLSX_MEDIA_TYPE, 'content-disposition': contentDisposition(filename) } });
const csv = (raw: string, filename: string) => ({ raw, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': contentDisposition(filename) } });

/** GET /templates/{template}: with the agency's unit ids in the lists of the unit columns. */
export async function templateFile(rawTemplate: unknown, principal: Principal) {
  const file = parseParam(TemplateFile, rawTemplate, 'template');
  const kind = file.replace(/\.xlsx$/, '') as ImportKind;
  const units = (await listUnits(principal.agencyId)).map((u) => ({ unitId: u.unitId, name: u.name }));
  return xlsx(await buildTemplate(kind, { units }), `mau-nhap-${kind}.xlsx`);
}

/** GET /campaigns/{id}/exports/{file}. */
export async function exportCampaignFile(rawId: unknown, rawFile: unknown, rawPeriod: unknown, principal: Principal, now: Date) {
  const file = parseParam(ExportFile, rawFile, 'file');
  const period = parseParam(ReportPeriod, rawPeriod ?? 'final', 'period');
  const campaign = await findCampaign(principal.agencyId, rawId);
  const ref = { title: campaign.title, documentNumber: campaign.documentNumber };
  const exportedAt = now.toISOString();
  const name = `${file.replace(/\.(xlsx|csv)$/, '')}-${filePart(campaign.documentNumber)}.${file.endsWith('.csv') ? 'csv' : 'xlsx'}`;
  const unitNames = async () => Object.fromEntries((await listUnits(campaign.agencyId)).map((u) => [u.unitId, u.name]));
  switch (file) {
    case 'registrations.xlsx': {
      const registrations = (await readRegistrations(campaign.id, principal)).items.map((r) => Registration.parse(r));
      return xlsx(await registrationsWorkbook({ campaign: ref, registrations, unitNames: await unitNames(), exportedAt }), name);
    }
    case 'reports.xlsx':
      return xlsx(await reportsWorkbook({ campaign: ref, ...(await visibleReportsWithVerifications(campaign, period, principal)), period, exportedAt }), name);
    case 'standings.xlsx':
    case 'standings.csv': {
      const standings = await readStandings(campaign.id, period, principal);
      const criteria = criterionHeaders(campaign);
      const rows = standings.rows as StandingsExportRow[];
      if (file === 'standings.csv') return csv(standingsCsv(rows, criteria), name);
      return xlsx(await standingsWorkbook({ campaign: ref, standings: { ...standings, rows }, criteria, exportedAt }), name);
    }
    case 'proposal.xlsx': {
      const proposal = (await readProposal(campaign.id, principal)) as { decisions: Decision[] } & Parameters<typeof proposalWorkbook>[0]['proposal'];
      return xlsx(await proposalWorkbook({ campaign: ref, proposal, unitNames: await unitNames(), exportedAt }), name);
    }
    case 'results.xlsx':
    case 'results.csv': {
      const { body } = (await readResults(campaign.id, 'json', principal)) as { body: Parameters<typeof resultsWorkbook>[0]['results'] };
      if (file === 'results.csv') return csv(resultsCsv(body.outcomes, await unitNames()), name);
      return xlsx(await resultsWorkbook({ campaign: ref, results: body, unitNames: await unitNames(), exportedAt }), name);
    }
  }
}

/** The reports the caller may read, each with the Office's verification of it (a unit reads its own units' only). */
async function visibleReportsWithVerifications(campaign: Awaited<ReturnType<typeof findCampaign>>, period: ReportPeriod, principal: Principal) {
  if (!campaign.scoringTable) throw new DomainError('conflict', 'Phong trào chưa có thang điểm; chưa có báo cáo chấm điểm.', undefined, 'campaign.no_scoring_table');
  const a = await audience(principal);
  const [reports, verifications, units] = await Promise.all([
    listReports(campaign.agencyId, campaign.id, period),
    listVerifications(campaign.agencyId, campaign.id, period),
    listUnits(campaign.agencyId),
  ]);
  const names = new Map(units.map((u) => [u.unitId, u.name]));
  const byUnit = verificationsByUnit(verifications);
  const rows = reports
    .filter((r) => seesUnit(a, String(r.unitId)))
    .map((r) => {
      const report = UnitReport.parse(pickReport(r));
      const verification = byUnit[report.unitId];
      const unitName = names.get(report.unitId);
      return { report, ...(verification ? { verification } : {}), ...(unitName ? { unitName } : {}) };
    });
  return { table: campaign.scoringTable, reports: rows };
}

/**
 * GET /statistics/{form}?year=: a Ministry form for the caller's agency; for a province, rolled up across every agency
 * whose parent chain reaches it (a Sở's awards count in its province's report). Reading the agencies below is the only
 * read across agencies here, and it follows `parentAgencyId`, which only the platform operator sets.
 */
export async function statisticsFile(rawForm: unknown, year: number, principal: Principal) {
  const form = parseParam(StatisticsForm, rawForm, 'form');
  const agencies = await listAgencies();
  const own = agencies.find((a) => a.id === principal.agencyId);
  if (!own) throw new DomainError('not-found', 'Không tìm thấy cơ quan của tài khoản.', undefined, 'agency.not_found');
  const rollUp = own.level === 'province';
  const parent = new Map(agencies.map((a) => [a.id, a.parentAgencyId]));
  const reaches = (id: string) => {
    for (let at: string | undefined = id, hops = 0; at && hops < 20; at = parent.get(at), hops++) if (at === own.id) return true;
    return false;
  };
  const included = agencies.filter((a) => !a.removedAt && (a.id === own.id || (rollUp && reaches(a.id))));
  const perAgency = await Promise.all(included.map(async (a) => ({ campaigns: await listAllCampaigns(a.id), records: await listAllRecords(a.id) })));
  try {
    const binary = await buildStatisticsWorkbook(form, {
      agencyId: own.id,
      year,
      rollUp,
      agencies: included,
      campaigns: perAgency.flatMap((p) => p.campaigns),
      records: perAgency.flatMap((p) => p.records),
    });
    return xlsx(binary, `bieu-${form}-${year}.xlsx`);
  } catch (error) {
    if (error instanceof StatisticsInputError) throw new DomainError('invalid', error.message, [{ path: 'form', message: error.message }]);
    throw error;
  }
}
