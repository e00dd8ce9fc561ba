/**
 * `npm run login -- --local` against the twin this suite started: the command itself, as an
 * operator runs it, gives a token the API accepts, stored readable by its owner only.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { apiUrl, call } from './client';

const run = promisify(execFile);
const root = path.join(__dirname, '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'thidua-login-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The script as `npm run login` runs it (tsx), pointed at this suite's twin. */
const login = (...args: string[]) =>
  run(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'login.ts'), '--local', ...args], { cwd: root, env: { ...process.env, API_URL: apiUrl() } });

describe('npm run login -- --local', () => {
  it('stores a token of the twin’s identity provider that the API accepts, with the groups asked for', async () => {
    const file = path.join(dir, 'token');
    const { stderr } = await login('--groups', 'admin', '--out', file);
    expect(stderr).toContain(`ID token saved to ${file} (mode 0600)`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = readFileSync(file, 'utf8').trim();
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims['cognito:groups']).toEqual(['admin']);
    expect((await call('GET', '/campaigns', { token })).status).toBe(200);
    expect((await call('GET', '/campaigns')).status).toBe(401);
  });

  it('--print gives the token on stdout, for a unit with its unit id', async () => {
    const { stdout } = await login('--groups', 'unit', '--unit-id', 'TTDV', '--sub', 'reporter-1', '--out', path.join(dir, 't2'), '--print');
    const claims = JSON.parse(Buffer.from(stdout.trim().split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ sub: 'reporter-1', 'cognito:groups': ['unit'], 'custom:unitId': 'TTDV' });
    // A unit's reporter may read the units, and not create a campaign.
    expect((await call('GET', '/units', { token: stdout.trim() })).status).toBe(200);
    expect((await call('POST', '/campaigns', { token: stdout.trim(), body: {} })).status).toBe(403);
  });
});
