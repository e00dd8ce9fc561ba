import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The layering rules of biome.json (docs/architecture.md "Layering") fail on planted violations.
 * The project's own biome.json is copied into a scratch folder beside planted files that mirror
 * the repository's layout, so the working tree is never touched, and the real configuration is
 * what is checked. Each planted file imports one thing; the clean ones are the control.
 */
const root = path.resolve(__dirname, '../..');
const biome = path.join(root, 'node_modules/.bin/biome');

const planted: Record<string, { source: string; restricted: boolean }> = {
  'shared/domain/sdk.ts': { source: '@aws-sdk/client-dynamodb', restricted: true },
  'shared/domain/powertools.ts': { source: '@aws-lambda-powertools/logger', restricted: true },
  'shared/domain/store.ts': { source: '../store/keys', restricted: true },
  'shared/domain/rules/deep-store.ts': { source: '../../store/client', restricted: true },
  'shared/domain/alias-store.ts': { source: '#shared/store/keys', restricted: true },
  'shared/domain/mail.ts': { source: '../mail/letter', restricted: true },
  'shared/domain/http.ts': { source: '../http/errors', restricted: true },
  'shared/domain/usecase.ts': { source: '../usecases/params', restricted: true },
  'shared/domain/schema.ts': { source: '../schemas/campaign', restricted: false },
  'shared/domain/sibling.ts': { source: './points', restricted: false },
  'shared/usecases/http.ts': { source: '../http/errors', restricted: true },
  'shared/usecases/lambda.ts': { source: 'aws-lambda', restricted: true },
  'shared/usecases/store.ts': { source: '../store/keys', restricted: false },
  'functions/sdk.ts': { source: '@aws-sdk/client-sesv2', restricted: true },
  'functions/adapter.ts': { source: '#shared/mail/ses', restricted: false },
};

let dir: string;
let restrictedFiles: string[];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'thidua-lint-'));
  const config = JSON.parse(readFileSync(path.join(root, 'biome.json'), 'utf8'));
  delete config.$schema; // a path into node_modules, which the scratch folder has not
  writeFileSync(path.join(dir, 'biome.json'), JSON.stringify(config));
  for (const [file, { source }] of Object.entries(planted)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), `import { planted } from '${source}';\nexport const use = planted;\n`);
  }
  // No git repository in the scratch folder: its ignore file cannot be read.
  const run = spawnSync(biome, ['lint', '--vcs-enabled=false', '--reporter=json', '.'], { cwd: dir, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { diagnostics: { category: string; location: { path: string | { file: string } } }[] };
  restrictedFiles = report.diagnostics.filter((d) => d.category === 'lint/style/noRestrictedImports').map((d) => (typeof d.location.path === 'string' ? d.location.path : d.location.path.file));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('import boundaries (biome noRestrictedImports)', () => {
  it.each(Object.entries(planted).map(([file, p]) => [file, p.source, p.restricted] as const))('%s importing %s: restricted %s', (file, _source, restricted) => {
    expect(restrictedFiles.includes(file)).toBe(restricted);
  });

  it('reports each violation once, and nothing else as a boundary violation', () => {
    const expected = Object.entries(planted)
      .filter(([, p]) => p.restricted)
      .map(([f]) => f);
    expect([...restrictedFiles].sort()).toEqual(expected.sort());
  });
});
