import * as path from 'node:path';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../wiring';
import { acknowledge } from './nag';

/** The project root: entries in `infra/wiring.ts` are relative to it. */
export const projectRoot = path.join(__dirname, '..', '..');

/** The Lambda runtime every function runs on (Node 24, the version the project is tested with). */
export const runtime = Runtime.NODEJS_24_X;

/**
 * Defines `require` inside the ESM bundle: some CommonJS dependencies bundled into it call
 * `require()` for Node built-ins, which ESM output does not provide by itself.
 */
export const esmRequireBanner = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * `__dirname` and `__filename` inside the ESM bundle, for a function that reads files beside it: pdfmake's virtual file
 * system resolves the fonts against `__dirname` (a CommonJS global that ESM does not have).
 */
export const esmDirnameBanner = 'const __filename = import.meta.filename; const __dirname = import.meta.dirname;';

/**
 * esbuild aliases of the Lambda bundles: the SDK's default credential chain replaced by its
 * environment link alone (infra/bundling/env-credentials.ts says why). Relative to the project
 * root, where the bundler runs.
 */
export const lambdaAliases: Record<string, string> = { '@aws-sdk/credential-provider-node': './infra/bundling/env-credentials.ts' };

/** esbuild follows imports, not files read by path: copies a function's assets into its bundle's folder. */
function assetHooks(assets: NonNullable<FunctionSpec['assets']>) {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => [`mkdir -p "${outputDir}/${assets.folder}"`, ...assets.files.map((f) => `cp "${inputDir}/${f}" "${outputDir}/${assets.folder}/"`)],
  };
}

export interface ThiduaFunctionProps {
  spec: FunctionSpec;
  /** Environment shared by every function (TABLE_NAME, MAIL_FROM, …), plus the function's own. */
  environment: Record<string, string>;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

/**
 * One function of the wiring with the project's defaults: Node 24 on arm64, an ESM bundle built
 * by the local esbuild (never Docker) with the tested AWS SDK inside, X-Ray tracing,
 * its own log group with a retention, and its own role that may write to that log group and
 * nothing else until the stack grants more.
 */
export class ThiduaFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ThiduaFunctionProps) {
    super(scope, id);
    const { spec } = props;

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.removalPolicy });

    // An own role instead of the managed AWSLambdaBasicExecutionRole (AwsSolutions-IAM4), which
    // allows writing to every log group of the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      // IAM descriptions allow Latin-1 only; the wiring's descriptions are Vietnamese.
      description: `Execution role of the thidua ${id} function (${spec.entry})`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(projectRoot, spec.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      runtime,
      architecture: Architecture.ARM_64,
      memorySize: spec.memorySize,
      timeout: Duration.seconds(spec.timeoutSeconds),
      description: spec.description,
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: { ...props.environment, ...(spec.assets ? { [spec.assets.variable]: `/var/task/${spec.assets.folder}` } : {}) },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        // Vietnamese text as UTF-8 rather than \u escapes (esbuild's default is ASCII): 11–13 KB less
        // per bundle, import time unchanged (measured with `npm run bench`; issue 9 "Lighter bundles").
        charset: Charset.UTF8,
        // No source maps: --enable-source-maps makes every cold start parse a 2.5 MB map first,
        // measured +8–30 % CPU on the module import (docs/toolchain.md "Bundle size", `npm run bench`).
        sourceMap: false,
        bundleAwsSDK: true,
        mainFields: ['module', 'main'],
        banner: spec.assets ? `${esmRequireBanner} ${esmDirnameBanner}` : esmRequireBanner,
        // Files read at run time, copied beside the bundle (the renderer's fonts); the paths are the wiring's.
        ...(spec.assets ? { commandHooks: assetHooks(spec.assets) } : {}),
        esbuildArgs: { '--alias': Object.entries(lambdaAliases).map(([from, to]) => `${from}=${to}`) },
        forceDockerBundling: false,
      },
    });

    // Tracing.ACTIVE adds xray:PutTraceSegments and xray:PutTelemetryRecords on `*` to the role.
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Only X-Ray tracing (Tracing.ACTIVE) and, for the mailer, ses:GetAccount (reading the account send quota) put Resource "*" here: ' +
        'xray:PutTraceSegments, xray:PutTelemetryRecords and ses:GetAccount support no resource-level permissions. ' +
        'Table, queue and SES send grants are scoped to ARNs (asserted in test/infra).',
    );
  }
}
