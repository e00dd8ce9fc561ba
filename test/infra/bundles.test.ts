/**
 * Which zod each function's bundle holds (issue 9 "Lighter bundles"). Classic zod adds about 52 KB to a
 * bundle and its own module evaluation to every cold start; the input schemas are zod/mini
 * (shared/schemas/fields.ts), so a function holds classic zod only when something it imports is still
 * written in it. Each function is bundled as the stack bundles it (bench/bundle-size.ts's settings);
 * `npx tsx bench/bundle-size.ts` measures what it costs.
 */
import * as path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { bundleSettings } from '../../bench/bundle-size';
import { type FunctionName, functions } from '../../infra/wiring';

/**
 * The functions allowed to hold classic zod: none. Every schema is zod/mini (shared/schemas/fields.ts says why), the
 * OpenAPI generator included; a function that imports classic zod again fails here, naming itself.
 */
const CLASSIC_ALLOWED = new Set<FunctionName>([]);

const root = path.join(__dirname, '..', '..');
const names = Object.keys(functions) as FunctionName[];
const held = new Map<FunctionName, Set<'classic' | 'mini'>>();

/** The zod builds whose code is in the bundle (an input esbuild kept at least one byte of). */
function zodBuilds(metafile: Metafile): Set<'classic' | 'mini'> {
  const inputs = Object.values(metafile.outputs)[0]!.inputs;
  const out = new Set<'classic' | 'mini'>();
  for (const [file, input] of Object.entries(inputs)) {
    const m = /node_modules\/zod\/v4\/(classic|mini)\//.exec(file);
    if (m && input.bytesInOutput > 0) out.add(m[1] as 'classic' | 'mini');
  }
  return out;
}

beforeAll(async () => {
  for (const name of names) {
    const out = await build({ ...bundleSettings, entryPoints: [path.join(root, functions[name].entry)], outfile: `${name}.mjs`, metafile: true, write: false });
    held.set(name, zodBuilds(out.metafile!));
  }
}, 120_000);

describe('classic zod stays out of the functions that do not need it', () => {
  it.each(names.filter((n) => !CLASSIC_ALLOWED.has(n)))('%s holds no classic zod', (name) => {
    expect({ function: name, classic: held.get(name)!.has('classic') }).toEqual({ function: name, classic: false });
  });

  it('every function allowed classic zod still holds it (else drop it from the list)', () => {
    expect([...CLASSIC_ALLOWED].filter((name) => !held.get(name)!.has('classic'))).toEqual([]);
  });

  it('the scan sees zod/mini where a function parses with it', () => {
    // Every consumer of the table's events parses them with the mini DomainEvent (shared/schemas/events.ts).
    expect(held.get('onCampaignIssued')!.has('mini')).toBe(true);
  });
});
