import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { awardDecisionDocument } from '../shared/documents/award-decision';
import { FONT_FILES, fontPath } from '../shared/documents/fonts';
import { launchLetterDocument } from '../shared/documents/launch-letter';
import type { OfficialDocument } from '../shared/documents/model';
import { documentNumber } from '../shared/documents/number';
import { renderPdf } from '../shared/documents/pdf';
import type { Outcome } from '../shared/domain/results';
import { seedCampaign, seedDirectory } from '../seed/launch-letter-2023';
import { Campaign, CampaignInput } from '../shared/schemas/campaign';
import { bundleSettings } from './bundle-size';
import { formatRuns, mb } from './measure';
import { root } from './twin-process';

/**
 * PDF rendering (issue 12, "npm run bench"): the time to render the seed's launch letter (3 pages) and a Quyết định
 * with a 300-row annex (and with 30 rows, for the per-row ratio), median of N runs after one warm-up; then the cold
 * import of the PDF module, bundled as a Lambda bundles it, beside the launch letter's mail module, in CPU ms in fresh
 * Node processes, paired (bench/bundle-size.ts says why), and the cold first rendering (import, fonts read and parsed,
 * one letter). A script, not a test: nothing asserts a duration.
 */

const campaign = Campaign.parse({
  ...CampaignInput.parse(seedCampaign),
  id: 'bench',
  agencyId: 'default',
  status: 'finalized',
  version: 1,
  createdAt: '2023-03-01T02:00:00.000Z',
  createdBy: 'bench',
});
const noiNhan = seedDirectory.groups.map((g) => ({ name: g.name, ...(g.purpose ? { purpose: g.purpose } : {}) }));

export function benchLetter(): OfficialDocument {
  return launchLetterDocument({ campaign, noiNhan, number: documentNumber('15/KH-SNgV'), date: '2023-03-05' });
}

export function benchDecision(rows: number): OfficialDocument {
  const titles = ['LDTT', 'CSTDCS', 'TTLDTT', 'GIAY_KHEN'] as const;
  const outcomes: Outcome[] = Array.from({ length: rows }, (_, i) => {
    const title = titles[i % titles.length] as (typeof titles)[number];
    const collective = title === 'TTLDTT';
    return {
      nominationId: `N${i}`,
      title,
      titleLabel: title,
      nominee: collective ? { kind: 'collective', unitId: `U${i % 40}`, name: `Phòng Hợp tác quốc tế ${i}` } : { kind: 'individual', unitId: `U${i % 40}`, name: `Nguyễn Thị Hồng Nhung ${i}` },
      nominatingUnitId: `U${i % 40}`,
      proposal: 'eligible',
      needsCouncilVote: false,
      outcome: 'awarded',
      reason: '',
    };
  });
  const unitNames = Object.fromEntries(Array.from({ length: 40 }, (_, u) => [`U${u}`, `Phòng chuyên môn số ${u + 1} thuộc Sở`]));
  return awardDecisionDocument({
    campaign,
    outcomes,
    unitNames,
    number: documentNumber('05/QĐ-SNgV'),
    date: '2024-12-20',
    agencyName: 'Sở Ngoại vụ',
    legalBasis: ['Luật Thi đua, khen thưởng số 06/2022/QH15', 'Nghị định số 152/2025/NĐ-CP'],
    noiNhan: [{ name: 'Như Điều 3' }, { name: 'Lưu: VT, VP' }],
  });
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

/** Renders `doc` once to warm up, then `times` times; the runs in ms, the bytes and pages of the last. */
async function timeRender(doc: OfficialDocument, times: number) {
  await renderPdf(doc);
  const runs: number[] = [];
  let bytes: Uint8Array = new Uint8Array();
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    bytes = await renderPdf(doc);
    runs.push(performance.now() - t0);
    await new Promise((r) => setImmediate(r));
  }
  const pages = (
    Buffer.from(bytes)
      .toString('latin1')
      .match(/\/Type\s*\/Page\b/g) ?? []
  ).length;
  return { runs, median: median(runs), bytes: bytes.length, pages };
}

const node = path.join(root, 'node_modules/.bin/node');

/** What an ES-module bundle of the PDF module needs on top of the stack's banner (pdfmake/js/virtual-fs.js reads __dirname). */
export const PDF_BANNER = 'const __dirname = import.meta.dirname; const __filename = import.meta.filename;';

