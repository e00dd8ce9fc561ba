import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccountRecovery, ClientAttributes, FeaturePlan, Mfa, OAuthScope, StandardThreatProtectionMode, StringAttribute, UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { CfnGlobalTable, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { CfnConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import type { Role } from '../shared/http/routes';
import { INVITATION } from '../shared/mail/invitation';
import { acknowledge } from './constructs/nag';
import { ApiCustomDomain, type ApiDomainConfig, LoginDomain, type LoginDomainConfig } from './constructs/custom-domains';
import { OperationsAlarms } from './constructs/alarms';
import { ClockSchedule } from './constructs/clock-schedule';
import { SesEvents } from './constructs/ses-events';
import { QueueConsumer } from './constructs/queue-consumer';
import { StreamConsumer } from './constructs/stream-consumer';
import { bindTable, createTable } from './constructs/table';
import { ThiduaFunction } from './constructs/thidua-function';
import { type BucketAccess, DEFAULT_BUCKET_PREFIX, type FunctionName, type FunctionSpec, functionNameVariable, functions, metrics, queueAtSendRate, routesOf, wiringProblems } from './wiring';

/** The groups of the user pool; tokens carry them in `cognito:groups`. */
export const groups = {
  admin: 'Văn phòng: directory, campaigns, issuing, deliveries',
  unit: 'A unit: registers, reports and nominates for its own unit (custom:unitId)',
  council: 'Hội đồng thi đua - khen thưởng: reviews the scoring proposal',
  viewer: 'Reads campaigns and their audit trail',
  platform: 'The platform operator: creates agencies; no agency role, no campaign contents',
} as const satisfies Record<Role | 'platform', string>;

export interface ThiduaConfig {
  /** The sender address; its domain (or the address) must be a verified SES identity. */
  mailFrom: string;
  /**
   * Further senders agencies may mail from (context `allowedSenders`, comma-separated): an agency's `mailFrom` must be one
   * of them. Each (or its domain) must be a verified SES identity; the mailer's permission names exactly these.
   */
  allowedSenders: string[];
  /** Emails per second per mailer process: the account's SES maximum send rate. */
  /** Emails per second per mailer; undefined: the mailer reads the account's SES quota (MaxSendRate) itself. */
  sendRate?: number;
  /** Origins the browser may call the API from (CORS); none: no CORS configuration. */
  allowedOrigins?: string[];
  logLevel: string;
  /** Keep the table, the user pool and the logs when the stack is deleted (production). */
  retainData: boolean;
  configurationSetName: string;
  logRetention: RetentionDays;
  /** Stage-wide throttling defaults of the HTTP API. */
  throttle: { rateLimit: number; burstLimit: number };
  /** Subscribed by email to the alarms topic (optional). */
  alarmEmail?: string;
  /** `dev` or `prod` (context `environment`): the stack's name and its defaults; undefined: the plain stack `Thidua`. */
  environment?: Environment;
  /** Powertools' service name: the `service` dimension of the custom metrics the alarms watch. */
  serviceName: string;
  /** The API under the agency's own name (context `apiDomainName` + `apiCertificateArn`); off by default. */
  apiDomain?: ApiDomainConfig;
  /**
   * The table's physical name (context `tableName`); undefined: CloudFormation names it. Set to
   * adopt a table restored from point-in-time recovery with `cdk import` (README "Deploying").
   */
  tableName?: string;
  /** Cognito's managed login for browser clients (context `authDomainPrefix`, or `authDomainName` + `authCertificateArn`); off by default. */
  loginDomain?: LoginDomainConfig;
}

export const environments = ['dev', 'prod'] as const;
export type Environment = (typeof environments)[number];

/**
 * The stack's name: context `stackName`, else `Thidua-dev` / `Thidua-prod` for `-c environment=…`,
 * else `Thidua`. Two environments are two stacks, deployable side by side in one account.
 */
export function stackNameOf(scope: Construct): string {
  const explicit = scope.node.tryGetContext('stackName');
  if (explicit !== undefined && explicit !== null && explicit !== '') return String(explicit);
  const environment = environmentOf(scope);
  return environment ? `Thidua-${environment}` : 'Thidua';
}

function environmentOf(scope: Construct): Environment | undefined {
  const raw = scope.node.tryGetContext('environment');
  if (raw === undefined || raw === null || raw === '') return undefined;
  const environment = String(raw).trim().toLowerCase();
  if (!(environments as readonly string[]).includes(environment)) throw new Error(`environment must be one of ${environments.join(', ')}, got "${String(raw)}"`);
  return environment as Environment;
}

export const defaults = {
  mailFrom: 'no-reply@thidua.example.org',
  logLevel: 'INFO',
  configurationSetName: 'thidua',
} as const;

const EMAIL = /^[^@\s]+@([^@\s]+\.[^@\s]+)$/;

/**
 * The stack's configuration from CDK context only (`-c mailFrom=… -c sendRate=…`, or cdk.json).
 * Not from the environment: the local twin's MAIL_SEND_RATE or LOG_LEVEL, exported in a shell,
 * must not leak into a deploy. `removalPolicy=destroy` makes a throw-away dev stack.
 */
export function readConfig(scope: Construct): ThiduaConfig {
  const ctx = (key: string): unknown => scope.node.tryGetContext(key);
  const str = (key: string, fallback: string): string => {
    const v = ctx(key);
    return v === undefined || v === null || v === '' ? fallback : String(v);
  };

  const mailFrom = str('mailFrom', defaults.mailFrom).trim();
  if (!EMAIL.test(mailFrom)) throw new Error(`mailFrom must be an email address (name@domain), got "${mailFrom}"`);

  const senderList = ctx('allowedSenders');
  const allowedSenders = [
    ...new Set((Array.isArray(senderList) ? senderList.map(String) : typeof senderList === 'string' ? senderList.split(',') : []).map((s) => s.trim().toLowerCase()).filter(Boolean)),
  ];
  for (const s of allowedSenders) if (!EMAIL.test(s)) throw new Error(`allowedSenders: "${s}" is not an email address (name@domain)`);

  const sendRateRaw = ctx('sendRate');
  const sendRate = sendRateRaw === undefined || sendRateRaw === null || sendRateRaw === '' ? undefined : Number(sendRateRaw);
  if (sendRate !== undefined && (!Number.isFinite(sendRate) || sendRate <= 0)) throw new Error(`sendRate must be a positive number of emails per second, got "${String(sendRateRaw)}"`);

  const originsRaw = ctx('allowedOrigins');
  const allowedOrigins = (Array.isArray(originsRaw) ? originsRaw.map(String) : typeof originsRaw === 'string' ? originsRaw.split(',') : []).map((o) => o.trim()).filter(Boolean);
  for (const o of allowedOrigins) {
    if (o !== '*' && !/^https?:\/\/[^/\s]+$/.test(o)) throw new Error(`allowedOrigins: "${o}" is not an origin (scheme://host[:port], no path)`);
  }

  const alarmEmail = str('alarmEmail', '').trim() || undefined;
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) throw new Error(`alarmEmail must be an email address (name@domain), got "${alarmEmail}"`);

  const environment = environmentOf(scope);
  // A dev stack is disposable unless told otherwise; prod keeps its data whatever the context says.
  const removal = str('removalPolicy', environment === 'dev' ? 'destroy' : 'retain').toLowerCase();
  if (removal !== 'retain' && removal !== 'destroy') throw new Error(`removalPolicy must be "retain" or "destroy", got "${removal}"`);
  if (environment === 'prod' && removal === 'destroy') throw new Error('removalPolicy=destroy is refused for environment=prod: its table, users and logs are retained');

  const list = (key: string): string[] => {
    const v = ctx(key);
    return (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',') : []).map((s) => s.trim()).filter(Boolean);
  };
  const certificate = (key: string, region?: string) => {
    const arn = str(key, '').trim();
    const re = /^arn:aws[\w-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[\w-]+$/;
    const m = re.exec(arn);
    if (!m) throw new Error(`${key} must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>), got "${arn}"`);
    if (region && m[1] !== region) throw new Error(`${key}: the certificate must be in ${region}, got ${m[1]}`);
    return arn;
  };
  const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

  const tableName = str('tableName', '').trim() || undefined;
  if (tableName !== undefined && !/^[A-Za-z0-9_.-]{3,255}$/.test(tableName)) throw new Error(`tableName must be 3–255 letters, digits, _ . or -, got "${tableName}"`);

  const apiDomainName = str('apiDomainName', '').trim().toLowerCase();
  let apiDomain: ApiDomainConfig | undefined;
  if (apiDomainName) {
    if (!DOMAIN.test(apiDomainName)) throw new Error(`apiDomainName must be a domain name, got "${apiDomainName}"`);
    // Regional endpoint: the certificate is in the stack's region, which an environment-agnostic synth cannot know.
    apiDomain = { domainName: apiDomainName, certificateArn: certificate('apiCertificateArn') };
  } else if (str('apiCertificateArn', '')) throw new Error('apiCertificateArn is set without apiDomainName');

  const authPrefix = str('authDomainPrefix', '').trim();
  const authDomainName = str('authDomainName', '').trim().toLowerCase();
  let loginDomain: LoginDomainConfig | undefined;
  if (authPrefix || authDomainName) {
    if (authPrefix && authDomainName) throw new Error('authDomainPrefix and authDomainName are exclusive: a Cognito prefix or your own domain');
    const callbackUrls = list('authCallbackUrls');
    if (callbackUrls.length === 0) throw new Error('the managed login domain needs authCallbackUrls: where Cognito returns the browser after signing in');
    const logoutUrls = list('authLogoutUrls');
    for (const u of [...callbackUrls, ...logoutUrls]) {
      // Cognito allows plain http only for localhost (a developer's SPA).
      if (!/^https:\/\/\S+$/.test(u) && !/^http:\/\/localhost(:\d+)?(\/\S*)?$/.test(u)) throw new Error(`authCallbackUrls/authLogoutUrls: "${u}" must be https (or http://localhost)`);
    }
    const urls = { callbackUrls, logoutUrls: logoutUrls.length ? logoutUrls : callbackUrls };
    if (authPrefix) {
      // Cognito's rule for prefixes; it also refuses ones containing aws, amazon or cognito.
      if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(authPrefix) || /aws|amazon|cognito/.test(authPrefix)) {
        throw new Error(`authDomainPrefix must be lower-case letters, digits and hyphens without aws/amazon/cognito, got "${authPrefix}"`);
      }
      loginDomain = { prefix: authPrefix, ...urls };
    } else {
      if (!DOMAIN.test(authDomainName)) throw new Error(`authDomainName must be a domain name, got "${authDomainName}"`);
      loginDomain = { domainName: authDomainName, certificateArn: certificate('authCertificateArn', 'us-east-1'), ...urls };
    }
  } else if (str('authCertificateArn', '')) throw new Error('authCertificateArn is set without authDomainName');

  const retentionDays = Number(str('logRetentionDays', String(RetentionDays.THREE_MONTHS)));
  if (!Object.values(RetentionDays).includes(retentionDays)) throw new Error(`logRetentionDays: ${retentionDays} is not a CloudWatch Logs retention`);

  return {
    mailFrom,
    allowedSenders: allowedSenders.filter((s) => s !== mailFrom.toLowerCase()),
    ...(sendRate !== undefined ? { sendRate } : {}),
    allowedOrigins: allowedOrigins.length ? allowedOrigins : undefined,
    logLevel: str('logLevel', defaults.logLevel).toUpperCase(),
    retainData: removal === 'retain',
    // Names of account-wide things carry the environment, so dev and prod can share an account.
    configurationSetName: str('configurationSetName', environment ? `${defaults.configurationSetName}-${environment}` : defaults.configurationSetName),
    logRetention: retentionDays as RetentionDays,
    throttle: {
      rateLimit: Number(str('apiRateLimit', '50')),
      burstLimit: Number(str('apiBurstLimit', '100')),
    },
    alarmEmail,
    ...(environment ? { environment } : {}),
    serviceName: environment ? `thidua-${environment}` : 'thidua',
    ...(apiDomain ? { apiDomain } : {}),
    ...(tableName ? { tableName } : {}),
    ...(loginDomain ? { loginDomain } : {}),
  };
}

