import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { esmRequireBanner, lambdaAliases } from '../infra/constructs/thidua-function';
import { functions } from '../infra/wiring';
import { root } from './twin-process';

/**
 * Each function bundled as the stack bundles it (infra/constructs/thidua-function.ts: ESM, minified, UTF-8,
 * node24, the AWS SDK inside, the `require` banner, the env-only credential provider), and its cold module import time against a
 * baseline measured in the same run: a bundle of only the AWS SDK clients (and commands) that the
 * function's own bundle holds, each client constructed once as the function does at module scope.
 * The ratio says what our code, zod, Powertools and middy add to a cold start on top of the SDK the
 * function cannot do without. Each import runs in a fresh Node process (the Node the project pins,
 * node_modules/.bin/node), function and baseline in pairs (see pairedImport); the medians of `runs` are
 * reported, in CPU milliseconds (see coldImportMs), and the ratio is the median of the pairs' ratios.
 */
export const bundleSettings: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  charset: 'utf8',
  mainFields: ['module', 'main'],
  banner: { js: esmRequireBanner },
  alias: lambdaAliases,
  logLevel: 'silent',
  absWorkingDir: root,
};

const node = path.join(root, 'node_modules/.bin/node');

/** What the handlers read at module load, with values that need no AWS. */
const handlerEnv = {
  ...process.env,
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  TABLE_NAME: 'bench',
  MAIL_FROM: 'no-reply@thidua.example.org',
  POWERTOOLS_SERVICE_NAME: 'thidua',
  // The stream router's queues (the stack sets them from the wiring); one route is enough to load it.
  ROUTES: JSON.stringify([{ consumer: 'bench', queueUrl: 'https://sqs.ap-southeast-1.amazonaws.com/000000000000/bench', fifo: false, filters: [{ eventName: ['INSERT'] }] }]),
  NODE_OPTIONS: '',
};

export interface BundleRow {
  function: string;
  bytes: number;
  gzipBytes: number;
  baselineBytes: number;
  sdk: string[];
  /**
   * Whether the bundle holds classic zod (as opposed to zod/mini only): the functions that only read
   * back their own items should not (issue 9 "Lighter bundles"); an import that brings it back shows here.
   */
  zod: 'classic' | 'mini' | 'none';
  importMs: number;
  baselineMs: number;
  /** The median of the per-pair ratios (function / baseline, imported back to back), not importMs / baselineMs. */
  ratio: number;
}

/** The SDK packages a bundle holds and, per package, the command classes it holds. */
function sdkUse(metafile: Metafile): Map<string, Set<string>> {
  const use = new Map<string, Set<string>>();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /node_modules\/@aws-sdk\/((?:client|lib)-[a-z0-9-]+)\/dist-[a-z]+\/(?:commands\/(\w+Command)\.js)?/.exec(input);
    if (!m) continue;
    const pkg = `@aws-sdk/${m[1]}`;
    if (!use.has(pkg)) use.set(pkg, new Set());
    if (m[2]) use.get(pkg)!.add(m[2]);
  }
  return use;
}

/** The client class a package exports (`DynamoDBClient`, `SESv2Client`, `DynamoDBDocumentClient`, …), read from its files. */
function clientClass(pkg: string): string {
  const dir = path.join(root, 'node_modules', pkg, 'dist-es');
  const candidates = readdirSync(dir).filter((f) => /^[A-Z]\w*Client\.js$/.test(f) && !/Base|Command/.test(f));
  if (candidates.length !== 1) throw new Error(`${pkg}: cannot tell its client class among ${candidates.join(', ')}`);
  return candidates[0]!.replace(/\.js$/, '');
}