/** CPU ms (user + system) of running `body` (an ES module's code, which may await) in a fresh Node process. */
function coldCpuMs(body: string, env: NodeJS.ProcessEnv): number {
  const script = `const c = process.cpuUsage(); ${body}; const d = process.cpuUsage(c); console.log((d.user + d.system) / 1000);`;
  try {
    const out = execFileSync(node, ['--input-type=module', '-e', script], { env: { ...env, NODE_OPTIONS: '' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return Number(out.trim().split('\n').pop());
  } catch (e) {
    // A minified bundle's stack prints whole lines: keep the error's own line.
    const stderr = String((e as { stderr?: string }).stderr ?? e);
    throw new Error(`cold run failed: ${(stderr.split('\n').find((l) => /Error|error:/.test(l) && l.length < 500) ?? stderr.slice(-300)).trim()}`);
  }
}

/** Pairs of cold runs of `a` and `b`, alternating which goes first: the median of each and of the pairs' ratios. */
function paired(a: () => number, b: () => number, runs: number) {
  a();
  b();
  const ta: number[] = [];
  const tb: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < runs; r++) {
    const [x, y] = r % 2 === 0 ? [a(), b()] : (([yy, xx]) => [xx, yy])([b(), a()]);
    ta.push(x as number);
    tb.push(y as number);
    ratios.push((x as number) / (y as number));
  }
  return { a: median(ta), b: median(tb), ratio: median(ratios) };
}

export async function documentsBench({ times = Number(process.env.BENCH_PDF_RUNS ?? 7), importRuns = Number(process.env.BENCH_IMPORT_RUNS ?? 11) } = {}) {
  const letter = await timeRender(benchLetter(), times);
  const annex300 = await timeRender(benchDecision(300), times);
  const annex30 = await timeRender(benchDecision(30), times);
  const render = [
    { document: 'launch letter (seed)', pages: letter.pages, kB: Math.round(letter.bytes / 1024), 'median ms': Math.round(letter.median), 'runs ms': formatRuns(letter.runs) },
    { document: 'Quyết định + 30-row annex', pages: annex30.pages, kB: Math.round(annex30.bytes / 1024), 'median ms': Math.round(annex30.median), 'runs ms': formatRuns(annex30.runs) },
    {
      document: 'Quyết định + 300-row annex',
      pages: annex300.pages,
      kB: Math.round(annex300.bytes / 1024),
      'median ms': Math.round(annex300.median),
      'runs ms': formatRuns(annex300.runs),
      'ratio to 30 rows': Math.round((annex300.median / annex30.median) * 100) / 100,
      'ratio to letter': Math.round((annex300.median / letter.median) * 100) / 100,
    },
  ];

  // The PDF module and the mail module bundled as a function bundles them; the four fonts beside the PDF bundle, found
  // through THIDUA_FONT_DIR as a Lambda would (shared/documents/fonts.ts).
  const dir = mkdtempSync(path.join(tmpdir(), 'thidua-pdf-bench-'));
  try {
    const entries = { pdf: 'shared/documents/pdf.ts', letter: 'shared/mail/letter.ts' } as const;
    const files: Record<string, string> = {};
    const sizes: Record<string, number> = {};
    for (const [name, entry] of Object.entries(entries)) {
      // pdfmake's virtual file system reads __dirname, which an ES module lacks: the PDF function's banner defines it
      // (docs/documents.md, "Bundling"); the mail bundle keeps the stack's banner.
      const banner = name === 'pdf' ? { js: `${bundleSettings.banner?.js ?? ''} ${PDF_BANNER}` } : bundleSettings.banner;
      const out = await build({ ...bundleSettings, banner, entryPoints: [path.join(root, entry)], outfile: path.join(dir, `${name}.mjs`), write: false });
      const code = out.outputFiles?.[0]?.contents as Uint8Array;
      files[name] = path.join(dir, `${name}.mjs`);
      sizes[name] = code.length;
      writeFileSync(files[name] as string, Buffer.from(code));
    }
    let fontBytes = 0;
    for (const style of Object.keys(FONT_FILES) as (keyof typeof FONT_FILES)[]) {
      copyFileSync(fontPath(style), path.join(dir, FONT_FILES[style]));
      fontBytes += statSync(fontPath(style)).size;
    }
    const env = { ...process.env, THIDUA_FONT_DIR: dir };
    const importOf = (file: string) => () => coldCpuMs(`await import(${JSON.stringify(pathToFileURL(file).href)})`, env);
    const imports = paired(importOf(files.pdf as string), importOf(files.letter as string), importRuns);

    // The cold first rendering: import, read and parse the fonts, lay out and write the letter, in one fresh process.
    const docJson = path.join(dir, 'letter.json');
    writeFileSync(docJson, JSON.stringify(benchLetter()));
    const firstRender = () =>
      coldCpuMs(
        `const m = await import(${JSON.stringify(pathToFileURL(files.pdf as string).href)}); const fs = await import('node:fs'); await m.renderPdf(JSON.parse(fs.readFileSync(${JSON.stringify(docJson)}, 'utf8')))`,
        env,
      );
    const coldRenders: number[] = [];
    for (let i = 0; i < Math.max(3, Math.floor(importRuns / 2)); i++) coldRenders.push(firstRender());

    const cold = [
      { module: 'shared/documents/pdf.ts (pdfmake, pdfkit, fontkit)', 'bundle MB': mb(sizes.pdf as number), 'fonts MB (beside it)': mb(fontBytes), 'cold import CPU ms': Math.round(imports.a) },
      { module: 'shared/mail/letter.ts', 'bundle MB': mb(sizes.letter as number), 'fonts MB (beside it)': 0, 'cold import CPU ms': Math.round(imports.b) },
      {
        module: 'pdf / letter (median of pair ratios)',
        'bundle MB': Math.round(((sizes.pdf as number) / (sizes.letter as number)) * 10) / 10,
        'cold import CPU ms': Math.round(imports.ratio * 10) / 10,
      },
      { module: 'pdf: cold import + first letter rendered', 'cold import CPU ms': Math.round(median(coldRenders)) },
    ];
    return { render, cold };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const documentsHeading = {
  render: '# PDF rendering (NĐ 30/2020 layout, Tinos embedded): median of 7 runs after one warm-up; the 300-row annex against 30 rows and against the letter',
  cold: '# the PDF module bundled as a function bundles it, cold import CPU ms in fresh processes, paired with the launch letter’s mail module; and a cold first rendering',
};

// `npx tsx bench/documents.ts` runs it alone.
if (require.main === module) {
  documentsBench().then(({ render, cold }) => {
    console.log(documentsHeading.render);
    console.table(render);
    console.log(documentsHeading.cold);
    console.table(cold);
  });
}
