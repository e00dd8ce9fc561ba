import { Aws, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

/** GitHub Actions' OIDC issuer; the `aud` its tokens carry for AWS is `sts.amazonaws.com`. */
export const GITHUB_OIDC_URL = 'https://token.actions.githubusercontent.com';
const GITHUB_AUDIENCE = 'sts.amazonaws.com';
/** The roles `cdk bootstrap` creates that `cdk deploy` assumes (no Docker assets here: no image-publishing role). */
export const BOOTSTRAP_ROLES = ['deploy', 'file-publishing', 'lookup'] as const;

export interface GithubDeployRoleConfig {
  /** `owner/name` of the repository whose workflows may assume the role. */
  githubRepo: string;
  /** The git refs allowed to deploy (the token's `sub` ends with `ref:<ref>`); wildcards `*` allowed. */
  refs: string[];
  /** An IAM OIDC provider for GitHub that already exists in the account (one per account and URL). */
  existingProviderArn?: string;
}

/**
 * The role a GitHub Actions workflow assumes with its OIDC token (no long-lived keys) to run
 * `cdk deploy`: trusted only for one repository and the refs given (release tags by default), and
 * allowed nothing but to assume the CDK bootstrap roles, which hold the deploy permissions.
 */
export class GithubDeployRole extends Construct {
  readonly role: iam.Role;
  readonly providerArn: string;

  constructor(scope: Construct, id: string, config: GithubDeployRoleConfig) {
    super(scope, id);
    // IAM allows one provider per URL in an account: reuse it when another stack already made it.
    this.providerArn = config.existingProviderArn
      ? iam.OidcProviderNative.fromOidcProviderArn(this, 'Provider', config.existingProviderArn).oidcProviderArn
      : new iam.OidcProviderNative(this, 'Provider', { url: GITHUB_OIDC_URL, clientIds: [GITHUB_AUDIENCE] }).oidcProviderArn;

    const host = GITHUB_OIDC_URL.replace(/^https:\/\//, '');
    this.role = new iam.Role(this, 'Role', {
      description: `cdk deploy from GitHub Actions: ${config.githubRepo} at ${config.refs.join(', ')}`,
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.WebIdentityPrincipal(this.providerArn, {
        StringEquals: { [`${host}:aud`]: GITHUB_AUDIENCE },
        // `sub` is `repo:<owner>/<name>:ref:<ref>` for a job without a GitHub environment.
        StringLike: { [`${host}:sub`]: config.refs.map((ref) => `repo:${config.githubRepo}:ref:${ref}`) },
      }),
    });
    const account = Aws.ACCOUNT_ID;
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AssumeCdkBootstrapRoles',
        actions: ['sts:AssumeRole'],
        // Any qualifier and region of this account, then only the roles bootstrap tagged as such.
        resources: BOOTSTRAP_ROLES.map((r) => `arn:${Aws.PARTITION}:iam::${account}:role/cdk-*-${r}-role-${account}-*`),
        conditions: { StringEquals: { 'iam:ResourceTag/aws-cdk:bootstrap-role': [...BOOTSTRAP_ROLES] } },
      }),
    );
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-*-deploy-role-<AWS::AccountId>-*]',
      'The CDK bootstrap deploy role is named cdk-<qualifier>-deploy-role-<account>-<region>: the qualifier and region wildcards let one pipeline deploy to any bootstrapped region, and the aws-cdk:bootstrap-role tag condition limits it to bootstrap roles.',
    );
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-*-file-publishing-role-<AWS::AccountId>-*]',
      'cdk deploy uploads the Lambda bundles through the bootstrap file-publishing role (cdk-<qualifier>-file-publishing-role-<account>-<region>); the wildcards stand for the qualifier and region only, the tag condition for bootstrap roles.',
    );
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-*-lookup-role-<AWS::AccountId>-*]',
      'cdk diff and deploy read the deployed template and context lookups through the bootstrap lookup role (cdk-<qualifier>-lookup-role-<account>-<region>), read-only; the wildcards are its qualifier and region.',
    );
  }
}

/** The pipeline role's configuration from context: `githubRepo` (required), `deployRefs`, `githubOidcProviderArn`. */
export function readDeployRoleConfig(scope: Construct): GithubDeployRoleConfig {
  const ctx = (key: string) => {
    const v = scope.node.tryGetContext(key);
    return v === undefined || v === null ? '' : String(v).trim();
  };
  const githubRepo = ctx('githubRepo');
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(githubRepo)) throw new Error(`githubRepo must be the repository as owner/name, got "${githubRepo}"`);
  const refs = (ctx('deployRefs') || 'refs/tags/v*')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  for (const ref of refs) if (!/^refs\/(tags|heads)\/\S+$/.test(ref)) throw new Error(`deployRefs: "${ref}" is not a git ref (refs/tags/… or refs/heads/…)`);
  const existingProviderArn = ctx('githubOidcProviderArn') || undefined;
  if (existingProviderArn && !/^arn:aws[\w-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/.test(existingProviderArn)) {
    throw new Error(`githubOidcProviderArn must be the ARN of GitHub's OIDC provider (…:oidc-provider/token.actions.githubusercontent.com), got "${existingProviderArn}"`);
  }
  return { githubRepo, refs, ...(existingProviderArn ? { existingProviderArn } : {}) };
}

/** The small stack an operator deploys once per account, before the pipeline can deploy (README "Deploying"). */
export class DeployRoleStack extends Stack {
  readonly deployRole: GithubDeployRole;
  constructor(scope: Construct, id: string, props: StackProps & { config: GithubDeployRoleConfig }) {
    super(scope, id, props);
    this.deployRole = new GithubDeployRole(this, 'GithubDeploy', props.config);
    new CfnOutput(this, 'DeployRoleArn', { value: this.deployRole.role.roleArn, description: 'The GitHub repository variable AWS_DEPLOY_ROLE_ARN' });
    new CfnOutput(this, 'OidcProviderArn', { value: this.deployRole.providerArn });
  }
}
