/**
 * The deploy pipeline: the GitHub Actions workflows (parsed, their structure, every command they
 * call exists) and the OIDC role they assume (infra/constructs/github-deploy-role.ts).
 */
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { acknowledgements } from '../../infra/constructs/nag';
import { BOOTSTRAP_ROLES, DeployRoleStack, readDeployRoleConfig } from '../../infra/constructs/github-deploy-role';
import { stackNameOf } from '../../infra/stack';
import { cdkContext } from './build';

// js-yaml is not a direct dependency: it comes with jest (@istanbuljs/load-nyc-config), so it is
// there whenever these tests run. Version 3, without type declarations: its one call is typed here.
const yaml: { load(text: string): unknown } = require('js-yaml');

const root = path.join(__dirname, '..', '..');
const workflowDir = path.join(root, '.github', 'workflows');
const scripts: Record<string, string> = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  name?: string;
}
interface Job {
  'runs-on': string;
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: { push?: { branches?: string[]; tags?: string[] } };
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const files = readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f));
const workflows = files.map((f) => ({ file: f, wf: yaml.load(readFileSync(path.join(workflowDir, f), 'utf8')) as Workflow }));
const allSteps = workflows.flatMap(({ file, wf }) => Object.entries(wf.jobs).flatMap(([job, j]) => j.steps.map((step) => ({ file, job, step }))));

/** The shell commands of a `run:` (one per line, `>-` folding already joined by the parser). */
const commandsOf = (run: string) =>
  run
    .split(/\n|&&|;/)
    .map((c) => c.trim())
    .filter((c) => c && !c.startsWith('#'));