/** An entry that imports the same SDK clients and commands as the function, and builds each client once. */
function baselineSource(use: Map<string, Set<string>>): string {
  const lines: string[] = [];
  const made: string[] = [];
  const commands: string[] = [];
  let i = 0;
  const hasLowLevel = use.has('@aws-sdk/client-dynamodb');
  for (const [pkg, cmds] of use) {
    const client = clientClass(pkg);
    const names = [client, ...cmds].map((n) => `${n} as ${n}_${i}`);
    lines.push(`import { ${names.join(', ')} } from '${pkg}';`);
    if (pkg === '@aws-sdk/lib-dynamodb') {
      if (!hasLowLevel) lines.push(`import { DynamoDBClient as DynamoDBClient_ll } from '@aws-sdk/client-dynamodb';`);
      made.push(`${client}_${i}.from(new ${hasLowLevel ? `DynamoDBClient_${[...use.keys()].indexOf('@aws-sdk/client-dynamodb')}` : 'DynamoDBClient_ll'}({}))`);
    } else {
      made.push(`new ${client}_${i}({})`);
    }
    commands.push(...[...cmds].map((c) => `${c}_${i}`));
    i++;
  }
  lines.push(`export const clients = [${made.join(', ')}];`, `export const commands = [${commands.join(', ')}];`);
  return lines.join('\n');
}

/**
 * Milliseconds of CPU (user + system) that `import()` of the file takes in a fresh Node process,
 * startup excluded. CPU time rather than wall time: the machine is shared, and a neighbour's load
 * stretches wall time by several times while it barely moves the work the import itself does.
 */