export interface ThiduaStackProps extends StackProps {
  config: ThiduaConfig;
}

/**
 * The whole backend (DESIGN.md "Shape"), built from `infra/wiring.ts` and
 * `infra/table-definition.ts`: one table with a stream, the functions, the HTTP API with its JWT
 * authorizer, the Cognito user pool, the stream subscriptions with their dead-letter queues, and
 * the SES permissions of the function that sends email, the SES event publishing (configuration set
 * → SNS → the `sesEvents` function) and the operations alarms.
 */
export class ThiduaStack extends Stack {
  readonly table: TableV2;
  /** The private bucket of the documents (generated PDFs, signed originals, evidence and dossier files): docs/documents-storage.md. */
  readonly documentsBucket: Bucket;
  /** Where S3 writes the documents bucket's server access logs (who read or wrote which file). */
  readonly documentsAccessLogs: Bucket;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly functions: Record<FunctionName, ThiduaFunction>;
  /** The mapping of the table's one stream reader (the stream router). */
  readonly streamReaders: Partial<Record<FunctionName, StreamConsumer>> = {};
  /** Each consumer's queue, dead-letter queue and SQS mapping. */
  readonly consumers: Partial<Record<FunctionName, QueueConsumer>> = {};
  readonly schedules: Partial<Record<FunctionName, ClockSchedule>> = {};
  /** The SES event publishing (configuration set → SNS → function) of each `sesEvents` function. */
  readonly sesEvents: Partial<Record<FunctionName, SesEvents>> = {};
  readonly alarms: OperationsAlarms;
  /** The ARNs the email-sending functions may send from / through. */
  readonly sesResources: { identities: string[]; configurationSet: string };

