/**
 * `npm run migrate:agencies`: moves a table written before agencies existed (issue 10) into one agency, `default`
 * unless `--agency <id>` (docs/migration-to-agencies.md says when and how to run it).
 *
 * Before, a campaign's partition was `CAMPAIGN#<id>`, the directory `DIRECTORY`, the suppression list `SUPPRESSION`,
 * and campaigns were listed on gsi1 under `CAMPAIGNS`. Each such item is written under its agency's key
 * (shared/store/keys.ts), with `agencyId` where the schemas now want it (Campaign, Event, Delivery, Message,
 * MessagePart; a campaign also gets its agency's level), its gsi1 and attention keys rewritten (the attention index's
 * sort key embeds the item's own key), and the old item deleted, in one transaction per item: a crash leaves every
 * item either old or new, never both, and a re-run picks up the old ones left. The old item is deleted only if what
 * the running system changes on it (status, mailing state, attention time, …) is still as copied. Campaign items move
 * last, so a campaign shows under its agency only once its whole partition is there. Items already under an agency
 * (the platform's agencies, enrolled users) are left alone.
 *
 * The stream: every moved item is an INSERT on the table's stream. Moved events and deliveries carry `migratedAt`,
 * and the stream router skips the INSERT of such a copy (shared/stream/route.ts `isMigrationCopy`), so no consumer
 * runs again and no mail goes twice. Work that was still under way (a mailing being prepared, a delivery pending or
 * claimed) keeps its place on the attention index, under the new key, and the reconciler picks it up as after a
 * lost stream record.
 *
 * Flags: --table (default $TABLE_NAME), --endpoint, --region, --agency, --name/--level/--place (the agency record
 * when it does not exist yet; default seed/default-agency.ts), --dry-run (counts only), --limit <n> (stop after
 * moving n items: a batch, or a rehearsal of a crash).
 */
import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { parseArgs } from 'node:util';
import { defaultAgency } from '../seed/default-agency';
import { Agency, AgencyInput, AGENCY_ID_PATTERN, AgencyLevel } from '../shared/schemas/agency';
import { attentionAt } from '../shared/store/attention';
import { campaignPk, campaignsIndexPk, directoryPk, keys, suppressionPk, withoutKeys } from '../shared/store/keys';

/** The partition keys of the single-agency table (before commit 7320e68). */
const OLD = { campaign: 'CAMPAIGN#', directory: 'DIRECTORY', suppression: 'SUPPRESSION', campaignsIndex: 'CAMPAIGNS' } as const;

/** Entities whose schema now requires `agencyId` (shared/schemas/campaign-item.ts, events.ts; store/messages.ts writes it). */
const CARRIES_AGENCY = new Set(['Campaign', 'Event', 'Delivery', 'Message', 'MessagePart']);
/**
 * Entities a stream consumer takes (infra/wiring.ts filters): their copies are marked so that the router skips their
 * INSERT. Not the campaign: its stored schema is strict (a foreign field fails loudly) and no consumer reads its records.
 */
const STREAMED = new Set(['Event', 'Delivery']);

export type Item = Record<string, unknown>;

/** The key an old-shape item moves to, or undefined for an item that is not old-shape (already under an agency). */
export function newKeyOf(item: Item, agencyId: string): { pk: string; sk: string } | undefined {
  const pk = String(item.pk);
  const sk = String(item.sk);
  if (pk.startsWith(OLD.campaign)) return { pk: campaignPk(agencyId, pk.slice(OLD.campaign.length)), sk };
  if (pk === OLD.directory) return { pk: directoryPk(agencyId), sk };
  if (pk === OLD.suppression) return { pk: suppressionPk(agencyId), sk };
  return undefined;
}

