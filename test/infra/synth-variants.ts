/**
 * Synthesizes the app in three configurations for CloudFormation's resource schemas
 * (`../shared/tools/cfn-validate.mjs`, which needs ajv outside the project: see its header):
 * `off` (the defaults), `on` (prod, the API's custom domain, the managed login on a Cognito prefix,
 * the pipeline role with its OIDC provider) and `custom` (dev, the managed login on an own domain,
 * a fixed table name, the pipeline role with an existing provider). Without bundling, with cdk-nag.
 *
 *   npx tsx test/infra/synth-variants.ts /tmp/cfn-out
 *   node ../shared/tools/cfn-validate.mjs /tmp/cfn-out/<variant>/<stack>.template.json ../shared/tools/cfn-schemas   # each of the five
 */
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DeployRoleStack, readDeployRoleConfig } from '../../infra/constructs/github-deploy-role';
import { ThiduaStack, readConfig, stackNameOf } from '../../infra/stack';
import { cdkContext } from './build';

export const variants: Record<string, Record<string, unknown>> = {
  off: {},
  on: {
    environment: 'prod',
    apiDomainName: 'api.thidua.example.gov.vn',
    apiCertificateArn: 'arn:aws:acm:ap-southeast-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
    authDomainPrefix: 'thidua-langson',
    authCallbackUrls: 'https://thidua.example.gov.vn/callback',
    githubRepo: 'org/thidua',
  },
  custom: {
    environment: 'dev',
    tableName: 'thidua-restored-20261201',
    authDomainName: 'login.thidua.example.gov.vn',
    authCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000',
    authCallbackUrls: 'https://thidua.example.gov.vn/callback',
    githubRepo: 'org/thidua',
    githubOidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
  },
};

if (require.main === module) {
  const outRoot = process.argv[2] ?? path.join('cdk.out', 'variants');
  for (const [name, context] of Object.entries(variants)) {
    const app = new App({ outdir: path.join(outRoot, name), context: { ...cdkContext, 'aws:cdk:bundling-stacks': [], ...context } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
    new ThiduaStack(app, stackNameOf(app), { config: readConfig(app) });
    if (app.node.tryGetContext('githubRepo')) new DeployRoleStack(app, 'ThiduaDeployRole', { config: readDeployRoleConfig(app) });
    app.synth();
    console.log(
      `${name}: ${app.node.children
        .filter((c) => c instanceof Stack)
        .map((c) => c.node.id)
        .join(', ')} → ${path.join(outRoot, name)}`,
    );
  }
}
