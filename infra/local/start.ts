/**
 * `npm start`: the local twin on loopback (docs/architecture.md "The local twin"). Ctrl-C (SIGINT) or SIGTERM
 * stops everything, DynamoDB Local's java process included; a second Ctrl-C forces the exit.
 *
 * Environment: PORT (3000), DYNAMODB_PORT (8000), SES_PORT (8005), 0 = any free port; TABLE_NAME,
 * MAIL_FROM, MAIL_SEND_RATE, LOG_LEVEL (WARN) for the handlers.
 */
import { type FunctionSpec, functions } from '../wiring';
import { startTwin, type Twin } from './twin';

function describe(twin: Twin): string {
  const rows: [string, string][] = [
    ['API (HTTP API v2 gateway)', twin.gatewayUrl],
    ['OpenAPI document', `${twin.gatewayUrl}/openapi.json`],
    ['Token (local identity)', `POST ${twin.gatewayUrl}/local/token  {"sub":"me","groups":["admin"],"unitId":"..."}`],
    ['Dead letters', `GET ${twin.gatewayUrl}/local/dead-letters  (and .local/dead-letters/*.jsonl); POST ${twin.gatewayUrl}/local/redrive (npm run redrive)`],
    ['DynamoDB Local', `${twin.dynamodbEndpoint}  table ${twin.tableName} (${twin.region})`],
    ['SES emulator', `${twin.sesEndpoint}/  (sent mail: ${twin.sesEndpoint}/store)`],
    ['SES faults (off)', `POST ${twin.gatewayUrl}/local/faults  {"queue":["throttle","error5xx","reject","dropAfterForward"],"probabilities":{"throttle":0.1},"seed":1}; GET shows counters`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  lines.push('', "  The table's stream, its one reader (the poller, as a Lambda event source mapping):");
  for (const c of twin.poller.consumers) {
    const s = c.subscription;
    lines.push(`    ${c.name.padEnd(18)} batch ${s.batchSize}, retries ${s.retryAttempts}${s.bisectBatchOnError ? ', bisect' : ''}, ${c.filters.length} filter(s): every consumer's`);
  }
  lines.push('', '  Its queues, one per consumer (local SQS; Lambda SQS mappings):');
  for (const [name, { queue }] of Object.entries(twin.queues.queues)) {
    const spec = functions[name as keyof typeof functions] as FunctionSpec;
    const q = spec.queue!;
    lines.push(
      `    ${name.padEnd(18)} ${queue.fifo ? 'FIFO (per campaign)' : 'standard'}, batch ${q.batchSize}${q.maxBatchingWindowSeconds ? `, window ${q.maxBatchingWindowSeconds}s` : ''}, ` +
        `concurrency ${q.maxConcurrency}, ${q.maxReceiveCount} receives → dead letters, timeout ${spec.timeoutSeconds}s`,
      ...q.filters.map((f) => `      filter ${JSON.stringify(f)}`),
    );
  }
  return lines.join('\n');
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

  try {
    twin = await startTwin();
  } catch (error) {
    console.error(`the local twin could not start: ${(error as Error)?.stack ?? String(error)}`);
    process.exit(1);
  }
  console.log(`thidua local twin up in ${(twin.startupMs / 1000).toFixed(1)} s\n\n${describe(twin)}\n\nCtrl-C to stop.`);
}

void main();