/** The item as the current code writes it, under `key`. Pure: the same old item gives the same new one (but `at`). */
export function migratedItem(item: Item, key: { pk: string; sk: string }, agency: { id: string; level: AgencyLevel }, at: string): Item {
  const entity = String(item.entity);
  const out: Item = { ...item, ...key };
  if (item.gsi1pk === OLD.campaignsIndex) out.gsi1pk = campaignsIndexPk(agency.id);
  if (typeof item.attnAt === 'string') {
    // `<look-again time>#<pk>#<sk>` (shared/store/attention.ts): the time holds no `#`.
    const cut = item.attnAt.indexOf('#');
    out.attnAt = attentionAt(cut < 0 ? item.attnAt : item.attnAt.slice(0, cut), key);
  }
  if (CARRIES_AGENCY.has(entity)) out.agencyId = agency.id;
  if (entity === 'Campaign' && out.agencyLevel === undefined) out.agencyLevel = agency.level;
  if (STREAMED.has(entity)) out.migratedAt = at;
  return out;
}

export interface MigrationOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** The agency to move into, and what to create it with when it does not exist yet. */
  agency: { id: string; name: string; level: AgencyLevel; place: string };
  dryRun?: boolean;
  /** Stop after moving this many items (the rest stays old-shape until the next run). */
  limit?: number;
  /** Items moved at once. */
  concurrency?: number;
  now?: () => Date;
}

export interface EntityCount {
  /** Old-shape items seen. */
  found: number;
  /** Moved by this run. */
  moved: number;
  /** Gone by the time this run came to them (another run moved them). */
  gone: number;
  /** The new key already held a different item: both left as they are, for a person to look at. */
  conflicts: number;
}

export interface MigrationReport {
  agency: 'created' | 'existed' | 'would be created';
  /** Items the Scan examined (ScannedCount). */
  scanned: number;
  entities: Record<string, EntityCount>;
  /** True when `limit` stopped the run before every old item was moved. */
  stoppedAtLimit: boolean;
  conflictKeys: { pk: string; sk: string }[];
}

const isCancelled = (e: unknown): e is TransactionCanceledException => e instanceof TransactionCanceledException || (e as { name?: string }).name === 'TransactionCanceledException';

/** Equal as stored, ignoring the migration's own mark (a copy moved by an earlier run). */
function sameItem(a: Item, b: Item): boolean {
  const strip = ({ migratedAt: _m, ...rest }: Item) => rest;
  const canon = (v: unknown): unknown => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
    if (v instanceof Set) return [...v].map(canon).sort();
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canon((v as Item)[k])]),
      );
    return v;
  };
  return JSON.stringify(canon(strip(a))) === JSON.stringify(canon(strip(b)));
}

async function ensureAgency(options: MigrationOptions, at: string): Promise<{ status: MigrationReport['agency']; level: AgencyLevel }> {
  const { client, tableName, agency } = options;
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.agency(agency.id), ConsistentRead: true }));
  if (Item) return { status: 'existed', level: Agency.parse(withoutKeys(Item)).level };
  if (options.dryRun) return { status: 'would be created', level: agency.level };
  const record = Agency.parse({ ...AgencyInput.parse({ name: agency.name, level: agency.level, place: agency.place }), id: agency.id, createdAt: at, updatedAt: at, updatedBy: 'migration' });
  try {
    await client.send(new PutCommand({ TableName: tableName, Item: { ...keys.agency(agency.id), entity: 'Agency', ...record }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return { status: 'created', level: record.level };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return ensureAgency(options, at); // created meanwhile by another run: use it
  }
}

/**
 * The old item is deleted only as it was read: the attributes the running system changes (a delivery's status and
 * times, a mailing's state, the attention index, a message superseded) must still hold the values copied, or still be
 * absent. A change in between cancels the transaction, and the item is read again and moved as it now is.
 */
const VOLATILE = ['status', 'updatedAt', 'attempts', 'mailing', 'mailingAttempts', 'attnAt', 'supersededBy', 'claimToken'] as const;
export function unchangedCondition(item: Item) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts = ['attribute_exists(pk)'];
  VOLATILE.forEach((a, n) => {
    names[`#v${n}`] = a;
    if (item[a] === undefined) parts.push(`attribute_not_exists(#v${n})`);
    else {
      values[`:v${n}`] = item[a];
      parts.push(`#v${n} = :v${n}`);
    }
  });
  return { ConditionExpression: parts.join(' AND '), ExpressionAttributeNames: names, ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}) };
}

