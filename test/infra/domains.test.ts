/**
 * The optional domains (the API's custom domain, Cognito's managed login), off by default, the
 * environments (dev, prod) and what `npm run login` needs from the stack.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { readConfig, stackNameOf } from '../../infra/stack';
import { buildStack } from './build';

const apiCert = 'arn:aws:acm:ap-southeast-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const authCert = 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000';
const on = {
  apiDomainName: 'api.thidua.example.gov.vn',
  apiCertificateArn: apiCert,
  authDomainPrefix: 'thidua-langson',
  authCallbackUrls: 'https://thidua.example.gov.vn/callback, http://localhost:5173/callback',
};

const off = Template.fromStack(buildStack().stack);

describe('optional domains, off by default', () => {
  it('no custom domain, no login domain, and the app client without OAuth', () => {
    off.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    off.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 0);
    off.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
    off.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 0);
    const outputs = Object.keys(off.toJSON().Outputs);
    for (const o of ['ApiCustomUrl', 'ApiDomainTarget', 'ApiDomainHostedZoneId', 'LoginUrl', 'LoginDomainTarget']) expect(outputs).not.toContain(o);
    off.hasResourceProperties('AWS::Cognito::UserPoolClient', { AllowedOAuthFlowsUserPoolClient: false, AllowedOAuthFlows: Match.absent(), CallbackURLs: Match.absent() });
  });

  it('the API’s custom domain: a regional TLS 1.2 domain with the certificate, mapped to the $default stage, its DNS target an output', () => {
    const { stack, logicalId } = buildStack({ context: on });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ApiGatewayV2::DomainName', 1);
    t.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.thidua.example.gov.vn',
      DomainNameConfigurations: [{ CertificateArn: apiCert, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    });
    const [domainId] = Object.keys(t.findResources('AWS::ApiGatewayV2::DomainName'));
    // The stage by its name, after the stage exists.
    t.hasResource('AWS::ApiGatewayV2::ApiMapping', {
      Properties: { ApiId: { Ref: logicalId(stack.api) }, DomainName: { Ref: domainId }, Stage: '$default' },
      DependsOn: Match.arrayWith([logicalId(stack.stage)]),
    });
    t.hasOutput('ApiDomainTarget', { Value: { 'Fn::GetAtt': [domainId, 'RegionalDomainName'] } });
    t.hasOutput('ApiDomainHostedZoneId', { Value: { 'Fn::GetAtt': [domainId, 'RegionalHostedZoneId'] } });
    t.hasOutput('ApiCustomUrl', { Value: 'https://api.thidua.example.gov.vn/' });
  });

  it('the managed login on a Cognito prefix: the domain, the default branding for the client, OAuth code flow on the client', () => {
    const { stack, logicalId } = buildStack({ context: on });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'thidua-langson', ManagedLoginVersion: 2, UserPoolId: { Ref: logicalId(stack.userPool) } });
    t.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      UserPoolId: { Ref: logicalId(stack.userPool) },
      ClientId: { Ref: logicalId(stack.userPoolClient) },
      UseCognitoProvidedValues: true,
    });
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: Match.arrayEquals(['openid', 'email', 'profile']),
      CallbackURLs: ['https://thidua.example.gov.vn/callback', 'http://localhost:5173/callback'],
      // No logout URLs given: the callback URLs.
      LogoutURLs: ['https://thidua.example.gov.vn/callback', 'http://localhost:5173/callback'],
      GenerateSecret: false,
    });
    expect(Object.keys(t.toJSON().Outputs)).toContain('LoginUrl');
    expect(Object.keys(t.toJSON().Outputs)).not.toContain('LoginDomainTarget');
  });

  it('the managed login on the agency’s own domain: its us-east-1 certificate, the CloudFront target an output', () => {
    const { stack } = buildStack({
      context: { authDomainName: 'login.thidua.example.gov.vn', authCertificateArn: authCert, authCallbackUrls: 'https://thidua.example.gov.vn/', authLogoutUrls: 'https://thidua.example.gov.vn/bye' },
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'login.thidua.example.gov.vn', CustomDomainConfig: { CertificateArn: authCert }, ManagedLoginVersion: 2 });
    const [domainId] = Object.keys(t.findResources('AWS::Cognito::UserPoolDomain'));
    t.hasOutput('LoginDomainTarget', { Value: { 'Fn::GetAtt': [domainId, 'CloudFrontDistribution'] } });
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', { LogoutURLs: ['https://thidua.example.gov.vn/bye'] });
    // The API domain stays off when only the login domain is asked for.
    t.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
  });

  it('refuses a half or wrong domain configuration', () => {
    const cfg = (context: Record<string, unknown>) => () => readConfig(new App({ context }));
    expect(cfg({ apiDomainName: 'api.x.gov.vn' })).toThrow(/apiCertificateArn must be an ACM certificate ARN/);
    expect(cfg({ apiCertificateArn: apiCert })).toThrow(/apiCertificateArn is set without apiDomainName/);
    expect(cfg({ apiDomainName: 'https://api.x.gov.vn', apiCertificateArn: apiCert })).toThrow(/apiDomainName must be a domain name/);
    expect(cfg({ authDomainPrefix: 'thidua' })).toThrow(/needs authCallbackUrls/);
    expect(cfg({ authDomainPrefix: 'thidua', authDomainName: 'login.x.gov.vn', authCallbackUrls: 'https://x.gov.vn/' })).toThrow(/exclusive/);
    expect(cfg({ authDomainPrefix: 'my-cognito-app', authCallbackUrls: 'https://x.gov.vn/' })).toThrow(/authDomainPrefix/);
    expect(cfg({ authDomainPrefix: 'thidua', authCallbackUrls: 'http://x.gov.vn/' })).toThrow(/must be https/);
    // Cognito serves a custom domain through CloudFront: the certificate must be in us-east-1.
    expect(cfg({ authDomainName: 'login.x.gov.vn', authCertificateArn: apiCert, authCallbackUrls: 'https://x.gov.vn/' })).toThrow(/must be in us-east-1, got ap-southeast-1/);
    expect(cfg({ authCertificateArn: authCert })).toThrow(/authCertificateArn is set without authDomainName/);
  });

  it('with both domains on, the stack still passes cdk-nag', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'thidua-domains-'));
    try {
      const { app } = buildStack({ context: on, nag: true, outdir: dir });
      expect(() => app.synth()).not.toThrow();
      const report = JSON.parse(readFileSync(path.join(dir, 'validation-report.json'), 'utf8')) as { pluginReports: { pluginName: string; conclusion: string }[] };
      expect(report.pluginReports.find((p) => p.pluginName === 'AwsSolutions')!.conclusion).toBe('success');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what npm run login needs', () => {
  it('the app client allows the user-password flow (and SRP), and the stack outputs the region, the pool and the client', () => {
    off.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: Match.arrayEquals(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
    });
    off.hasOutput('Region', { Value: { Ref: 'AWS::Region' } });
    expect(Object.keys(off.toJSON().Outputs)).toEqual(expect.arrayContaining(['UserPoolId', 'UserPoolClientId']));
  });
});

describe('environments: two stacks from one app', () => {
  const names = (context: Record<string, unknown>) => stackNameOf(new App({ context }));
  it('names the stack by the environment, or by stackName, or Thidua', () => {
    expect(names({})).toBe('Thidua');
    expect(names({ environment: 'dev' })).toBe('Thidua-dev');
    expect(names({ environment: 'PROD' })).toBe('Thidua-prod');
    expect(names({ environment: 'prod', stackName: 'ThiduaLangSon' })).toBe('ThiduaLangSon');
    expect(() => names({ environment: 'staging' })).toThrow(/environment must be one of dev, prod/);
  });

  it('dev is disposable by default, prod is retained and refuses destroy', () => {
    const cfg = (context: Record<string, unknown>) => readConfig(new App({ context }));
    expect(cfg({ environment: 'dev' }).retainData).toBe(false);
    expect(cfg({ environment: 'dev', removalPolicy: 'retain' }).retainData).toBe(true);
    expect(cfg({ environment: 'prod' }).retainData).toBe(true);
    expect(cfg({}).retainData).toBe(true);
    expect(() => cfg({ environment: 'prod', removalPolicy: 'destroy' })).toThrow(/refused for environment=prod/);
  });

  it('account-wide names carry the environment, so dev and prod can share an account', () => {
    const dev = Template.fromStack(buildStack({ context: { environment: 'dev' } }).stack);
    dev.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'thidua-dev' });
    dev.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
    dev.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'thidua-dev', SES_CONFIGURATION_SET: 'thidua-dev' }) } });
    const prod = Template.fromStack(buildStack({ context: { environment: 'prod' } }).stack);
    prod.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'thidua-prod' });
    prod.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain' });
    // The alarms watch the metrics of their own environment's service.
    const serviceDimensions = Object.values(prod.findResources('AWS::CloudWatch::Alarm')).flatMap((a) => JSON.stringify(a).match(/"Name":"service","Value":"[^"]+"/g) ?? []);
    expect(serviceDimensions.length).toBeGreaterThan(0);
    for (const d of serviceDimensions) expect(d).toContain('"thidua-prod"');
  });
});

describe('restoring from point-in-time recovery: the table’s name', () => {
  it('CloudFormation names the table unless tableName is given, so that a restored table can be imported', () => {
    expect(Object.values(off.findResources('AWS::DynamoDB::GlobalTable'))[0]!.Properties.TableName).toBeUndefined();
    const { stack, logicalId } = buildStack({ context: { tableName: 'thidua-restored-20261201' } });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::DynamoDB::GlobalTable', { TableName: 'thidua-restored-20261201' });
    // The functions still find it by reference.
    const fn = Object.values(stack.functions)[0]!;
    expect(t.toJSON().Resources[logicalId(fn.fn)].Properties.Environment.Variables.TABLE_NAME).toEqual({ Ref: logicalId(stack.table) });
    expect(() => readConfig(new App({ context: { tableName: 'a b' } }))).toThrow(/tableName must be/);
  });
});