function coldImportMs(file: string, flags: string[] = []): number {
  const script = `const c = process.cpuUsage(); await import(${JSON.stringify(pathToFileURL(file).href)}); const d = process.cpuUsage(c); console.log((d.user + d.system) / 1000);`;
  try {
    const out = execFileSync(node, [...flags, '--input-type=module', '-e', script], { env: handlerEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return Number(out.trim().split('\n').pop());
  } catch (e) {
    const stderr = String((e as { stderr?: string }).stderr ?? e);
    const reason = stderr.split('\n').find((l) => /Error/.test(l)) ?? stderr.slice(0, 200);
    throw new Error(`importing ${path.basename(file)} failed: ${reason.slice(0, 300)}`);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Cold import times of two files, measured in pairs: each run imports both, back to back, in alternating order
 * (so that neither always runs first). Returns the median time of each and the median of the per-pair ratios:
 * a neighbour's load on the shared machine stretches both imports of a pair alike, so the ratio of a pair
 * moves far less with the load than either time, and than the ratio of the two medians (taken at different moments).
 */
function pairedImport(a: string, b: string, runs: number, flagsA: string[] = [], flagsB: string[] = []): { a: number; b: number; ratio: number } {
  const ta: number[] = [];
  const tb: number[] = [];
  const ratios: number[] = [];
  coldImportMs(a, flagsA); // warm the file cache once; not counted
  coldImportMs(b, flagsB);
  for (let r = 0; r < runs; r++) {
    let x: number;
    let y: number;
    if (r % 2 === 0) {
      x = coldImportMs(a, flagsA);
      y = coldImportMs(b, flagsB);
    } else {
      y = coldImportMs(b, flagsB);
      x = coldImportMs(a, flagsA);
    }
    ta.push(x);
    tb.push(y);
    ratios.push(x / y);
  }
  return { a: median(ta), b: median(tb), ratio: median(ratios) };
}

/** 25 pairs by default: with 11, the same api bundle measured 1.17 and 1.30 an hour apart on this shared machine; with 25, 1.22 twice. */
export async function bundleSizes({ runs = Number(process.env.BENCH_IMPORT_RUNS ?? 25), only }: { runs?: number; only?: string[] } = {}): Promise<BundleRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'thidua-bundles-'));
  try {
    const rows: BundleRow[] = [];
    for (const [name, spec] of Object.entries(functions)) {
      if (only && !only.includes(name)) continue;
      const outfile = path.join(dir, `${name}.mjs`);
      const out = await build({ ...bundleSettings, entryPoints: [path.join(root, spec.entry)], outfile, metafile: true, write: false });
      const code = out.outputFiles![0]!.contents;
      writeFileSync(outfile, code);
      const own = sdkUse(out.metafile!);
      // A function that calls no AWS service (the API document's) has no SDK-only bundle to be weighed against: it is
      // weighed against the lightest one a function behind the same API has, the DynamoDB document client's.
      const use = own.size
        ? own
        : new Map([
            ['@aws-sdk/client-dynamodb', new Set<string>()],
            ['@aws-sdk/lib-dynamodb', new Set<string>()],
          ]);
      const inBundle = Object.values(out.metafile!.outputs)[0]!.inputs;
      const holds = (dir: string) => Object.entries(inBundle).some(([f, i]) => f.includes(`node_modules/zod/v4/${dir}/`) && i.bytesInOutput > 0);
      const zod = holds('classic') ? 'classic' : holds('mini') ? 'mini' : 'none';
      const baselineFile = path.join(dir, `${name}.sdk.mjs`);
      const base = await build({
        ...bundleSettings,
        stdin: { contents: baselineSource(use), resolveDir: root, sourcefile: `${name}-sdk-only.mjs`, loader: 'js' },
        outfile: baselineFile,
        write: false,
      });
      const baseCode = base.outputFiles![0]!.contents;
      writeFileSync(baselineFile, baseCode);
      const paired = pairedImport(outfile, baselineFile, runs);
      rows.push({
        function: name,
        bytes: code.byteLength,
        gzipBytes: gzipSync(code).byteLength,
        baselineBytes: baseCode.byteLength,
        sdk: own.size ? [...own.keys()].map((p) => p.replace('@aws-sdk/', '')) : ['(none; baseline: client-dynamodb lib-dynamodb)'],
        zod,
        importMs: paired.a,
        baselineMs: paired.b,
        ratio: paired.ratio,
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What `--enable-source-maps` (set by the stack when it ships source maps) costs at a cold import:
 * the function built with an external source map, imported with and without the flag.
 */
export async function sourceMapCost(name: string, runs = Number(process.env.BENCH_IMPORT_RUNS ?? 11)) {
  const dir = mkdtempSync(path.join(tmpdir(), 'thidua-sourcemap-'));
  try {
    const spec = functions[name as keyof typeof functions];
    const outfile = path.join(dir, `${name}.mjs`);
    const out = await build({ ...bundleSettings, entryPoints: [path.join(root, spec.entry)], outfile, sourcemap: true, write: false });
    let mapBytes = 0;
    for (const f of out.outputFiles!) {
      writeFileSync(f.path, f.contents);
      if (f.path.endsWith('.map')) mapBytes = f.contents.byteLength;
    }
    const paired = pairedImport(outfile, outfile, runs, ['--enable-source-maps'], []);
    return { function: name, mapBytes, withMapsMs: paired.a, withoutMs: paired.b, ratio: paired.ratio };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The table `npm run bench` prints; the goals are issue 9's: ≤ 400 KB and ≤ 1.25 × the SDK-only import. */
export function bundleTable(rows: BundleRow[]) {
  return rows.map((r) => ({
    function: r.function,
    minified: kb(r.bytes),
    gzip: kb(r.gzipBytes),
    'SDK clients': r.sdk.join(' ') || '(none)',
    zod: r.zod,
    'SDK-only bundle': kb(r.baselineBytes),
    'import (CPU ms)': r.importMs.toFixed(1),
    'SDK-only import (CPU ms)': r.baselineMs.toFixed(1),
    ratio: r.ratio.toFixed(2),
    '≤ 400 KB': r.bytes <= 400 * 1024 ? 'yes' : 'NO',
    '≤ 1.25×': r.ratio <= 1.25 ? 'yes' : 'NO',
  }));
}

// `tsx bench/bundle-size.ts [function…]`: this section of the bench alone.
if (require.main === module) {
  (async () => {
    const only = process.argv.slice(2);
    const rows = await bundleSizes(only.length ? { only } : {});
    console.table(bundleTable(rows));
    if (process.env.BENCH_SOURCE_MAPS !== '0') console.table([await sourceMapCost(only[0] ?? 'api')]);
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