type Outcome = 'moved' | 'gone' | 'conflict';

/**
 * One item: put the new one if its key is free, delete the old one if it is still as read, both or neither. A
 * cancelled transaction says which condition failed: the old item changed (read it again and retry) or vanished
 * (another run moved it), or the new key is taken (already moved, if equal; a conflict, if not).
 */
export async function moveItem(options: MigrationOptions, old: Item, agency: { id: string; level: AgencyLevel }, at: string): Promise<Outcome> {
  const { client, tableName } = options;
  let current: Item | undefined = old;
  for (let attempt = 0; attempt < 5 && current; attempt++) {
    const key = newKeyOf(current, agency.id)!;
    const next = migratedItem(current, key, agency, at);
    const oldKey: Item = { pk: current.pk, sk: current.sk };
    const unchanged = unchangedCondition(current);
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: tableName, Item: next, ConditionExpression: 'attribute_not_exists(pk)' } }, { Delete: { TableName: tableName, Key: oldKey, ...unchanged } }],
        }),
      );
      return 'moved';
    } catch (error) {
      if (!isCancelled(error)) throw error;
      const [put, del] = (error.CancellationReasons ?? []).map((r) => r?.Code);
      if (put !== 'ConditionalCheckFailed' && del !== 'ConditionalCheckFailed') throw error; // a conflict of transactions, throttling: the caller's retry
      // The old item first: gone means another run moved it; changed means move it as it now is.
      const { Item: again }: { Item?: Item } = await client.send(new GetCommand({ TableName: tableName, Key: oldKey, ConsistentRead: true }));
      current = again;
      if (!again || put !== 'ConditionalCheckFailed') continue;
      // The new key is taken while the old item is still there: the same item (a copy written by hand, or by a run
      // that died between its two writes) lets the old one go; anything else is for a person to look at.
      const { Item: there } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      if (!there) continue; // gone meanwhile: try the whole move again
      if (!sameItem(there, migratedItem(again, key, agency, at))) return 'conflict';
      try {
        await client.send(new TransactWriteCommand({ TransactItems: [{ Delete: { TableName: tableName, Key: oldKey, ...unchangedCondition(again) } }] }));
        return 'moved';
      } catch (e) {
        if (!isCancelled(e)) throw e;
        current = (await client.send(new GetCommand({ TableName: tableName, Key: oldKey, ConsistentRead: true }))).Item;
      }
    }
  }
  if (!current) return 'gone';
  throw new Error(`item ${String(old.pk)} / ${String(old.sk)} kept changing while it was being moved: run the migration again when the system is quiet`);
}

