import { CfnOutput } from 'aws-cdk-lib';
import { ApiMapping, DomainName, type HttpApi, type HttpStage, SecurityPolicy } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { CfnManagedLoginBranding, type CfnUserPoolDomain, ManagedLoginVersion, type UserPool, type UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface ApiDomainConfig {
  /** e.g. api.thidua.example.gov.vn */
  domainName: string;
  /** An ACM certificate for the name, in the stack's own region (a regional endpoint). */
  certificateArn: string;
}

/**
 * The HTTP API under the agency's own name: a regional custom domain mapped to the `$default`
 * stage. The DNS record is the operator's (the zone may live anywhere): a CNAME, or a Route 53
 * alias, from the name to the outputs `ApiDomainTarget` / `ApiDomainHostedZoneId`.
 */
export class ApiCustomDomain extends Construct {
  readonly domain: DomainName;
  constructor(scope: Construct, id: string, props: ApiDomainConfig & { api: HttpApi; stage: HttpStage }) {
    super(scope, id);
    this.domain = new DomainName(this, 'Domain', {
      domainName: props.domainName,
      certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    new ApiMapping(this, 'Mapping', { api: props.api, domainName: this.domain, stage: props.stage });
    new CfnOutput(scope, 'ApiCustomUrl', { value: `https://${props.domainName}/`, description: 'The API at its custom domain, once the DNS record exists' });
    new CfnOutput(scope, 'ApiDomainTarget', { value: this.domain.regionalDomainName, description: `DNS: ${props.domainName} CNAME (or Route 53 alias) to this name` });
    new CfnOutput(scope, 'ApiDomainHostedZoneId', { value: this.domain.regionalHostedZoneId, description: 'The hosted zone of ApiDomainTarget, for a Route 53 alias record' });
  }
}

export type LoginDomainConfig =
  /** A prefix of Cognito's own domain: https://<prefix>.auth.<region>.amazoncognito.com */
  | { prefix: string; callbackUrls: string[]; logoutUrls: string[] }
  /** The agency's own name; its ACM certificate must be in us-east-1 (Cognito serves it through CloudFront). */
  | { domainName: string; certificateArn: string; callbackUrls: string[]; logoutUrls: string[] };

/**
 * Cognito's managed login pages for browser clients (authorization code with PKCE on the app
 * client, which the stack turns on with this domain), with Cognito's default branding: the newer
 * managed login shows no page for a client without a branding style.
 */
export class LoginDomain extends Construct {
  readonly domain: UserPoolDomain;
  constructor(scope: Construct, id: string, props: { config: LoginDomainConfig; userPool: UserPool; client: UserPoolClient }) {
    super(scope, id);
    const { config } = props;
    this.domain = new UserPoolDomain(this, 'Domain', {
      userPool: props.userPool,
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
      ...('prefix' in config
        ? { cognitoDomain: { domainPrefix: config.prefix } }
        : { customDomain: { domainName: config.domainName, certificate: Certificate.fromCertificateArn(this, 'Certificate', config.certificateArn) } }),
    });
    const branding = new CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: props.userPool.userPoolId,
      clientId: props.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);
    new CfnOutput(scope, 'LoginUrl', { value: this.domain.baseUrl(), description: 'Managed login (OAuth 2.0 authorize/token endpoints under /oauth2/)' });
    if (!('prefix' in config)) {
      new CfnOutput(scope, 'LoginDomainTarget', {
        value: (this.domain.node.defaultChild as CfnUserPoolDomain).attrCloudFrontDistribution,
        description: `DNS: ${config.domainName} CNAME (or Route 53 alias, zone Z2FDTNDATAQYW2) to this CloudFront name`,
      });
    }
  }
}
