import { agenciesBench, agenciesHeading } from './agencies';
import { bundleSizes, bundleTable, sourceMapCost } from './bundle-size';
import { decideBench } from './decide';
import { documentsBench, documentsHeading } from './documents';
import { issueLatency } from './issue-latency';
import { sendRateBench } from './send-rate';
import { sheetsBench } from './sheets';
import { sendRequestsBench } from './send-requests';
import { standingsBench } from './standings';
import { throttledSendBench } from './throttled-send';
import { writeCostBench } from './write-cost';

/**
 * `npm run bench`: a script, not a test (the machine is shared and noisy; no duration is asserted).
 * Prints the issue-to-last-email latency for a 500-address list on the local twin, at the default
 * local send rate and at a rate high enough to show the system's own overhead, bundle sizes and
 * cold import times (bench/bundle-size.ts), and
 * the pure cores' throughput: standings for 5,000 and 50,000 units, and deciding 100,000 nominations; last, one
 * agency's calls on a table of 50 agencies against a table of that agency alone (bench/agencies.ts).
 */
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  // Issue 13: a 5,000-row import and export, each in its own process, time and peak memory against a 512 MB Lambda.
  console.log('# workbooks: 5,000 staff rows imported, 5,000 standings rows exported; a fresh Node 24 process each, sized as a 512 MB Lambda');
  console.table(await sheetsBench());

  // Issue 12: rendering the launch letter and a decision's 300-row annex, and the PDF module's cold import.
  const docs = await documentsBench();
  console.log(documentsHeading.render);
  console.table(docs.render);
  console.log(documentsHeading.cold);
  console.table(docs.cold);

  console.log('# bundles as the stack builds them (ESM, minified, AWS SDK inside): size, and cold import CPU time against a bundle of');
  console.log('# only the SDK clients the function uses, median of BENCH_IMPORT_RUNS (11) pairs of fresh Node 24 processes; goals ≤ 400 KB, ≤ 1.25×');
  console.table(bundleTable(await bundleSizes()));
  console.log('# what --enable-source-maps would add to a cold import (the stack ships no source maps)');
  const maps = [];
  for (const name of ['api', 'mailer']) maps.push(await sourceMapCost(name));
  console.table(maps.map((m) => ({ function: m.function, map: kb(m.mapBytes), 'with maps (CPU ms)': m.withMapsMs.toFixed(1), 'without (CPU ms)': m.withoutMs.toFixed(1), ratio: m.ratio.toFixed(2) })));

  const addresses = Number(process.env.BENCH_ADDRESSES ?? 500);
  console.log(`# issue → last email accepted, ${addresses} addresses, local twin`);
  const rows = [];
  for (const rate of [50, 1000]) {
    const r = await issueLatency(addresses, rate);
    rows.push({
      'send rate (/s)': rate,
      emails: r.emails,
      distinct: r.distinct,
      'last accepted (s)': (r.lastAcceptedMs / 1000).toFixed(2),
      'floor at this rate (s)': (addresses / rate).toFixed(2),
      'achieved rate (/s)': (addresses / (r.lastAcceptedMs / 1000)).toFixed(1),
    });
  }
  console.table(rows);

  console.log('# send rate and DynamoDB Local CPU: 2,000 addresses per configured rate, beside the emulator floor (SendEmail calls/s the SES emulator answers to 16 direct callers)');
  const rates = [];
  for (const rate of [50, 200, 500]) rates.push(...(await sendRateBench({ addresses: 2000, rate })));
  console.table(rates);

  console.log(
    '# DynamoDB requests per email sent (every request of the handlers’ document client from the issue request to the last record: issue, outbox, mailer), amortised over 2,000 addresses, goal ≤ 0.5;',
  );
  console.log(
    '# and the send rate, issue → last sent, over the configured one (goal ≥ 0.95), beside the emulator floor measured in the same twin; DynamoDB Local in memory, and on disk (as npm start keeps .local/)',
  );
  const requests = [];
  for (const rate of (process.env.BENCH_SEND_RATES ?? '50,75,100,200').split(',').map(Number)) requests.push(await sendRequestsBench({ addresses: 2000, rate }));
  requests.push(await sendRequestsBench({ addresses: 2000, rate: 200, onDisk: true }));
  console.table(requests);
  const holds = requests.filter((r) => r.storage === 'in memory' && r['achieved / configured'] >= 0.95).map((r) => r['configured (/s)']);
  console.log(`# the highest configured rate at which achieved/configured ≥ 0.95 held in this run: ${holds.length ? `${Math.max(...holds)}/s` : 'none of those measured'}`);

  console.log('# what one conditional write costs DynamoDB Local, by how it is sent (CPU of its java process per item; bench/write-cost.ts)');
  console.table(await writeCostBench());

  console.log('# sending under SES throttling: 2,000 addresses at 50/s, 10 % of SendEmail calls throttled (seeded); achieved/configured goal ≥ 0.95, duplicates 0');
  console.table([await throttledSendBench()]);

  console.log('# standings: 30 criteria, median of 3 runs; the 50,000/5,000 time ratio against n log n (12.7)');
  console.table(await standingsBench());
  console.log('# deciding nominations: 100,000 across 5,000 units, median of 3 runs');
  console.table([await decideBench()]);

  const agencies = await agenciesBench();
  console.log(agenciesHeading(agencies.items));
  console.table(agencies.rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
