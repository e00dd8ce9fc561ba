import { createServer } from 'node:net';
import { type Accounts, smoke, twinAccounts, apiClient } from '../../scripts/smoke';
import { allItems, apiUrl, call, sentEmails } from './client';

/**
 * `npm run smoke` (scripts/smoke.ts) against this suite's twin, as an operator runs it against a stack: every step
 * passes, and what it claims is there (its agency, the letter in the SES emulator, its reporter disabled). Planted
 * failures make it fail at the step concerned, with a line that says why, and still clean up.
 */
const twin = () => ({ apiUrl: apiUrl(), name: 'twin', timeoutSeconds: 120 });

/** A loopback port nobody listens on: taken from the system, then released. */
const closedPort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

describe('npm run smoke against the twin', () => {
  it('passes every step, one ✓ line each: the letter mailed, the bounce and complaint suppressed, the reporter disabled; then removes its agency with all it wrote', async () => {
    const lines: string[] = [];
    const result = await smoke(twin(), { out: (l) => lines.push(l), pollMs: 200 });
    expect({ ok: result.ok, lines }).toEqual({ ok: true, lines: expect.any(Array) });
    expect(result.runId).toMatch(/^smoke-\d{14}$/);
    expect(result.steps.map((s) => s.label)).toEqual([
      'health',
      'the API document',
      'the platform operator signs in',
      `agency ${result.runId} created`,
      'its admin enrolled (POST /agencies/{id}/admins)',
      'its admin signs in',
      'its directory: a Nơi nhận group and a unit',
      'a reporter enrolled (POST /users)',
      'the reporter signs in',
      'a campaign created',
      'the campaign issued',
      'the letter mailed',
      'SES’s bounce and complaint recorded',
      'a report',
      'the standings',
      'a nomination',
      'nominations closed',
      'the proposal',
      'the council’s vote',
      'the results finalized',
      'the results',
      'the results mailed',
      'the reporter disabled (POST /users/{username}/disable)',
      'no dead letter of the run',
      `agency ${result.runId} removed (DELETE /agencies/{id})`,
      'cleanup',
    ]);
    // The first line names the target and the run, then one ✓ line per step with its time, then the verdict.
    expect(lines[0]).toContain(result.runId);
    expect(lines.slice(1, -1)).toHaveLength(result.steps.length);
    for (const line of lines.slice(1, -1)) expect(line).toMatch(/^✓ .+ \(\d+ ms\)$/);
    expect(lines.at(-1)).toMatch(/^smoke test passed: 26 steps in /);
    expect(lines.at(-1)).toContain(`agency ${result.runId} removed with its data`);

    // What the run claims, checked from outside it. The mail it sent is in the SES emulator.
    const mail = (await sentEmails()).filter((m) => m.destination.to.includes(`success+${result.runId}-office@simulator.amazonses.com`));
    expect(mail.some((m) => m.subject.includes(result.runId) || (m.body.html ?? m.body.text ?? '').includes(result.runId))).toBe(true);
    // The simulator's bounce and complaint addresses: the letter reached them, the results did not (the run's own steps
    // read their outbox rows: bounced and complained, then suppressed).
    const to = (outcome: string) => (m: { destination: { to: string[] } }) => m.destination.to.some((a) => a.startsWith(`${outcome}+${result.runId}-`));
    expect((await sentEmails()).filter(to('bounce')).length).toBe(1);
    expect((await sentEmails()).filter(to('complaint')).length).toBe(1);
    // And nothing of the run is left: not the agency, not an item of its partitions.
    const platform = (await call('POST', '/local/token', { body: { sub: 'smoke-checker', groups: ['platform'] } })).body.token;
    const agencies = await call('GET', '/agencies', { token: platform });
    expect(agencies.body.items.map((a: { id: string }) => a.id)).not.toContain(result.runId);
    const all = await allItems();
    expect(all.filter((i) => String(i.pk).startsWith(`AGENCY#${result.runId}#`)).map((i) => `${String(i.pk)} ${String(i.sk)}`)).toEqual([]);
    // The platform's record of it stays as a tombstone, marked removed (the purge may delete in its partitions only).
    expect(all.filter((i) => i.sk === `AGENCY#${result.runId}`)).toEqual([expect.objectContaining({ removedAt: expect.any(String) })]);
  }, 240_000);

  it('a wrong URL fails at the first step with a line that says why, and the run exits as failed', async () => {
    const nobody = `http://127.0.0.1:${await closedPort()}`;
    const lines: string[] = [];
    const result = await smoke({ ...twin(), apiUrl: nobody }, { out: (l) => lines.push(l) });
    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => [s.label, s.ok])).toEqual([
      ['health', false],
      ['cleanup', true],
    ]);
    expect(lines[1]).toMatch(new RegExp(`^✗ health — GET ${nobody}/health: no answer \\(.+\\) \\(\\d+ ms\\)$`));
    expect(lines.at(-1)).toMatch(/^smoke test FAILED at "health"/);

    // A server that answers, but is not this API's root.
    const wrongPath: string[] = [];
    const misplaced = await smoke({ ...twin(), apiUrl: `${apiUrl()}/v1` }, { out: (l) => wrongPath.push(l) });
    expect(misplaced.ok).toBe(false);
    expect(wrongPath[1]).toMatch(/^✗ health — GET \/health answered 404 \(expected 200\)/);
  });

  it('a step refused in the middle stops the run there, names the refusal, and the cleanup still runs', async () => {
    const api = apiClient(apiUrl());
    let cleaned = 0;
    const real = twinAccounts(api, 'planted');
    // The planted fault: the "platform" token is an agency admin's, which the agencies route refuses.
    const accounts: Accounts = {
      ...real,
      platform: async () => (await call('POST', '/local/token', { body: { sub: 'planted-admin', groups: ['admin'] } })).body.token,
      cleanup: async () => {
        cleaned++;
        return 'nothing to remove';
      },
    };
    const lines: string[] = [];
    const result = await smoke(twin(), { out: (l) => lines.push(l), accounts });
    expect(result.ok).toBe(false);
    const failed = result.steps.find((s) => !s.ok)!;
    expect(failed.label).toBe(`agency ${result.runId} created`);
    expect(failed.detail).toMatch(new RegExp(`^PUT /agencies/${result.runId} answered 403 \\(expected 200\\): auth\\.forbidden: `));
    expect(result.steps.at(-1)).toMatchObject({ label: 'cleanup', ok: true });
    expect(result.steps).toHaveLength(5);
    expect(cleaned).toBe(1);
    expect(lines.filter((l) => l.startsWith('✗'))).toHaveLength(1);
  });
});