describe('the GitHub Actions workflows', () => {
  it('exist and parse, each with a name, triggers and jobs that run on GitHub-hosted runners', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const { file, wf } of workflows) {
      expect({ file, name: typeof wf.name }).toEqual({ file, name: 'string' });
      expect(wf.on).toBeDefined();
      expect(Object.keys(wf.jobs).length).toBeGreaterThan(0);
      for (const [name, job] of Object.entries(wf.jobs)) {
        expect({ file, name, runsOn: job['runs-on'] }).toEqual({ file, name, runsOn: 'ubuntu-latest' });
        expect(job.steps.length).toBeGreaterThan(0);
        // A job waits only on jobs of its own workflow.
        for (const need of [job.needs ?? []].flat()) expect(Object.keys(wf.jobs)).toContain(need);
        // Each step either runs a command or uses an action, never both, never neither.
        for (const step of job.steps) expect([step.run, step.uses].filter((x) => x !== undefined)).toHaveLength(1);
      }
    }
  });

  it('one workflow tests every push and deploys on a v* tag, after the tests, with an OIDC role', () => {
    const ci = workflows.filter(({ wf }) => wf.on.push && Object.values(wf.jobs).some((j) => j.steps.some((s) => s.run?.trim() === '.ci/run')));
    expect(ci).toHaveLength(1);
    const { wf } = ci[0]!;
    expect(wf.on.push!.branches).toEqual(['**']);
    expect(wf.on.push!.tags).toEqual(['v*']);
    // Least privilege by default: the workflow-wide token reads the repository, nothing more.
    expect(wf.permissions).toEqual({ contents: 'read' });

    const [testJob] = Object.entries(wf.jobs).find(([, j]) => j.steps.some((s) => s.run?.trim() === '.ci/run'))!;
    expect(wf.jobs[testJob]!.if).toBeUndefined();

    const deploys = Object.entries(wf.jobs).filter(([, j]) => j.steps.some((s) => s.run && /\bcdk deploy\b/.test(s.run)));
    expect(deploys).toHaveLength(1);
    const [, deploy] = deploys[0]!;
    expect(deploy.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect([deploy.needs].flat()).toContain(testJob);
    expect(deploy.permissions).toEqual({ contents: 'read', 'id-token': 'write' });

    const credentials = deploy.steps.findIndex((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    const cdkDeploy = deploy.steps.findIndex((s) => s.run && /\bcdk deploy\b/.test(s.run));
    expect(credentials).toBeGreaterThanOrEqual(0);
    expect(credentials).toBeLessThan(cdkDeploy);
    const inputs = deploy.steps[credentials]!.with!;
    expect(inputs['role-to-assume']).toMatch(/^\$\{\{ vars\.AWS_DEPLOY_ROLE_ARN \}\}$/);
    expect(inputs['aws-region']).toBeDefined();
    // No long-lived keys anywhere.
    for (const { step } of allSteps) {
      for (const key of Object.keys({ ...step.with, ...step.env })) expect(key).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/);
    }
    expect(readFileSync(path.join(workflowDir, ci[0]!.file), 'utf8')).not.toMatch(/secrets\.AWS/);
  });

  it('deploys the stack the app names for -c environment=prod', () => {
    const run = allSteps.map(({ step }) => step.run ?? '').find((r) => /\bcdk deploy\b/.test(r))!;
    const [, stackName] = /cdk deploy (\S+)/.exec(run)!;
    expect(run).toContain('-c environment=prod');
    expect(run).toContain('--require-approval never');
    expect(stackName).toBe(stackNameOf(new App({ context: { environment: 'prod' } })));
  });

  it('every `npm run X` / `npm test` it calls is a script of package.json, every file it runs exists and is executable', () => {
    const called: string[] = [];
    for (const { step } of allSteps) {
      for (const command of commandsOf(step.run ?? '')) {
        const [program, ...args] = command.split(/\s+/);
        if (program === 'npm' && (args[0] === 'run' || args[0] === 'run-script')) called.push(args[1]!);
        else if (program === 'npm' && args[0] === 'test') called.push('test');
        else if (program === 'npm') expect(['ci', 'install']).toContain(args[0]);
        else if (program === 'npx') expect(['cdk', 'tsx', 'jest', 'tsc']).toContain(args[0]);
        else if (program!.includes('/')) {
          const file = path.join(root, program!);
          expect({ file: program, exists: existsSync(file) }).toEqual({ file: program, exists: true });
          expect(() => accessSync(file, constants.X_OK)).not.toThrow();
        } else throw new Error(`a command the test does not know how to check: ${command}`);
      }
    }
    for (const script of called) expect(Object.keys(scripts)).toContain(script);
    // .ci/run itself calls `npm test`.
    expect(readFileSync(path.join(root, '.ci', 'run'), 'utf8')).toMatch(/\bnpm test\b/);
    expect(scripts.test).toBeDefined();
  });

  it('every action is taken at a version, not a moving branch', () => {
    const uses = allSteps.flatMap(({ step }) => (step.uses ? [step.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w-]+\/[\w-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
  });
});

describe('the pipeline role (ThiduaDeployRole)', () => {
  const build = (context: Record<string, unknown> = {}, nag = false, outdir?: string) => {
    const app = new App({ builtinCloudFormationValidation: false, outdir, context: { ...cdkContext, githubRepo: 'org/thidua', ...context } });
    if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
    const stack = new DeployRoleStack(app, 'ThiduaDeployRole', { config: readDeployRoleConfig(app) });
    return { app, stack, template: Template.fromStack(stack) };
  };
  const { template } = build();
  const roles = template.findResources('AWS::IAM::Role');

  it('creates GitHub’s OIDC provider for the audience sts.amazonaws.com', () => {
    template.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] });
  });

  it('trusts only web identities of that provider, for the repository’s v* tags', () => {
    expect(Object.keys(roles)).toHaveLength(1);
    const [role] = Object.values(roles) as { Properties: { AssumeRolePolicyDocument: { Statement: unknown[] }; MaxSessionDuration: number } }[];
    expect(role!.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        // Ref of an AWS::IAM::OIDCProvider is its ARN.
        Principal: { Federated: { Ref: expect.stringMatching(/Provider/) } },
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:org/thidua:ref:refs/tags/v*'] },
        },
      },
    ]);
    expect(role!.Properties.MaxSessionDuration).toBe(3600);
  });

  it('the tags the role trusts are the tags the workflow deploys on', () => {
    const tags = workflows.flatMap(({ wf }) => wf.on.push?.tags ?? []);
    expect(readDeployRoleConfig(new App({ context: { githubRepo: 'org/thidua' } })).refs).toEqual(tags.map((t) => `refs/tags/${t}`));
  });

  it('may assume the CDK bootstrap roles tagged as such, and nothing else', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: unknown[] } } }[];
    expect(policies).toHaveLength(1);
    const arn = (kind: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:role/cdk-*-${kind}-role-`, { Ref: 'AWS::AccountId' }, '-*']],
    });
    expect(policies[0]!.Properties.PolicyDocument.Statement).toEqual([
      {
        Sid: 'AssumeCdkBootstrapRoles',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: ['deploy', 'file-publishing', 'lookup'].map(arn),
        Condition: { StringEquals: { 'iam:ResourceTag/aws-cdk:bootstrap-role': [...BOOTSTRAP_ROLES] } },
      },
    ]);
    // No managed policies on the role itself.
    for (const r of Object.values(roles) as { Properties: Record<string, unknown> }[]) {
      expect(r.Properties.ManagedPolicyArns).toBeUndefined();
      expect(r.Properties.Policies).toBeUndefined();
    }
  });

  it('outputs the role ARN for the repository variable', () => {
    template.hasOutput('DeployRoleArn', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('Role'), 'Arn'] } });
  });

  it('reuses an existing provider by ARN, and takes other refs from deployRefs', () => {
    const arn = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const { template: t } = build({ githubOidcProviderArn: arn, deployRefs: 'refs/tags/v*, refs/heads/release' });
    t.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Federated: arn },
            Condition: Match.objectLike({ StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:org/thidua:ref:refs/tags/v*', 'repo:org/thidua:ref:refs/heads/release'] } }),
          }),
        ],
      },
    });
  });

  it('refuses a configuration that would trust the wrong thing', () => {
    const cfg = (context: Record<string, unknown>) => () => readDeployRoleConfig(new App({ context }));
    expect(cfg({})).toThrow(/githubRepo must be the repository as owner\/name/);
    expect(cfg({ githubRepo: 'org/*' })).toThrow(/githubRepo/);
    expect(cfg({ githubRepo: 'org/thidua', deployRefs: '*' })).toThrow(/deployRefs: "\*" is not a git ref/);
    expect(cfg({ githubRepo: 'org/thidua', githubOidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/example.com' })).toThrow(/githubOidcProviderArn/);
  });

  it('acknowledges only the three bootstrap-role wildcards, each by its exact finding and with its own reason', () => {
    const { stack } = build();
    const acks = acknowledgements(stack);
    expect(acks.map((a) => a.id).sort()).toEqual(
      ['deploy', 'file-publishing', 'lookup'].map((r) => `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-*-${r}-role-<AWS::AccountId>-*]`),
    );
    for (const a of acks) expect(a.reason.length).toBeGreaterThanOrEqual(80);
    expect(new Set(acks.map((a) => a.reason)).size).toBe(acks.length);
  });

  it('passes cdk-nag with every acknowledgement scoped to the role and explained', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'thidua-deployrole-'));
    try {
      const { app } = build({}, true, dir);
      expect(() => app.synth()).not.toThrow();
      const report = JSON.parse(readFileSync(path.join(dir, 'validation-report.json'), 'utf8')) as {
        pluginReports: { pluginName: string; conclusion: string; violations: unknown[]; suppressedViolations?: { ruleName: string; acknowledgedAt: string }[] }[];
      };
      const nag = report.pluginReports.find((p) => p.pluginName === 'AwsSolutions')!;
      expect(nag.conclusion).toBe('success');
      expect(nag.violations).toEqual([]);
      for (const s of nag.suppressedViolations ?? []) expect(s.acknowledgedAt).toMatch(/^ThiduaDeployRole\/GithubDeploy\/Role/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