  constructor(scope: Construct, id: string, props: ThiduaStackProps) {
    super(scope, id, props);
    const config = props.config;
    const problems = wiringProblems(functions);
    if (problems.length) throw new Error(`infra/wiring.ts: ${problems.join('; ')}`);
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // ── Data ──────────────────────────────────────────────────────────────────────────────────
    this.table = createTable(this, 'Table', { removalPolicy, deletionProtection: config.retainData });
    // A fixed name only when asked for: CloudFormation cannot rename a table without replacing it.
    if (config.tableName) (this.table.node.defaultChild as CfnGlobalTable).tableName = config.tableName;
    ({ bucket: this.documentsBucket, accessLogs: this.documentsAccessLogs } = createDocumentsBucket(this, {
      removalPolicy,
      allowedOrigins: config.allowedOrigins,
      logRetentionDays: config.logRetention,
    }));

    // ── Identity ─────────────────────────────────────────────────────────────────────────────
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      // Plus feature plan with full-function threat protection (AwsSolutions-COG8): these accounts
      // can email an agency's whole Nơi nhận list and decide commendations.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: {
        // The unit a `unit` user reports for; set by an administrator, never by the user.
        unitId: new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 }),
        // The agency a user works in; set by the agency's admin through POST /users (or the platform), never by the user
        // (not among the client's write attributes). Mutable so that accounts made before agencies can be given one.
        agencyId: new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 }),
      },
      // The invitation Cognito emails on AdminCreateUser; the twin sends the same (shared/mail/invitation.ts).
      userInvitation: { emailSubject: INVITATION.subject, emailBody: INVITATION.body },
      removalPolicy,
    });
    for (const [groupName, description] of Object.entries(groups)) {
      this.userPool.addGroup(`Group-${groupName}`, { groupName, description });
    }
    this.userPoolClient = this.userPool.addClient('SpaClient', {
      generateSecret: false,
      // USER_PASSWORD_AUTH for `npm run login` (scripts/login.ts): SRP would need a library the
      // project does not have. The password travels over TLS to Cognito only, and MFA is required.
      authFlows: { userSrp: true, userPassword: true },
      preventUserExistenceErrors: true,
      // OAuth (authorization code with PKCE) only with the managed login domain, for browser clients.
      ...(config.loginDomain
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
              callbackUrls: config.loginDomain.callbackUrls,
              logoutUrls: config.loginDomain.logoutUrls,
            },
          }
        : { disableOAuth: true }),
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }).withCustomAttributes('unitId', 'agencyId'),
      // Not custom:unitId nor custom:agencyId: a user who could write them could report for any unit, or work in any agency.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    const issuer = `https://${this.userPool.userPoolProviderUrl}`;

    // ── Mail (SES v2) ────────────────────────────────────────────────────────────────────────
    // The sender's domain is verified by the operator, outside the stack: no EmailIdentity here.
    const configurationSet = new CfnConfigurationSet(this, 'MailConfigurationSet', {
      name: config.configurationSetName,
      reputationOptions: { reputationMetricsEnabled: true },
      sendingOptions: { sendingEnabled: true },
      suppressionOptions: { suppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    const senders = [config.mailFrom, ...config.allowedSenders];
    const identityNames = [...new Set(senders.flatMap((s) => [s.split('@')[1]!, s]))];
    this.sesResources = {
      // SES authorizes a send against the identity it uses: the verified domain, or the address
      // if the operator verified that instead; one pair per sender an agency may use.
      identities: identityNames.map((resourceName) => this.formatArn({ service: 'ses', resource: 'identity', resourceName })),
      configurationSet: this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: config.configurationSetName }),
    };

    // ── Functions, from the wiring ───────────────────────────────────────────────────────────
    const commonEnvironment = {
      TABLE_NAME: this.table.tableName,
      MAIL_FROM: config.mailFrom,
      // The senders agencies may choose (PUT /agencies refuses others; the mailer falls back to MAIL_FROM).
      ...(config.allowedSenders.length ? { ALLOWED_SENDERS: config.allowedSenders.join(',') } : {}),
      // Unset: the mailer asks SES for the account's maximum send rate (GetAccount) at cold start.
      ...(config.sendRate !== undefined ? { MAIL_SEND_RATE: String(config.sendRate) } : {}),
      POWERTOOLS_SERVICE_NAME: config.serviceName,
      LOG_LEVEL: config.logLevel,
    };
    const built: Partial<Record<FunctionName, ThiduaFunction>> = {};
    for (const [name, spec] of Object.entries(functions) as [FunctionName, FunctionSpec][]) {
      const f = new ThiduaFunction(this, pascal(name), {
        spec,
        environment: {
          ...commonEnvironment,
          ...(spec.sendsEmail || spec.sesEvents ? { SES_CONFIGURATION_SET: configurationSet.name! } : {}),
          // The mailer paces itself at 1/maxConcurrency of the global rate (shared/mail/send-rate.ts).
          ...(spec.sendsEmail && spec.queue ? { MAIL_CONCURRENCY: String(spec.queue.maxConcurrency) } : {}),
          ...(spec.userPool ? { USER_POOL_ID: this.userPool.userPoolId } : {}),
          ...(spec.bucket ? { DOCUMENTS_BUCKET: this.documentsBucket.bucketName } : {}),
        },
        logRetention: config.logRetention,
        removalPolicy,
      });
      built[name] = f;
      bindTable(this.table, f.role, spec.table);

      if (spec.sendsEmail) {
        f.role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            sid: 'SendThroughSes',
            actions: ['ses:SendEmail'],
            resources: [...this.sesResources.identities, this.sesResources.configurationSet],
            // Only as the configured senders: the domain identity would otherwise let this role send
            // as any address of the domain. SES compares the bare From address (the display name
            // is ses:FromDisplayName), case-sensitively; the mailer sends them as they are here.
            conditions: { StringEquals: { 'ses:FromAddress': senders.length === 1 ? config.mailFrom : senders } },
          }),
        );
        // The account's send quota is the default send rate; GetAccount has no resource-level permissions.
        f.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadSesSendQuota', actions: ['ses:GetAccount'], resources: ['*'] }));
        f.fn.node.addDependency(configurationSet);
      }

      if (spec.bucket) bindBucket(this.documentsBucket, f.role, spec.bucket);

      if (spec.userPool) {
        f.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'EnrolUsers', actions: spec.userPool.map((a) => `cognito-idp:${a}`), resources: [this.userPool.userPoolArn] }));
      }

      if (spec.stream) {
        this.streamReaders[name] = new StreamConsumer(this, `${pascal(name)}Stream`, {
          table: this.table,
          fn: f.fn,
          subscription: spec.stream,
          removalPolicy,
        });
      }

      if (spec.queue) {
        const subscription = queueAtSendRate(spec, config.sendRate)!;
        this.consumers[name] = new QueueConsumer(this, `${pascal(name)}Queue`, { fn: f.fn, timeoutSeconds: spec.timeoutSeconds, subscription, removalPolicy });
      }

      if (spec.sesEvents) {
        this.sesEvents[name] = new SesEvents(this, `${pascal(name)}SesEvents`, {
          fn: f.fn,
          configurationSet,
          configurationSetArn: this.sesResources.configurationSet,
          destinationName: `${name}-sns`,
          removalPolicy,
        });
      }
    }
    // Synchronous invocations (the renderer): a caller may invoke exactly the functions its wiring names, and learns
    // each one's name from its environment.
    for (const [name, spec] of Object.entries(functions) as [FunctionName, FunctionSpec][]) {
      for (const target of spec.invokes ?? []) {
        const callee = built[target as FunctionName]!;
        built[name]!.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: `Invoke${pascal(target)}`, actions: ['lambda:InvokeFunction'], resources: [callee.fn.functionArn] }));
        built[name]!.fn.addEnvironment(functionNameVariable(target), callee.fn.functionName);
      }
    }
    this.functions = built as Record<FunctionName, ThiduaFunction>;
    // The stream router learns the queues from its environment, and may send to them and nothing else.
    for (const name of Object.keys(this.streamReaders) as FunctionName[]) {
      const router = built[name]!;
      router.fn.addEnvironment('ROUTES', this.toJsonString(routesOf(functions, (consumer) => this.consumers[consumer as FunctionName]!.queue.queueUrl)));
      for (const consumer of Object.values(this.consumers)) consumer!.queue.grantSendMessages(router.role);
    }
    for (const [name, spec] of Object.entries(functions) as [FunctionName, FunctionSpec][]) {
      if (spec.schedule) this.schedules[name] = new ClockSchedule(this, `${pascal(name)}Schedule`, { fn: built[name]!.fn, schedule: spec.schedule, removalPolicy });
    }

    // ── Operations ───────────────────────────────────────────────────────────────────────────
    const entries = <T>(r: Partial<Record<FunctionName, T>>) => Object.entries(r) as [FunctionName, T][];
    this.alarms = new OperationsAlarms(this, 'Alarms', {
      streamConsumers: entries(this.streamReaders).map(([name]) => ({ name, fn: built[name]!.fn })),
      queues: entries(this.consumers).map(([name, c]) => ({ name: `${name}Queue`, queue: c.queue })),
      deadLetterQueues: [
        ...entries(this.streamReaders).map(([name, c]) => ({ name: `${name}DeadLetterQueue`, queue: c.deadLetterQueue })),
        ...entries(this.consumers).map(([name, c]) => ({ name: `${name}DeadLetterQueue`, queue: c.deadLetterQueue })),
        ...entries(this.schedules).map(([name, s]) => ({ name: `${name}ScheduleDeadLetterQueue`, queue: s.deadLetterQueue })),
        ...entries(this.sesEvents).flatMap(([name, e]) => [
          { name: `${name}SubscriptionDeadLetterQueue`, queue: e.deadLetterQueue },
          { name: `${name}FailedInvocationsQueue`, queue: e.failedInvocationsQueue },
        ]),
      ],
      mailers: (Object.entries(functions) as [FunctionName, FunctionSpec][]).filter(([, spec]) => spec.sendsEmail).map(([name]) => ({ name, fn: built[name]!.fn })),
      metrics,
      serviceName: commonEnvironment.POWERTOOLS_SERVICE_NAME,
      alarmEmail: config.alarmEmail,
      removalPolicy,
    });

    // ── HTTP API ─────────────────────────────────────────────────────────────────────────────
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `${this.stackName}-api`,
      description: 'thidua: emulation and commendation campaigns',
      createDefaultStage: false,
      corsPreflight: config.allowedOrigins
        ? {
            allowOrigins: config.allowedOrigins,
            allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE, CorsHttpMethod.OPTIONS],
            allowHeaders: ['authorization', 'content-type'],
            maxAge: Duration.hours(1),
          }
        : undefined,
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: config.logRetention, removalPolicy });
    this.stage = new HttpStage(this, 'ApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: config.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            user: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const authorizer = new HttpJwtAuthorizer('CognitoJwt', issuer, {
      authorizerName: 'cognito-jwt',
      jwtAudience: [this.userPoolClient.userPoolClientId],
    });
    const noAuth = new HttpNoneAuthorizer();
    for (const [name, spec] of Object.entries(functions) as [FunctionName, FunctionSpec][]) {
      if (!spec.api) continue;
      const integration = new HttpLambdaIntegration(`${pascal(name)}Integration`, built[name]!.fn);
      for (const route of spec.api.routes) {
        const [added] = this.api.addRoutes({
          path: route.path,
          methods: [HttpMethod[route.method]],
          integration,
          authorizer: route.auth === 'jwt' ? authorizer : noAuth,
        });
        if (route.auth === 'none') {
          acknowledge(
            added!,
            'AwsSolutions-APIG4',
            `${route.method} ${route.path} is public by design (shared/http/routes.ts auth: 'none', "${route.summary}"): ` +
              'it returns no campaign or directory data. Every other route requires a Cognito JWT.',
          );
        }
      }
    }

    // ── Optional domains (off by default) ─────────────────────────────────────────────────────
    if (config.apiDomain) new ApiCustomDomain(this, 'ApiDomain', { ...config.apiDomain, api: this.api, stage: this.stage });
    if (config.loginDomain) new LoginDomain(this, 'LoginDomain', { config: config.loginDomain, userPool: this.userPool, client: this.userPoolClient });

    // ── Outputs ──────────────────────────────────────────────────────────────────────────────
    // npm run login -- --stack <name> reads Region, UserPoolId and UserPoolClientId.
    new CfnOutput(this, 'Region', { value: this.region, description: 'The region of the stack (Cognito, the API)' });
    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'HTTP API base URL' });
    new CfnOutput(this, 'JwtIssuer', { value: issuer, description: 'Issuer the API accepts tokens from' });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId, description: 'App client of the SPA (no secret)' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'DocumentsBucketName', { value: this.documentsBucket.bucketName, description: 'The private bucket of the documents and uploaded files' });
    new CfnOutput(this, 'SesConfigurationSet', { value: configurationSet.name! });
    for (const [name, reader] of Object.entries(this.streamReaders)) {
      new CfnOutput(this, `${pascal(name)}DeadLetterQueueUrl`, {
        value: reader!.deadLetterQueue.queueUrl,
        description: `Stream batches ${name} failed to route after all retries`,
      });
      // npm run redrive -- --cloud --function <name> finds the function to replay into by this output.
      new CfnOutput(this, `${pascal(name)}FunctionName`, { value: this.functions[name as FunctionName].fn.functionName });
    }
    // npm run redrive -- --cloud --function <name> moves a consumer's dead letters back to its queue by these.
    for (const [name, consumer] of Object.entries(this.consumers)) {
      new CfnOutput(this, `${pascal(name)}QueueArn`, { value: consumer!.queue.queueArn, description: `The queue ${name} consumes` });
      new CfnOutput(this, `${pascal(name)}DeadLetterQueueUrl`, { value: consumer!.deadLetterQueue.queueUrl, description: `Messages ${name} failed on every receive` });
      new CfnOutput(this, `${pascal(name)}DeadLetterQueueArn`, { value: consumer!.deadLetterQueue.queueArn });
    }
    for (const [name, e] of Object.entries(this.sesEvents)) {
      new CfnOutput(this, `${pascal(name)}SubscriptionDeadLetterQueueUrl`, {
        value: e!.deadLetterQueue.queueUrl,
        description: `SES events SNS could not deliver to ${name}`,
      });
      new CfnOutput(this, `${pascal(name)}FailedInvocationsQueueUrl`, {
        value: e!.failedInvocationsQueue.queueUrl,
        description: `SES events ${name} failed on after all retries`,
      });
    }
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Operations alarms are published here; subscribe to be notified' });
  }
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The documents bucket (issue 12, docs/documents-storage.md): private, reached through presigned URLs
 * only, and its access-log bucket.
 *
 * - Block Public Access on all four settings, ACLs disabled (BucketOwnerEnforced), TLS only (a bucket
 *   policy denies any request without it: AwsSolutions-S10).
 * - Encrypted with S3-managed keys (SSE-S3), not KMS: every byte is encrypted at rest either way; a
 *   customer key would add a key policy and kms:Decrypt/GenerateDataKey to every role that signs a URL,
 *   a KMS request (and its cost and quota) per upload and download, and nothing these files need: who
 *   may read them is decided by IAM on the object keys and by who gets a URL, not by the key. Revisit if
 *   an agency must revoke access by disabling a key, or audit decryption apart from S3's access logs.
 * - Versioned: a file replaced under the same key (another upload, a body sent twice through a still
 *   valid URL) keeps its earlier versions; a document records the version it checked
 *   (shared/files/verify.ts). Noncurrent versions expire after a year, incomplete multipart uploads after
 *   a day, and delete markers left with no version are removed.
 * - Server access logs to a second bucket (who downloaded which evidence file, with which URL's
 *   credentials), kept as long as the stack's log retention, at least 90 days.
 * - CORS only when the stack has browser origins (`allowedOrigins`, the API's): the browser PUTs a file
 *   straight to S3 through the presigned URL, sending exactly the signed headers, and may GET a file
 *   to show it; nothing else, from those origins only.
 */
export function createDocumentsBucket(
  scope: Construct,
  props: { removalPolicy: RemovalPolicy; allowedOrigins: string[] | undefined; logRetentionDays: RetentionDays },
): { bucket: Bucket; accessLogs: Bucket } {
  const privateBucket = {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    // A bucket holding an agency's records is not emptied by a stack deletion: with `destroy` (a dev
    // stack) CloudFormation deletes it only when empty, and the stack's deletion fails otherwise. No
    // autoDeleteObjects: it adds a custom-resource function with broad S3 rights to every stack.
    removalPolicy: props.removalPolicy,
  } as const;
  const retention = Math.max(90, props.logRetentionDays === RetentionDays.INFINITE ? 3653 : props.logRetentionDays);
  const accessLogs = new Bucket(scope, 'DocumentsAccessLogs', {
    ...privateBucket,
    // S3 log delivery writes to a bucket with SSE-S3 only (not SSE-KMS); CDK grants it through a bucket policy.
    lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(retention) }],
  });
  acknowledge(
    accessLogs,
    'AwsSolutions-S1',
    'This bucket is the target of the documents bucket’s server access logs: logging its own accesses would log into itself ' +
      'or need a third bucket with the same finding. Only S3’s log delivery writes here; it is private, TLS-only and expires its logs.',
  );
  const bucket = new Bucket(scope, 'Documents', {
    ...privateBucket,
    versioned: true,
    lifecycleRules: [
      { id: 'noncurrent-versions', noncurrentVersionExpiration: Duration.days(365), expiredObjectDeleteMarker: true },
      { id: 'incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ],
    ...(props.allowedOrigins
      ? {
          cors: [
            {
              allowedOrigins: props.allowedOrigins,
              allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
              // The headers presignUpload signs (Content-Length is set by the browser, never listed).
              allowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
              exposedHeaders: ['etag', 'x-amz-version-id'],
              maxAge: 3600,
            },
          ],
        }
      : {}),
  });
  // The logging configuration and the log delivery's permission written out rather than through
  // `serverAccessLogsBucket`: without the feature flag @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy
  // (cdk.json does not set it) CDK would grant log delivery through an ACL, which BucketOwnerEnforced
  // forbids. This is the bucket policy AWS documents for server access logs, confined to this source bucket.
  (bucket.node.defaultChild as CfnBucket).loggingConfiguration = { destinationBucketName: accessLogs.bucketName, logFilePrefix: 'documents/' };
  accessLogs.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'S3ServerAccessLogsDelivery',
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [accessLogs.arnForObjects('documents/*')],
      conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
  );
  return { bucket, accessLogs };
}

