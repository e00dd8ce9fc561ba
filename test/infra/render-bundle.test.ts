import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { bundleSettings } from '../../bench/bundle-size';
import { esmDirnameBanner, esmRequireBanner } from '../../infra/constructs/thidua-function';
import { functions } from '../../infra/wiring';

/**
 * The renderer as Lambda runs it: an ESM bundle built with the stack's settings and its assets banner, the fonts copied
 * beside it from the wiring's list, the variable the stack sets pointing there, and node_modules out of reach. It must
 * render a letter whose text keeps its diacritics. (CDK's own bundling runs the same copy as an afterBundling hook.)
 */
const root = path.join(__dirname, '..', '..');

describe('the renderer’s bundle', () => {
  let dir: string;
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('renders a PDF from the bundle alone, with the fonts the wiring copies beside it', async () => {
    const spec = functions.renderDocument;
    dir = mkdtempSync(path.join(tmpdir(), 'render-bundle-'));
    // An entry that renders one of the sample documents (every builder's output goes through the same renderer).
    const entry = path.join(root, 'test/infra/.render-entry.ts');
    writeFileSync(
      entry,
      "import { renderPdf } from '../../shared/documents/pdf';\nimport { samples } from '../unit/documents/samples';\n" +
        "export const render = async () => Buffer.from(await renderPdf(samples()['launch-letter']!, { createdAt: new Date('2026-01-10T00:00:00Z') })).toString('base64');\n",
    );
    try {
      await build({ ...bundleSettings, entryPoints: [entry], outfile: path.join(dir, 'index.mjs'), banner: { js: `${esmRequireBanner} ${esmDirnameBanner}` } });
    } finally {
      rmSync(entry, { force: true });
    }
    mkdirSync(path.join(dir, spec.assets.folder));
    for (const f of spec.assets.files) copyFileSync(path.join(root, f), path.join(dir, spec.assets.folder, path.basename(f)));

    const script = `const m = await import('./index.mjs'); process.stdout.write(await m.render());`;
    const out = execFileSync(path.join(root, 'node_modules/.bin/node'), ['--input-type=module', '-e', script], {
      cwd: dir,
      // Nothing but the bundle's folder: no node_modules to fall back on.
      env: { PATH: process.env.PATH ?? '', [spec.assets.variable]: path.join(dir, spec.assets.folder) },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const pdf = Buffer.from(out, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The four faces are subset and embedded under Tinos' name (shared/documents/fonts.ts).
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos/);
    expect(readFileSync(path.join(dir, spec.assets.folder, 'Tinos_400Regular.ttf')).length).toBeGreaterThan(100_000);
  });
});
