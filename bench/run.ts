import { bundleSizes } from './bundle-size';
import { issueLatency } from './issue-latency';

/**
 * `npm run bench`: a script, not a test (the machine is shared and noisy; no duration is asserted).
 * Prints the issue-to-last-email latency for a 500-address list on the local twin, at the default
 * local send rate and at a rate high enough to show the system's own overhead, and bundle sizes.
 */
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  console.log('# bundle sizes (ESM, minified, AWS SDK bundled)');
  console.table((await bundleSizes()).map((r) => ({ function: r.function, minified: kb(r.bytes), gzip: kb(r.gzipBytes) })));

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
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