/**
 * Grants a function exactly the object actions its wiring entry lists (infra/wiring.ts `BucketAccess`),
 * on `<bucket ARN>/<prefix>*` only: never the bucket itself (no listing), never `s3:*`. Not CDK's
 * `grantReadWrite`, which adds listing, deleting and every Get/Put variant.
 */
export function bindBucket(bucket: Bucket, grantee: iam.IGrantable, access: BucketAccess): void {
  if (!access.actions.length) return;
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'DocumentsObjects',
      actions: access.actions.map((a) => `s3:${a}`),
      resources: [bucket.arnForObjects(`${access.prefix ?? DEFAULT_BUCKET_PREFIX}*`)],
    }),
  );
  // The grant covers a folder of keys, not a bucket or an account: the files are named by agency, campaign and event
  // (shared/files/keys.ts), so no fixed list of objects can be written. Only the reviewed prefix is acknowledged.
  if (grantee instanceof iam.Role) {
    acknowledge(
      grantee,
      `AwsSolutions-IAM5[Resource::<${Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnBucket)}.Arn>/${access.prefix ?? DEFAULT_BUCKET_PREFIX}*]`,
      'Object actions on the documents folder only (agency/…): keys are made per agency, campaign and event, so the grant names the folder; no listing, no deleting, no bucket action.',
    );
  }
}
