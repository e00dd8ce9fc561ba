/**
 * `npm start`: the local twin on loopback (docs/architecture.md "The local twin"). Ctrl-C (SIGINT) or SIGTERM
 * stops everything, DynamoDB Local's java process included; a second Ctrl-C forces the exit.
 *
 * The data is kept in `.local/` (LOCAL_DATA_DIR) and a start resumes from it (README "Data kept
 * across restarts"); `npm start -- --reset` deletes it first, `npm start -- --in-memory` (or
 * LOCAL_IN_MEMORY=1) keeps nothing.
 *
 * Environment: PORT (3000), DYNAMODB_PORT (8000), SES_PORT (8005), S3_PORT (0), 0 = any free port; TABLE_NAME, DOCUMENTS_BUCKET,
 * MAIL_FROM, MAIL_SEND_RATE, LOG_LEVEL (WARN) for the handlers; LOCAL_ACCESS_LOG (1 or 0: the
 * request and batch lines, on unless LOG_LEVEL is ERROR or quieter).
 */
import path from 'node:path';
import { routes } from '../../shared/http/routes';
import { LOCAL_ROUTES } from './gateway';
import { defaultDataDir, resetData } from './reset';
import { startTwin, type Twin } from './twin';

/** A folder under the current one by its relative path, any other by its absolute one. */
function displayPath(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : dir;
}

function describe(twin: Twin): string {
  const data = twin.dataDir ? `${displayPath(twin.dataDir)}/ (kept across restarts; npm run reset, or npm start -- --reset, starts clean)` : 'in memory (nothing kept)';
  const rows: [string, string][] = [
    ['API (HTTP API v2 gateway)', twin.gatewayUrl],
    ['OpenAPI document', `${twin.gatewayUrl}/openapi.json`],
    ...(routes.some((r) => (r.path as string) === '/docs') ? [['API reference', `${twin.gatewayUrl}/docs`] as [string, string]] : []),
    ['DynamoDB Local', `${twin.dynamodbEndpoint}  table ${twin.tableName} (${twin.region})`],
    ['SES emulator', `${twin.sesEndpoint}/  (sent mail: ${twin.sesEndpoint}/store)`],
    ['S3 emulator (s3rver)', `${twin.s3Endpoint}  bucket ${twin.documentsBucket}, path-style, presigned URLs only (Signature V4 and checksums checked)`],
    ['Data', data],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  if (twin.dataDir) {
    const queued = Object.entries(twin.resumed.queues);
    const resumed = [
      twin.resumed.table ? 'the table' : 'a new table',
      twin.resumed.streamCheckpoint ? "the stream from the router's checkpoint" : 'the stream from its oldest record',
      queued.length ? queued.map(([q, n]) => `${n} message(s) in ${q}`).join(', ') : 'no queued message',
    ];
    lines.push(`  ${''.padEnd(width)}  resumed: ${resumed.join('; ')}`);
  }
  lines.push('', '  Local routes (the twin only, never deployed):');
  const routeWidth = Math.max(...LOCAL_ROUTES.map((r) => r.method.length + r.path.length + 1));
  for (const r of LOCAL_ROUTES) lines.push(`    ${`${r.method} ${r.path}`.padEnd(routeWidth)}  ${r.what}`);
  lines.push('', "  The table's stream, its one reader (the poller, as a Lambda event source mapping):");
  for (const c of twin.poller.consumers) {
    const s = c.subscription;
    lines.push(`    ${c.name.padEnd(18)} batch ${s.batchSize}, retries ${s.retryAttempts}${s.bisectBatchOnError ? ', bisect' : ''}, ${c.filters.length} filter(s): every consumer's`);
  }
  lines.push('', '  Its queues, one per consumer (local SQS; Lambda SQS mappings; filters in infra/wiring.ts):');
  const nameWidth = Math.max(...Object.keys(twin.queues.queues).map((n) => n.length));
  for (const [name, { queue }] of Object.entries(twin.queues.queues)) {
    const spec = twin.queues.functions[name]!;
    const q = spec.queue!;
    lines.push(
      `    ${name.padEnd(nameWidth)}  ${queue.fifo ? 'FIFO (per campaign)' : 'standard'}, batch ${q.batchSize}${q.maxBatchingWindowSeconds ? `, window ${q.maxBatchingWindowSeconds}s` : ''}, ` +
        `concurrency ${q.maxConcurrency}, ${q.maxReceiveCount} receives → dead letters, timeout ${spec.timeoutSeconds}s`,
    );
  }
  lines.push('', '  Below: one line per request (method, path, status, ms) and per consumer invocation (↳ consumer, records, failed, ms).');
  lines.push("  Quieter: LOCAL_ACCESS_LOG=0. Metrics (EMF JSON) and the handlers' INFO logs: LOG_LEVEL=DEBUG, LOG_LEVEL=INFO.");
  return lines.join('\n');
}

/** `--reset`, `--in-memory`; anything else is refused (a typo must not start the wrong twin). */
function parseArgs(argv: readonly string[]): { reset: boolean; inMemory: boolean } {
  const out = { reset: false, inMemory: ['1', 'true'].includes(process.env.LOCAL_IN_MEMORY ?? '') };
  for (const a of argv) {
    if (a === '--reset') out.reset = true;
    else if (a === '--in-memory') out.inMemory = true;
    else {
      console.error(`unknown option ${a}: npm start [-- --reset | --in-memory]`);
      process.exit(2);
    }
  }
  return out;
}

async function main() {
  let twin: Twin | undefined;
  let stoppingSince = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stoppingSince) {
      // Ctrl-C reaches us twice at once (from the terminal's process group and relayed by tsx/npm):
      // only a signal sent later is a request to force the exit.
      if (Date.now() - stoppingSince < 1000) return;
      console.error(`\n${signal} again: exiting now`);
      process.exit(130); // the 'exit' hook still kills DynamoDB Local
    }
    stoppingSince = Date.now();
    console.log(`\n${signal}: stopping the local twin…`);
    // Still starting: exit at once; the 'exit' hook and the watchdog kill a java process already spawned.
    const stopped = twin ? twin.stop() : Promise.resolve();
    stopped.then(
      () => {
        console.log('stopped.');
        process.exit(0);
      },
      (error) => {
        console.error('error while stopping:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const args = parseArgs(process.argv.slice(2));
  const dataDir = args.inMemory ? undefined : defaultDataDir();
  try {
    if (dataDir && args.reset) {
      const deleted = resetData(dataDir);
      console.log(deleted.length ? `--reset: deleted ${deleted.join(', ')} from ${dataDir}` : `--reset: ${dataDir} held nothing`);
    }
    twin = await startTwin(dataDir ? { dataDir } : {});
  } catch (error) {
    console.error(`the local twin could not start: ${(error as Error)?.stack ?? String(error)}`);
    process.exit(1);
  }
  console.log(`thidua local twin up in ${(twin.startupMs / 1000).toFixed(1)} s\n\n${describe(twin)}\n\nCtrl-C to stop.`);
}

void main();
