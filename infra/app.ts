/**
 * The CDK app (cdk.json: `npx tsx infra/app.ts`). Configuration comes from context or the
 * environment (see `readConfig` in infra/stack.ts and README "Configuration"):
 *
 *   npx cdk synth -c mailFrom=no-reply@your-agency.gov.vn -c sendRate=14 -c allowedOrigins=https://thidua.your-agency.gov.vn
 *
 * The stack is environment-agnostic (no account/region, no lookups), so synth works offline.
 * cdk-nag's AwsSolutions checks run on every synth; in cdk-nag 3 an unacknowledged finding fails it.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ThiduaStack, readConfig } from './stack';

const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

const stackName = String(app.node.tryGetContext('stackName') ?? 'Thidua');
new ThiduaStack(app, stackName, {
  config: readConfig(app),
  description: 'thidua: Vietnamese emulation and commendation campaigns (phong trào thi đua, khen thưởng)',
});

app.synth();
