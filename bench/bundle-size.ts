import { build } from 'esbuild';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { functions } from '../infra/wiring';
import { root } from './twin-process';

/** Each function bundled the way the stack bundles it (ESM, minified, SDK included), measured in memory. */
export async function bundleSizes() {
  const rows: { function: string; bytes: number; gzipBytes: number }[] = [];
  for (const [name, spec] of Object.entries(functions)) {
    const out = await build({
      entryPoints: [path.join(root, spec.entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      minify: true,
      mainFields: ['module', 'main'],
      write: false,
      logLevel: 'silent',
      absWorkingDir: root,
    });
    const code = out.outputFiles[0]!.contents;
    rows.push({ function: name, bytes: code.byteLength, gzipBytes: gzipSync(code).byteLength });
  }
  return rows;
}
