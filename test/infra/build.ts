import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, type CfnElement, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { ThiduaStack, readConfig } from '../../infra/stack';

const root = path.join(__dirname, '..', '..');
/** cdk.json's feature flags: a fresh App does not read cdk.json, so they are passed in. */
export const cdkContext: Record<string, unknown> = JSON.parse(readFileSync(path.join(root, 'cdk.json'), 'utf8')).context;

export interface BuildOptions {
  context?: Record<string, unknown>;
  /** Register cdk-nag's AwsSolutionsChecks on the app, as infra/app.ts does. */
  nag?: boolean;
  outdir?: string;
}

/**
 * The stack as infra/app.ts builds it, without bundling (`aws:cdk:bundling-stacks: []`) and without
 * the built-in CloudFormation validation (about 4.5 s per synth), and with configuration from
 * context only (an empty environment), so tests do not depend on the shell.
 */
export function buildStack(opts: BuildOptions = {}) {
  const app = new App({
    builtinCloudFormationValidation: false,
    outdir: opts.outdir,
    context: { ...cdkContext, 'aws:cdk:bundling-stacks': [], ...opts.context },
  });
  if (opts.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  const stack = new ThiduaStack(app, 'ThiduaTest', { config: readConfig(app) });
  /** The logical id of a construct's CloudFormation resource. */
  const logicalId = (c: IConstruct) => stack.getLogicalId((c.node.defaultChild ?? c) as CfnElement);
  return { app, stack, logicalId };
}
