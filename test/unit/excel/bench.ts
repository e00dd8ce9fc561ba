/**
 * Time and memory of the Excel layer at the size (issue 13 "npm run bench": importing 5,000 staff rows and
 * exporting 5,000 standings rows, within a 512 MB Lambda). Not a test: the inputs are prepared once, then each phase
 * runs in its own process, so the process's peak RSS (`/usr/bin/time -v`) is that phase's:
 *
 *   node_modules/.bin/node --import tsx test/unit/excel/bench.ts prepare /tmp/bench
 *   /usr/bin/time -v node_modules/.bin/node --expose-gc --import tsx test/unit/excel/bench.ts import /tmp/bench
 *   /usr/bin/time -v node_modules/.bin/node --expose-gc --import tsx test/unit/excel/bench.ts export /tmp/bench
 *
 * (node_modules/.bin/node is Node 24, the Lambda runtime's. Add --max-semi-space-size=4 to approximate the young
 * generation a 512 MB Lambda gets; figures in docs/excel.md.)
 *
 * `import`: parseImport of the 5,000-row staff .xlsx (the template filled by fillTemplate). `export`: standingsWorkbook
 * of 5,000 computed standings rows (8 criteria each) to a buffer, then their CSV.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Standings } from '../../../shared/domain/standings';
import { standingsCsv } from '../../../shared/excel/csv';
import { standingsWorkbook } from '../../../shared/excel/export';
import { parseImport } from '../../../shared/excel/import';
import { fillTemplate } from '../../../shared/excel/templates';
import { CAMPAIGN, UNIT_IDS, staffRows, standingsOf } from './fixtures';

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function measure(label: string, f: () => Promise<unknown> | unknown) {
  gc();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  // Sampled while the event loop turns (exceljs yields between its zip steps); the process peak is /usr/bin/time's.
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 5);
  const t0 = performance.now();
  const out = await f();
  const ms = performance.now() - t0;
  clearInterval(timer);
  const after = process.memoryUsage();
  peakHeap = Math.max(peakHeap, after.heapUsed);
  peakRss = Math.max(peakRss, after.rss);
  console.log(
    `${label}: ${ms.toFixed(0)} ms; heap ${(before.heapUsed / MB).toFixed(0)} → peak ${(peakHeap / MB).toFixed(0)} MB (sampled); rss ${(before.rss / MB).toFixed(0)} → peak ${(peakRss / MB).toFixed(0)} MB (sampled)`,
  );
  return out;
}

async function main(phase: string, dir: string) {
  const staffFile = path.join(dir, 'staff-5000.xlsx');
  const standingsFile = path.join(dir, 'standings-5000.json');
  if (phase === 'prepare') {
    mkdirSync(dir, { recursive: true });
    writeFileSync(staffFile, await fillTemplate('staff', staffRows(5000)));
    writeFileSync(standingsFile, JSON.stringify(standingsOf(5000)));
  } else if (phase === 'import') {
    const buffer = readFileSync(staffFile);
    console.log(`staff file: ${(buffer.length / 1024).toFixed(0)} KiB`);
    const res = (await measure('parseImport(staff, 5,000 rows)', () => parseImport('staff', buffer, { unitIds: UNIT_IDS }))) as { ok: boolean };
    if (!res.ok) throw new Error('the bench file did not import');
  } else if (phase === 'export') {
    const standings = JSON.parse(readFileSync(standingsFile, 'utf8')) as Standings;
    const buffer = (await measure('standingsWorkbook(5,000 rows, 8 criteria)', () => standingsWorkbook({ campaign: CAMPAIGN, standings }))) as Buffer;
    console.log(`standings file: ${(buffer.length / 1024).toFixed(0)} KiB`);
    const csv = (await measure('standingsCsv(5,000 rows)', () => standingsCsv(standings.rows))) as string;
    console.log(`standings CSV: ${(csv.length / 1024).toFixed(0)} KiB`);
  } else {
    throw new Error('usage: bench.ts prepare|import|export <dir>');
  }
  // The process's own peak (getrusage), what a Lambda's memory limit is held against; bench/sheets.ts reads this line.
  if (phase !== 'prepare') console.log(`maxrss: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main(process.argv[2] ?? '', process.argv[3] ?? '/tmp/thidua-excel-bench').catch((e) => {
  console.error(e);
  process.exit(1);
});
