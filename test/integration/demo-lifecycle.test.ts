/**
 * `npm run demo:lifecycle` against the twin this suite started, as a person runs it: the script itself ends well, and
 * what it tells happened in the API: three agencies made by the platform operator, a department's Bằng khen proposed,
 * forwarded to the province, awarded there, and the province's result mailed to the department.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { apiUrl, call, eventually, sentEmails, sesUrl } from './client';

const run = promisify(execFile);
const root = path.join(__dirname, '..', '..');

async function token(sub: string, groups: string[], agencyId?: string): Promise<string> {
  const res = await call<{ token: string }>('POST', '/local/token', { body: { sub, groups, ...(agencyId ? { agencyId } : {}) } });
  return res.body.token;
}

describe('npm run demo:lifecycle', () => {
  it('a province and two departments: the department’s proposal goes up, the province awards it and mails the department', async () => {
    const { stdout } = await run(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'demo-lifecycle.ts')], {
      cwd: root,
      env: { ...process.env, API_URL: apiUrl(), SES_URL: sesUrl() },
      timeout: 150_000,
    });
    // The story as printed: the Sở's Council votes the Bằng khen, which comes out proposed, then awarded by the province.
    expect(stdout).toMatch(/Đề nghị cấp trên xét tặng\s+Vi Thị Hồng\s+Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh/);
    expect(stdout).toMatch(/Trình Vi Thị Hồng, Bằng khen/);
    expect(stdout).toContain(`${sesUrl()}/`);

    // The agencies it made, read back as the platform operator.
    const mark = /lang-son-([a-z0-9]+)/.exec(stdout)?.[1];
    expect(mark).toBeDefined();
    const platform = await token('demo-check-platform', ['platform']);
    const agencies = (await call<{ items: { id: string; level: string; parentAgencyId?: string }[] }>('GET', '/agencies', { token: platform })).body.items;
    const mine = agencies.filter((a) => a.id.endsWith(`-${mark}`)).map((a) => [a.id, a.level, a.parentAgencyId ?? null]);
    expect(mine.sort()).toEqual([
      [`lang-son-${mark}`, 'province', null],
      [`so-ngoai-vu-${mark}`, 'department', `lang-son-${mark}`],
      [`so-tu-phap-${mark}`, 'department', `lang-son-${mark}`],
    ]);

    // The province's campaign holds the forwarded nomination with its origin, and awarded it.
    const province = await token('demo-check-province', ['admin'], `lang-son-${mark}`);
    const campaigns = (await call<{ items: { id: string }[] }>('GET', '/campaigns', { token: province })).body.items;
    expect(campaigns).toHaveLength(1);
    const campaignId = campaigns[0]!.id;
    const nominations = (
      await call<{ items: { nominee: { name: string }; origin?: { agencyId: string; vote?: { passed: boolean } } }[] }>('GET', `/campaigns/${campaignId}/nominations`, { token: province })
    ).body.items;
    expect(nominations.map((n) => [n.nominee.name, n.origin?.agencyId, n.origin?.vote?.passed])).toEqual([['Vi Thị Hồng', `so-ngoai-vu-${mark}`, true]]);
    const results = (await call<{ outcomes: { title: string; outcome: string }[] }>('GET', `/campaigns/${campaignId}/results`, { token: province })).body;
    expect(results.outcomes.map((o) => [o.title, o.outcome])).toEqual([['BANG_KHEN_TINH', 'awarded']]);

    // The province's result reached the department's Office.
    const mails = await eventually('the province’s result mail', async () => {
      const found = (await sentEmails()).filter(
        (m) => m.destination.to.includes('vanthu.songoaivu@example.org') && (m.body.html ?? m.body.text ?? '').includes('Vi Thị Hồng') && /kết quả/i.test(m.subject),
      );
      return found.length ? found : undefined;
    });
    expect(mails.length).toBeGreaterThan(0);
  }, 180_000);
});
