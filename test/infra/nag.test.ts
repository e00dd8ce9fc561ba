/**
 * cdk-nag 3 (AwsSolutions) runs as a validation plugin during synth and throws on any finding that
 * is not acknowledged. The stack must synthesize with it, and every acknowledgement must be scoped
 * to the construct that causes it and say why.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { acknowledgements } from '../../infra/constructs/nag';
import { buildStack } from './build';

interface Report {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: unknown[];
    suppressedViolations?: { ruleName: string; reason: string; acknowledgedAt: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

const outdirs: string[] = [];
const outdir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'thidua-nag-'));
  outdirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of outdirs) rmSync(d, { recursive: true, force: true });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes: synth with the checks does not throw', () => {
    const dir = outdir();
    const { app } = buildStack({ nag: true, outdir: dir });
    expect(() => app.synth()).not.toThrow();

    const report: Report = JSON.parse(readFileSync(path.join(dir, 'validation-report.json'), 'utf8'));
    const nag = report.pluginReports.find((p) => p.pluginName === 'AwsSolutions')!;
    expect(nag).toBeDefined();
    expect(nag.conclusion).toBe('success');
    expect(nag.violations).toEqual([]);
    // Every suppressed finding was acknowledged on the resource itself or its owning construct,
    // never on the stack or the app.
    for (const s of nag.suppressedViolations ?? []) {
      expect(s.acknowledgedAt.split('/').length).toBeGreaterThan(1);
      for (const c of s.violatingConstructs) expect(c.constructPath.startsWith(`${s.acknowledgedAt}/`)).toBe(true);
    }
  });

  it('is really checking: an unacknowledged finding fails the synth', () => {
    const { app, stack } = buildStack({ nag: true, outdir: outdir() });
    new Queue(stack, 'Unreviewed'); // no DLQ, no TLS enforcement (SQS3, SQS4)
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS/);
  });

  it('every acknowledgement names a specific rule and a specific reason', () => {
    const { stack } = buildStack();
    const acks = acknowledgements(stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) {
      expect(a.path.startsWith(`${stack.node.path}/`)).toBe(true);
      expect(a.id).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      // IAM5 is acknowledged per finding (e.g. `[Resource::*]`), never as a whole rule.
      if (a.id.startsWith('AwsSolutions-IAM5')) expect(a.id).toMatch(/\[.+\]$/);
      expect(a.reason.length).toBeGreaterThanOrEqual(80);
    }
    // A reason explains one rule: no blanket sentence reused across rules.
    const rulesByReason = new Map<string, Set<string>>();
    for (const a of acks) rulesByReason.set(a.reason, (rulesByReason.get(a.reason) ?? new Set()).add(a.id));
    for (const [reason, ids] of rulesByReason) expect({ reason, rules: ids.size }).toEqual({ reason, rules: 1 });
  });
});
