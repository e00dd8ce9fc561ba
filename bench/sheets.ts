import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Issue 13's figures: importing 5,000 staff rows and exporting 5,000 standings rows (and their CSV), each phase in a
 * fresh Node 24 process (the Lambda runtime's) with the young generation a 512 MB Lambda gets, so the process's peak
 * RSS is that phase's alone. The phases are test/unit/excel/bench.ts; this runs them and reads what they print.
 */
const NODE = path.resolve('node_modules/.bin/node');
const SCRIPT = 'test/unit/excel/bench.ts';

function phase(name: string, dir: string): string {
  return execFileSync(NODE, ['--expose-gc', '--max-semi-space-size=4', '--import', 'tsx', SCRIPT, name, dir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
}

const ms = (out: string, label: string) => Number(new RegExp(`${label.replace(/[()]/g, '\\$&')}: (\\d+) ms`).exec(out)?.[1]);
const maxRss = (out: string) => Number(/maxrss: (\d+) MB/.exec(out)?.[1]);

export async function sheetsBench() {
  const dir = mkdtempSync(path.join(tmpdir(), 'thidua-sheets-'));
  try {
    phase('prepare', dir);
    const imported = phase('import', dir);
    const exported = phase('export', dir);
    const lambdaMb = 512;
    return [
      {
        what: 'import 5,000 staff rows (.xlsx → rows, every cell checked)',
        ms: ms(imported, 'parseImport(staff, 5,000 rows)'),
        'peak RSS (MB)': maxRss(imported),
        'fits 512 MB': maxRss(imported) < lambdaMb ? 'yes' : 'NO',
      },
      {
        what: 'export 5,000 standings rows (.xlsx), then their CSV',
        ms: ms(exported, 'standingsWorkbook(5,000 rows, 8 criteria)'),
        'CSV (ms)': ms(exported, 'standingsCsv(5,000 rows)'),
        'peak RSS (MB)': maxRss(exported),
        'fits 512 MB': maxRss(exported) < lambdaMb ? 'yes' : 'NO',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
