/**
 * README "Deploying", followed as a new operator would: every npm script, CDK command, stack name,
 * context key and stack output it names exists, and its table lists every context key the app
 * reads, with nothing else.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DeployRoleStack, readDeployRoleConfig } from '../../infra/constructs/github-deploy-role';
import { stackNameOf } from '../../infra/stack';
import { buildStack, cdkContext } from './build';

const root = path.join(__dirname, '..', '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const start = readme.indexOf('\n## Deploying\n');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const scripts: Record<string, string> = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;

/** The shell lines of the section's code blocks, with their `\` continuations joined. */
const shellLines = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
  m[1]!
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l && !l.startsWith('#')),
);
/** Every command in the section: the code blocks' lines and the inline `…` spans that start with npm/npx/git/aws. */
const commands = [...shellLines, ...[...section.matchAll(/`((?:npm|npx|git|aws) [^`]+)`/g)].map((m) => m[1]!)].map((c) => c.replace(/\s+/g, ' '));

/** Every context key the app reads: `tryGetContext('k')` and the stack's readers (`str('k'`, `ctx('k'`, …). */
const codeKeys = new Set(
  ['infra/stack.ts', 'infra/app.ts', 'infra/constructs/github-deploy-role.ts'].flatMap((f) =>
    [...readFileSync(path.join(root, f), 'utf8').matchAll(/\b(?:tryGetContext|str|ctx|list|certificate)\('([a-zA-Z]+)'/g)].map((m) => m[1]!),
  ),
);

describe('README "Deploying"', () => {
  it('has commands in code blocks (the parse is not empty)', () => {
    expect(shellLines.length).toBeGreaterThan(15);
    expect(codeKeys.size).toBeGreaterThan(15);
  });

  it('every npm run it names is a script of package.json', () => {
    const called = commands.flatMap((c) => [...c.matchAll(/\bnpm run (?:-s )?([\w:-]+)/g)].map((m) => m[1]!));
    expect(called).toEqual(expect.arrayContaining(['login', 'redrive']));
    for (const s of called) expect(Object.keys(scripts)).toContain(s);
  });

  it('every npx it runs is the CDK CLI, with a command it has, on a stack the app makes for that context', () => {
    const cdk = commands.filter((c) => c.startsWith('npx '));
    expect(cdk.length).toBeGreaterThanOrEqual(8);
    const checked: string[] = [];
    for (const c of cdk) {
      const [, tool, sub, target] = /^npx (\S+) (\S+)(?: (\S+))?/.exec(c)!;
      expect(tool).toBe('cdk');
      expect(['bootstrap', 'synth', 'deploy', 'diff', 'import', 'rollback']).toContain(sub);
      if (!['deploy', 'diff', 'import', 'rollback'].includes(sub!) || !target || target.startsWith('-')) continue;
      const context = Object.fromEntries([...c.matchAll(/-c (\w+)=("[^"]*"|\S+)/g)].map((m) => [m[1]!, m[2]!.replace(/^"|"$/g, '')]));
      // The name the app gives the stack for the context on the same line (a rollback names a deployed stack).
      const names = [stackNameOf(new App({ context: sub === 'rollback' ? { environment: 'prod' } : context })), ...(context.githubRepo ? ['ThiduaDeployRole'] : [])];
      expect({ command: c, stacks: names }).toEqual({ command: c, stacks: expect.arrayContaining([target]) });
      checked.push(target!);
    }
    expect(new Set(checked)).toEqual(new Set(['Thidua-dev', 'Thidua-prod', 'ThiduaDeployRole', 'Thidua-restored']));
  });

  it('every -c key it passes is read by the app', () => {
    const passed = commands.flatMap((c) => [...c.matchAll(/-c (\w+)=/g)].map((m) => m[1]!));
    expect(passed.length).toBeGreaterThan(5);
    for (const k of passed) expect(codeKeys).toContain(k);
  });

  it('its table lists exactly the context keys the app reads', () => {
    const tableStart = section.indexOf('| context key |');
    expect(tableStart).toBeGreaterThan(0);
    const rows = section
      .slice(tableStart)
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .slice(2);
    const listed = rows.flatMap((r) => [...r.split('|')[1]!.matchAll(/`(\w+)`/g)].map((m) => m[1]!));
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...codeKeys].sort());
  });

  it('every stack output it names exists in a template (with the optional domains and the pipeline role on)', () => {
    const { stack } = buildStack({
      context: {
        apiDomainName: 'api.x.gov.vn',
        apiCertificateArn: 'arn:aws:acm:ap-southeast-1:123456789012:certificate/abc',
        authDomainName: 'login.x.gov.vn',
        authCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/def',
        authCallbackUrls: 'https://x.gov.vn/',
      },
    });
    const prefixed = buildStack({ context: { authDomainPrefix: 'thidua-x', authCallbackUrls: 'https://x.gov.vn/' } }).stack;
    const roleApp = new App({ context: { ...cdkContext, githubRepo: 'org/thidua' } });
    const role = new DeployRoleStack(roleApp, 'ThiduaDeployRole', { config: readDeployRoleConfig(roleApp) });
    const outputs = new Set([stack, prefixed, role].flatMap((s) => Object.keys(Template.fromStack(s).toJSON().Outputs)));

    const named = [
      ...[...section.matchAll(/OutputKey=='(\w+)'/g)].map((m) => m[1]!),
      // "the output `X`", "outputs `X` and `Y`", "output `X` for …"
      ...[...section.matchAll(/outputs? ((?:`[A-Z]\w+`(?:,? (?:and )?)?)+)/g)].flatMap((m) => [...m[1]!.matchAll(/`(\w+)`/g)].map((n) => n[1]!)),
      ...[...section.matchAll(/`([A-Z]\w+)` output/g)].map((m) => m[1]!),
      ...[...section.matchAll(/# outputs (\w+)/g)].map((m) => m[1]!),
    ];
    expect(named).toEqual(expect.arrayContaining(['UserPoolId', 'ApiUrl', 'TableName', 'AlarmTopicArn', 'DeployRoleArn', 'ApiDomainTarget', 'LoginUrl', 'LoginDomainTarget']));
    for (const o of named) expect(outputs).toContain(o);
  });

  it('the repository variables it names are the ones the workflow reads', () => {
    const workflow = readFileSync(path.join(root, '.github', 'workflows', 'ci.yml'), 'utf8');
    const used = new Set([...workflow.matchAll(/\$\{\{ vars\.(\w+) \}\}/g)].map((m) => m[1]!));
    const named = ['AWS_DEPLOY_ROLE_ARN', 'AWS_REGION', 'MAIL_FROM', 'CDK_CONTEXT'];
    for (const v of named) expect(section).toContain(`\`${v}\``);
    expect([...used].sort()).toEqual([...named].sort());
  });
});
