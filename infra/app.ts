/**
 * The CDK app (cdk.json: `npx tsx infra/app.ts`). Configuration comes from context or the
 * environment (see `readConfig` in infra/stack.ts and README "Configuration"):
 *
 *   npx cdk synth -c mailFrom=no-reply@your-agency.gov.vn -c sendRate=14 -c allowedOrigins=https://thidua.your-agency.gov.vn
 *
 *   npx cdk deploy ThiduaDeployRole -c githubRepo=org/thidua      # the pipeline's role, once
 *
 * The stack is environment-agnostic (no account/region, no lookups), so synth works offline.
 * cdk-nag's AwsSolutions checks run on every synth; in cdk-nag 3 an unacknowledged finding fails it.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DeployRoleStack, readDeployRoleConfig } from './constructs/github-deploy-role';
import { ThiduaStack, readConfig, stackNameOf } from './stack';

const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

// `-c environment=dev` → stack Thidua-dev (disposable), `-c environment=prod` → Thidua-prod (retained).
new ThiduaStack(app, stackNameOf(app), {
  config: readConfig(app),
  description: 'thidua: Vietnamese emulation and commendation campaigns (phong trào thi đua, khen thưởng)',
});
// The pipeline's OIDC role, deployed once per account by an operator (`-c githubRepo=owner/name`);
// only in the app when asked for, so that a plain `cdk deploy` still has one stack to deploy.
if (app.node.tryGetContext('githubRepo')) {
  new DeployRoleStack(app, 'ThiduaDeployRole', {
    config: readDeployRoleConfig(app),
    description: 'thidua: the role GitHub Actions assumes (OIDC) to run cdk deploy',
  });
}

app.synth();