export async function migrateToAgencies(options: MigrationOptions): Promise<MigrationReport> {
  const { client, tableName } = options;
  const at = (options.now?.() ?? new Date()).toISOString();
  if (!AGENCY_ID_PATTERN.test(options.agency.id)) throw new Error(`--agency ${options.agency.id}: lower-case letters, digits and hyphens only`);
  const ensured = await ensureAgency(options, at);
  const agency = { id: options.agency.id, level: ensured.level };
  const report: MigrationReport = { agency: ensured.status, scanned: 0, entities: {}, stoppedAtLimit: false, conflictKeys: [] };
  const count = (entity: string) => (report.entities[entity] ??= { found: 0, moved: 0, gone: 0, conflicts: 0 });
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const concurrency = options.concurrency ?? 8;
  let moved = 0;
  const old = 'begins_with(pk, :campaign) OR pk = :directory OR pk = :suppression';
  // Two passes: every item but the campaigns, then the campaigns. A campaign is found (listed, read, ticked) through its
  // campaign item alone, so it appears under the agency only once all of its partition is there: the clock never closes
  // a campaign whose nominations are half moved, whatever order the Scan returns them in, even after a crash.
  for (const filter of [`(${old}) AND sk <> :campaignSk`, `begins_with(pk, :campaign) AND sk = :campaignSk`]) {
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: tableName,
          // Only the old partitions come back; the Scan still examines (and is billed for) every item.
          FilterExpression: filter,
          ExpressionAttributeValues: {
            ':campaign': OLD.campaign,
            ':campaignSk': 'CAMPAIGN',
            ...(filter.includes(':directory') ? { ':directory': OLD.directory, ':suppression': OLD.suppression } : {}),
          },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      report.scanned += page.ScannedCount ?? 0;
      const items = (page.Items ?? []).filter((i) => newKeyOf(i, agency.id));
      for (const i of items) count(String(i.entity)).found++;
      if (!options.dryRun) {
        for (let next = 0; next < items.length; ) {
          const room = limit - moved;
          if (room <= 0) {
            report.stoppedAtLimit = true;
            return report;
          }
          const slice = items.slice(next, next + Math.min(concurrency, room));
          next += slice.length;
          const outcomes = await Promise.all(slice.map((i) => moveItem(options, i, agency, at)));
          outcomes.forEach((o, n) => {
            const item = slice[n]!;
            const c = count(String(item.entity));
            if (o === 'moved') {
              c.moved++;
              moved++;
            } else if (o === 'gone') c.gone++;
            else {
              c.conflicts++;
              report.conflictKeys.push({ pk: String(item.pk), sk: String(item.sk) });
            }
          });
        }
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  return report;
}

/** The report as a table: one row per entity. */
export function reportRows(report: MigrationReport, dryRun: boolean) {
  return Object.entries(report.entities)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([entity, c]) => (dryRun ? { entity, 'to move': c.found } : { entity, found: c.found, moved: c.moved, 'already gone': c.gone, conflicts: c.conflicts }));
}

async function main() {
  const { values } = parseArgs({
    options: {
      table: { type: 'string' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      agency: { type: 'string', default: defaultAgency.id },
      name: { type: 'string', default: defaultAgency.name },
      level: { type: 'string', default: defaultAgency.level },
      place: { type: 'string', default: defaultAgency.place },
      'dry-run': { type: 'boolean', default: false },
      limit: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
    },
  });
  const tableName = values.table ?? process.env.TABLE_NAME;
  if (!tableName) throw new Error('name the table: --table <name> (or TABLE_NAME)');
  const level = values.level as AgencyLevel;
  if (!AgencyLevel.options.includes(level)) throw new Error(`--level ${values.level}: ${AgencyLevel.options.join(', ')}`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new Error(`--limit ${values.limit}: a positive whole number`);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ ...(values.endpoint ? { endpoint: values.endpoint } : {}), ...(values.region ? { region: values.region } : {}) }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const dryRun = values['dry-run'];
  const report = await migrateToAgencies({
    client,
    tableName,
    agency: { id: values.agency, name: values.name, level, place: values.place },
    dryRun,
    ...(limit ? { limit } : {}),
    concurrency: Number(values.concurrency),
  });
  console.log(`table ${tableName}, agency ${values.agency} (${report.agency}); ${report.scanned} items examined${dryRun ? '; dry run, nothing written' : ''}`);
  const rows = reportRows(report, dryRun);
  if (rows.length) console.table(rows);
  else console.log('no item of the single-agency shape left: nothing to move');
  if (report.stoppedAtLimit) console.log(`stopped after --limit ${limit} items: run again to move the rest`);
  for (const k of report.conflictKeys) console.error(`conflict: ${k.pk} / ${k.sk} — the new key holds a different item; both kept`);
  client.destroy();
  if (report.conflictKeys.length) process.exitCode = 2;
}

if (typeof require !== 'undefined' && require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
