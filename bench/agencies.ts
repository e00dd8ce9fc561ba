import { performance } from 'node:perf_hooks';
import { BatchWriteItemCommand, type BatchWriteItemCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createTable, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { minimalLetter } from '../seed/minimal-letter';
import { newCampaign } from '../shared/domain/campaign';
import { CampaignInput } from '../shared/schemas/campaign';
import { keys } from '../shared/store/keys';
import { syntheticReports, syntheticTable } from './standings';

/**
 * Isolation in the keys costs nothing per agency (issue 10 "Done means"): with 50 agencies of 20 campaigns each in one
 * table (each campaign with 5 unit reports, each agency with its directory of 8 units), listing one agency's campaigns
 * (listCampaigns) and computing one of its campaigns' standings (shared/usecases/reports.ts `standings`) examine only
 * that agency's items, as many as on a table holding that agency alone, in about the same time.
 *
 * Both tables live in one DynamoDB Local (in memory), filled by the store's own writers (createCampaign) and the same
 * item builders. "Items examined" is what DynamoDB read to answer: ScannedCount of each Query and Scan, one per item
 * a GetItem returned, summed by a middleware on the store's document client (DynamoDB Local does not honour
 * ReturnConsumedCapacity). Times: the calls alternate between the two tables (which goes first alternating too), after a
 * warm-up, and each table's median is taken; the ratio is the median of the per-pair ratios. A script, not a test:
 * nothing here asserts a duration.
 */

const AGENCIES = 50;
const CAMPAIGNS = 20;
const REPORTS = 5;
const UNITS = 8;
const TARGET = 'so-25';
const REGION = 'ap-southeast-1';
const agencyId = (a: number) => `so-${String(a).padStart(2, '0')}`;
/** A campaign id as the API makes them (any id of the path pattern works; these are readable and stable). */
const campaignId = (agency: string, c: number) => `${agency}-phong-trao-${String(c).padStart(2, '0')}`;

export interface AgenciesBenchRow {
  call: string;
  'items examined (50 agencies)': number;
  'items examined (alone)': number;
  'median ms (50 agencies)': number;
  'median ms (alone)': number;
  'time ratio': number;
  'goal ≤': number;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function agenciesBench(runs = Number(process.env.BENCH_AGENCY_RUNS ?? 101)): Promise<{ rows: AgenciesBenchRow[]; items: { many: number; alone: number } }> {
  const ddb = await startDynamoDbLocal({ tableName: 'bench-agencies-many' });
  const saved = { ...process.env };
  try {
    // The store's client (shared/store/client.ts) takes its endpoint from the environment, as in a Lambda: set it
    // before the store is loaded, and put the environment back after (later benches start twins of their own).
    Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint, AWS_REGION: REGION, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', TABLE_NAME: 'bench-agencies-many' });
    const raw = new DynamoDBClient({ endpoint: ddb.endpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await createTable(raw, 'bench-agencies-alone');
    const { documentClient } = await import('../shared/store/client');
    const { createCampaign, listCampaigns, newEvent } = await import('../shared/store/campaigns');
    const { reportItem } = await import('../shared/store/reports');
    const { standings } = await import('../shared/usecases/reports');

    let examined = 0;
    documentClient.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const out = result.output as { ScannedCount?: number; Item?: unknown };
        if (typeof out.ScannedCount === 'number') examined += out.ScannedCount;
        else if (out.Item) examined += 1;
        return result;
      },
      { step: 'initialize', name: 'benchItemsExamined' },
    );

    // ── The two tables ────────────────────────────────────────────────────────────────────────────────────────────
    const table = syntheticTable();
    const input = CampaignInput.parse(minimalLetter({ scoringTable: table, deadlines: { nominations: '2026-12-10T17:00:00+07:00' } }));
    const reports = syntheticReports(table, REPORTS);
    const at = '2026-11-01T02:00:00.000Z';
    const batchPut = async (tableName: string, items: Record<string, unknown>[]) => {
      for (let i = 0; i < items.length; i += 25) {
        let request: BatchWriteItemCommandInput['RequestItems'] = {
          [tableName]: items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } })),
        };
        while (request && Object.keys(request).length) request = (await raw.send(new BatchWriteItemCommand({ RequestItems: request }))).UnprocessedItems;
      }
    };
    const fill = async (tableName: string, agencies: string[]) => {
      process.env.TABLE_NAME = tableName;
      let count = 0;
      for (const agency of agencies) {
        const others: Record<string, unknown>[] = [
          { ...keys.agency(agency), entity: 'Agency', id: agency, name: `Sở ${agency}`, level: 'department', place: 'Lạng Sơn', createdAt: at, updatedAt: at, updatedBy: 'bench' },
        ];
        for (let u = 0; u < UNITS; u++) {
          const unitId = `DV-${String(u).padStart(6, '0')}`;
          others.push({ ...keys.unit(agency, unitId), entity: 'Unit', unitId, name: `Đơn vị ${u + 1}`, emails: [`dv${u}@${agency}.gov.vn`], updatedAt: at });
        }
        for (let c = 0; c < CAMPAIGNS; c++) {
          const createdAt = new Date(Date.parse(at) + c * 60_000).toISOString();
          const campaign = {
            ...newCampaign(input, { id: campaignId(agency, c), now: createdAt, actor: 'office', agencyId: agency, agencyLevel: 'department' }),
            status: 'nominations-closed' as const,
          };
          await createCampaign(campaign, newEvent(campaign, 'CampaignCreated', 'office', createdAt));
          for (const r of reports) others.push(reportItem(agency, campaign.id, 'final', r.unitId, { ...r, submittedAt: createdAt, submittedBy: 'unit', resubmission: false, selfTotal: 0 }));
          count += 2;
        }
        await batchPut(tableName, others);
        count += others.length;
      }
      return count;
    };
    // The agency alone first: DynamoDB Local answers the table written last more slowly (a GetItem on the small table
    // took 39 ms against 9 ms on the large one when the small one was filled last; 5 against 4 ms the other way round),
    // so the large table is filled last, and the bias, if any, is against the goal.
    const alone = await fill('bench-agencies-alone', [TARGET]);
    const items = {
      many: await fill(
        'bench-agencies-many',
        Array.from({ length: AGENCIES }, (_, a) => agencyId(a)),
      ),
      alone,
    };

    // ── The calls, on each table ──────────────────────────────────────────────────────────────────────────────────
    const target = campaignId(TARGET, 7);
    const calls: { name: string; run: () => Promise<void> }[] = [
      {
        name: `listCampaigns(${TARGET}, ${CAMPAIGNS})`,
        run: async () => {
          const page = await listCampaigns(TARGET, CAMPAIGNS);
          if (page.items.length !== CAMPAIGNS || page.items.some((c) => c.agencyId !== TARGET)) throw new Error('listCampaigns: not the agency’s 20 campaigns');
        },
      },
      {
        name: `standings(${TARGET}, campaign 7, final)`,
        run: async () => {
          const s = await standings(TARGET, target, 'final');
          if (s.rows.length !== REPORTS) throw new Error(`standings: ${s.rows.length} rows, not ${REPORTS}`);
        },
      },
    ];
    const tables = ['bench-agencies-many', 'bench-agencies-alone'] as const;
    const timed = async (tableName: string, run: () => Promise<void>) => {
      process.env.TABLE_NAME = tableName;
      const before = examined;
      const t0 = performance.now();
      await run();
      return { ms: performance.now() - t0, examined: examined - before };
    };

    const rows: AgenciesBenchRow[] = [];
    for (const call of calls) {
      for (let i = 0; i < 20; i++) for (const t of tables) await timed(t, call.run); // warm-up: JIT, connections, DynamoDB Local's caches
      const ms: Record<(typeof tables)[number], number[]> = { 'bench-agencies-many': [], 'bench-agencies-alone': [] };
      const seen: Record<(typeof tables)[number], Set<number>> = { 'bench-agencies-many': new Set(), 'bench-agencies-alone': new Set() };
      const ratios: number[] = [];
      for (let i = 0; i < runs; i++) {
        const order = i % 2 === 0 ? tables : ([...tables].reverse() as unknown as typeof tables);
        const pair: Partial<Record<(typeof tables)[number], number>> = {};
        for (const t of order) {
          const r = await timed(t, call.run);
          ms[t].push(r.ms);
          seen[t].add(r.examined);
          pair[t] = r.ms;
        }
        ratios.push(pair['bench-agencies-many']! / pair['bench-agencies-alone']!);
      }
      const one = (t: (typeof tables)[number]) => {
        // Every run of one call on one table examines the same items: anything else is a bug in the bench or the store.
        if (seen[t].size !== 1) throw new Error(`${call.name} on ${t}: items examined varied between runs: ${[...seen[t]].join(', ')}`);
        return [...seen[t]][0]!;
      };
      // Isolation in the keys: the other 49 agencies' items are never examined. Not a duration: a fact that holds or not.
      if (one('bench-agencies-many') !== one('bench-agencies-alone'))
        throw new Error(`${call.name}: ${one('bench-agencies-many')} items examined beside the other agencies, ${one('bench-agencies-alone')} alone`);
      rows.push({
        call: call.name,
        'items examined (50 agencies)': one('bench-agencies-many'),
        'items examined (alone)': one('bench-agencies-alone'),
        'median ms (50 agencies)': round(median(ms['bench-agencies-many'])),
        'median ms (alone)': round(median(ms['bench-agencies-alone'])),
        'time ratio': round(median(ratios)),
        'goal ≤': 1.2,
      });
    }
    raw.destroy();
    return { rows, items };
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    await ddb.stop();
  }
}

export const agenciesHeading = (items: { many: number; alone: number }) =>
  `# agencies: one agency's calls on a table of ${AGENCIES} agencies × ${CAMPAIGNS} campaigns (${items.many} items) and on a table of that agency alone (${items.alone} items), DynamoDB Local in memory; items examined must be equal, time ratio goal ≤ 1.2 (median of per-pair ratios)`;

if (typeof require !== 'undefined' && require.main === module) {
  agenciesBench()
    .then(({ rows, items }) => {
      console.log(agenciesHeading(items));
      console.table(rows);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
